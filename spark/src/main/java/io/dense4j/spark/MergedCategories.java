package io.dense4j.spark;

import io.dense4j.data.Categories;
import io.dense4j.data.csv.CategoryCodes;
import io.dense4j.data.csv.CategoryDictionary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The categorical columns of all the pieces, merged on the driver in file order: each value
 * numbered where one reader of the whole file would first meet it, with its rows, and per piece
 * the map from the piece's own numbers to these. The encodings a model learns, and how a model's
 * encodings code each piece's cells, come from here.
 */
final class MergedCategories {
    private final String name;
    private final List<String> featureNames;
    /** By column name, in feature order. */
    private final Map<String, CategoryDictionary> merged = new LinkedHashMap<>();
    /** Per piece, its dictionaries by column name. */
    private final List<Map<String, CategoryDictionary>> pieces = new ArrayList<>();
    /** Per piece and column, the merged number of each of the piece's values (−1: past the bound). */
    private final List<int[][]> renumber = new ArrayList<>();

    /** @param summaries the pieces' summaries, in file order */
    MergedCategories(String name, List<String> featureNames, List<RowBlock.PieceSummary> summaries) {
        this.name = name;
        this.featureNames = featureNames;
        for (RowBlock.PieceSummary summary : summaries) {
            Map<String, CategoryDictionary> dictionaries = new LinkedHashMap<>();
            summary.categories().forEach(column -> dictionaries.put(column.name(), column.dictionary()));
            pieces.add(dictionaries);
            if (merged.isEmpty() && !dictionaries.isEmpty()) {
                // each piece's values were bounded as it was read; the merge adds them all, as one machine merges a set's files
                summary.categories().forEach(column -> merged.put(column.name(), CategoryDictionary.unbounded()));
            }
            int[][] numbers = new int[merged.size()][];
            int c = 0;
            for (var column : merged.entrySet()) {
                CategoryDictionary piece = dictionaries.get(column.getKey());
                numbers[c++] = piece == null ? new int[0] : column.getValue().absorb(piece);
            }
            renumber.add(numbers);
        }
    }

    List<String> names() {
        return List.copyOf(merged.keySet());
    }

    /** The columns' places among the features. */
    int[] places() {
        return merged.keySet().stream().mapToInt(featureNames::indexOf).toArray();
    }

    /** Per piece and column, how many values the piece numbered. */
    int[][] pieceSizes() {
        int[][] sizes = new int[pieces.size()][];
        for (int k = 0; k < sizes.length; k++) {
            Map<String, CategoryDictionary> piece = pieces.get(k);
            sizes[k] = merged.keySet().stream().mapToInt(column -> piece.containsKey(column) ? piece.get(column).size() : 0).toArray();
        }
        return sizes;
    }

    CategoryDictionary counts(String column) {
        CategoryDictionary dictionary = merged.get(column);
        if (dictionary == null) {
            throw new IllegalArgumentException("\"" + column + "\" is not a categorical column of " + name);
        }
        return dictionary;
    }

    /**
     * Each column's {@code maxCategories} most frequent values, ties in first-seen order: over all
     * the rows, or over the rows {@code pieceCounts} counted (per piece and column, by the piece's
     * numbers), null for all.
     */
    Map<String, Categories> encodings(int maxCategories, List<long[][]> pieceCounts) {
        Map<String, Categories> encodings = new LinkedHashMap<>();
        int c = 0;
        for (var column : merged.entrySet()) {
            CategoryDictionary dictionary = column.getValue();
            long[] counts = pieceCounts == null ? dictionary.counts() : new long[dictionary.size()];
            if (pieceCounts != null) {
                for (int k = 0; k < pieceCounts.size(); k++) {
                    int[] numbers = renumber.get(k)[c];
                    long[] counted = pieceCounts.get(k)[c];
                    for (int id = 0; id < counted.length; id++) {
                        if (numbers[id] >= 0) {
                            counts[numbers[id]] += counted[id];
                        }
                    }
                }
            }
            encodings.put(column.getKey(), Categories.mostFrequent(dictionary.values(), counts, maxCategories));
            c++;
        }
        return encodings;
    }

    /** Per column, the rows whose value is not among {@code categories}. */
    Map<String, Long> unknownRows(Map<String, Categories> categories) {
        Map<String, Long> unknown = new LinkedHashMap<>();
        merged.forEach((column, dictionary) -> unknown.put(column, dictionary.rowsNotIn(categories.get(column))));
        return unknown;
    }

    /** Per piece, how a model's {@code categories} (one per column here) code its cells. */
    CategoryCodes[] codes(Map<String, Categories> categories) {
        if (!categories.keySet().equals(merged.keySet())) {
            throw new IllegalArgumentException(merged.isEmpty()
                    ? "the model has categorical columns " + categories.keySet() + ", but " + name + " has none"
                    : name + " has categorical columns " + merged.keySet() + ", but the model encodes " + categories.keySet());
        }
        CategoryCodes[] codes = new CategoryCodes[pieces.size()];
        for (int k = 0; k < codes.length; k++) {
            codes[k] = merged.isEmpty() ? CategoryCodes.NONE : CategoryCodes.of(featureNames, pieces.get(k), categories);
        }
        return codes;
    }
}
