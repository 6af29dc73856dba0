package io.dense4j.train;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Linear warm-up to the base rate over the first epochs, then half a cosine down to a minimum at
 * the end of the run. A batch's rate is taken where the batch ends, so the first batch of a
 * warm-up already steps (at base · 1/(batches · warm-up epochs)) and the last one steps at the minimum.
 */
final class CosineDecay extends LearningRateSchedule {
    private final double warmup;
    private final double minimum;

    CosineDecay(double warmupEpochs, double minimum) {
        if (!(warmupEpochs >= 0 && warmupEpochs < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("a cosine schedule's warm-up must be finite epochs >= 0, got " + warmupEpochs);
        }
        if (!(minimum >= 0 && minimum < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("a cosine schedule's minimum rate must be finite and >= 0, got " + minimum);
        }
        this.warmup = warmupEpochs;
        this.minimum = minimum;
    }

    @Override
    public void checkBase(double base) {
        if (minimum > base) {
            throw new IllegalArgumentException("a cosine schedule's minimum rate " + minimum + " is above the learning rate " + base
                    + " it anneals from: it would climb, not decay");
        }
    }

    /** A warm-up as long as the run leaves nothing to anneal, and a longer one never reaches the rate asked for. */
    @Override
    public void checkEpochs(int epochs) {
        if (warmup >= epochs && warmup > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a cosine schedule's warm-up of %s epochs leaves "
                    + "no epoch of the run's %d to anneal in%s: give a warm-up below the epochs, or more epochs",
                    BigDecimal.valueOf(warmup).stripTrailingZeros().toPlainString(), epochs,
                    warmup > epochs ? ", and never reaches the learning rate" : ""));
        }
    }

    @Override
    protected double rate(double base, double epochsDone, double batchShare, int epochs) {
        return rateAt(base, epochsDone + batchShare, epochs);
    }

    /** The rate at {@code position} epochs into a run of {@code epochs}. */
    double rateAt(double base, double position, int epochs) {
        if (position < warmup) {
            return base * position / warmup;
        }
        double span = epochs - warmup;
        double progress = span <= 0 ? 1 : Math.min(1, (position - warmup) / span);
        double rate = minimum + (base - minimum) * (1 + Math.cos(Math.PI * progress)) / 2;
        return Math.max(rate, Double.MIN_NORMAL); // a rate of exactly 0 is refused; this one steps by nothing
    }
}
