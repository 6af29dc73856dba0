package io.dense4j.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * Elementwise kernels in typed loops over the arrays' memory: ReLU, sigmoid and dropout masks. The
 * generic {@link NativeArray#get} and {@link NativeArray#set} make a virtual call and convert
 * every element to double; a loop over the typed buffer does neither, which matters for kernels
 * that touch every activation of a step.
 */
public final class Elementwise {
    private Elementwise() {
    }

    /**
     * ReLU forward in place: x ← max(x, 0) over the first {@code count} elements, NaN kept.
     *
     * <p>Branch-free on the bits: a value is cleared when its sign bit is set and it is not NaN,
     * which for a negative value's bits b is when b + 0x7fffff (b + 0xfffffffffffff in float64) is
     * still negative; so the sign bit of (b + 0x7fffff) &amp; b, spread by an arithmetic shift, is
     * the mask. −0 is cleared too, so outputs are never −0. NaN must survive whatever its sign, so
     * that a diverging run still ends in a NaN loss and stops: x86 makes its NaNs (∞ − ∞, 0 · ∞)
     * with the sign bit set, and clearing them could hide a divergence as a network of dead units.
     *
     * <p>The loop walks one raw address through the memory, read and written in place: Java 17's C2
     * vectorizes that shape, and not a loop over a direct buffer (whose every access it checks);
     * {@code Math.max} and a ternary cost more still (ActivationBenchmark; figures in
     * docs/benchmarks.md, "What made the difference").
     */
    public static void maxZero(NativeArray values, int count) {
        Objects.checkFromIndexSize(0, count, values.length()); // the loop below has no bounds checks
        long address = values.address();
        if (values instanceof Float32Array) {
            for (long end = address + 4L * count; address < end; address += 4) {
                int bits = RawMemory.getInt(address);
                RawMemory.putInt(address, bits & ~(((bits + 0x7fffff) & bits) >> 31));
            }
        } else {
            for (long end = address + 8L * count; address < end; address += 8) {
                long bits = RawMemory.getLong(address);
                RawMemory.putLong(address, bits & ~(((bits + 0xfffffffffffffL) & bits) >> 63));
            }
        }
    }

    /**
     * ReLU backward in place: g ← g where y &gt; 0, else 0, for ReLU outputs y (never negative).
     *
     * <p>Branch-free on purpose: about half of all activations are zero, so an {@code if} or a
     * ternary mispredicts half the time and costs 10× more. For y ≥ 0 (never −0, which
     * {@link #maxZero} does not produce) the bits of y minus one are negative exactly when
     * y = +0, so their sign, spread by an arithmetic shift, is the mask that clears g.
     *
     * <p>C2 does not vectorize this loop over two buffers, so plans use
     * {@link NativeElementwise#keepWherePositive}, the same bits, where the native library is
     * loaded; this loop is the fallback and the reference it is tested against.
     */
    public static void keepWherePositive(NativeArray outputs, NativeArray gradients, int count) {
        if (gradients instanceof Float32Array floats) {
            FloatBuffer y = ((Float32Array) outputs).buffer();
            FloatBuffer g = floats.buffer();
            for (int i = 0; i < count; i++) {
                int keep = ~((Float.floatToRawIntBits(y.get(i)) - 1) >> 31);
                g.put(i, Float.intBitsToFloat(Float.floatToRawIntBits(g.get(i)) & keep));
            }
        } else {
            DoubleBuffer y = ((Float64Array) outputs).buffer();
            DoubleBuffer g = ((Float64Array) gradients).buffer();
            for (int i = 0; i < count; i++) {
                long keep = ~((Double.doubleToRawLongBits(y.get(i)) - 1) >> 63);
                g.put(i, Double.longBitsToDouble(Double.doubleToRawLongBits(g.get(i)) & keep));
            }
        }
    }

    /**
     * output ← input ⊙ m over the first {@code count} values, m = {@code scale} (kept) or 0 (dropped),
     * each kept when a 16-bit uniform from SplitMix64 (from {@code state}, four per draw) is below
     * {@code keepBelow} of 65,536. The same state gives the same m, so backward replays forward's
     * masks onto the gradient instead of storing them. {@code output} may be {@code input}. Returns
     * the generator's state after the draws.
     */
    public static long dropout(NativeArray input, NativeArray output, int count, long state, int keepBelow, double scale) {
        Objects.checkFromIndexSize(0, count, input.length()); // the loops below have no bounds checks
        Objects.checkFromIndexSize(0, count, output.length());
        long s = state;
        long x = input.address();
        long y = output.address();
        if (output instanceof Float32Array) {
            float kept = (float) scale;
            int whole = count & ~3;
            for (long at = 0, end = 4L * whole; at < end; at += 16) { // four values per draw, unrolled
                s += 0x9E3779B97F4A7C15L;
                long bits = mix(s);
                RawMemory.putFloat(y + at, keptOrZero(RawMemory.getFloat(x + at) * kept, bits, keepBelow));
                RawMemory.putFloat(y + at + 4, keptOrZero(RawMemory.getFloat(x + at + 4) * kept, bits >>> 16, keepBelow));
                RawMemory.putFloat(y + at + 8, keptOrZero(RawMemory.getFloat(x + at + 8) * kept, bits >>> 32, keepBelow));
                RawMemory.putFloat(y + at + 12, keptOrZero(RawMemory.getFloat(x + at + 12) * kept, bits >>> 48, keepBelow));
            }
            if (whole < count) {
                s += 0x9E3779B97F4A7C15L;
                long bits = mix(s);
                for (long at = 4L * whole, end = 4L * count; at < end; at += 4, bits >>>= 16) {
                    RawMemory.putFloat(y + at, keptOrZero(RawMemory.getFloat(x + at) * kept, bits, keepBelow));
                }
            }
        } else {
            for (int i = 0; i < count; i += 4) {
                s += 0x9E3779B97F4A7C15L;
                long bits = mix(s);
                for (long at = 8L * i, end = 8L * Math.min(count, i + 4); at < end; at += 8, bits >>>= 16) {
                    long keep = ((bits & 0xFFFF) - keepBelow) >> 63; // all ones when kept: no branch to mispredict
                    RawMemory.putDouble(y + at, Double.longBitsToDouble(Double.doubleToRawLongBits(RawMemory.getDouble(x + at) * scale) & keep));
                }
            }
        }
        return s;
    }

    /**
     * x ← x ⊙ k in place over the first {@code count} values, k = 1 (kept) or 0 (dropped), drawn as
     * {@link #dropout} draws m: the same units are kept, but their values are left unscaled, for a
     * consumer that applies 1/(1 − rate) itself. Integer work only: the values' bits are kept or
     * cleared. Returns the generator's state after the draws.
     */
    public static long dropoutUnscaled(NativeArray values, int count, long state, int keepBelow) {
        Objects.checkFromIndexSize(0, count, values.length()); // the loops below have no bounds checks
        long s = state;
        long x = values.address();
        if (values instanceof Float32Array) {
            int whole = count & ~3;
            for (long at = 0, end = 4L * whole; at < end; at += 16) { // four values per draw, unrolled
                s += 0x9E3779B97F4A7C15L;
                long bits = mix(s);
                RawMemory.putInt(x + at, RawMemory.getInt(x + at) & keepMask(bits, keepBelow));
                RawMemory.putInt(x + at + 4, RawMemory.getInt(x + at + 4) & keepMask(bits >>> 16, keepBelow));
                RawMemory.putInt(x + at + 8, RawMemory.getInt(x + at + 8) & keepMask(bits >>> 32, keepBelow));
                RawMemory.putInt(x + at + 12, RawMemory.getInt(x + at + 12) & keepMask(bits >>> 48, keepBelow));
            }
            if (whole < count) {
                s += 0x9E3779B97F4A7C15L;
                long bits = mix(s);
                for (long at = 4L * whole, end = 4L * count; at < end; at += 4, bits >>>= 16) {
                    RawMemory.putInt(x + at, RawMemory.getInt(x + at) & keepMask(bits, keepBelow));
                }
            }
        } else {
            for (int i = 0; i < count; i += 4) {
                s += 0x9E3779B97F4A7C15L;
                long bits = mix(s);
                for (long at = 8L * i, end = 8L * Math.min(count, i + 4); at < end; at += 8, bits >>>= 16) {
                    RawMemory.putLong(x + at, RawMemory.getLong(x + at) & (long) keepMask(bits, keepBelow));
                }
            }
        }
        return s;
    }

    /** All ones when the low 16 bits of {@code bits} are below {@code keepBelow}, else 0. */
    private static int keepMask(long bits, int keepBelow) {
        return (int) ((bits & 0xFFFF) - keepBelow) >> 31;
    }

    /** out ← factor · x over the first {@code count} elements, one raw offset walking both arrays (the form C2 vectorizes). */
    public static void scale(NativeArray x, NativeArray out, int count, double factor) {
        Objects.checkFromIndexSize(0, count, x.length()); // the loops below have no bounds checks
        Objects.checkFromIndexSize(0, count, out.length());
        long from = x.address();
        long to = out.address();
        if (out instanceof Float32Array) {
            float f = (float) factor;
            for (long at = 0, end = 4L * count; at < end; at += 4) {
                RawMemory.putFloat(to + at, RawMemory.getFloat(from + at) * f);
            }
        } else {
            for (long at = 0, end = 8L * count; at < end; at += 8) {
                RawMemory.putDouble(to + at, RawMemory.getDouble(from + at) * factor);
            }
        }
    }

    /**
     * target row {@code targetRow} += source row {@code sourceRow}, both arrays read as rows of
     * {@code width}: a gathered weight row added to an output row, or an output row's gradient
     * added to a weight row's. One raw offset walks both rows, the form C2 vectorizes.
     */
    public static void addRow(NativeArray source, int sourceRow, NativeArray target, int targetRow, int width) {
        Objects.checkFromIndexSize((long) sourceRow * width, width, source.length()); // the loops below have no bounds checks
        Objects.checkFromIndexSize((long) targetRow * width, width, target.length());
        if (target instanceof Float32Array) {
            long from = source.address() + 4L * sourceRow * width;
            long to = target.address() + 4L * targetRow * width;
            for (long at = 0, end = 4L * width; at < end; at += 4) {
                RawMemory.putFloat(to + at, RawMemory.getFloat(to + at) + RawMemory.getFloat(from + at));
            }
        } else {
            long from = source.address() + 8L * sourceRow * width;
            long to = target.address() + 8L * targetRow * width;
            for (long at = 0, end = 8L * width; at < end; at += 8) {
                RawMemory.putDouble(to + at, RawMemory.getDouble(to + at) + RawMemory.getDouble(from + at));
            }
        }
    }

    /** {@code value} when the low 16 bits of {@code bits} are below {@code keepBelow}, else +0, without a branch. */
    private static float keptOrZero(float value, long bits, int keepBelow) {
        int keep = (int) ((bits & 0xFFFF) - keepBelow) >> 31; // all ones when kept
        return Float.intBitsToFloat(Float.floatToRawIntBits(value) & keep);
    }

    /** SplitMix64's output function: consecutive states give independent, uniform 64-bit values. */
    public static long mix(long state) {
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * out ← a ⊙ b over the first {@code count} elements ({@code out} may be {@code a} or {@code b}),
     * one offset walking the three raw addresses, the form C2 vectorizes.
     */
    public static void multiply(NativeArray a, NativeArray b, NativeArray out, int count) {
        Objects.checkFromIndexSize(0, count, a.length()); // the loops below have no bounds checks
        Objects.checkFromIndexSize(0, count, b.length());
        Objects.checkFromIndexSize(0, count, out.length());
        long x = a.address();
        long y = b.address();
        long z = out.address();
        if (out instanceof Float32Array) {
            for (long at = 0, end = 4L * count; at < end; at += 4) {
                RawMemory.putFloat(z + at, RawMemory.getFloat(x + at) * RawMemory.getFloat(y + at));
            }
        } else {
            for (long at = 0, end = 8L * count; at < end; at += 8) {
                RawMemory.putDouble(z + at, RawMemory.getDouble(x + at) * RawMemory.getDouble(y + at));
            }
        }
    }

    /** A float32 sigmoid output below this (2⁻¹⁰⁰, at x below about −69) is written as 0. */
    public static final float NEGLIGIBLE_SIGMOID = FloatSigmoid.NEGLIGIBLE;

    /**
     * Sigmoid forward in place: x ← σ(x) = 1 / (1 + e^−x), without overflow for large |x|. In
     * float32 an output below {@link #NEGLIGIBLE_SIGMOID} is 0: it would add less than float32
     * resolves to any sum it enters, and as a subnormal (below 2⁻¹²⁶) or a factor of subnormal
     * products it would send the next layer's arithmetic down x86's slow path. Float32 values go
     * through {@link FloatSigmoid}, which the native library computes to the same bits (plans use
     * {@link NativeElementwise#sigmoid} where it is loaded); float64 values through
     * {@code Math.exp}, the reference for gradient checks.
     */
    public static void sigmoid(NativeArray values, int count) {
        if (values instanceof Float32Array floats) {
            FloatBuffer x = floats.buffer();
            int i = 0;
            // four values per pass: each is a chain of about 20 dependent operations, and the core
            // runs independent chains side by side (2.1x faster at 256 rows than one per pass)
            for (; i + 3 < count; i += 4) {
                float first = FloatSigmoid.of(x.get(i));
                float second = FloatSigmoid.of(x.get(i + 1));
                float third = FloatSigmoid.of(x.get(i + 2));
                float fourth = FloatSigmoid.of(x.get(i + 3));
                x.put(i, first);
                x.put(i + 1, second);
                x.put(i + 2, third);
                x.put(i + 3, fourth);
            }
            for (; i < count; i++) {
                x.put(i, FloatSigmoid.of(x.get(i)));
            }
        } else {
            DoubleBuffer x = ((Float64Array) values).buffer();
            for (int i = 0; i < count; i++) {
                x.put(i, sigmoid(x.get(i)));
            }
        }
    }

    /** σ(x), computed from e^−|x| so that neither branch overflows. */
    public static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /**
     * Sigmoid backward in place: g ← g · y(1 − y), for sigmoid outputs y; plans use
     * {@link NativeElementwise#sigmoidBackward}, the same bits, where the native library is loaded.
     */
    public static void sigmoidBackward(NativeArray outputs, NativeArray gradients, int count) {
        if (gradients instanceof Float32Array floats) {
            FloatBuffer y = ((Float32Array) outputs).buffer();
            FloatBuffer g = floats.buffer();
            for (int i = 0; i < count; i++) {
                float value = y.get(i);
                g.put(i, g.get(i) * value * (1 - value));
            }
        } else {
            DoubleBuffer y = ((Float64Array) outputs).buffer();
            DoubleBuffer g = ((Float64Array) gradients).buffer();
            for (int i = 0; i < count; i++) {
                double value = y.get(i);
                g.put(i, g.get(i) * value * (1 - value));
            }
        }
    }
}
