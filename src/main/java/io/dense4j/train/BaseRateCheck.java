package io.dense4j.train;

import io.dense4j.loss.ClassWeights;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Says when training ends up worse than knowing nothing: an epoch whose training loss exceeds the
 * loss of the best constant prediction, the training rows' (class-weighted) share of positives.
 * Such a model is worse than always answering with the base rate, which a diverging learning
 * rate or unscaled features cause. It warns once, after the first such epoch (not after epoch 1
 * when more follow, unless its loss is far past the base rate's: that epoch's mean includes the
 * untrained start, which a little worse does not condemn and far worse does), and {@link #worseAtEnd}
 * tells whether the last epoch was still worse. It stays silent until {@link #expect} gives it the
 * class counts, so a run that does not know them (a resumed one) is not judged.
 */
public final class BaseRateCheck implements Callback {
    private final int epochs;
    private final PrintStream out;
    private final String likelyCauses;
    private double baseRateLoss = Double.NaN;
    private double positiveShare;
    private boolean warned;
    private EpochMetrics last;

    /**
     * @param epochs       the epochs the run goes to
     * @param out          where the warning goes
     * @param likelyCauses what to try, for the warning and the verdict
     */
    public BaseRateCheck(int epochs, PrintStream out, String likelyCauses) {
        this.epochs = epochs;
        this.out = out;
        this.likelyCauses = likelyCauses;
    }

    /**
     * The mean loss of the best constant prediction over {@code negatives} and {@code positives}
     * rows under {@code weights}: with W₀ and W₁ each class's weighted rows, the constant is
     * q = W₁ / (W₀ + W₁) and the loss −(W₁ ln q + W₀ ln(1 − q)) / (rows).
     */
    public static double constantPredictionLoss(long negatives, long positives, ClassWeights weights) {
        double w0 = weights.negative() * negatives;
        double w1 = weights.positive() * positives;
        double q = w1 / (w0 + w1);
        double loss = (w1 > 0 ? -w1 * Math.log(q) : 0) + (w0 > 0 ? -w0 * Math.log(1 - q) : 0);
        return loss / (negatives + positives);
    }

    /**
     * The logit of that constant, ln(W₁ / W₀): the output bias at which an untrained model predicts
     * the base rate rather than 50%.
     */
    public static double constantPredictionLogit(long negatives, long positives, ClassWeights weights) {
        return Math.log(weights.positive() * positives / (weights.negative() * negatives));
    }

    /** Judges the epochs from now on against the constant prediction for these training rows. */
    public void expect(long negatives, long positives, ClassWeights weights) {
        if (negatives > 0 && positives > 0) {
            baseRateLoss = constantPredictionLoss(negatives, positives, weights);
            positiveShare = (double) positives / (negatives + positives);
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        if (Double.isNaN(baseRateLoss)) {
            return;
        }
        last = metrics;
        boolean worse = !(metrics.loss() <= baseRateLoss);
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

    /** Whether the last epoch judged was worse than the constant prediction. */
    public boolean worseAtEnd() {
        return last != null && !(last.loss() <= baseRateLoss);
    }

    /** The last epoch against the constant prediction, for the closing error. */
    public String verdict() {
        return last == null ? "" : comparison(last) + "; " + likelyCauses;
    }

    private String comparison(EpochMetrics metrics) {
        return String.format(Locale.ROOT, "epoch %d's training loss %.4f is worse than always predicting the base rate "
                + "(loss %.4f, %.1f%% positive)", metrics.epoch(), metrics.loss(), baseRateLoss, 100 * positiveShare);
    }
}
