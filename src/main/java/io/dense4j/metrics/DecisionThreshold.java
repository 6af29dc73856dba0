package io.dense4j.metrics;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The probability at or above which a model classes a row positive, and how it was chosen, so
 * that whoever uses the model can say which threshold its classes came from.
 *
 * @param value    a probability in [0, 1]
 * @param chosenBy how the value was chosen, in words ("the default", "best F1 on 2,000 validation rows")
 */
public record DecisionThreshold(double value, String chosenBy) {

    /** 0.5, the threshold of a model nobody tuned. */
    public static final DecisionThreshold DEFAULT = new DecisionThreshold(0.5, "the default");

    public DecisionThreshold {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("a threshold is a probability in [0, 1], got " + value);
        }
        if (chosenBy == null || chosenBy.isBlank()) {
            throw new IllegalArgumentException("a threshold needs a note of how it was chosen");
        }
    }

    /** Whether {@code probability} is classed positive. */
    public boolean positive(double probability) {
        return probability >= value;
    }

    /**
     * Six significant digits, without trailing zeros: what people read; files keep the exact value.
     * Below 0.0001 as {@link BigDecimal#toString} writes it, which takes an exponent below 1E-6
     * (1E-300), not a line of zeros.
     */
    public static String format(double threshold) {
        BigDecimal rounded = new BigDecimal(threshold).round(new MathContext(6)).stripTrailingZeros();
        return threshold != 0 && threshold < 1e-4 ? rounded.toString() : rounded.toPlainString();
    }

    @Override
    public String toString() {
        return format(value) + " (" + chosenBy + ")";
    }
}
