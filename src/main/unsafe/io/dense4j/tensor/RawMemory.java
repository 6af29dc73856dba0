package io.dense4j.tensor;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Unchecked reads and writes of native memory by address, for the kernels whose loops C2 only
 * vectorizes, or only runs without bounds checks, in this form ({@link Elementwise}). Callers check their bounds first: nothing
 * here does. {@code sun.misc.Unsafe} is the same access JavaCPP's raw indexers and ND4J's buffers
 * use; Java 17 exports it without flags or warnings.
 */
final class RawMemory {
    private static final Unsafe UNSAFE = unsafe();

    private RawMemory() {
    }

    static int getInt(long address) {
        return UNSAFE.getInt(address);
    }

    static void putInt(long address, int value) {
        UNSAFE.putInt(address, value);
    }

    static float getFloat(long address) {
        return UNSAFE.getFloat(address);
    }

    static void putFloat(long address, float value) {
        UNSAFE.putFloat(address, value);
    }

    static double getDouble(long address) {
        return UNSAFE.getDouble(address);
    }

    static void putDouble(long address, double value) {
        UNSAFE.putDouble(address, value);
    }

    static long getLong(long address) {
        return UNSAFE.getLong(address);
    }

    static void putLong(long address, long value) {
        UNSAFE.putLong(address, value);
    }

    static void setMemory(long address, long bytes, byte value) {
        UNSAFE.setMemory(address, bytes, value);
    }

    private static Unsafe unsafe() {
        try {
            Field field = Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
