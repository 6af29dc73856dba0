package io.dense4j.spark;

import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.RowSelection;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * One piece's rows, parsed: the features as one on-heap float array (what Spark's block manager
 * can count, cache and spill), each row's provisional class (0 for the first label name the piece
 * saw, 1 for the second), each row's weight when the format has a weight column, and what the driver needs to merge the pieces: the label names and the
 * line each was first seen on, skipped rows, missing values.
 */
final class RowBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final int piece;
    final int width;
    final int rows;
    final float[] features;
    final byte[] provisionalClasses;
    final float[] weights; // null: every row weighs 1
    final PieceSummary summary;

    /** The rows a selection (the training rows) picks; rebuilt if the block is reloaded from disk. */
    private transient int[] selected;
    private transient RowSelection selectedBy;

    RowBlock(int piece, int width, int rows, float[] features, byte[] provisionalClasses, float[] weights, PieceSummary summary) {
        this.piece = piece;
        this.width = width;
        this.rows = rows;
        this.features = features;
        this.provisionalClasses = provisionalClasses;
        this.weights = weights;
        this.summary = summary;
    }

    /** A piece that could not be read: no rows, and the problem for the driver to report. */
    static RowBlock failed(int piece, PieceSummary summary) {
        return new RowBlock(piece, 0, 0, new float[0], new byte[0], null, summary);
    }

    /**
     * The local numbers of the rows {@code selection} picks, given this piece's first global row
     * number. Rows whose label name the driver rejected ({@code classOf} −1, when bad rows are
     * skipped) are skipped rows: they get no number.
     */
    int[] selectedRows(RowSelection selection, long firstRow, long[] ranksBefore, byte[] classOf) {
        int[] picked = new int[rows];
        int count = 0;
        RowSelection.Walker walker = selection.walker(firstRow, ranksBefore[0], ranksBefore[1]);
        for (int i = 0; i < rows; i++) {
            byte cls = classOf[provisionalClasses[i]];
            if (cls >= 0 && walker.includes(cls)) {
                picked[count++] = i;
            }
        }
        return Arrays.copyOf(picked, count);
    }

    /**
     * The local numbers of the rows {@code selection} picks, as {@link #selectedRows}, kept between
     * rounds (and worked out again if the block was reloaded from disk).
     */
    synchronized int[] cachedRows(RowSelection selection, long firstRow, long[] ranksBefore, byte[] classOf) {
        if (selected == null || !selection.equals(selectedBy)) {
            selected = selectedRows(selection, firstRow, ranksBefore, classOf);
            selectedBy = selection;
        }
        return selected;
    }

    /** Feature statistics and class counts of the rows {@code selection} picks. */
    FeatureStatistics statistics(RowSelection selection, long firstRow, long[] ranksBefore, byte[] classOf) {
        FeatureStatistics statistics = new FeatureStatistics(width);
        for (int row : selectedRows(selection, firstRow, ranksBefore, classOf)) {
            statistics.add(features, row * width);
            statistics.addLabel(classOf[provisionalClasses[row]], weights == null ? 1 : weights[row]);
        }
        return statistics;
    }

    /**
     * What the driver learns of a piece from the first pass.
     *
     * @param dataStart         the file offset of the piece's first line
     * @param labelNames        every label name the piece's rows have, in first-seen order (judged by the driver)
     * @param labelLines        the lines of each name's first rows, at most {@link #LABEL_LINES}, counted from
     *                          {@code dataStart} (none: all its rows were skipped)
     * @param labelCounts       each name's rows
     * @param firstSkippedLines the lines of the first few skipped rows, counted from {@code dataStart}
     * @param firstSkippedProblem the first skipped row's place and problem ({@code line 9, column 2 ("b"): …}), its line
     *                          counted from {@code dataStart}; null for none
     * @param problem           what stopped the piece's reading, its line counted from {@code dataStart}; null if none
     */
    record PieceSummary(int piece, String uri, String file, long dataStart, List<String> featureNames, long rows, List<String> labelNames,
                        List<List<Long>> labelLines, List<Long> labelCounts, long skippedRows, List<Long> firstSkippedLines,
                        String firstSkippedProblem, long missingValues, List<PieceCategories> categories,
                        io.dense4j.data.DataFileException problem)
            implements Serializable {
        /** How many of a name's first lines a piece keeps: as many as a report of skipped rows names. */
        static final int LABEL_LINES = 5;

        /** The line of label name {@code k}'s first row, counted from {@code dataStart}; −1 when it has none. */
        long firstLabelLine(int k) {
            List<Long> lines = labelLines.get(k);
            return lines.isEmpty() ? -1 : lines.get(0);
        }
    }

    /**
     * A categorical column's values as the piece numbered them (first-seen order), with their rows,
     * and the rows missing it or past the dictionary's bound: what the driver merges in file order.
     */
    record PieceCategories(String name, List<String> values, List<Long> counts, long missingRows, long overflowRows)
            implements Serializable {

        static PieceCategories of(String name, io.dense4j.data.csv.CategoryDictionary dictionary) {
            return new PieceCategories(name, new java.util.ArrayList<>(dictionary.values()),
                    new java.util.ArrayList<>(java.util.Arrays.stream(dictionary.counts()).boxed().toList()), dictionary.missingRows(),
                    dictionary.overflowRows());
        }

        io.dense4j.data.csv.CategoryDictionary dictionary() {
            return io.dense4j.data.csv.CategoryDictionary.of(values, counts, missingRows, overflowRows);
        }
    }

    /**
     * Per categorical column (at {@code places}), the rows {@code selection} picks holding each of
     * this piece's values, by the piece's numbers for them.
     */
    long[][] categoryCounts(int[] places, int[] sizes, RowSelection selection, long firstRow, long[] ranksBefore, byte[] classOf) {
        long[][] counts = new long[places.length][];
        for (int c = 0; c < places.length; c++) {
            counts[c] = new long[sizes[c]];
        }
        for (int row : selectedRows(selection, firstRow, ranksBefore, classOf)) {
            for (int c = 0; c < places.length; c++) {
                float number = features[row * width + places[c]];
                if (number >= 0) { // NaN is a missing cell, −1 a value past the bound
                    counts[c][(int) number]++;
                }
            }
        }
        return counts;
    }
}
