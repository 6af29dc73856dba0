package io.dense4j.tensor;

import java.util.Objects;

/**
 * Flush to zero for state that decays geometrically: momentum's velocity and Adam's moments of a
 * weight whose gradient stays 0 shrink by a constant factor each step, pass below float32's least
 * normal value (2⁻¹²⁶, about 1.18e-38) and would stay subnormal for hundreds or thousands of steps
 * before reaching 0. x86 computes on subnormals through microcode assists, many times slower
 * (see docs/benchmarks.md, "Idle weights"), and the JVM runs without the CPU's flush-to-zero mode.
 * A value that small moves no weight by a representable amount, so storing 0 instead changes no
 * update above float32's resolution. float64, the precision that checks gradients against
 * PyTorch's, is left exact. The optimizers sweep their state with {@link #flushToZero} every few
 * steps.
 */
public final class Subnormals {
    private Subnormals() {
    }

    /**
     * Every subnormal float32 in {@code values} set to +0, in place; float64 values are left alone.
     * It works on the bits alone, so a subnormal costs no assist here, and without a branch: a
     * value's exponent field is 0 exactly when it is zero or subnormal, and then (exponent − 1) is
     * negative, its sign spread by the shift into a mask that clears every bit.
     */
    public static void flushToZero(NativeArray values) {
        if (!(values instanceof Float32Array)) {
            return;
        }
        Objects.checkFromIndexSize(0, values.length(), values.length()); // the loop below has no bounds checks
        long address = values.address();
        // One raw address read and written in place: the loop shape C2 vectorizes (as Elementwise.maxZero's).
        for (long end = address + 4L * values.length(); address < end; address += 4) {
            int bits = RawMemory.getInt(address);
            RawMemory.putInt(address, bits & ~(((bits & 0x7f800000) - 1) >> 31));
        }
    }
}
