package io.dense4j.train;

/**
 * The loss became NaN or infinite. Thrown before that step's update, so the parameters are those
 * of the last finite step; or after it, when after an epoch's last step neither its validation
 * rows nor its training rows have a finite loss ({@link #afterLastStep}).
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
     * After the epoch's last step, {@code step}, the validation rows' mean loss is
     * {@code validationLoss} and the training rows' {@code trainingLoss}, neither finite: training
     * rows whose losses were finite in their batches have none after that step, so the step took
     * the weights there, and no held-out row is to blame. The parameters are those after it.
     */
    public static TrainingDivergedException afterLastStep(int epoch, int step, double validationLoss, double trainingLoss) {
        return new TrainingDivergedException(String.format(java.util.Locale.ROOT, "training diverged: after epoch %d's last step "
                + "(%d), the loss is %s on the validation rows and %s on the training rows; the parameters are those after that "
                + "step. %s", epoch, step, validationLoss, trainingLoss, REMEDY), epoch, step, validationLoss);
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
