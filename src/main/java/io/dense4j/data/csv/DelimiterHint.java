package io.dense4j.data.csv;

/**
 * The flag to give for a header line read as one column that holds another likely delimiter: a
 * file of semicolons (spreadsheets where the comma is the decimal separator), tabs or bars read
 * with the default comma.
 */
public final class DelimiterHint {
    private DelimiterHint() {
    }

    /** " (its header reads as one column, "a;b;c": is the delimiter ';'? give --delimiter ';')", or "" when none fits. */
    public static String forOneColumn(String header) {
        for (String delimiter : new String[] {";", "\t", "|", ","}) {
            if (header.contains(delimiter)) {
                return " (its header reads as one column, \"" + Printable.of(header.length() > 40 ? header.substring(0, 40) + "…" : header)
                        + "\": is the delimiter " + (delimiter.equals("\t") ? "a tab? give --delimiter '\\t'" : "'" + delimiter
                        + "'? give --delimiter '" + delimiter + "'") + ")";
            }
        }
        return "";
    }
}
