package io.dense4j.cli;

import io.dense4j.metrics.Scores;
import io.dense4j.model.Model;
import io.dense4j.train.BaseRateCheck;
import io.dense4j.train.History;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * What a train run says of itself: whether it ended worse than the base rate, whether its
 * validation rows fared worse than the base rate would, whether its loss was still falling, and
 * what a full batch's early stopping counts. Most need to know whether an epoch
 * is one step (a full batch, or batches as large as the training rows), whose loss is of the
 * weights before that step.
 */
final class RunJudgement {
    private final int epochs;
    private final int batchSize;
    private final boolean standardized;
    private final PrintStream status;
    /** The training rows, once a new model has counted them; −1 before (a resumed run). */
    private long trainingRows = -1;
    /** Judges the epochs against the constant prediction once a new model knows its class counts. */
    private BaseRateCheck baseRate;
    private boolean notedPatience;

    /**
     * @param standardized whether the features are standardized (the advice when the run ends badly)
     * @param status       where the notes go
     */
    RunJudgement(int epochs, int batchSize, boolean standardized, PrintStream status) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.standardized = standardized;
        this.status = status;
    }

    /** The training rows of the model being made, which tell whether a batch takes them all. */
    void trainingRows(long rows) {
        trainingRows = rows;
    }

    /** Whether each epoch is one step: a full batch, or batches as large as the training rows. */
    boolean oneStepAnEpoch() {
        return batchSize == 0 || trainingRows >= 0 && batchSize >= trainingRows;
    }

    /** The base-rate check of the model being trained, made when first asked for. */
    BaseRateCheck baseRate() {
        if (baseRate == null) {
            baseRate = new BaseRateCheck(epochs, System.err, !standardized
                    ? "the features are read unscaled (--no-standardize): leave that flag out to standardize them, or lower --lr"
                    : oneStepAnEpoch() ? "a full batch takes one step an epoch: give it many more --epochs (hundreds), lower --lr if "
                    + "the loss grew, or take smaller batches (--batch-size 32)"
                    : "lower --lr if the loss grew, raise it or train more epochs if it barely moved", oneStepAnEpoch());
        }
        return baseRate;
    }

    /** Judges the epochs against the base rate of the training rows {@code statistics} counts, weighted as the loss weighs classes. */
    void expect(io.dense4j.data.FeatureStatistics statistics, io.dense4j.loss.ClassWeights weights) {
        trainingRows(statistics.count());
        baseRate().expect(statistics.negatives(), statistics.positives(), statistics.negativeWeight(), statistics.positiveWeight(),
                weights);
    }

    /**
     * Judges the end of a fit that trained {@code history}. With no epoch trained (a resumed run
     * that had trained them all), the end is the epoch the model holds, as its provenance records
     * it. With one step an epoch, an end that looked worse than the base rate is judged on the
     * training loss after the last step, which {@code trainingObjective} measures with one more pass.
     */
    void judgeEnd(History history, Model model, DoubleSupplier trainingObjective) {
        io.dense4j.model.Provenance recorded = model.provenance();
        if (history.epochs().isEmpty() && recorded != null) {
            baseRate().endedAt(new io.dense4j.train.EpochMetrics(recorded.weightsEpoch(), recorded.loss(), recorded.accuracy(),
                    recorded.validationLoss(), recorded.validationAccuracy(), 0, 0));
        }
        if (oneStepAnEpoch() && worseAtEnd()) { // each epoch's loss is of the weights before its step
            baseRate.afterLastStep(trainingObjective.getAsDouble());
        }
    }

    /** Judges the next model's epochs afresh against its own base rate (cv: each fold's); returns the last check, or null. */
    BaseRateCheck judgeAnew() {
        BaseRateCheck last = baseRate;
        baseRate = null;
        return last;
    }

    /** Whether the run ended worse than the base rate, as far as it was judged. */
    boolean worseAtEnd() {
        return baseRate != null && baseRate.worseAtEnd();
    }

    /** The closing verdict of a run that ended worse than the base rate. */
    String verdict() {
        return baseRate.verdict();
    }

    /**
     * A warning when the validation rows' log loss is worse than always predicting the training
     * rows' share of positives would be there: the model learned the training rows, not what
     * carries to new ones (as on a wide table of few rows). Null otherwise, after a run that ended
     * worse than the base rate (an error says more), and for a {@code weighted} training loss (class
     * or row weights): the validation loss is not weighted, so a model trained to favour a class
     * scores worse than the constant in log loss while it ranks the rows well.
     */
    String heldOutWarning(Scores held, boolean weighted) {
        double share = baseRate == null ? Double.NaN : baseRate.positiveShare();
        if (held == null || weighted || worseAtEnd() || !(share > 0 && share < 1) || held.labels().length == 0) {
            return null;
        }
        long positives = 0;
        for (double label : held.labels()) {
            positives += label == 1 ? 1 : 0;
        }
        int rows = held.labels().length;
        double constant = -(positives * Math.log(share) + (rows - positives) * Math.log1p(-share)) / rows;
        if (!(held.logLoss() > constant)) {
            return null;
        }
        return String.format(Locale.ROOT, "Warning: on the validation rows the log loss %.4f is worse than always predicting the "
                + "training rows' base rate (loss %.4f there, %.1f%% positive): the model's probabilities fit the training "
                + "rows, not new ones; try fewer --epochs or --early-stopping (it keeps the epoch of least validation loss), --l2 or "
                + "--dropout, or more rows", held.logLoss(), constant, 100 * share);
    }

    /** The note on a loss still falling at the end, or null; none after a run that ended worse than the base rate (an error says more). */
    String stillFalling(History history) {
        return worseAtEnd() ? null : ConvergenceNote.of(history, epochs, oneStepAnEpoch());
    }

    /** Once a command: with one step an epoch, early stopping's patience counts steps. */
    void notePatience(int patience) {
        if (oneStepAnEpoch() && !notedPatience) { // a full batch's loss may rise for a few steps, then fall
            status.printf("Note: --early-stopping %d counts epochs, and an epoch of a full batch is one step: the run stops after %d "
                    + "%s without a better loss, as is common early in a run of full batches%n", patience, patience,
                    patience == 1 ? "step" : "steps");
            notedPatience = true;
        }
    }
}
