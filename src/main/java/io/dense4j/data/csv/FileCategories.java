package io.dense4j.data.csv;

import io.dense4j.data.BatchSource;
import io.dense4j.data.Categories;
import io.dense4j.tensor.NativeArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The categorical columns of a set of CSV files as their first passes found them: each file's
 * values, numbered as its cached or streamed cells are, and the whole set's, numbered in
 * first-seen order across the files in turn, with their counts. Answers what encoding a new model
 * takes from them, how a model's encoding codes each file's cells, and how many rows hold a value
 * a model does not know.
 */
final class FileCategories {
    private final String name;
    /** Per file, by column name in feature order. */
    private final List<Map<String, CategoryDictionary>> files = new ArrayList<>();
    /** The set's values: the first file's, then each later file's new ones. */
    private final Map<String, CategoryDictionary> merged;
    /** Per file and column, the set's number of each of the file's values (null for the first file: the same). */
    private final List<int[][]> renumber = new ArrayList<>();

    /** @param name the file or set, for messages */
    FileCategories(String name, List<List<CsvCache.CategoricalColumn>> columnsPerFile) {
        this.name = name;
        for (List<CsvCache.CategoricalColumn> columns : columnsPerFile) {
            Map<String, CategoryDictionary> dictionaries = new LinkedHashMap<>();
            columns.forEach(column -> dictionaries.put(column.name(), column.dictionary()));
            files.add(dictionaries);
        }
        merged = new LinkedHashMap<>();
        // a copy, which merging adds to, with no bound of its own: each file's values were bounded as it was read, and a
        // later file's frequent values must not read as "other" because an earlier file filled the bound
        columnsPerFile.get(0).forEach(column -> merged.put(column.name(), column.unboundedDictionary()));
        renumber.add(null);
        for (int k = 1; k < files.size(); k++) {
            int[][] numbers = new int[merged.size()][];
            int c = 0;
            for (var column : merged.entrySet()) {
                numbers[c++] = column.getValue().absorb(files.get(k).get(column.getKey()));
            }
            renumber.add(numbers);
        }
    }

    List<String> names() {
        return List.copyOf(merged.keySet());
    }

    /** Each column's {@code maxCategories} most frequent values, ties in first-seen order. */
    Map<String, Categories> encodings(int maxCategories) {
        Map<String, Categories> encodings = new LinkedHashMap<>();
        merged.forEach((column, dictionary) ->
                encodings.put(column, Categories.mostFrequent(dictionary.values(), dictionary.counts(), maxCategories)));
        return encodings;
    }

    /**
     * Each column's {@code maxCategories} most frequent values among {@code rows} (a pass of rows
     * over {@code featureNames} whose categorical cells are coded by {@link #setNumbers}), ties in
     * first-seen order.
     */
    Map<String, Categories> encodings(int maxCategories, BatchSource rows, List<String> featureNames) {
        List<String> names = names();
        int width = featureNames.size();
        int[] places = names.stream().mapToInt(featureNames::indexOf).toArray();
        long[][] counts = new long[places.length][];
        for (int c = 0; c < places.length; c++) {
            counts[c] = new long[merged.get(names.get(c)).size()];
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
            CategoryDictionary dictionary = merged.get(names.get(c));
            encodings.put(names.get(c), Categories.mostFrequent(dictionary.values(), counts[c], maxCategories));
        }
        return encodings;
    }

    CategoryDictionary counts(String column) {
        CategoryDictionary dictionary = merged.get(column);
        if (dictionary == null) {
            throw new IllegalArgumentException("\"" + column + "\" is not a categorical column of " + name);
        }
        return dictionary;
    }

    /** How a model's {@code categories} (one for each column here) code file {@code k}'s cells. */
    CategoryCodes codes(int k, List<String> featureNames, Map<String, Categories> categories) {
        if (!categories.keySet().equals(merged.keySet())) {
            throw new IllegalArgumentException(merged.isEmpty()
                    ? "categories are given for " + categories.keySet() + ", but " + name + " has no categorical column"
                    : name + " has categorical columns " + merged.keySet() + ": give their categories (a model's schema), "
                            + "got them for " + categories.keySet());
        }
        return CategoryCodes.of(featureNames, files.get(k), categories);
    }

    /** How file {@code k}'s cells become the set's numbers for their values (as {@link #counts} numbers them). */
    CategoryCodes setNumbers(int k, List<String> featureNames) {
        if (merged.isEmpty() || k == 0) {
            return CategoryCodes.NONE;
        }
        int[] places = merged.keySet().stream().mapToInt(featureNames::indexOf).toArray();
        return CategoryCodes.renumbering(places, renumber.get(k));
    }

    /** Per column, the rows whose value is not among {@code categories} (never seen by the model, or "other"). */
    Map<String, Long> unknownRows(Map<String, Categories> categories) {
        Map<String, Long> unknown = new LinkedHashMap<>();
        merged.forEach((column, dictionary) -> unknown.put(column, dictionary.rowsNotIn(categories.get(column))));
        return unknown;
    }
}
