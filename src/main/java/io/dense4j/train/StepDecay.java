package io.dense4j.train;

/** base · factor^⌊epochs done / every⌋: the rate drops by a factor at fixed epochs. */
final class StepDecay extends LearningRateSchedule {
    private final double factor;
    private final int every;

    StepDecay(double factor, int every) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("a step decay's factor must be in (0, 1], got " + factor);
        }
        if (every < 1) {
            throw new IllegalArgumentException("a step decay drops every >= 1 epochs, got " + every);
        }
        this.factor = factor;
        this.every = every;
    }

    @Override
    protected double rate(double base, double epochsDone, double batchShare, int epochs) {
        return base * Math.pow(factor, Math.floor(epochsDone / every));
    }
}
