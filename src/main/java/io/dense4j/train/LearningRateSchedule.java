package io.dense4j.train;

/**
 * A callback that sets the learning rate before every batch from how far training has come, as a
 * function of the optimizer's own rate (the base). The rate depends only on the epoch and the
 * batch, so a run resumed from a checkpoint steps at the rates the uninterrupted run used.
 *
 * <pre>{@code
 * FitOptions.builder().epochs(30).callbacks(LearningRateSchedule.cosine(2, 0)).build();
 * }</pre>
 */
public abstract class LearningRateSchedule implements Callback {
    private TrainingRun run;
    private double base;

    /**
     * The rate for the batch about to run, given the base rate, the epochs done before it (whole
     * epochs plus the done share of the current one), the share of an epoch one batch is, and the
     * run's last epoch.
     */
    protected abstract double rate(double base, double epochsDone, double batchShare, int epochs);

    /** The rate drops by {@code factor} every {@code everyEpochs} epochs (Keras's step decay). */
    public static LearningRateSchedule step(double factor, int everyEpochs) {
        return new StepDecay(factor, everyEpochs);
    }

    /** The rate shrinks by {@code factor} per epoch, smoothly from batch to batch. */
    public static LearningRateSchedule exponential(double factor) {
        return new ExponentialDecay(factor);
    }

    /**
     * The rate climbs linearly over {@code warmupEpochs} epochs, then follows half a cosine down to
     * {@code minimum} at the end of the last epoch (Loshchilov &amp; Hutter's SGDR without restarts).
     */
    public static LearningRateSchedule cosine(double warmupEpochs, double minimum) {
        return new CosineDecay(warmupEpochs, minimum);
    }

    @Override
    public void onTrainBegin(TrainingRun started) {
        run = started;
        base = started.trainer().optimizer().learningRate();
        checkBase(base);
        checkEpochs(started.epochs());
    }

    /** Throws if the schedule cannot run its course in a run of {@code epochs} epochs; asked when training starts. */
    public void checkEpochs(int epochs) {
    }

    /**
     * Throws if the schedule cannot start from {@code base} (a cosine minimum above it would anneal
     * upward): asked when training starts, and by a caller that knows the rate sooner.
     */
    public void checkBase(double base) {
    }

    @Override
    public void onEpochBegin(int epoch) {
        set(epoch, run.trainer().batchesInEpoch()); // a resumed epoch starts after the batches it had done
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss) {
        if (batch < batches) {
            set(epoch, batch);
        }
    }

    private void set(int epoch, long batchesDone) {
        double share = 1.0 / Math.max(1, run.batchesPerEpoch());
        run.trainer().setLearningRate(rate(base, epoch - 1 + batchesDone * share, share, run.epochs()));
    }

    static double positive(double value, String what) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + value);
        }
        return value;
    }
}
