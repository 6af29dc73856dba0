package io.dense4j.train;

import java.util.List;

/**
 * What a call to fit recorded, epoch by epoch.
 *
 * @param epochs        every completed epoch, first to last
 * @param stoppedEarly  whether a callback's stop request ended training before its last epoch
 * @param restoredEpoch the epoch whose weights a callback put back at the end ({@link EarlyStopping}), or 0; the
 *                      history that callbacks' {@code onTrainEnd} receives says 0, as the putting back happens there
 */
public record History(List<EpochMetrics> epochs, boolean stoppedEarly, int restoredEpoch) {

    public History {
        epochs = List.copyOf(epochs);
        if (restoredEpoch != 0 && epochs.stream().noneMatch(metrics -> metrics.epoch() == restoredEpoch)) {
            throw new IllegalArgumentException("epoch " + restoredEpoch + " is none of this fit's, so its weights cannot be restored");
        }
    }

    /** A fit that ends with its last epoch's weights. */
    public History(List<EpochMetrics> epochs, boolean stoppedEarly) {
        this(epochs, stoppedEarly, 0);
    }

    /** The epoch whose weights the model holds after the fit: the restored one, or the last. */
    public EpochMetrics ofWeights() {
        return restoredEpoch == 0 ? last() : epochs.stream().filter(metrics -> metrics.epoch() == restoredEpoch).findFirst().orElseThrow();
    }

    public EpochMetrics last() {
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
