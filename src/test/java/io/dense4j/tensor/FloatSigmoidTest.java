package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Float32 σ from FloatSigmoid's polynomial: the values the math gives, and the correctly rounded float nearly always. */
class FloatSigmoidTest {

    /** σ(x) from Math.exp in double, rounded to float32 and flushed as FloatSigmoid flushes: the reference. */
    private static float reference(float x) {
        float y = (float) Elementwise.sigmoid((double) x);
        return y < FloatSigmoid.NEGLIGIBLE ? 0 : y;
    }

    @Test
    void givesTheValuesTheMathGives() {
        assertEquals(0.5f, FloatSigmoid.of(0f), 0);
        assertEquals(0.5f, FloatSigmoid.of(-0f), 0);
        assertEquals(0.75f, FloatSigmoid.of((float) Math.log(3)), 1e-7f, "σ(ln 3) = 3/4");
        assertEquals(0.25f, FloatSigmoid.of((float) -Math.log(3)), 1e-7f, "σ(−ln 3) = 1/4");
        assertEquals(1f, FloatSigmoid.of(17.33f), 0, "1 − σ(x) = e^−x/(1 + e^−x) is below half an ulp of 1 from x ≈ 16.7");
        assertEquals(1f, FloatSigmoid.of(Float.POSITIVE_INFINITY), 0);
        assertEquals(0f, FloatSigmoid.of(Float.NEGATIVE_INFINITY), 0);
        assertEquals(0f, FloatSigmoid.of(-69.4f), 0, "below 2^-100: written as 0");
        assertEquals((float) Math.exp(-69.3f), FloatSigmoid.of(-69.3f), 1e-6f * (float) Math.exp(-69.3f), "just above 2^-100: kept, ≈ e^x");
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(FloatSigmoid.of(-1000f)), "+0, never −0");
        assertTrue(Float.isNaN(FloatSigmoid.of(Float.NaN)));
    }

    @Test
    void expOfNonPositiveIsWithinItsBound() {
        for (double t = -80; t <= 0; t += 0.0137) {
            double relative = Math.abs(FloatSigmoid.expOfNonPositive(t) / Math.exp(t) - 1);
            assertTrue(relative < 2e-14, "e^" + t + ": relative error " + relative);
        }
        assertEquals(1.0, FloatSigmoid.expOfNonPositive(0), 0);
        assertEquals(Math.exp(-80), FloatSigmoid.expOfNonPositive(-80), 1e-13 * Math.exp(-80));
    }

    /**
     * Over a million inputs from −90 to 90: never more than one float ulp from the correctly
     * rounded σ (the reference), and that only where σ lies within about 1e-14 of halfway between
     * two floats, which a million draws should almost never hit.
     */
    @Test
    void isTheCorrectlyRoundedFloatNearlyAlways() {
        Random random = new Random(5);
        int differing = 0;
        for (int i = 0; i < 1_000_000; i++) {
            float x = (float) ((random.nextDouble() * 2 - 1) * (i % 2 == 0 ? 90 : 8));
            float got = FloatSigmoid.of(x);
            float expected = reference(x);
            if (got != expected) {
                differing++;
                assertEquals(expected, got, Math.ulp(expected), "σ(" + x + ")");
            }
        }
        assertTrue(differing <= 2, differing + " of a million differ from the correctly rounded σ by an ulp");
    }
}
