package io.dense4j.data.csv;

/**
 * Turns one categorical column's cells into the numbers a row carries for them, as the row is read:
 * while learning a file, each distinct value's place in first-seen order ({@link CategoryDictionary});
 * while scoring with a model, the model's code for it ({@link CategoryLookup}). Exists so that the
 * row loop reads a categorical cell the same way in both, with no objects made per cell.
 */
abstract sealed class CategoryCells permits CategoryDictionary, CategoryLookup {

    /** The number for the cell {@code bytes[from, to)} (not empty, not a missing mark) of {@code column}, line in {@code problems}. */
    abstract float code(byte[] bytes, int from, int to, int column, CsvProblems problems);

    /** The number for a missing cell (empty, NA, N/A or NaN in any case). */
    abstract float missing();

    /** Counts a row's number for this column, once the row is known to be good. */
    abstract void count(float code);
}
