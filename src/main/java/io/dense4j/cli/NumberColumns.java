package io.dense4j.cli;

import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.DelimiterGuess;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Which columns may hold the numbers a new model reads, as the column flags say before the format
 * is built: the columns whose cells the decimal-comma guess hears.
 */
final class NumberColumns {
    private NumberColumns() {
    }

    /**
     * The columns of a file whose first line is {@code first}, cut by {@code delimiter}, that are
     * not the label ({@code label}: --label's name or index, null for the last column), nor left out
     * by {@code features} (null: all) or {@code dropped}, nor declared {@code categorical}.
     */
    static IntPredicate of(byte[] first, char delimiter, String label, boolean noHeader, List<String> features, List<String> dropped,
                           Set<String> categorical) {
        List<String> names = DelimiterGuess.fields(first, delimiter);
        if (names == null) {
            return column -> false;
        }
        boolean index = label != null && !label.isEmpty() && label.length() <= 9 && label.chars().allMatch(Character::isDigit);
        int labelColumn = label == null ? names.size() - 1 : index ? Integer.parseInt(label) : noHeader ? -1 : names.indexOf(label);
        return column -> {
            if (column == labelColumn) {
                return false;
            }
            if (!noHeader && column >= names.size()) {
                return true; // no name to leave the column out by
            }
            // without a header a column goes by "column 3", which the flags name it by too
            String name = noHeader ? CsvFormat.nameWithoutHeader(column + 1) : names.get(column);
            return (features == null || features.contains(name)) && !dropped.contains(name) && !categorical.contains(name);
        };
    }
}
