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

    /** The most significant digits a threshold typed by hand is taken to have. */
    private static final int TYPED_DIGITS = 10;

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
     * A value whose shortest decimal has more digits, but at most {@value #TYPED_DIGITS} (as typed:
     * 0.5000001), is written whole, so that a threshold given reads back as given and not as a
     * neighbour that classes rows otherwise; a tuned one, halfway between two rows' probabilities,
     * has about 17 and is rounded. Below 0.0001 as {@link BigDecimal#toString} writes it, which takes
     * an exponent below 1E-6 (1E-300), not a line of zeros.
     */
    public static String format(double threshold) {
        BigDecimal shortest = BigDecimal.valueOf(threshold).stripTrailingZeros();
        BigDecimal shown = shortest.precision() <= TYPED_DIGITS ? shortest
                : new BigDecimal(threshold).round(new MathContext(6)).stripTrailingZeros();
        for (int digits = 7; threshold < 1 && shown.compareTo(BigDecimal.ONE) == 0; digits++) { // never "1" for one below it
            shown = new BigDecimal(threshold).round(new MathContext(digits)).stripTrailingZeros();
        }
        return threshold != 0 && threshold < 1e-4 ? shown.toString() : shown.toPlainString();
    }

    @Override
    public String toString() {
        return format(value) + " (" + chosenBy + ")";
    }
}
