package io.dense4j.data;

/**
 * Which rows of a file a pass reads: all of them, or the training or validation side of a split
 * decided row by row from a hash of the seed and the row's number, so the split is the same in
 * every epoch and every run with that seed, and needs no memory however many rows there are.
 * Each row draws one uniform u in [0, 1); the validation side is the rows whose u falls in
 * [{@code validationFrom}, {@code validationTo}): [0, f) for a validation split of f, and
 * [k/K, (k+1)/K) for fold k of K-fold cross-validation, so the K folds share out every row.
 *
 * @param validationFrom where the validation side's share of [0, 1) starts
 * @param validationTo   where it ends; equal to {@code validationFrom} for no validation rows
 * @param validation     whether this selection is the validation side (else the training side)
 */
public record RowSelection(double validationFrom, double validationTo, long seed, boolean validation)
        implements java.io.Serializable {

    public RowSelection {
        if (!(validationFrom >= 0 && validationFrom <= validationTo && validationTo <= 1)
                || validationTo - validationFrom >= 1) {
            throw new IllegalArgumentException("a validation share must lie in [0, 1) and leave training rows, got ["
                    + validationFrom + ", " + validationTo + ")");
        }
    }

    /** Every row. */
    public static RowSelection all() {
        return new RowSelection(0, 0, 0, false);
    }

    /** The rows a validation split of {@code validationFraction} (in [0, 1)) trains on. */
    public static RowSelection training(double validationFraction, long seed) {
        return new RowSelection(0, checkedFraction(validationFraction), seed, false);
    }

    /** The rows a validation split of {@code validationFraction} holds out. */
    public static RowSelection validation(double validationFraction, long seed) {
        return new RowSelection(0, checkedFraction(validationFraction), seed, true);
    }

    /** Fold {@code fold} (0 … folds − 1) of {@code folds}-fold cross-validation: its held-out rows, or the others. */
    public static RowSelection fold(int folds, int fold, long seed, boolean heldOut) {
        if (folds < 2 || fold < 0 || fold >= folds) {
            throw new IllegalArgumentException("fold " + fold + " of " + folds + ": cross-validation needs at least 2 folds, "
                    + "numbered from 0");
        }
        return new RowSelection((double) fold / folds, (double) (fold + 1) / folds, seed, heldOut);
    }

    private static double checkedFraction(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("a validation fraction must be in [0, 1), got " + fraction);
        }
        return fraction;
    }

    /** Whether the row numbered {@code row} (0 = the first data row) is in this selection. */
    public boolean includes(long row) {
        return isValidation(row) == validation;
    }

    /** How many of rows 0 … {@code rows} − 1 are in this selection. */
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

    private boolean isValidation(long row) {
        if (validationFrom == validationTo) {
            return false;
        }
        // SplitMix64's finalizer: consecutive rows land independently, uniformly in [0, 1)
        long z = seed + (row + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        double u = (z >>> 11) * 0x1.0p-53;
        return u >= validationFrom && u < validationTo;
    }
}
