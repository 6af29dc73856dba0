package io.dense4j.data.csv;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The decimal comma a file's first lines show, when its delimiter leaves the comma free: a
 * spreadsheet saved in a German, French or Spanish locale writes {@code 5467,47} between
 * semicolons. Each cell is read under both conventions: one that is a number only with a decimal
 * comma ({@code 5467,47}, {@code 3.449,45}) speaks for the comma, one that is a number only with a
 * decimal point ({@code 7.4}, {@code 1,234.5}) for the point, and one that is a number either way
 * ({@code 12}, {@code 62,882}, {@code 6.368}) for neither. The comma is taken only when some cell
 * speaks for it and none for the point; then a cell that is a number with a decimal comma only
 * if points group its thousands ({@code 3.449,45}, {@code 62.302}) has them taken with it. Anything less certain is left to the
 * read, which stops at the first such cell and names the flag.
 */
public final class DecimalGuess {
    /** How many of a file's first lines the guess looks at. */
    public static final int LINES = 200;

    /** The separators found, and a cell that shows them, for the line that says so. */
    public record Found(char decimal, char thousands, String example) {
    }

    private DecimalGuess() {
    }

    /**
     * The separators the columns {@code votes} takes (counting from 0) of {@code lines} (rows, no
     * header), cut by {@code delimiter}, show; null when they show no decimal comma. A column that
     * holds no numbers the model reads (the label, one left out or declared categorical) says nothing.
     */
    public static Found of(List<byte[]> lines, char delimiter, java.util.function.IntPredicate votes) {
        if (delimiter == ',') {
            return null; // a comma-delimited file writes its decimal commas inside quotes, if at all: not guessed
        }
        String example = null; // the first cell that speaks for the comma
        String grouped = null; // the first with points between thousands, once the comma is the decimal separator
        for (byte[] line : lines) {
            List<String> fields = DelimiterGuess.fields(line, delimiter);
            for (int column = 0; fields != null && column < fields.size(); column++) {
                if (!votes.test(column)) {
                    continue;
                }
                String field = fields.get(column);
                byte[] cell = field.getBytes(StandardCharsets.UTF_8);
                boolean point = number(cell, '.', (char) 0) || number(cell, '.', ',');
                boolean commaPlain = number(cell, ',', (char) 0);
                boolean comma = commaPlain || number(cell, ',', '.');
                if (point && !comma) {
                    return null;
                }
                example = example == null && comma && !point ? field : example;
                grouped = grouped == null && comma && !commaPlain ? field : grouped; // 62.302: with a decimal comma, only 62302
            }
        }
        if (example == null) {
            return null;
        }
        return new Found(',', grouped == null ? 0 : '.', grouped == null || grouped.equals(example) ? example : example + " and " + grouped);
    }

    private static boolean number(byte[] cell, char decimal, char thousands) {
        return cell.length > 0 && CellParser.readsAsNumber(cell, 0, cell.length, decimal, thousands);
    }
}
