package io.dense4j.data.csv;

import io.dense4j.data.Categories;
import io.dense4j.data.RowSelection;
import java.util.List;
import java.util.Map;

/**
 * Rows with categorical columns, as a new model learns its encodings from them: one machine's
 * {@link CsvSource} and a cluster's rows alike, so that both say the same about what they found.
 */
public interface CategoricalRows {

    /** The file or files, for messages. */
    String name();

    /** Good data rows. */
    long rows();

    /** The feature columns read as categories, in feature order. */
    List<String> categoricalColumns();

    /**
     * Each categorical column's encoding learned from the rows of {@code selection}: its
     * {@code maxCategories} most frequent values there, ties in first-seen order.
     */
    Map<String, Categories> categories(int maxCategories, RowSelection selection);

    /** Categorical column {@code name}'s values and their counts over all the rows, as the first pass found them. */
    CategoryDictionary categoryCounts(String name);

    /** Per categorical column, the rows whose value is not among {@code categories}: never seen, or kept as "other". */
    Map<String, Long> unknownCategoryRows(Map<String, Categories> categories);
}
