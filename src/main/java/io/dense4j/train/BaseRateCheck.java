package io.dense4j.train;

import io.dense4j.loss.ClassWeights;
import io.dense4j.model.CallbackState;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;

/**
 * Says when training ends up worse than knowing nothing: an epoch whose training loss exceeds the
 * loss of the best constant prediction, the training rows' (class-weighted) share of positives.
 * Such a model is worse than always answering with the base rate, which a diverging learning
 * rate or unscaled features cause. It warns once, after the first such epoch (not after epoch 1
 * when more follow, unless its loss is far past the base rate's: that epoch's mean includes the
 * untrained start, which a little worse does not condemn and far worse does; nor after an epoch that
 * fell by more than it is still worse: at that pace the next epoch passes the base rate), and {@link #worseAtEnd}
 * tells whether the last epoch was still worse. It stays silent until {@link #expect} gives it the
 * class counts, so a run that does not know them is not judged.
 */
public final class BaseRateCheck implements Callback {
    private static final String STATE = "BaseRateCheck";
    private final int epochs;
    private final PrintStream out;
    private final String likelyCauses;
    /** Whether an epoch is one step (a full batch): then a loss above the base rate that still falls is training under way. */
    private final boolean oneStepAnEpoch;
    private double baseRateLoss = Double.NaN;
    private double positiveShare;
    private boolean warned;
    private EpochMetrics last;
    /** The loss after the last epoch's one step, when measured ({@link #afterLastStep}); else NaN. */
    private double afterLastStep = Double.NaN;
    private TrainingRun run;

    /**
     * @param epochs       the epochs the run goes to
     * @param out          where the warning goes
     * @param likelyCauses what to try, for the warning and the verdict
     */
    public BaseRateCheck(int epochs, PrintStream out, String likelyCauses) {
        this(epochs, out, likelyCauses, false);
    }

    /**
     * As above; with {@code oneStepAnEpoch} (a full batch), an epoch is judged during the run only
     * when its loss did not fall below the epoch's before: each epoch's loss is of the weights
     * before its one step, so for many epochs it sits above the base rate while training goes well.
     * The end is judged as ever.
     */
    public BaseRateCheck(int epochs, PrintStream out, String likelyCauses, boolean oneStepAnEpoch) {
        this.epochs = epochs;
        this.out = out;
        this.likelyCauses = likelyCauses;
        this.oneStepAnEpoch = oneStepAnEpoch;
    }

    /**
     * The mean loss of the best constant prediction over {@code negatives} and {@code positives}
     * rows under {@code weights}: with W₀ and W₁ each class's weighted rows, the constant is
     * q = W₁ / (W₀ + W₁) and the loss −(W₁ ln q + W₀ ln(1 − q)) / (rows).
     */
    public static double constantPredictionLoss(long negatives, long positives, ClassWeights weights) {
        return constantPredictionLoss(negatives, positives, negatives + positives, weights);
    }

    /**
     * As above, for rows with weights of their own: {@code negativeWeight} and {@code positiveWeight}
     * are each class's summed row weights, and the mean is still over the {@code rows}. The logs
     * are taken of W₀ and W₁ apart (ln q = ln W₁ − ln(W₀ + W₁)), so that a class weight of 1e30
     * gives the loss it has rather than q = 1 and an infinite ln(1 − q).
     */
    public static double constantPredictionLoss(double negativeWeight, double positiveWeight, long rows, ClassWeights weights) {
        double log0 = Math.log(weights.negative()) + Math.log(negativeWeight);
        double log1 = Math.log(weights.positive()) + Math.log(positiveWeight);
        // ln q and ln(1 − q) as differences from the larger class's log, so that the smaller one's share, 3e-30 say,
        // is not lost against it: the larger class's log share is −ln(1 + e^(smaller − larger))
        double gap = -Math.abs(log0 - log1);
        double larger = -Math.log1p(Math.exp(gap));
        double logQ = log1 >= log0 ? larger : gap + larger;
        double logNotQ = log1 >= log0 ? gap + larger : larger;
        double logRows = Math.log(rows);
        return (positiveWeight > 0 ? -Math.exp(log1 - logRows) * logQ : 0) + (negativeWeight > 0 ? -Math.exp(log0 - logRows) * logNotQ : 0);
    }

    /**
     * The logit of that constant, ln(W₁ / W₀): the output bias at which an untrained model predicts
     * the base rate rather than 50%.
     */
    public static double constantPredictionLogit(double negativeWeight, double positiveWeight, ClassWeights weights) {
        return Math.log(weights.positive()) + Math.log(positiveWeight) - Math.log(weights.negative()) - Math.log(negativeWeight);
    }

    /** Judges the epochs from now on against the constant prediction for these training rows. */
    public void expect(long negatives, long positives, ClassWeights weights) {
        expect(negatives, positives, negatives, positives, weights);
    }

    /** As above, for rows with weights of their own: each class's rows, and their summed weights. */
    public void expect(long negatives, long positives, double negativeWeight, double positiveWeight, ClassWeights weights) {
        if (negativeWeight > 0 && positiveWeight > 0) {
            baseRateLoss = constantPredictionLoss(negativeWeight, positiveWeight, negatives + positives, weights);
            positiveShare = (double) positives / (negatives + positives);
        }
    }

    /** The training rows' share of positives, unweighted, once {@link #expect} gave the counts; NaN before. */
    public double positiveShare() {
        return Double.isNaN(baseRateLoss) ? Double.NaN : positiveShare;
    }

    @Override
    public void onTrainBegin(TrainingRun started) {
        run = started;
    }

    /**
     * The epoch judged at the end: the last, or the one whose weights early stopping put back,
     * since the model holds that one's. Asked when judged, so the callbacks' order does not matter.
     */
    private EpochMetrics kept() {
        EpochMetrics restored = run == null ? null : run.weightsOf();
        return restored != null ? restored : last;
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        if (Double.isNaN(baseRateLoss)) {
            return;
        }
        boolean falling = last != null && metrics.loss() < last.loss();
        // at the pace of its last epoch, the loss would pass the base rate's within the next one
        boolean closing = last != null && last.loss() - metrics.loss() > metrics.loss() - baseRateLoss;
        last = metrics;
        boolean worse = !(metrics.loss() <= baseRateLoss);
        if ((oneStepAnEpoch ? falling : closing) && !farWorse(metrics.loss())) {
            return; // training under way: judged at the next epoch, or at the end
        }
        if (worse && !warned && (metrics.epoch() > 1 || epochs == 1 || farWorse(metrics.loss()))) {
            warned = true;
            out.println("Warning: " + comparison(metrics) + "; " + likelyCauses);
        }
    }

    /**
     * Whether an epoch-1 loss is past what its untrained start explains: over twice the base rate's
     * loss, and over it by more than ln 2, the loss of a model that says 50% to every row (when
     * positives are rare the base rate's loss is small, and an untrained start sits near ln 2).
     */
    private boolean farWorse(double loss) {
        return loss > Math.max(2 * baseRateLoss, baseRateLoss + Math.log(2));
    }

    /**
     * The last epoch judged and whether it warned: a resumed fit judges its next epoch as falling
     * or not against that epoch's loss, and does not warn twice, as the uninterrupted run would.
     */
    @Override
    public CallbackState checkpointState() {
        Map<String, Double> numbers = new HashMap<>();
        numbers.put("warned", warned ? 1.0 : 0.0);
        EpochMetrics.putInto(numbers, "last", last);
        return new CallbackState(STATE, numbers, null);
    }

    @Override
    public void restoreState(CallbackState state) {
        EpochMetrics restored = EpochMetrics.from(state, "last");
        double said = state.number("warned");
        int done = run.firstEpoch() - 1; // the epochs the checkpoint had trained
        if (!(said == 0 || said == 1) || restored != null && !(restored.epoch() >= 1 && restored.epoch() <= done
                && restored.loss() >= 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the checkpoint's base-rate check cannot be after %d "
                    + "epochs: warned %s, last epoch %s with loss %s (the file was altered)", done, said,
                    restored == null ? "none" : restored.epoch(), restored == null ? "none" : restored.loss()));
        }
        warned = said == 1;
        if (restored != null) {
            last = restored;
        }
    }

    /**
     * For a resumed fit: the epoch its model holds, from the checkpoint, taken as the last before
     * the epochs it trains, so that a full batch's next epoch is judged as falling or not against
     * its loss, and as the end if the fit trains none. No warning of its own.
     */
    public void resumedAfter(EpochMetrics metrics) {
        last = metrics;
    }

    /**
     * For a run of one step an epoch: the training loss after the last step, which the last epoch's
     * loss, taken before that step, does not show. The end is judged on it in the last epoch's place.
     */
    public void afterLastStep(double loss) {
        afterLastStep = loss;
    }

    /** The epoch judged at the end: the last, or the one whose weights early stopping put back; null before any. */
    public EpochMetrics endEpoch() {
        return kept();
    }

    /** The training loss the end is judged on (after the last step, when measured); NaN before any epoch. */
    public double endLoss() {
        EpochMetrics kept = kept();
        return kept == null ? Double.NaN : endLoss(kept);
    }

    /** The constant prediction's loss on the training rows; NaN until {@link #expect} gave the counts. */
    public double baseRateLoss() {
        return baseRateLoss;
    }

    /** Whether the last epoch judged was worse than the constant prediction. */
    public boolean worseAtEnd() {
        EpochMetrics kept = kept();
        return kept != null && !Double.isNaN(baseRateLoss) && !(endLoss(kept) <= baseRateLoss);
    }

    /** The last epoch against the constant prediction, for the closing error. */
    public String verdict() {
        String compared = comparison();
        return compared.isEmpty() ? "" : compared + "; " + likelyCauses;
    }

    /** The last epoch against the constant prediction, without the likely causes: for several runs that share them. */
    public String comparison() {
        EpochMetrics kept = kept();
        if (kept == null) {
            return "";
        }
        String judged = kept == last && !Double.isNaN(afterLastStep) ? "the training loss after epoch " + kept.epoch() + "'s step"
                : "epoch " + kept.epoch() + "'s training loss";
        return comparison(judged, endLoss(kept));
    }

    /** What most likely makes a run end worse than the constant prediction, as this check says it. */
    public String likelyCauses() {
        return likelyCauses;
    }

    private double endLoss(EpochMetrics kept) {
        return kept == last && !Double.isNaN(afterLastStep) ? afterLastStep : kept.loss();
    }

    private String comparison(EpochMetrics metrics) {
        return comparison("epoch " + metrics.epoch() + "'s training loss", metrics.loss());
    }

    private String comparison(String judged, double judgedLoss) {
        // two significant digits below 1%: 1 positive in 10,000 is 0.010%, not 0.0%
        String share = String.format(Locale.ROOT, positiveShare >= 0.01 ? "%.1f" : "%.2g", 100 * positiveShare);
        // as many decimals as show the two losses apart: "0.0685 is worse than 0.0685" says nothing
        int decimals = 4;
        while (decimals < 9 && String.format(Locale.ROOT, "%." + decimals + "f", judgedLoss)
                .equals(String.format(Locale.ROOT, "%." + decimals + "f", baseRateLoss))) {
            decimals++;
        }
        String loss = "%." + decimals + "f";
        return String.format(Locale.ROOT, "%s " + loss + " is worse than always predicting the base rate (loss " + loss
                + ", %s%% positive)", judged, judgedLoss, baseRateLoss, share);
    }
}
