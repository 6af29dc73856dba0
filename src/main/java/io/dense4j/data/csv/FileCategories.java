package io.dense4j.data.csv;

import io.dense4j.data.Categories;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file's categorical columns as its first pass found them: each column's values, numbered
 * as its cached or streamed cells are, with their counts. Answers what encoding a new model takes
 * from them, how a model's encoding codes them, and how many rows hold a value a model does not
 * know.
 */
final class FileCategories {
    private final Path file;
    /** By column name, in feature order. */
    private final Map<String, CategoryDictionary> dictionaries = new LinkedHashMap<>();

    FileCategories(Path file, List<CsvCache.CategoricalColumn> columns) {
        this.file = file;
        columns.forEach(column -> dictionaries.put(column.name(), column.dictionary()));
    }

    List<String> names() {
        return List.copyOf(dictionaries.keySet());
    }

    /** Each column's {@code maxCategories} most frequent values, ties in first-seen order. */
    Map<String, Categories> encodings(int maxCategories) {
        Map<String, Categories> encodings = new LinkedHashMap<>();
        dictionaries.forEach((name, dictionary) ->
                encodings.put(name, Categories.mostFrequent(dictionary.values(), dictionary.counts(), maxCategories)));
        return encodings;
    }

    /**
     * Each column's {@code maxCategories} most frequent values by {@code counts} (per column, in
     * order, the rows holding each of its values), ties in first-seen order.
     */
    Map<String, Categories> encodings(int maxCategories, long[][] counts) {
        Map<String, Categories> encodings = new LinkedHashMap<>();
        int column = 0;
        for (var entry : dictionaries.entrySet()) {
            encodings.put(entry.getKey(), Categories.mostFrequent(entry.getValue().values(), counts[column++], maxCategories));
        }
        return encodings;
    }

    CategoryDictionary counts(String name) {
        CategoryDictionary dictionary = dictionaries.get(name);
        if (dictionary == null) {
            throw new IllegalArgumentException("\"" + name + "\" is not a categorical column of " + file);
        }
        return dictionary;
    }

    /** How a model's {@code categories} (one for each column here) code these columns' cells. */
    CategoryCodes codes(List<String> featureNames, Map<String, Categories> categories) {
        if (!categories.keySet().equals(dictionaries.keySet())) {
            throw new IllegalArgumentException(dictionaries.isEmpty()
                    ? "categories are given for " + categories.keySet() + ", but " + file + " has no categorical column"
                    : file + " has categorical columns " + dictionaries.keySet() + ": give their categories (a model's schema), "
                            + "got them for " + categories.keySet());
        }
        return CategoryCodes.of(featureNames, dictionaries, categories);
    }

    /** Per column, the rows whose value is not among {@code categories} (never seen by the model, or "other"). */
    Map<String, Long> unknownRows(Map<String, Categories> categories) {
        Map<String, Long> unknown = new LinkedHashMap<>();
        dictionaries.forEach((name, dictionary) -> {
            Categories encoding = categories.get(name);
            List<String> values = dictionary.values();
            long[] counts = dictionary.counts();
            long rows = dictionary.overflowRows();
            for (int i = 0; i < values.size(); i++) {
                if (encoding == null || !encoding.contains(values.get(i))) {
                    rows += counts[i];
                }
            }
            unknown.put(name, rows);
        });
        return unknown;
    }
}
