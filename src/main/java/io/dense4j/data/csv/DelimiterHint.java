package io.dense4j.data.csv;

import io.dense4j.data.Printable;

/**
 * The flag to give for a first line read as one column that holds another likely delimiter: a
 * file of semicolons (spreadsheets where the comma is the decimal separator), tabs or bars read
 * with the default comma. A line that holds the delimiter itself was one quoted field.
 */
public final class DelimiterHint {
    private DelimiterHint() {
    }

    /**
     * For {@code cell}, the one field of a first line read with {@code delimiter} ({@code header}:
     * a header row): " (its header reads as one column, "a;b;c": is the delimiter ';'? give
     * --delimiter ';')", or "" when no other delimiter fits.
     */
    public static String forOneColumn(String cell, char delimiter, boolean header) {
        String line = header ? "header" : "first line";
        String shown = Printable.of(cell.length() > 40 ? cell.substring(0, 40) + "…" : cell);
        if (cell.indexOf(delimiter) >= 0) {
            return " (its " + line + " is one quoted field, \"" + shown + "\": are its lines quoted whole?)";
        }
        for (char other : new char[] {';', '\t', '|', ','}) {
            if (other != delimiter && cell.indexOf(other) >= 0) {
                return " (its " + line + " reads as one column, \"" + shown + "\": is the delimiter " + (other == '\t'
                        ? "a tab? give --delimiter '\\t'" : "'" + other + "'? give --delimiter '" + other + "'") + ")";
            }
        }
        return "";
    }
}
