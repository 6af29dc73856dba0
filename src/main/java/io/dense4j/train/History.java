package io.dense4j.train;

import java.util.List;

/**
 * What a call to fit recorded, epoch by epoch.
 *
 * @param epochs       every completed epoch, first to last
 * @param stoppedEarly whether a callback's stop request ended training before its last epoch
 */
public record History(List<EpochMetrics> epochs, boolean stoppedEarly) {

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
