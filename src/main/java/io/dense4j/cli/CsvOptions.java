package io.dense4j.cli;

import io.dense4j.data.CsvFormat;
import picocli.CommandLine.Option;

/** The options that say how a CSV file is laid out, shared by the commands that read one. */
final class CsvOptions {

    @Option(names = "--label", description = "The label column, by header name or 0-based index (default: the last column).")
    String label;

    @Option(names = "--delimiter", defaultValue = ",", description = "The field delimiter (default: '${DEFAULT-VALUE}'; use '\\t' for tabs).")
    String delimiter;

    @Option(names = "--no-header", description = "The file has no header row.")
    boolean noHeader;

    CsvFormat format() {
        String separator = delimiter.equals("\\t") ? "\t" : delimiter;
        if (separator.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character, got \"" + delimiter + "\"");
        }
        CsvFormat format = CsvFormat.defaults().withDelimiter(separator.charAt(0));
        if (noHeader) {
            format = format.withoutHeader();
        }
        if (label == null) {
            return format;
        }
        return label.chars().allMatch(Character::isDigit) ? format.withLabelIndex(Integer.parseInt(label)) : format.withLabel(label);
    }
}
