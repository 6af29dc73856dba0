package io.dense4j.tensor;

/**
 * σ(x) = 1 / (1 + e^−x) for float32 values, computed in double from a polynomial for e^t rather
 * than {@code Math.exp}, so that dense4j's native library ({@code src/main/c/dense4j_elementwise.c})
 * can compute it vectorized with the same operations in the same order: the same bits, whichever
 * runs. The double before its rounding to float32 is within about 1e-14 of σ(x), relative, so the
 * float32 result is the correctly rounded σ(x) except where σ(x) lies that close to halfway between
 * two floats.
 *
 * <p>e^t for t ≤ 0 is 2^k · e^r with k = round(t / ln 2) and |r| ≤ ln 2 / 2: k comes from adding
 * 1.5 · 2^52, whose ulp is 1, so the sum's low bits are k; r = t − k · ln 2 takes ln 2 in two parts,
 * the first exact when multiplied by k; e^r is its Taylor series to r^11 (the first term left out
 * is at most 6.3e-15, 8.9e-15 relative to e^r), summed in pairs of terms (Estrin's scheme) so that a core can work
 * on several at once; 2^k is built from its bits. σ(−|x|) = e · 1/(1 + e) takes one division for
 * both signs. |x| is capped at 80 first: beyond about
 * 69.3, σ(−|x|) is below {@link #NEGLIGIBLE} and written as 0, and σ(|x|) rounds to 1.
 */
final class FloatSigmoid {
    /** A float32 sigmoid output below this (2⁻¹⁰⁰, at x below about −69) is written as 0. */
    static final float NEGLIGIBLE = 0x1p-100f;

    private static final double CAP = 80;
    private static final double LOG2_E = 0x1.71547652b82fep0;
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    private static final double LN2_HIGH = 0x1.62e42fee00000p-1; // 11 low bits zero: k · LN2_HIGH is exact for |k| < 2^11
    private static final double LN2_LOW = 0x1.a39ef35793c76p-33;
    private static final double C2 = 0x1.0000000000000p-1; // 1/2!, and so on to 1/11!
    private static final double C3 = 0x1.5555555555555p-3;
    private static final double C4 = 0x1.5555555555555p-5;
    private static final double C5 = 0x1.1111111111111p-7;
    private static final double C6 = 0x1.6c16c16c16c17p-10;
    private static final double C7 = 0x1.a01a01a01a01ap-13;
    private static final double C8 = 0x1.a01a01a01a01ap-16;
    private static final double C9 = 0x1.71de3a556c734p-19;
    private static final double C10 = 0x1.27e4fb7789f5cp-22;
    private static final double C11 = 0x1.ae64567f544e4p-26;

    private FloatSigmoid() {
    }

    /** σ(x) rounded to float32, 0 below {@link #NEGLIGIBLE}; NaN stays NaN. */
    static float of(float x) {
        double value = x;
        double magnitude = Math.abs(value);
        double t = magnitude > CAP ? -CAP : -magnitude; // NaN passes through: the comparison is false
        double e = expOfNonPositive(t);
        double inverse = 1 / (1 + e);
        float y = (float) (value >= 0 ? inverse : e * inverse);
        return y < NEGLIGIBLE ? 0 : y;
    }

    /** e^t for −{@link #CAP} ≤ t ≤ 0, relative error about 1e-14; NaN for NaN. */
    static double expOfNonPositive(double t) {
        double shifted = t * LOG2_E + ROUNDER;
        double k = shifted - ROUNDER;
        long exponent = Double.doubleToRawLongBits(shifted) - ROUNDER_BITS;
        double r = t - k * LN2_HIGH - k * LN2_LOW;
        double r2 = r * r;
        double r4 = r2 * r2;
        double low = (1 + r) + r2 * (C2 + r * C3);
        double middle = (C4 + r * C5) + r2 * (C6 + r * C7);
        double high = (C8 + r * C9) + r2 * (C10 + r * C11);
        double series = low + r4 * (middle + r4 * high);
        return series * Double.longBitsToDouble((exponent + 1023) << 52);
    }
}
