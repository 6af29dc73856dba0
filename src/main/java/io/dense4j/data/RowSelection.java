package io.dense4j.data;

/**
 * Which rows of a file a pass reads: all of them, or the training or validation side of a split
 * decided row by row from a hash of the seed and the row's number, so the split is the same in
 * every epoch and every run with that seed, and needs no memory however many rows there are.
 *
 * @param validationFraction the share of rows on the validation side, in [0, 1)
 * @param validation         whether this selection is the validation side (else the training side)
 */
public record RowSelection(double validationFraction, long seed, boolean validation) implements java.io.Serializable {

    public RowSelection {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("a validation fraction must be in [0, 1), got " + validationFraction);
        }
    }

    /** Every row. */
    public static RowSelection all() {
        return new RowSelection(0, 0, false);
    }

    public static RowSelection training(double validationFraction, long seed) {
        return new RowSelection(validationFraction, seed, false);
    }

    public static RowSelection validation(double validationFraction, long seed) {
        return new RowSelection(validationFraction, seed, true);
    }

    /** Whether the row numbered {@code row} (0 = the first data row) is in this selection. */
    public boolean includes(long row) {
        return isValidation(row) == validation;
    }

    /** How many of rows 0 … {@code rows} − 1 are in this selection. */
    public long count(long rows) {
        if (validationFraction == 0) {
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
        if (validationFraction == 0) {
            return false;
        }
        // SplitMix64's finalizer: consecutive rows land independently, uniformly in [0, 1)
        long z = seed + (row + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 < validationFraction;
    }
}
