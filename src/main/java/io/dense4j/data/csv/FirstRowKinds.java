package io.dense4j.data.csv;

import java.util.List;

/**
 * What a file's first rows show of its feature columns, each list in feature order: the columns
 * with more text than numbers, but for numbers beside one missing-value mark alone (categorical
 * unless declared otherwise), those whose numbers
 * are mostly dates ({@link DateCells}), read as days since 1970-01-01, and the number columns that
 * count the rows ({@link RowNumbers}), which train notes.
 */
public record FirstRowKinds(List<String> withText, List<String> withDates, List<String> rowNumbers) {
    public FirstRowKinds {
        withText = List.copyOf(withText);
        withDates = List.copyOf(withDates);
        rowNumbers = List.copyOf(rowNumbers);
    }
}
