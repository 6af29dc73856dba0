package io.dense4j.data.csv;

/**
 * How a file's labels come in order: the longest run of consecutive rows of one label, and the
 * runs at the file's two ends, so that the runs of a file read in parts join as one reader's
 * would. Exists because a file sorted by its label, or by a time along which its labels come in
 * blocks, has runs far longer than chance gives: read without a cache, a shuffle buffer shorter
 * than them fills batches with one class for long stretches, and the model trains worse with no
 * error.
 *
 * @param firstClass the provisional class of the first row (−1 for no rows)
 * @param leading    the rows of the run the file starts with
 * @param lastClass  the provisional class of the last row (−1 for no rows)
 * @param trailing   the rows of the run the file ends with
 * @param longest    the rows of the longest run
 * @param rows       the labeled rows
 * @param ones       those of provisional class 1
 */
public record LabelRuns(int firstClass, long leading, int lastClass, long trailing, long longest, long rows, long ones) {
    /** A file of no labeled rows. */
    static final LabelRuns NONE = new LabelRuns(-1, 0, -1, 0, 0, 0, 0);

    /** How many times longer than chance's longest run a run must be to be worth a note. */
    static final int BEYOND_CHANCE = 10;

    /** These runs followed by {@code next}'s (its classes numbered as these are), as one reader of both counts them. */
    LabelRuns then(LabelRuns next) {
        if (next.rows == 0) {
            return this;
        }
        if (rows == 0) {
            return next;
        }
        boolean joined = lastClass == next.firstClass;
        long across = joined ? trailing + next.leading : 0;
        long startRun = joined && leading == rows ? rows + next.leading : leading;
        long endRun = joined && next.trailing == next.rows ? trailing + next.rows : next.trailing;
        return new LabelRuns(firstClass, startRun, next.lastClass, endRun, Math.max(Math.max(longest, next.longest), across),
                rows + next.rows, ones + next.ones);
    }

    /** The same runs, with provisional classes 0 and 1 swapped (a part that met the labels in the other order). */
    LabelRuns flipped() {
        return new LabelRuns(firstClass < 0 ? -1 : 1 - firstClass, leading, lastClass < 0 ? -1 : 1 - lastClass, trailing, longest,
                rows, rows - ones);
    }

    /**
     * Whether the longest run is longer than {@code bufferRows} and far longer than the longest run
     * rows in random order would give: about log(n·(1 − p)) / log(1 / p) for n rows whose more
     * frequent label has the share p (Schilling's longest run of heads).
     */
    public boolean beyondChanceAndLongerThan(long bufferRows) {
        if (rows == 0 || ones == 0 || ones == rows || longest <= bufferRows) {
            return false; // one class: nothing to mix
        }
        double share = Math.max(ones, rows - ones) / (double) rows;
        double chance = Math.log(Math.max(Math.E, rows * (1 - share))) / -Math.log(share);
        return longest > BEYOND_CHANCE * chance;
    }

    /** Counts labels one row at a time, as a pass reads them. */
    static final class Counter {
        private int first = -1;
        private long leading;
        private int current = -1;
        private long run;
        private long longest;
        private long rows;
        private long ones;

        void add(int provisionalClass) {
            if (provisionalClass < 0) {
                return; // an unlabeled read
            }
            rows++;
            ones += provisionalClass;
            if (provisionalClass == current) {
                run++;
            } else {
                if (first < 0) {
                    first = provisionalClass;
                } else if (leading == 0) {
                    leading = run; // the first run has ended
                }
                current = provisionalClass;
                run = 1;
            }
            longest = Math.max(longest, run);
        }

        LabelRuns runs() {
            return rows == 0 ? NONE : new LabelRuns(first, leading == 0 ? run : leading, current, run, longest, rows, ones);
        }
    }
}
