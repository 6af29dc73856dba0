package io.dense4j.model;

/**
 * Where training stood when a checkpoint was written, and the optimizer's state: what a
 * {@link Checkpoint} adds to a model so that training resumes exactly where it stopped.
 *
 * @param epochsTrained  epochs completed
 * @param batchesInEpoch batches (optimizer steps) completed of the epoch after them
 * @param optimizerSteps steps the optimizer has taken in all (Adam's bias correction reads it)
 * @param optimizerState the optimizer's state arrays (velocity, moments) one after another, as
 *                       doubles (which carry float32 values exactly); empty for plain SGD
 */
public record TrainingState(int epochsTrained, long batchesInEpoch, long optimizerSteps, double[] optimizerState) {

    public TrainingState {
        if (epochsTrained < 0 || batchesInEpoch < 0 || optimizerSteps < 0) {
            throw new IllegalArgumentException(String.format(
                    "training progress cannot be negative: %d epochs, %d batches, %d optimizer steps",
                    epochsTrained, batchesInEpoch, optimizerSteps));
        }
        optimizerState = optimizerState.clone();
    }

    @Override
    public double[] optimizerState() {
        return optimizerState.clone();
    }
}
