package io.dense4j.data.csv;

import io.dense4j.data.Categories;

/**
 * A model's categories for one column, looked up by a cell's bytes while scoring a file: each cell
 * reads as its category's code, a value the model does not know as "other", a missing one as
 * "missing" (see {@link Categories}); the rows with a value the model does not know are counted,
 * for the note that says how many there were.
 */
final class CategoryLookup extends CategoryCells {
    private final CategoryDictionary known;
    private final float other;
    private final float missing;
    private long unknownRows;

    CategoryLookup(Categories categories) {
        this.known = CategoryDictionary.of(categories.values(), java.util.Collections.nCopies(categories.values().size(), 0L), 0, 0);
        this.other = categories.other();
        this.missing = categories.missing();
    }

    /**
     * A value the model does not know is checked to be UTF-8, as training checks each new value:
     * a file saved in another encoding (Windows-1252's "M\xFCnchen") would otherwise score every
     * such row as "other" without a word.
     */
    @Override
    float code(byte[] bytes, int from, int to, int column, CsvProblems problems) {
        int code = known.find(bytes, from, to);
        if (code >= 0) {
            return code;
        }
        problems.decode(bytes, from, to, column);
        return other;
    }

    @Override
    float missing() {
        return missing;
    }

    @Override
    void count(float code) {
        if (code == other) {
            unknownRows++;
        }
    }

    /** Rows so far whose value the model does not know (it read them as "other"). */
    long unknownRows() {
        return unknownRows;
    }
}
