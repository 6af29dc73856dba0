package io.dense4j.model;

import java.util.Locale;

/**
 * A row with no probability: finite values that the layers, in the model's precision, took beyond
 * its range (float32's ±3.4e38) to NaN or an infinite logit, as a value far outside the training
 * range does once standardized. Scoring stops there rather than write or count such a row.
 */
final class NoProbability extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** The row among those scored, from 0. */
    final transient long row;

    /** @param rows what the row is counted among, as the message names it: "row", or "t.csv: data row" */
    NoProbability(long row, String rows) {
        super(String.format(Locale.ROOT, "%s %,d has no probability: its values overflow the model's layers, as a value far outside "
                + "what training saw can; check that row", rows, row + 1));
        this.row = row;
    }
}
