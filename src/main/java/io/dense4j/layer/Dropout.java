package io.dense4j.layer;

import java.util.Locale;

/**
 * Inverted dropout (Srivastava et al., 2014): in training each value is kept with probability
 * 1 − rate and scaled by 1/(1 − rate), or set to 0; in prediction and evaluation it passes
 * unchanged, so the expected activation is the same in both. The masks are drawn from the compile
 * seed, the epoch and the batch, so a seeded run repeats, and resumes, exactly.
 *
 * @param rate the share of values dropped, in [0, 1)
 */
public record Dropout(double rate) implements Layer {

    public Dropout {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout's rate is the share of values dropped, in [0, 1), got " + rate);
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Dropout (%s)", rate);
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitDropout(this);
    }
}
