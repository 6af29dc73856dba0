package io.dense4j.train;

import io.dense4j.tensor.NativeArray;

/**
 * Stops training when the monitored loss has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row, and optionally puts back the weights of the best epoch at the
 * end (as Keras's {@code EarlyStopping(restore_best_weights=True)}).
 */
public final class EarlyStopping implements Callback {
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;
    private final boolean monitorValidation;
    private TrainingRun run;
    private NativeArray bestWeights;
    private double bestLoss;
    private int bestEpoch;

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
        bestLoss = Double.POSITIVE_INFINITY;
        bestEpoch = 0;
        NativeArray parameters = started.model().parameterValues().values();
        bestWeights = restoreBestWeights ? NativeArray.allocate(parameters.dataType(), parameters.length()) : null;
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        double monitored = monitorValidation ? metrics.validationLoss() : metrics.loss();
        if (monitored < bestLoss - minDelta) {
            bestLoss = monitored;
            bestEpoch = metrics.epoch();
            if (bestWeights != null) {
                NativeArray parameters = run.model().parameterValues().values();
                bestWeights.copyFrom(parameters, 0, 0, parameters.length());
            }
        } else if (metrics.epoch() - Math.max(bestEpoch, run.firstEpoch() - 1) >= patience) {
            run.requestStop();
        }
    }

    @Override
    public void onTrainEnd(History history) {
        if (bestWeights != null && bestEpoch > 0) {
            NativeArray parameters = run.model().parameterValues().values();
            parameters.copyFrom(bestWeights, 0, 0, parameters.length());
            run.restoredWeightsOf(bestEpoch);
        }
    }

    /** The epoch with the best monitored loss in the last fit (whose weights were restored, if asked); 0 before any. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
