package io.dense4j.data;

/**
 * Which rows of a file a pass reads: all of them, or the training or validation side of a split
 * decided row by row from a hash of the seed and the row's number, so the split is the same in
 * every epoch and every run with that seed, and needs no memory however many rows there are.
 * Each row draws one uniform u in [0, 1); the validation side is the rows whose u falls in
 * [{@code validationFrom}, {@code validationTo}): [0, f) for a validation split of f, and
 * [k/K, (k+1)/K) for fold k of K-fold cross-validation, so the K folds share out every row.
 *
 * <p>A stratified selection keeps the class ratio: the k-th row of class c (counted in file order)
 * takes u = frac(φ_c + k·ψ), where φ_c is drawn from the seed and ψ = (√5 − 1)/2. Successive
 * values of that Weyl sequence spread over [0, 1) as evenly as any sequence can, so each class puts
 * within a row or two of its exact share on the validation side, in no periodic pattern. Deciding
 * needs the row's label and its rank in its class, so such a selection is walked in file order
 * ({@link #walker()}) and counted from the class totals ({@link #count(long, long)}).
 *
 * @param validationFrom where the validation side's share of [0, 1) starts
 * @param validationTo   where it ends; equal to {@code validationFrom} for no validation rows
 * @param validation     whether this selection is the validation side (else the training side)
 * @param stratified     whether each class keeps its share on each side
 */
public record RowSelection(double validationFrom, double validationTo, long seed, boolean validation, boolean stratified)
        implements java.io.Serializable {

    /** ψ = (√5 − 1)/2: the step of the Weyl sequence whose points spread most evenly. */
    private static final double GOLDEN = 0.6180339887498949;

    public RowSelection {
        if (!(validationFrom >= 0 && validationFrom <= validationTo && validationTo <= 1)
                || validationTo - validationFrom >= 1) {
            throw new IllegalArgumentException("a validation share must lie in [0, 1) and leave training rows, got ["
                    + validationFrom + ", " + validationTo + ")");
        }
    }

    /** Every row. */
    public static RowSelection all() {
        return new RowSelection(0, 0, 0, false, false);
    }

    /** The rows a validation split of {@code validationFraction} (in [0, 1)) trains on. */
    public static RowSelection training(double validationFraction, long seed) {
        return new RowSelection(0, checkedFraction(validationFraction), seed, false, false);
    }

    /** The rows a validation split of {@code validationFraction} holds out. */
    public static RowSelection validation(double validationFraction, long seed) {
        return new RowSelection(0, checkedFraction(validationFraction), seed, true, false);
    }

    /** Fold {@code fold} (0 … folds − 1) of {@code folds}-fold cross-validation: its held-out rows, or the others. */
    public static RowSelection fold(int folds, int fold, long seed, boolean heldOut) {
        if (folds < 2 || fold < 0 || fold >= folds) {
            throw new IllegalArgumentException("fold " + fold + " of " + folds + ": cross-validation needs at least 2 folds, "
                    + "numbered from 0");
        }
        return new RowSelection((double) fold / folds, (double) (fold + 1) / folds, seed, heldOut, false);
    }

    private static double checkedFraction(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("a validation fraction must be in [0, 1), got " + fraction);
        }
        return fraction;
    }

    /** This selection with each class keeping its share on each side. */
    public RowSelection stratify() {
        return new RowSelection(validationFrom, validationTo, seed, validation, true);
    }

    /**
     * Whether the row numbered {@code row} (0 = the first data row) is in this selection.
     *
     * @throws IllegalStateException for a stratified selection, which needs each row's label: walk it
     */
    public boolean includes(long row) {
        if (stratified && validationFrom != validationTo) {
            throw new IllegalStateException("a stratified selection decides from each row's class: walk the rows with walker()");
        }
        return inRange(uniformOf(row)) == validation;
    }

    /**
     * The data row (from 0) of the {@code n}-th row this selection holds (from 0), found by walking
     * the rows; −1 for a stratified split, which needs the rows' labels to say.
     */
    public long dataRow(long n) {
        if (everyRow()) {
            return n;
        }
        if (stratified && validationFrom != validationTo) {
            return -1;
        }
        for (long row = 0, held = 0; ; row++) {
            if (includes(row) && held++ == n) {
                return row;
            }
        }
    }

    private double uniformOf(long row) {
        return uniform(seed + (row + 1) * 0x9E3779B97F4A7C15L);
    }

    /** Whether this selection holds every row: the training side of no split. */
    public boolean everyRow() {
        return validationFrom == validationTo && !validation;
    }

    /** How many of rows 0 … {@code rows} − 1 are in this selection (not stratified: see {@link #count(long, long)}). */
    public long count(long rows) {
        if (validationFrom == validationTo) {
            return validation ? 0 : rows;
        }
        long count = 0;
        for (long row = 0; row < rows; row++) {
            if (includes(row)) {
                count++;
            }
        }
        return count;
    }

    /** How many rows of a file with these class totals are in this selection, stratified or not. */
    public long count(long negatives, long positives) {
        if (!stratified || validationFrom == validationTo) {
            return count(negatives + positives);
        }
        return countOfClass(0, negatives) + countOfClass(1, positives);
    }

    private long countOfClass(int cls, long rows) {
        long count = 0;
        for (long rank = 0; rank < rows; rank++) {
            if (inRange(stratifiedUniform(cls, rank)) == validation) {
                count++;
            }
        }
        return count;
    }

    /** Decides the rows one by one in file order, with their labels: the way to read a stratified selection. */
    public Walker walker() {
        return new Walker(0, 0, 0);
    }

    /**
     * A walker for a piece of the file that starts at row {@code firstRow}, after
     * {@code negativesBefore} rows of class 0 and {@code positivesBefore} of class 1: it decides that
     * piece's rows as a walk from the file's start would.
     */
    public Walker walker(long firstRow, long negativesBefore, long positivesBefore) {
        return new Walker(firstRow, negativesBefore, positivesBefore);
    }

    /** The rows of a file in order, each with its label; counts each class's rows so far. */
    public final class Walker {
        private long row;
        private final long[] seen = new long[2];

        private Walker(long firstRow, long negativesBefore, long positivesBefore) {
            row = firstRow;
            seen[0] = negativesBefore;
            seen[1] = positivesBefore;
        }

        /** Whether the next row, of class {@code label} (1 is positive), is in the selection. */
        public boolean includes(double label) {
            long number = row++;
            if (!stratified || validationFrom == validationTo) {
                return RowSelection.this.includes(number);
            }
            int cls = label == 1 ? 1 : 0;
            return inRange(stratifiedUniform(cls, seen[cls]++)) == validation;
        }
    }

    private double stratifiedUniform(int cls, long rank) {
        double start = uniform(seed ^ (cls + 1) * 0xD1B54A32D192ED03L); // φ_c
        double u = start + rank * GOLDEN;
        return u - Math.floor(u);
    }

    private boolean inRange(double u) {
        return u >= validationFrom && u < validationTo;
    }

    /** SplitMix64's finalizer as a uniform in [0, 1): consecutive inputs land independently. */
    private static double uniform(long state) {
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
