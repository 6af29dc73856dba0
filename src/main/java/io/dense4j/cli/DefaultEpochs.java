package io.dense4j.cli;

import io.dense4j.layer.Dense;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.TrainingCommand;
import java.util.Locale;

/**
 * How many epochs {@code train} and {@code cv} run when --epochs is not given, set on the command
 * once its rows are known: 10, or for a model without hidden layers on a table too small for 10
 * epochs to make {@value #STEPS} steps, as many as do, up to {@value #MOST}. Logistic regression by plain SGD at the default rate takes about that
 * many steps to settle: on the public tables of docs/real-tables.md, the ones of fewer than 100
 * batches an epoch were the ones that trailed scikit-learn's fitted model at 10 epochs. A network
 * with hidden layers keeps 10, since it can learn a small table by heart in that many more (300
 * rows, --layers 64,64 with Adam: validation log loss 0.58 at 10 epochs, 1.45 at 100); so does a
 * full batch, or a batch as large as the table: each epoch is then one step and a whole pass.
 */
final class DefaultEpochs {
    /** The default on a table of 100 batches an epoch or more, with hidden layers, and for a full batch. */
    static final int FEWEST = 10;
    static final int MOST = 100;
    static final long STEPS = 1_000;
    /** The epochs of a recorded command line that gives no --epochs: it was recorded when the default was always 10. */
    static final int OF_A_LINE_WITHOUT = FEWEST;
    private static final String GIVE_EPOCHS = ": give --epochs N, or a smaller --checkpoint-every";

    private DefaultEpochs() {
    }

    /**
     * The default for {@code rows} training rows in batches of {@code batchSize} (0: the full
     * batch), for a model with or without {@code hiddenLayers}.
     */
    static int of(long rows, int batchSize, boolean hiddenLayers) {
        if (hiddenLayers || batchSize == 0 || rows <= batchSize) {
            return FEWEST;
        }
        long stepsAnEpoch = stepsAnEpoch(rows, batchSize);
        return (int) Math.max(FEWEST, Math.min(MOST, (STEPS + stepsAnEpoch - 1) / stepsAnEpoch));
    }

    private static long stepsAnEpoch(long rows, int batchSize) {
        return (rows + batchSize - 1) / batchSize;
    }

    /**
     * Checks --checkpoint-every before the data is read: against --epochs, or against the most the
     * default can be (a resumed run's epochs are its checkpoint's run's, known once it is read).
     */
    static void checkBeforeReading(TrainCommand train) {
        if (train.epochsGiven) {
            train.checkpoints.checkWithin(train.epochs, "--epochs " + train.epochs + ": no checkpoint would be written",
                    train.spark.given());
        } else if (!train.checkpoints.resume) {
            train.checkpoints.checkWithin(MOST, "the " + MOST + " epochs the default takes at most" + GIVE_EPOCHS, train.spark.given());
        }
    }

    /**
     * Sets {@code train}'s epochs when --epochs is not given: a resumed run's, its checkpoint's run's
     * as its command line gave them; else the default for {@code rows} training rows, said when it
     * is not {@value #FEWEST}. Then checks what the epochs bound: --checkpoint-every, and the epochs
     * {@code resumed} (or null) has trained already.
     */
    static void settle(TrainCommand train, long rows, Checkpoint resumed) {
        if (train.epochsGiven) {
            return;
        }
        TrainingCommand interrupted = resumed == null ? null : resumed.model().trainingCommand();
        String named = "the %d epochs this run takes by default";
        if (interrupted != null) { // the run goes on to the end it was going to
            train.epochs = RecordedCommand.epochs(interrupted.arguments()).orElse(OF_A_LINE_WITHOUT);
            named = "the %d epochs of the checkpoint's run";
        } else {
            boolean hiddenLayers = resumed != null ? resumed.model().layers().stream().filter(Dense.class::isInstance).count() > 1
                    : !train.architecture.layers.isEmpty();
            train.epochs = of(rows, train.batchSize, hiddenLayers);
            String explained = explained(train.epochs, rows, train.batchSize);
            if (explained != null) {
                train.status().println(explained);
            }
        }
        train.checkpoints.checkWithin(train.epochs, String.format(Locale.ROOT, named, train.epochs) + GIVE_EPOCHS, train.spark.given());
        if (resumed != null) {
            ResumeCheck.enoughEpochs(resumed, train);
        }
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
