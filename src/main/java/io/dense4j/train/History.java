package io.dense4j.train;

import java.util.List;

/**
 * What a call to fit recorded, epoch by epoch.
 *
 * @param epochs       every completed epoch, first to last; none when the fit resumed the checkpoint
 *                     of a run's last epoch (one early stopping stopped at, or the last asked for)
 * @param stoppedEarly whether a callback's stop request ended training before its last epoch
 * @param restored     the epoch whose weights the model ends with when not the last: one a callback
 *                     put back at the end ({@link EarlyStopping}), of this fit or of the run it
 *                     resumed; else null. The history that callbacks' {@code onTrainEnd} receives
 *                     holds null, as the putting back happens there
 */
public record History(List<EpochMetrics> epochs, boolean stoppedEarly, EpochMetrics restored) {

    public History {
        epochs = List.copyOf(epochs);
        if (restored != null && !epochs.isEmpty() && restored.epoch() > epochs.get(0).epoch()
                && epochs.stream().noneMatch(metrics -> metrics.epoch() == restored.epoch())) {
            throw new IllegalArgumentException("epoch " + restored.epoch() + " is none of this fit's, so its weights cannot be restored");
        }
    }

    /** A fit that ends with its last epoch's weights. */
    public History(List<EpochMetrics> epochs, boolean stoppedEarly) {
        this(epochs, stoppedEarly, null);
    }

    /** The number of the {@link #restored} epoch, or 0. */
    public int restoredEpoch() {
        return restored == null ? 0 : restored.epoch();
    }

    /** The epoch whose weights the model holds after the fit: the restored one, or the last. */
    public EpochMetrics ofWeights() {
        return restored != null ? restored : last();
    }

    /** The last epoch this fit trained; throws for a fit without epochs (see {@link #epochs}). */
    public EpochMetrics last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("this fit trained no epoch: it resumed a run that had already ended (stopped early, or "
                    + "trained every epoch)");
        }
        return epochs.get(epochs.size() - 1);
    }

    public double[] loss() {
        return epochs.stream().mapToDouble(EpochMetrics::loss).toArray();
    }

    public double[] accuracy() {
        return epochs.stream().mapToDouble(EpochMetrics::accuracy).toArray();
    }

    public double[] validationLoss() {
        return epochs.stream().mapToDouble(EpochMetrics::validationLoss).toArray();
    }

    public double[] validationAccuracy() {
        return epochs.stream().mapToDouble(EpochMetrics::validationAccuracy).toArray();
    }
}
