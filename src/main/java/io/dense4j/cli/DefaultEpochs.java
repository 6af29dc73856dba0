package io.dense4j.cli;

import java.util.Locale;

/**
 * How many epochs {@code train} and {@code cv} run when --epochs is not given: 10, or on a table
 * too small for 10 epochs to make {@value #STEPS} steps, as many as do, up to {@value #MOST}.
 * Plain SGD at the default rate takes about that many steps to settle: on the public tables of
 * docs/real-tables.md, the ones of fewer than 100 steps an epoch were the ones that trailed
 * scikit-learn's fitted logistic regression at 10 epochs. A full batch keeps 10: each of its epochs
 * is one step and a whole pass over the rows, which on a large file is what takes the time.
 */
final class DefaultEpochs {
    /** The default on a table of {@value #STEPS} steps an epoch or more, and for a full batch. */
    static final int FEWEST = 10;
    static final int MOST = 100;
    static final long STEPS = 1_000;

    private DefaultEpochs() {
    }

    /** The default for {@code rows} training rows in batches of {@code batchSize} (0: the full batch). */
    static int of(long rows, int batchSize) {
        if (batchSize == 0 || rows == 0) {
            return FEWEST;
        }
        long stepsAnEpoch = stepsAnEpoch(rows, batchSize);
        return (int) Math.max(FEWEST, Math.min(MOST, (STEPS + stepsAnEpoch - 1) / stepsAnEpoch));
    }

    private static long stepsAnEpoch(long rows, int batchSize) {
        return (rows + batchSize - 1) / batchSize;
    }

    /** The line that says why the default is more than {@value #FEWEST}, or null when it is not. */
    static String explained(int epochs, long rows, int batchSize) {
        if (epochs == FEWEST) {
            return null;
        }
        long stepsAnEpoch = stepsAnEpoch(rows, batchSize);
        return String.format(Locale.ROOT, "Epochs: %d, the default for %,d training rows in batches of %d: %,d steps an epoch, %s "
                + "(--epochs N sets them)", epochs, rows, batchSize, stepsAnEpoch, epochs == MOST && stepsAnEpoch * MOST < STEPS
                ? MOST + " epochs at most" : String.format(Locale.ROOT, "%,d steps at least", STEPS));
    }
}
