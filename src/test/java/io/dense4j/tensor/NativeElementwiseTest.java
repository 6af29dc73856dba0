package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The native elementwise loops give the Java loops' bits, on every kind of value and length. */
class NativeElementwiseTest {

    @BeforeEach
    void needsTheLibrary() {
        assumeTrue(NativeKernels.enabled(), "no native library on this platform: plans use the Java loops");
    }

    /** An array one element into a larger one, so that the loops start off a vector boundary. */
    private static NativeArray offset(DataType type, int length) {
        return NativeArray.allocate(type, length + 2).slice(1, length);
    }

    private static void setBits(NativeArray array, int i, long bits) {
        if (array instanceof Float32Array floats) {
            floats.buffer().put(i, Float.intBitsToFloat((int) bits));
        } else {
            ((Float64Array) array).buffer().put(i, Double.longBitsToDouble(bits));
        }
    }

    private static long[] bits(NativeArray array) {
        long[] bits = new long[(int) array.length()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = array instanceof Float32Array floats ? Float.floatToRawIntBits(floats.buffer().get(i))
                    : Double.doubleToRawLongBits(((Float64Array) array).buffer().get(i));
        }
        return bits;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluBackwardKeepsTheGradientExactlyWhereTheOutputIsPositive(DataType type) {
        NativeArray y = offset(type, 7);
        NativeArray g = offset(type, 7);
        double[] outputs = {0, 1e-30, 2, 0, Double.MIN_VALUE, 5, Double.POSITIVE_INFINITY};
        double[] gradients = {1.5, -2.25, 3, Double.NaN, -7, 9, -4};
        for (int i = 0; i < 7; i++) {
            y.set(i, outputs[i]);
            g.set(i, gradients[i]);
        }
        NativeElementwise.keepWherePositive(y, g, 6); // the last gradient is outside the count and stays
        double tiny = type == DataType.FLOAT ? 0 : -7; // Double.MIN_VALUE rounds to +0 in float32
        assertArrayEquals(new double[] {0, -2.25, 3, 0, tiny, 9, -4}, g.toDoubleArray(), 0);
    }

    /**
     * Random ReLU outputs (half zeros, subnormals, NaN of either sign, as ReLU forward keeps them)
     * and gradients (NaN, infinities, −0): bit for bit the Java loop's result, for lengths around
     * the vector widths.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluBackwardGivesTheJavaLoopsBits(DataType type) {
        boolean floats = type == DataType.FLOAT;
        long[] specials = floats
                ? new long[] {0x7fc00000L, 0xffc00000L, 0x00000001L, 0x007fffffL, 0x7f800000L, 0x80000000L}
                : new long[] {0x7ff8000000000000L, 0xfff8000000000000L, 1L, 0x000fffffffffffffL, 0x7ff0000000000000L,
                              0x8000000000000000L};
        Random random = new Random(7);
        for (int length : new int[] {1, 7, 15, 16, 17, 33, 1000, 65_539}) {
            NativeArray y = offset(type, length);
            NativeArray nativeG = offset(type, length);
            NativeArray javaG = offset(type, length);
            for (int i = 0; i < length; i++) {
                y.set(i, Math.max(0, random.nextGaussian()));
                nativeG.set(i, random.nextGaussian());
                if (random.nextInt(8) == 0) {
                    setBits(y, i, specials[random.nextInt(4)]); // NaNs and subnormals
                }
                if (random.nextInt(8) == 0) {
                    setBits(nativeG, i, specials[random.nextInt(specials.length)]);
                }
            }
            javaG.copyFrom(nativeG, 0, 0, length);
            int count = length - (length > 1 ? 1 : 0); // the last element stays outside the count
            NativeElementwise.keepWherePositive(y, nativeG, count);
            Elementwise.keepWherePositive(y, javaG, count);
            assertArrayEquals(bits(javaG), bits(nativeG), "length " + length);
        }
    }

    /**
     * Float32 sigmoid forward over every kind of input (around the cap, the flush to 0 near −69.3,
     * where σ rounds to 1, subnormals, ±0, infinities, NaN of either sign): FloatSigmoid's bits, for
     * lengths around the vector widths. NaN in gives NaN out: its payload is not part of the contract.
     */
    @Test
    void sigmoidGivesTheJavaLoopsBits() {
        float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                            Float.NaN, Float.intBitsToFloat(0xffc00000), 80f, -80f, 80.5f, -80.5f, -69.3f, -69.4f, 17.33f, 16.6f,
                            Float.MAX_VALUE, -Float.MAX_VALUE};
        Random random = new Random(11);
        for (int length : new int[] {1, 7, 15, 16, 17, 33, 1000, 65_539}) {
            NativeArray natively = offset(DataType.FLOAT, length);
            NativeArray inJava = offset(DataType.FLOAT, length);
            for (int i = 0; i < length; i++) {
                float x = switch (random.nextInt(4)) {
                    case 0 -> specials[random.nextInt(specials.length)];
                    case 1 -> (float) (random.nextGaussian() * 40);
                    default -> (float) random.nextGaussian() * 3;
                };
                natively.set(i, x);
                inJava.set(i, x);
            }
            int count = length - (length > 1 ? 1 : 0); // the last element stays outside the count
            NativeElementwise.sigmoid(natively, count);
            Elementwise.sigmoid(inJava, count);
            long[] nativeBits = bits(natively);
            long[] javaBits = bits(inJava);
            for (int i = 0; i < length; i++) {
                if (Double.isNaN(inJava.get(i))) {
                    assertTrue(Double.isNaN(natively.get(i)), "length " + length + ", element " + i + ": NaN expected");
                } else {
                    assertEquals(javaBits[i], nativeBits[i], "length " + length + ", element " + i);
                }
            }
        }
    }

    /**
     * The e^t inside the sigmoid, in float64: the native loop gives FloatSigmoid's bits. This is
     * where a change of order, a fused multiply-add or a different constant shows, in the last bit
     * of about half the values; the float32 sigmoid hides all but rare ones.
     */
    @Test
    void theSigmoidsExponentialGivesTheJavaBits() {
        Random random = new Random(17);
        int length = 100_003;
        NativeArray t = offset(DataType.DOUBLE, length);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = switch (i % 4) {
                case 0 -> -random.nextDouble() * 80;
                case 1 -> -random.nextDouble();
                case 2 -> -random.nextInt(116) * Math.log(2) * (1 + (random.nextDouble() - 0.5) * 1e-9); // near k · ln 2
                default -> i % 8 == 3 ? -0.0 : i % 16 == 7 ? Double.NaN : -80;
            };
            t.set(i, values[i]);
        }
        NativeElementwise.expOfNonPositive(t, length);
        for (int i = 0; i < length; i++) {
            double expected = FloatSigmoid.expOfNonPositive(values[i]);
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(t.get(i)), "e^NaN");
            } else {
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(t.get(i)), "e^" + values[i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void sigmoidBackwardGivesTheJavaLoopsBits(DataType type) {
        Random random = new Random(13);
        for (int length : new int[] {1, 15, 17, 1000, 65_539}) {
            NativeArray y = offset(type, length);
            NativeArray nativeG = offset(type, length);
            NativeArray javaG = offset(type, length);
            double[] specials = {0, -0.0, Double.MIN_VALUE, Float.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                                 Double.NaN};
            for (int i = 0; i < length; i++) {
                y.set(i, random.nextInt(10) == 0 ? random.nextInt(2) : random.nextDouble());
                nativeG.set(i, random.nextInt(8) == 0 ? specials[random.nextInt(specials.length)]
                        : random.nextGaussian() * Math.pow(10, random.nextInt(60) - 30));
                if (random.nextInt(16) == 0) {
                    y.set(i, specials[random.nextInt(specials.length)]);
                }
            }
            javaG.copyFrom(nativeG, 0, 0, length);
            NativeElementwise.sigmoidBackward(y, nativeG, length);
            Elementwise.sigmoidBackward(y, javaG, length);
            long[] nativeBits = bits(nativeG);
            long[] javaBits = bits(javaG);
            for (int i = 0; i < length; i++) {
                if (Double.isNaN(javaG.get(i))) {
                    assertTrue(Double.isNaN(nativeG.get(i)), "length " + length + ", element " + i + ": NaN expected");
                } else {
                    assertEquals(javaBits[i], nativeBits[i], "length " + length + ", element " + i);
                }
            }
        }
    }

    /**
     * Adam's step over parameters, gradients and moments of every magnitude (zeros, values near
     * float32's least normal, large ones), twice in a row so that the second reads the first's
     * moments: the Java loop's bits in all four arrays.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void adamGivesTheJavaLoopsBits(DataType type) {
        Random random = new Random(19);
        for (int length : new int[] {1, 15, 17, 1000, 65_539}) {
            NativeArray[] natively = new NativeArray[4];
            NativeArray[] inJava = new NativeArray[4];
            for (int a = 0; a < 4; a++) {
                natively[a] = offset(type, length);
                inJava[a] = offset(type, length);
                for (int i = 0; i < length; i++) {
                    double magnitude = Math.pow(10, random.nextInt(80) - 40);
                    double value = random.nextInt(10) == 0 ? 0 : random.nextGaussian() * magnitude;
                    natively[a].set(i, a == 3 ? Math.abs(value) : value); // the second moment is never negative
                }
                inJava[a].copyFrom(natively[a], 0, 0, length);
            }
            for (int step = 1; step <= 2; step++) {
                double stepSize = 0.001 * Math.sqrt(1 - Math.pow(0.999, step)) / (1 - Math.pow(0.9, step));
                double epsilon = 1e-7 * Math.sqrt(1 - Math.pow(0.999, step));
                NativeElementwise.adam(natively[0], natively[1], natively[2], natively[3], 0.9, 0.999, stepSize, epsilon);
                UpdateLoops.adam(inJava[0], inJava[1], inJava[2], inJava[3], 0.9, 0.999, stepSize, epsilon);
                for (int a = 0; a < 4; a++) {
                    assertArrayEquals(bits(inJava[a]), bits(natively[a]), "array " + a + ", length " + length + ", step " + step);
                }
            }
        }
    }

    @Test
    void refusesWhatTheNativeLoopCannotCheck() {
        NativeArray y = NativeArray.allocate(DataType.FLOAT, 8);
        NativeArray g = NativeArray.allocate(DataType.FLOAT, 8);
        assertThrows(IndexOutOfBoundsException.class, () -> NativeElementwise.keepWherePositive(y, g.slice(0, 4), 5));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeElementwise.keepWherePositive(y, g, -1));
        assertThrows(IllegalArgumentException.class,
                () -> NativeElementwise.keepWherePositive(NativeArray.allocate(DataType.DOUBLE, 8), g, 8));
        assertThrows(IllegalArgumentException.class, () -> NativeElementwise.keepWherePositive(y.slice(0, 4), y.slice(3, 4), 4),
                "overlapping arrays");
        assertThrows(IndexOutOfBoundsException.class, () -> NativeElementwise.sigmoid(y.slice(0, 4), 5));
        NativeArray m = NativeArray.allocate(DataType.FLOAT, 8);
        assertThrows(IllegalArgumentException.class, () -> NativeElementwise.adam(y, g, m, y, 0.9, 0.999, 1e-3, 1e-7),
                "the parameters as their own second moment");
        assertThrows(IllegalArgumentException.class, () -> NativeElementwise.adam(y, g, m, m.slice(0, 4), 0.9, 0.999, 1e-3, 1e-7),
                "arrays of different lengths");
        assertThrows(IllegalArgumentException.class, () -> NativeElementwise.sigmoidBackward(y.slice(0, 4), y.slice(2, 4), 4),
                "overlapping arrays");
    }
}
