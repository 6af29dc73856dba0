package io.dense4j.train;

/**
 * Stops training when the monitored loss has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row, and optionally puts back the weights of the best epoch.
 *
 * @param monitorValidation watch the validation loss (needs validation data) rather than the training loss
 */
public record EarlyStopping(int patience, double minDelta, boolean restoreBestWeights, boolean monitorValidation) {

    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("EarlyStopping expects patience >= 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping expects minDelta >= 0, got " + minDelta);
        }
    }

    /** Watches the validation loss, restoring the best weights at the end. */
    public static EarlyStopping onValidationLoss(int patience) {
        return new EarlyStopping(patience, 0, true, true);
    }

    /** Watches the training loss, restoring the best weights at the end. */
    public static EarlyStopping onTrainingLoss(int patience) {
        return new EarlyStopping(patience, 0, true, false);
    }
}
