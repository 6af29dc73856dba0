package io.dense4j.train;

import java.util.List;

/**
 * What a call to fit recorded, epoch by epoch.
 *
 * @param epochs       every completed epoch, first to last
 * @param bestEpoch    the epoch early stopping judged best (1-based), or the last epoch without it
 * @param stoppedEarly whether early stopping ended training before the last epoch
 */
public record History(List<EpochMetrics> epochs, int bestEpoch, boolean stoppedEarly) {

    public History {
        epochs = List.copyOf(epochs);
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
