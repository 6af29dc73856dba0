package io.dense4j.cli;

import io.dense4j.train.EpochMetrics;
import io.dense4j.train.History;
import java.util.List;
import java.util.Locale;

/**
 * Says when a run stopped at its last epoch while its loss was still falling, as scikit-learn's
 * ConvergenceWarning does when its solver stops at its iteration limit: the last epoch's loss
 * (validation's when rows are held out, else training's) beat every epoch's before the run's last
 * tenth by more than {@link #TOLERANCE}, scikit-learn's SGD tolerance, on the scale of a table
 * whose classes are even. The last tenth, and at least the last epoch: an epoch of a full batch is
 * one step, whose gain alone says little. Plain SGD at the default 10 epochs can stop there on a
 * table whose columns are correlated or many, and a full batch far more often.
 *
 * <p>The tolerance shrinks with the loss of always predicting the base rate, which is ln 2 for
 * even classes and 0.098 at 2% positives: the loss of a table of rare positives is that much
 * smaller, and so are its gains. On such a table an absolute 1e-3 let runs still gaining 2–4% of
 * their loss an epoch, and 0.03–0.04 of ROC AUC short of a converged fit, end without a word.
 */
final class ConvergenceNote {
    /** An improvement in mean loss this small is convergence, as scikit-learn's {@code SGDClassifier(tol=1e-3)} takes it. */
    static final double TOLERANCE = 1e-3;

    private ConvergenceNote() {
    }

    /**
     * The note for a fit of {@code history} that asked for {@code epochs} epochs, each one step when
     * {@code fullBatch}, or null: for a fit that stopped early, that kept another epoch's weights,
     * or that trained fewer than two epochs. {@code baseRateLoss} is the training rows' loss of
     * always predicting their base rate (NaN when not known: the tolerance is then scikit-learn's).
     */
    static String of(History history, int epochs, boolean fullBatch, double baseRateLoss) {
        List<EpochMetrics> trained = history.epochs();
        if (trained.size() < 2) {
            return null;
        }
        boolean keptAnother = history.restoredEpoch() != 0 && history.restoredEpoch() != history.last().epoch();
        if (history.stoppedEarly() || keptAnother || history.last().epoch() != epochs) {
            return null;
        }
        boolean validation = trained.stream().allMatch(metrics -> Double.isFinite(metrics.validationLoss()));
        // a tenth of the run's epochs, not of this fit's: a resumed fit holds only the epochs after its checkpoint
        int window = Math.min(Math.max(1, epochs / 10), trained.size() - 1);
        double best = Double.POSITIVE_INFINITY;
        for (EpochMetrics metrics : trained.subList(0, trained.size() - window)) {
            best = Math.min(best, validation ? metrics.validationLoss() : metrics.loss());
        }
        double last = validation ? history.last().validationLoss() : history.last().loss();
        if (!(best - last > tolerance(baseRateLoss))) {
            return null;
        }
        int judgedBy = trained.get(trained.size() - window - 1).epoch(); // the last of the epochs the best is taken over
        return String.format(Locale.ROOT, "Note: the %s loss was still falling at the last epoch (%.4f at epoch %d; the lowest up "
                + "to epoch %d was %.4f): more epochs may fit better (--epochs %d%s%s)", validation ? "validation" : "training", last,
                history.last().epoch(), judgedBy, best, 2 * epochs, fullBatch ? "; a full batch takes one step an epoch" : "",
                validation ? "" : "; --validation 0.2 shows whether held-out rows gain too");
    }

    /** {@link #TOLERANCE} on the scale of {@code baseRateLoss} against even classes' ln 2, and never more. */
    static double tolerance(double baseRateLoss) {
        return baseRateLoss > 0 && baseRateLoss < Math.log(2) ? TOLERANCE * baseRateLoss / Math.log(2) : TOLERANCE;
    }
}
