package io.dense4j.cli;

import io.dense4j.metrics.Scores;
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
                    : oneStepAnEpoch() ? (batchSize == 0 ? "a full batch takes one step an epoch"
                    : "one batch holds every training row, so an epoch is one step") + ": give it many more --epochs (hundreds), lower "
                    + "--lr if the loss grew, or take smaller batches (--batch-size " + smallerBatch() + ")"
                    : "lower --lr if the loss grew, raise it or train more epochs if it barely moved", oneStepAnEpoch());
        }
        return baseRate;
    }

    /**
     * A batch size that takes several steps an epoch: the default 32, or for fewer than 128 training
     * rows, a power of two of about a quarter of them.
     */
    private long smallerBatch() {
        return trainingRows < 0 || trainingRows >= 4 * 32 ? 32 : Long.highestOneBit(Math.max(1, trainingRows / 4));
    }

    /** Judges the epochs against the base rate of the training rows {@code statistics} counts, weighted as the loss weighs classes. */
    void expect(io.dense4j.data.FeatureStatistics statistics, io.dense4j.loss.ClassWeights weights) {
        trainingRows(statistics.count());
        baseRate().expect(statistics.negatives(), statistics.positives(), statistics.negativeWeight(), statistics.positiveWeight(),
                weights);
    }

    /**
     * As {@link #expect}, for a resumed fit, which a new run's statistics pass gives the class
     * counts: judged as a new run is, so that a failed run resumed does not pass. The epoch its
     * model holds, as its provenance records it, comes before the epochs it trains, and is its end
     * if it trains none.
     */
    void expectResumed(io.dense4j.data.FeatureStatistics statistics, io.dense4j.loss.ClassWeights weights,
                       io.dense4j.model.Provenance recorded) {
        expect(statistics, weights);
        if (recorded != null) {
            baseRate().resumedAfter(new io.dense4j.train.EpochMetrics(recorded.weightsEpoch(), recorded.loss(), recorded.accuracy(),
                    recorded.validationLoss(), recorded.validationAccuracy(), 0, 0));
        }
    }

    /**
     * With one step an epoch, judges an end that looked worse than the base rate on the training
     * loss after the last step, which {@code trainingObjective} measures with one more pass.
     */
    void judgeAfterLastStep(DoubleSupplier trainingObjective) {
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
     * The share of the base rate's loss a training loss must gain to be more than a little better
     * than it; below that the features, not the fit, are the likely cause of a poor validation loss.
     * Weighing the gain against the validation rows' excess loss instead called a model learned by
     * heart (training loss 0.12 against 0.69, validation 1.45) little better on its training rows.
     */
    private static final double LITTLE_BETTER = 0.1;

    /**
     * A warning when the validation rows' log loss is worse than always predicting the training
     * rows' share of positives would be there: what the model learned does not carry to new rows.
     * Null otherwise, after a run that ended worse than the base rate (an error says more), and for
     * a {@code weighted} training loss (class or row weights): the validation loss is not weighted,
     * so a model trained to favour a class scores worse than the constant in log loss while it
     * ranks the rows well.
     *
     * @param validationLoss the validation rows' mean log loss
     * @param positives      the validation rows of class 1
     * @param rows           the validation rows
     * @param earlyStopping  whether early stopping kept the epoch of least validation loss
     */
    String heldOutWarning(double validationLoss, long positives, long rows, boolean weighted, boolean earlyStopping) {
        double share = baseRate == null ? Double.NaN : baseRate.positiveShare();
        double training = baseRate == null ? Double.NaN : baseRate.endLoss();
        if (weighted || worseAtEnd() || !(share > 0 && share < 1) || rows == 0 || Double.isNaN(training)) {
            return null;
        }
        double constant = -(positives * Math.log(share) + (rows - positives) * Math.log1p(-share)) / rows;
        if (!(validationLoss > constant)) {
            return null;
        }
        double base = baseRate.baseRateLoss();
        String said = String.format(Locale.ROOT, "Warning: on the validation rows the log loss %.4f is worse than always predicting "
                + "the training rows' base rate (loss %.4f there, %.1f%% positive)", validationLoss, constant, 100 * share);
        if (!(base - training >= LITTLE_BETTER * base)) { // the training rows hardly gained either: nothing to learn by heart
            return said + String.format(Locale.ROOT, ": on the training rows too it is little better than the base rate (loss %.4f "
                    + "against %.4f), so what it learned does not carry to new rows; the features may hold little that predicts "
                    + "the label", training, base);
        }
        return said + String.format(Locale.ROOT, ": the model's probabilities fit the training rows (loss %.4f against the base "
                + "rate's %.4f), not new ones; %s", training, base, earlyStopping
                ? "early stopping kept the epoch of least validation loss, so try --l2 or --dropout, smaller --layers, or more rows"
                : "try fewer --epochs, --early-stopping 3 (it keeps the epoch of least validation loss), --l2 or --dropout, or "
                + "more rows");
    }

    /** As above, from the validation rows' scores. */
    String heldOutWarning(Scores held, boolean weighted, boolean earlyStopping) {
        long positives = 0;
        for (double label : held.labels()) {
            positives += label == 1 ? 1 : 0;
        }
        return heldOutWarning(held.logLoss(), positives, held.labels().length, weighted, earlyStopping);
    }

    /** The validation loss of the epoch judged at the end (the one whose weights the model holds); NaN without one. */
    double endValidationLoss() {
        io.dense4j.train.EpochMetrics end = baseRate == null ? null : baseRate.endEpoch();
        return end == null ? Double.NaN : end.validationLoss();
    }

    /** The note on a loss still falling at the end, or null; none after a run that ended worse than the base rate (an error says more). */
    String stillFalling(History history) {
        return worseAtEnd() ? null : ConvergenceNote.of(history, epochs, oneStepAnEpoch(),
                baseRate == null ? Double.NaN : baseRate.baseRateLoss());
    }

    /** Once a command: with one step an epoch, early stopping's patience counts steps. */
    void notePatience(int patience) {
        if (oneStepAnEpoch() && !notedPatience) { // a full batch's loss may rise for a few steps, then fall
            status.printf(Locale.ROOT, "Note: --early-stopping %d counts epochs, and an epoch of a full batch is one step: the run stops after %d "
                    + "%s without a better loss, as is common early in a run of full batches%n", patience, patience,
                    patience == 1 ? "step" : "steps");
            notedPatience = true;
        }
    }
}
