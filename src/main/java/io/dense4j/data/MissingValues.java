package io.dense4j.data;

/** Fills the missing values (NaN) a CSV reader delivered for a row. */
public final class MissingValues {
    private MissingValues() {
    }

    /**
     * Replaces each NaN among {@code values[offset .. offset + fill.length)} by its feature's fill
     * value, rounded to float32 as every value read from a CSV is.
     */
    public static void fill(float[] values, int offset, double[] fill) {
        for (int j = 0; j < fill.length; j++) {
            if (Float.isNaN(values[offset + j])) {
                values[offset + j] = (float) fill[j];
            }
        }
    }
}
