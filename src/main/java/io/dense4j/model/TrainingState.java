package io.dense4j.model;

/**
 * Where training stood when a checkpoint was written, and the optimizer's state: what a
 * {@link Checkpoint} adds to a model so that training resumes exactly where it stopped.
 *
 * @param progress       epochs and batches done
 * @param optimizerSteps steps the optimizer has taken in all (Adam's bias correction and the sweep of its state read it)
 * @param optimizerState the optimizer's state arrays (velocity, moments) one after another, as
 *                       doubles (which carry float32 values exactly); empty for plain SGD
 */
public record TrainingState(Progress progress, long optimizerSteps, double[] optimizerState) {

    /**
     * Epochs done, and of the epoch in progress the batches done with their summed loss, rows and
     * rows classified right, so that a resumed epoch reports the metrics an uninterrupted one would.
     */
    public record Progress(int epochs, long batches, double lossSum, long rows, long correct) {

        /** Nothing done yet. */
        public static final Progress START = new Progress(0, 0, 0, 0, 0);

        public Progress {
            if (epochs < 0 || batches < 0 || rows < 0 || correct < 0) {
                throw new IllegalArgumentException(String.format(
                        "training progress cannot be negative: %d epochs, %d batches, %d rows, %d correct",
                        epochs, batches, rows, correct));
            }
        }
    }

    public TrainingState {
        java.util.Objects.requireNonNull(progress, "progress");
        if (optimizerSteps < 0) {
            throw new IllegalArgumentException("optimizer steps cannot be negative: " + optimizerSteps);
        }
        optimizerState = optimizerState.clone();
    }

    @Override
    public double[] optimizerState() {
        return optimizerState.clone();
    }
}
