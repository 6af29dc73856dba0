package io.dense4j.train;

/**
 * The loss became NaN or infinite. Thrown before that step's update, so the parameters are those
 * of the last finite step.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final int epoch;
    private final int step;
    private final double loss;

    public TrainingDivergedException(int epoch, int step, int steps, double loss) {
        super(String.format("training diverged: the loss is %s at epoch %d, step %d of %d; the parameters are "
                + "those from before that step. Try a lower learning rate, standardized features, or a smaller L2 penalty, weight decay or class weight", loss, epoch, step, steps));
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
    }

    /** The epoch, counted from 1. */
    public int epoch() {
        return epoch;
    }

    /** The step within the epoch, counted from 1. */
    public int step() {
        return step;
    }

    public double loss() {
        return loss;
    }
}
