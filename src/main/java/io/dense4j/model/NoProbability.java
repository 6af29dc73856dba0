package io.dense4j.model;

import java.util.Locale;

/**
 * A row with no probability: finite values that the layers, in the model's precision, took beyond
 * its range (float32's ±3.4e38) to NaN or an infinite logit, as a value far outside the training
 * range does once standardized. Scoring stops there rather than write or count such a row.
 */
public final class NoProbability extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** The row among those scored, from 0. */
    final transient long row;

    /** What is wrong with the row, after the words that place it. */
    public static final String PROBLEM = "has no probability: its values overflow the model's layers, as a value far outside what "
            + "training saw can; check that row";

    private NoProbability(long row, String where) {
        super(where + " " + PROBLEM);
        this.row = row;
    }

    /** Row {@code row} (from 0) among {@code rows}, as the message names them: "row", or "t.csv: data row". */
    static NoProbability counted(long row, String rows) {
        return new NoProbability(row, String.format(Locale.ROOT, "%s %,d", rows, row + 1));
    }

    /** Row {@code row} among rows given in memory, named by its index from 0 as an array's rows are ("row 7"). */
    static NoProbability atIndex(long row) {
        return new NoProbability(row, "row " + row);
    }

    /** Row {@code row} (from 0) of those scored, which a reader finds {@code where} ("b.csv: data row 7"). */
    static NoProbability at(long row, String where) {
        return new NoProbability(row, where);
    }

    /**
     * Epoch {@code epoch}'s validation loss, {@code loss}, that is not finite while training's was:
     * a held-out row the layers overflow, not a divergence. Said by one machine's and Spark's
     * training alike.
     */
    public static IllegalArgumentException inValidation(int epoch, double loss) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "epoch %d's validation loss is %s: a validation row's values "
                + "overflow the model's layers, as a value far outside what the training rows hold can; check the data (evaluate "
                + "names such a row)", epoch, loss));
    }
}
