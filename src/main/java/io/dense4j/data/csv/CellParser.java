package io.dense4j.data.csv;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Reads a feature cell that the row's fused fast path did not take (see {@link PlainDecimal}) as a
 * float32: any number FastDoubleParser reads, a missing value, or an error saying what is wrong
 * with the cell. Exists to keep the rules for what a feature value may be in one place: an empty
 * cell, NA, N/A or NaN (any case) is a missing value, read as NaN only when missing values are
 * allowed; infinities and numbers beyond float32's range are always errors.
 */
final class CellParser {
    private final boolean allowMissing;
    private final CsvProblems problems;

    CellParser(boolean allowMissing, CsvProblems problems) {
        this.allowMissing = allowMissing;
        this.problems = problems;
    }

    /**
     * The value of the cell {@code bytes[from, to)} (its quotes and blanks already left out) in
     * {@code column}, counting from 1; NaN only for a missing value, when they are allowed.
     */
    float number(byte[] bytes, int from, int to, int column) {
        if (from == to) {
            return missing(column, "empty cell (a missing value); expected a number");
        }
        double value = PlainDecimal.parse(bytes, from, to);
        if (value != value) { // not the plain common case: the full parser, and its special values
            try {
                value = JavaDoubleParser.parseDouble(bytes, from, to - from);
            } catch (NumberFormatException notANumber) {
                if (isMissingMark(bytes, from, to)) {
                    return missing(column, "\"" + CsvProblems.text(bytes, from, to) + "\" is a missing value; expected a number");
                }
                throw problems.cell(column, "expected a number, got \"" + CsvProblems.text(bytes, from, to)
                        + "\" (to read the column as categories, declare it categorical when training)");
            }
            if (Double.isNaN(value)) {
                return missing(column, "\"" + CsvProblems.text(bytes, from, to) + "\" is a missing value; expected a number");
            }
            if (Double.isInfinite(value)) {
                throw problems.cell(column, "\"" + CsvProblems.text(bytes, from, to) + "\" is infinite; expected a finite number");
            }
        }
        float rounded = (float) value;
        if (Float.isInfinite(rounded)) {
            throw problems.cell(column, "\"" + CsvProblems.text(bytes, from, to) + "\" is beyond float32's range (±3.4e38)");
        }
        return rounded;
    }

    /**
     * The row weight in the cell {@code bytes[from, to)} of {@code column}: a finite number ≥ 0. A
     * weight is never filled in, so a missing one is an error even where missing features are not.
     */
    float weight(byte[] bytes, int from, int to, int column) {
        if (from == to) {
            throw problems.cell(column, "empty cell; a row's weight must be a finite number >= 0");
        }
        double value = PlainDecimal.parse(bytes, from, to);
        if (value != value) {
            try {
                value = JavaDoubleParser.parseDouble(bytes, from, to - from);
            } catch (NumberFormatException notANumber) {
                value = Double.NaN;
            }
        }
        float rounded = (float) value;
        if (!(rounded >= 0) || Float.isInfinite(rounded)) {
            throw problems.cell(column, "\"" + CsvProblems.text(bytes, from, to) + "\" is not a weight; a row's weight must be "
                    + "a finite number >= 0");
        }
        return rounded;
    }

    /** NaN for a missing value when they are allowed; otherwise the error, with a hint at the way out. */
    private float missing(int column, String problem) {
        if (!allowMissing) {
            throw problems.cell(column, problem + " (or fill missing values with the column mean)");
        }
        return Float.NaN;
    }

    /** NA, N/A or NaN, in any case (the parser reads "NaN" itself, but not "nan"); compared byte by byte, making nothing. */
    static boolean isMissingMark(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length < 2 || length > 3 || (bytes[from] | 0x20) != 'n') {
            return false;
        }
        if (length == 2) {
            return (bytes[from + 1] | 0x20) == 'a';
        }
        return bytes[from + 1] == '/' ? (bytes[from + 2] | 0x20) == 'a'
                : (bytes[from + 1] | 0x20) == 'a' && (bytes[from + 2] | 0x20) == 'n';
    }
}
