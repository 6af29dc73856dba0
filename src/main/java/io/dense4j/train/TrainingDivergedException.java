package io.dense4j.train;

/**
 * The loss became NaN or infinite. Thrown before that step's update, so the parameters are those
 * of the last finite step; or, when an epoch's last step took every row's loss there (its
 * validation rows' and training rows'), after it ({@link #afterLastStep}).
 */
public final class TrainingDivergedException extends RuntimeException {
    private final int epoch;
    private final int step;
    private final double loss;

    private static final String REMEDY = "Try a lower learning rate, standardized features, or a smaller L2 penalty, weight decay "
            + "or class weight";

    public TrainingDivergedException(int epoch, int step, int steps, double loss) {
        this(String.format(java.util.Locale.ROOT, "training diverged: the loss is %s at epoch %d, step %d of %d; the parameters are those from before that "
                + "step. %s", loss, epoch, step, steps, REMEDY), epoch, step, loss);
    }

    private TrainingDivergedException(String message, int epoch, int step, double loss) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
    }

    /**
     * The loss after the epoch's last step, {@code step}, is {@code loss} on the validation rows and
     * not finite on the first training rows either: that step took the weights where no row has a
     * loss, which the next epoch's first batch would have found. The parameters are those after it.
     */
    public static TrainingDivergedException afterLastStep(int epoch, int step, double loss) {
        return new TrainingDivergedException(String.format(java.util.Locale.ROOT, "training diverged: after epoch %d's last step (%d), the loss is %s on "
                + "the validation rows and on the training rows alike; the parameters are those after that step. %s", epoch, step, loss,
                REMEDY), epoch, step, loss);
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
