package io.dense4j.data;

import java.util.Objects;

/**
 * How a CSV file is laid out: a header row or not, the delimiter, and which column holds the
 * label (by name, which needs a header, or by index; the last column by default). Fields may be
 * quoted with double quotes, a doubled quote standing for one.
 *
 * @param labelName  the label column's header name, or null to use {@code labelIndex}
 * @param labelIndex the label column counting from 0, or −1 for the last column
 * @param labeled    whether the file has a label column at all (files to predict on may not)
 */
public record CsvFormat(boolean header, char delimiter, String labelName, int labelIndex, boolean labeled) {

    public CsvFormat {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("a CSV delimiter cannot be a quote or a line break, got " + delimiter);
        }
        if (labelName != null && !header) {
            throw new IllegalArgumentException("the label column is named \"" + labelName + "\", but the file has no header row");
        }
        if (labelIndex < -1) {
            throw new IllegalArgumentException("the label column index counts from 0 (or −1 for the last), got " + labelIndex);
        }
    }

    /** A header row, commas, the label in the last column. */
    public static CsvFormat defaults() {
        return new CsvFormat(true, ',', null, -1, true);
    }

    public CsvFormat withoutHeader() {
        return new CsvFormat(false, delimiter, null, labelIndex, labeled);
    }

    public CsvFormat withDelimiter(char newDelimiter) {
        return new CsvFormat(header, newDelimiter, labelName, labelIndex, labeled);
    }

    public CsvFormat withLabel(String name) {
        return new CsvFormat(header, delimiter, Objects.requireNonNull(name, "label name"), -1, true);
    }

    public CsvFormat withLabelIndex(int index) {
        return new CsvFormat(header, delimiter, null, index, true);
    }

    /** Every column is a feature: the file has no label column. */
    public CsvFormat withoutLabel() {
        return new CsvFormat(header, delimiter, null, -1, false);
    }
}
