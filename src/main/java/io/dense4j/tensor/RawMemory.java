package io.dense4j.tensor;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Unchecked reads and writes of native memory by address, for the one kernel whose loop C2 only
 * vectorizes in this form ({@link Elementwise#maxZero}). Callers check their bounds first: nothing
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

    static long getLong(long address) {
        return UNSAFE.getLong(address);
    }

    static void putLong(long address, long value) {
        UNSAFE.putLong(address, value);
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
