package io.dense4j.data.csv;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * What a cell that is no number in a file's format would be in another: a number with the other
 * decimal separator ({@code 26,3} read with a point, {@code 7.4} with a comma) or with its
 * thousands grouped ({@code 1,234,567}, {@code 3.449,45}). Spreadsheets write numbers as their
 * locale does, and such a column would otherwise be taken for text and made hundreds of
 * categories, the loss then barely moving. The first pass counts these cells as numbers, so the
 * read stops at the first with this hint. Thousands separators are read only when the format
 * names one ({@code --thousands}), since {@code 6.368} may be a grouped 6368 or a decimal 6.368.
 */
final class SeparatorHint {
    private SeparatorHint() {
    }

    /** The hint for the cell {@code bytes[from, to)}, no number in {@code format}, or null when it is no number in another either. */
    static String of(byte[] bytes, int from, int to, CsvFormat format) {
        boolean comma = format.decimal() == ',';
        boolean groupedByCommas = !comma && format.thousands() != ',' && grouped(bytes, from, to, ',', '.'); // 1,234,567.5
        boolean groupedByPoints = format.thousands() != '.' && grouped(bytes, from, to, '.', ','); // 3.449,45
        boolean otherDecimal = comma ? withDecimalPoint(bytes, from, to) : format.delimiter() != ',' && withDecimalComma(bytes, from, to);
        if (groupedByCommas && otherDecimal) { // 62,882: a decimal comma, or 62882 grouped
            return "a decimal comma? read the file with --decimal ','; or thousands separators? read it with --thousands ','";
        }
        if (groupedByCommas) {
            return "thousands separators? read the file with --thousands ','";
        }
        if (groupedByPoints) {
            return comma ? "thousands separators? read the file with --thousands '.'"
                    : "thousands separators and a decimal comma? read the file with --thousands '.' --decimal ','";
        }
        if (groupedOtherwise(bytes, from, to)) {
            return "thousands separators dense4j does not read (a space or an apostrophe)? take them out of the file, or write "
                    + "the numbers with ',' or '.' groups and give --thousands";
        }
        if (otherDecimal) { // the flag it names must not clash with the thousands separator given
            // --decimal '.', not "leave out --decimal ','": a model's comma is taken without the flag
            return comma ? "a decimal point? read the file with --decimal '.'" + (format.thousands() == '.' ? ", without --thousands '.'" : "")
                    : "a decimal comma? read the file with --decimal ','" + (format.thousands() == ',' ? " instead of --thousands ','" : "");
        }
        return null;
    }

    /**
     * Whether {@code bytes[from, to)} is a whole number of 1 to 3 digits (not starting with 0) then groups of 3 after
     * {@code group}, and perhaps {@code decimal} and a fraction: "1,234,567", "3.449,45".
     */
    static boolean grouped(byte[] bytes, int from, int to, char group, char decimal) {
        int at = from < to && (bytes[from] == '-' || bytes[from] == '+') ? from + 1 : from;
        int lead = digits(bytes, at, to);
        if (lead < 1 || lead > 3 || bytes[at] == '0') { // 0,125 is no thousands
            return false;
        }
        at += lead;
        int groups = 0;
        for (; at < to && bytes[at] == group; groups++) {
            if (digits(bytes, at + 1, to) != 3) {
                return false;
            }
            at += 4;
        }
        if (groups > 0 && at < to && bytes[at] == decimal) {
            int fraction = digits(bytes, at + 1, to);
            at += fraction > 0 ? fraction + 1 : 0;
        }
        return groups > 0 && at == to;
    }

    /** Groups of three set apart as French, Swiss or ISO writing does: a space, a no-break space, a narrow one, an apostrophe. */
    private static final java.util.regex.Pattern OTHER_GROUPS =
            java.util.regex.Pattern.compile("[+-]?[1-9][0-9]{0,2}([ '\u00a0\u202f\u2019][0-9]{3})+([.,][0-9]+)?");

    /** Whether {@code bytes[from, to)} is a number grouped by one of {@link #OTHER_GROUPS}' separators: "1 234,5", "1'234.50". */
    private static boolean groupedOtherwise(byte[] bytes, int from, int to) {
        if (to - from > 64) {
            return false;
        }
        return OTHER_GROUPS.matcher(new String(bytes, from, to - from, java.nio.charset.StandardCharsets.UTF_8)).matches();
    }

    /** How many digits run from {@code from}, up to {@code to}. */
    private static int digits(byte[] bytes, int from, int to) {
        int at = from;
        while (at < to && bytes[at] >= '0' && bytes[at] <= '9') {
            at++;
        }
        return at - from;
    }

    /** Whether {@code bytes[from, to)} is a number the full parser reads, with a decimal point in it ("7.4", "1.5e-3"). */
    private static boolean withDecimalPoint(byte[] bytes, int from, int to) {
        boolean point = false;
        for (int i = from; i < to && !point; i++) {
            point = bytes[i] == '.';
        }
        if (!point) {
            return false;
        }
        try {
            return !Double.isNaN(JavaDoubleParser.parseDouble(bytes, from, to - from));
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    /** Whether {@code bytes[from, to)} is a plain decimal written with a decimal comma ("26,3"): one comma, no point. */
    private static boolean withDecimalComma(byte[] bytes, int from, int to) {
        int commas = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '.') {
                return false;
            }
            commas += bytes[i] == ',' ? 1 : 0;
        }
        return commas == 1 && !Double.isNaN(PlainDecimal.parse(bytes, from, to, ','));
    }
}
