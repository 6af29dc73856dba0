package io.dense4j.data.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A first pass on several threads, each reading a range of the file, and the merge of what they
 * found into what one reader would have found: the rows, the labels in first-seen order, and
 * the categorical columns' values numbered in first-seen order. Exists apart from
 * {@link CsvSource}, which opens a file, so that the merging rules read together.
 */
final class PartedRead {
    /** Files smaller than this are read on one thread: splitting them gains little. */
    static final long PARALLEL_MINIMUM_BYTES = 64L << 20;

    private PartedRead() {
    }

    /**
     * The file read in parts by {@code handlers.length} threads and the parts' summaries merged,
     * or null when it must be read on one thread: a small file, one thread asked for, or any
     * problem at all (a bad row, a skipped row, labels that do not merge), which the serial read
     * then reports with its exact line. {@code flipped[k]}, if given, says whether part k saw the
     * two labels in the other order, so its provisional classes must be swapped; {@code renumber[k][c]}
     * takes part k's numbers for the values of categorical column c to the whole file's, which are
     * in first-seen order as one reader would number them (a part whose values would overflow the
     * file's dictionary sends the read to one thread, where the bound falls where one reader's does).
     */
    static CsvReader.Summary summary(CsvReader reader, CsvReader.RowHandler[] handlers, boolean[] flipped, int[][][] renumber) {
        return summary(reader, handlers, flipped, renumber, PARALLEL_MINIMUM_BYTES);
    }

    /** As above, splitting a file of {@code minimumBytes} or more: a test splits small files, so that a fuzzer's few lines are split. */
    static CsvReader.Summary summary(CsvReader reader, CsvReader.RowHandler[] handlers, boolean[] flipped, int[][][] renumber,
                                     long minimumBytes) {
        if (handlers.length < 2) {
            return null;
        }
        CsvReader.Summary[] parts;
        try {
            parts = readInParts(reader, handlers, minimumBytes);
        } catch (RuntimeException problem) {
            return null;
        }
        if (parts == null) {
            return null;
        }
        List<String> names = new ArrayList<>(Arrays.asList(parts[0].labels().names()));
        long rows = 0;
        long[] missing = new long[parts[0].featureNames().size()];
        LabelRuns runs = LabelRuns.NONE;
        for (int k = 0; k < parts.length; k++) {
            if (parts[k].skippedRows() > 0) {
                return null; // their line numbers count from the part's start
            }
            String[] seen = parts[k].labels().names();
            for (String name : seen) {
                if (LabelMapping.indexOfSameValue(names, name) < 0) { // "0.0" in one part and "0" in another: one class
                    names.add(name);
                }
            }
            if (names.size() > 2) {
                return null; // a third class
            }
            boolean flip = seen.length > 0 && LabelMapping.indexOfSameValue(names, seen[0]) == 1;
            if (flipped != null) {
                flipped[k] = flip;
            }
            runs = runs.then(flip ? parts[k].labelRuns().flipped() : parts[k].labelRuns());
            rows += parts[k].rows();
            missing = CsvReader.Summary.added(missing, parts[k].missingByFeature());
        }
        LabelMapping merged = LabelMapping.restore(names);
        if (merged.problem() != null) {
            return null;
        }
        Map<String, CategoryDictionary> categories = parts[0].categories(); // part 0's numbers are the file's
        for (int k = 0; k < parts.length; k++) {
            if (parts[k].categories().values().stream().anyMatch(CategoryDictionary::overflowed)) {
                return null;
            }
        }
        for (int k = 1; k < parts.length; k++) {
            renumber[k] = new int[categories.size()][];
            int c = 0;
            for (var column : categories.entrySet()) {
                renumber[k][c] = column.getValue().merge(parts[k].categories().get(column.getKey()));
                if (renumber[k][c++] == null) {
                    return null;
                }
            }
        }
        return new CsvReader.Summary(parts[0].featureNames(), rows, merged, 0, List.of(), null, missing, categories, Map.of(), runs);
    }


    /**
     * Reads the file as {@code handlers.length} byte ranges at once, split at line ends, range
     * {@code k}'s rows going in order to {@code handlers[k]} on a thread of its own (range 0 on the
     * caller's). Line numbers, and so the summaries' skipped lines, count from each range's start,
     * and each range maps its own labels in its own first-seen order. Meant for the common case of
     * a good file: the caller merges the summaries, and on any exception reads the file again on
     * one thread for the exact message. Returns null for a file too small to split, or a gzip file.
     */
    private static CsvReader.Summary[] readInParts(CsvReader reader, CsvReader.RowHandler[] handlers, long minimumBytes) {
        ColumnLayout layout = reader.layout();
        long[] bounds;
        try {
            bounds = reader.gzip() ? null : ByteRanges.splitPoints(reader.file(), handlers.length, minimumBytes);
        } catch (java.io.IOException failed) {
            throw reader.cannotRead(failed);
        }
        if (bounds == null) {
            return null;
        }
        CsvReader.Summary[] summaries = new CsvReader.Summary[handlers.length];
        Throwable[] failures = new Throwable[handlers.length];
        Runnable[] reads = new Runnable[handlers.length];
        for (int k = 0; k < handlers.length; k++) {
            int part = k;
            reads[k] = () -> {
                try {
                    summaries[part] = reader.readRange(part == 0 ? null : layout, bounds[part], bounds[part + 1], handlers[part]);
                } catch (RuntimeException | Error failed) {
                    failures[part] = failed;
                }
            };
        }
        Thread[] threads = new Thread[handlers.length - 1];
        for (int k = 1; k < handlers.length; k++) {
            threads[k - 1] = new Thread(reads[k], "dense4j-csv-part-" + k);
            threads[k - 1].setDaemon(true);
            threads[k - 1].start();
        }
        reads[0].run(); // range 0 on the caller's thread, while the others run
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + reader.file(), interrupted);
            }
        }
        for (Throwable failure : failures) {
            if (failure instanceof RuntimeException problem) {
                throw problem;
            }
            if (failure != null) {
                throw new IllegalStateException("a reader thread failed: " + failure, failure);
            }
        }
        return summaries;
    }
}
