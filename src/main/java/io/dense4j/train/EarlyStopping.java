package io.dense4j.train;

import io.dense4j.model.CallbackState;
import io.dense4j.tensor.NativeArray;
import java.util.HashMap;
import java.util.Map;

/**
 * Stops training when the monitored loss has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row, and optionally puts back the weights of the best epoch at the
 * end (as Keras's {@code EarlyStopping(restore_best_weights=True)}). Its counters, best epoch and
 * best weights are kept in checkpoints, so a resumed run stops where the uninterrupted one would.
 */
public final class EarlyStopping implements Callback {
    private static final String STATE = "EarlyStopping";
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;
    private final boolean monitorValidation;
    private TrainingRun run;
    private NativeArray bestWeights;
    private EpochMetrics best;
    private int waitingSince;
    private EpochMetrics stopped;

    /** @param monitorValidation watch the validation loss (needs validation rows) rather than the training loss */
    public EarlyStopping(int patience, double minDelta, boolean restoreBestWeights, boolean monitorValidation) {
        if (patience < 1) {
            throw new IllegalArgumentException("EarlyStopping expects patience >= 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping expects minDelta >= 0, got " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBestWeights = restoreBestWeights;
        this.monitorValidation = monitorValidation;
    }

    /** Watches the validation loss, restoring the best weights at the end. */
    public static EarlyStopping onValidationLoss(int patience) {
        return new EarlyStopping(patience, 0, true, true);
    }

    /** Watches the training loss, restoring the best weights at the end. */
    public static EarlyStopping onTrainingLoss(int patience) {
        return new EarlyStopping(patience, 0, true, false);
    }

    @Override
    public void onTrainBegin(TrainingRun started) {
        if (monitorValidation && !started.hasValidation()) {
            throw new IllegalArgumentException(
                    "EarlyStopping watches the validation loss, but fit has no validation data: set a validation split");
        }
        run = started;
        best = null;
        waitingSince = started.firstEpoch() - 1;
        stopped = null;
        NativeArray parameters = started.model().parameterValues().values();
        bestWeights = restoreBestWeights ? NativeArray.allocate(parameters.dataType(), parameters.length()) : null;
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        if (monitored(metrics) < (best == null ? Double.POSITIVE_INFINITY : monitored(best)) - minDelta) {
            best = metrics;
            waitingSince = metrics.epoch();
            if (bestWeights != null) {
                NativeArray parameters = run.model().parameterValues().values();
                bestWeights.copyFrom(parameters, 0, 0, parameters.length());
            }
        } else if (metrics.epoch() - waitingSince >= patience) {
            stopped = metrics;
            run.requestStop();
        }
    }

    private double monitored(EpochMetrics metrics) {
        return monitorValidation ? metrics.validationLoss() : metrics.loss();
    }

    @Override
    public void onTrainEnd(History history) {
        if (bestWeights != null && best != null) {
            NativeArray parameters = run.model().parameterValues().values();
            parameters.copyFrom(bestWeights, 0, 0, parameters.length());
            run.restoredWeightsOf(best);
        }
    }

    /**
     * The best epoch's metrics and weights, the epoch since which it waits, and the epoch it
     * stopped at, if it did: a resumed fit then stops where the uninterrupted one would have, or
     * at once when that one had already stopped.
     */
    @Override
    public CallbackState checkpointState() {
        Map<String, Double> numbers = new HashMap<>();
        numbers.put("waitingSince", (double) waitingSince);
        numbers.put("watchesValidation", monitorValidation ? 1.0 : 0.0);
        EpochMetrics.putInto(numbers, "best", best);
        EpochMetrics.putInto(numbers, "stopped", stopped);
        return new CallbackState(STATE, numbers, best != null && bestWeights != null ? bestWeights.toDoubleArray() : null);
    }

    @Override
    public void restoreState(CallbackState state) {
        if (state.number("watchesValidation") != (monitorValidation ? 1.0 : 0.0)) {
            throw new IllegalArgumentException("the checkpoint's early stopping watched the " + (monitorValidation ? "training"
                    : "validation") + " loss; this one watches the " + (monitorValidation ? "validation" : "training") + " loss");
        }
        best = EpochMetrics.from(state, "best");
        if (best != null && bestWeights != null) {
            double[] weights = state.weights();
            if (weights == null || weights.length != bestWeights.length()) {
                throw new IllegalArgumentException("the checkpoint's early stopping kept no copy of its best weights, so this one, "
                        + "which puts them back at the end, cannot go on from it");
            }
            for (int i = 0; i < weights.length; i++) {
                bestWeights.set(i, weights[i]);
            }
        }
        double since = state.number("waitingSince");
        stopped = EpochMetrics.from(state, "stopped");
        int done = run.firstEpoch() - 1; // the epochs the checkpoint had trained
        if (!(since >= 0 && since <= done) || best != null && !(best.epoch() >= 1 && best.epoch() <= done)
                || stopped != null && stopped.epoch() != done) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the checkpoint's early stopping state cannot "
                    + "be after %d epochs: waiting since epoch %s, best epoch %s, stopped at epoch %s (the file was altered)", done,
                    since, best == null ? "none" : best.epoch(), stopped == null ? "none" : stopped.epoch()));
        }
        waitingSince = (int) since;
        if (stopped != null && stopped.epoch() - waitingSince < patience) { // a longer patience than the checkpoint's run had
            stopped = null;
        }
        if (stopped != null) { // the run had stopped after the epoch this checkpoint was written at: it ends now
            run.requestStop();
            if (bestWeights == null) {
                run.restoredWeightsOf(stopped); // the model holds the epoch it stopped at, which this fit does not train
            }
        }
    }

    /** The epoch with the best monitored loss in the last fit (whose weights were restored, if asked); 0 before any. */
    public int bestEpoch() {
        return best == null ? 0 : best.epoch();
    }
}
