package io.dense4j.data.csv;

import io.dense4j.data.BatchSource;
import io.dense4j.data.Categories;
import io.dense4j.tensor.NativeArray;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

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
     * Each column's {@code maxCategories} most frequent values among {@code rows} (a pass of raw
     * rows, each categorical cell its number here, over {@code featureNames}), ties in first-seen
     * order.
     */
    Map<String, Categories> encodings(int maxCategories, BatchSource rows, List<String> featureNames) {
        List<String> names = names();
        int width = featureNames.size();
        int[] places = names.stream().mapToInt(featureNames::indexOf).toArray();
        long[][] counts = new long[places.length][];
        for (int c = 0; c < places.length; c++) {
            counts[c] = new long[dictionaries.get(names.get(c)).size()];
        }
        int chunk = StreamedBatches.blockRows(width);
        NativeArray features = NativeArray.allocate(DataType.FLOAT, (long) chunk * width);
        NativeArray labels = NativeArray.allocate(DataType.FLOAT, chunk);
        rows.startPass(0, 0, false);
        for (int count; (count = rows.next(chunk, features, labels)) > 0; ) {
            for (int r = 0; r < count; r++) {
                for (int c = 0; c < places.length; c++) {
                    double code = features.get(r * width + places[c]);
                    if (code >= 0) { // a value's number; NaN is a missing cell, −1 one past the dictionary's bound
                        counts[c][(int) code]++;
                    }
                }
            }
        }
        Map<String, Categories> encodings = new LinkedHashMap<>();
        for (int c = 0; c < places.length; c++) {
            CategoryDictionary dictionary = dictionaries.get(names.get(c));
            encodings.put(names.get(c), Categories.mostFrequent(dictionary.values(), counts[c], maxCategories));
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
