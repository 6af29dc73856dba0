package io.dense4j.train;

/** base · factor^(epochs done), the exponent counting the current epoch's done batches too. */
final class ExponentialDecay extends LearningRateSchedule {
    private final double factor;

    ExponentialDecay(double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("an exponential decay's factor per epoch must be in (0, 1], got " + factor);
        }
        this.factor = factor;
    }

    @Override
    protected double rate(double base, double epochsDone, double batchShare, int epochs) {
        return base * Math.pow(factor, epochsDone);
    }
}
