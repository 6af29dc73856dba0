package io.dense4j.spark;

import io.dense4j.data.Categories;
import io.dense4j.data.csv.CategoryCodes;
import io.dense4j.data.csv.CategoryDictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** The files some of whose values fell past their bound, in file order. */
    private final Set<String> pastTheBound = new LinkedHashSet<>();

    /**
     * Merges the pieces as one machine reads a set of files: each file's pieces into a dictionary
     * bounded as one reader of that file bounds it, in order, and the files' values, those within
     * their bounds, into the set's, which has no bound of its own.
     *
     * @param summaries the pieces' summaries, in file order
     * @param reserved  per file (by URI), per column, the values its pieces were read reserving, which
     *                  its dictionary numbers past the bound too
     */
    MergedCategories(String name, List<String> featureNames, List<RowBlock.PieceSummary> summaries,
                     Map<String, Map<String, List<String>>> reserved) {
        this.name = name;
        this.featureNames = featureNames;
        Map<String, CategoryDictionary> file = new LinkedHashMap<>();
        String fileUri = null;
        for (RowBlock.PieceSummary summary : summaries) {
            Map<String, CategoryDictionary> dictionaries = new LinkedHashMap<>();
            summary.categories().forEach(column -> dictionaries.put(column.name(), column.dictionary()));
            pieces.add(dictionaries);
            if (merged.isEmpty() && !dictionaries.isEmpty()) {
                summary.categories().forEach(column -> merged.put(column.name(), CategoryDictionary.unbounded()));
            }
            if (!summary.uri().equals(fileUri)) { // a new file: bounded afresh, as its own reader would bound it
                fileUri = summary.uri();
                file.clear();
                Map<String, List<String>> kept = reserved.getOrDefault(fileUri, Map.of());
                merged.keySet().forEach(column -> file.put(column, CategoryDictionary.forOneFileOf(merged.size(),
                        kept.getOrDefault(column, List.of()))));
            }
            int[][] numbers = new int[merged.size()][];
            int c = 0;
            for (var column : merged.entrySet()) {
                CategoryDictionary piece = dictionaries.get(column.getKey());
                numbers[c] = piece == null ? new int[0] : withinTheFile(piece, file.get(column.getKey()), column.getValue());
                if (piece != null && (piece.overflowRows() > 0 || Arrays.stream(numbers[c]).anyMatch(number -> number < 0))) {
                    pastTheBound.add(fileUri);
                }
                c++;
            }
            renumber.add(numbers);
        }
    }

    /**
     * Adds {@code piece}'s values to its {@code file}'s dictionary, and those it numbers to the
     * {@code set}'s; returns the set's number of each of the piece's values, −1 past the file's bound.
     */
    private static int[] withinTheFile(CategoryDictionary piece, CategoryDictionary file, CategoryDictionary set) {
        int[] inFile = file.absorb(piece);
        List<String> values = piece.values();
        long[] counts = piece.counts();
        List<String> kept = new ArrayList<>();
        List<Long> keptCounts = new ArrayList<>();
        long past = piece.overflowRows();
        for (int id = 0; id < inFile.length; id++) {
            if (inFile[id] >= 0) {
                kept.add(values.get(id));
                keptCounts.add(counts[id]);
            } else {
                past += counts[id];
            }
        }
        int[] inSet = set.absorb(CategoryDictionary.of(kept, keptCounts, piece.missingRows(), past));
        int[] numbers = new int[inFile.length];
        for (int id = 0, k = 0; id < inFile.length; id++) {
            numbers[id] = inFile[id] >= 0 ? inSet[k++] : -1;
        }
        return numbers;
    }

    /** The files, by URI, some of whose values fell past their bound (on a piece's own, or the file's), in file order. */
    Set<String> filesPastTheBound() {
        return pastTheBound;
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
