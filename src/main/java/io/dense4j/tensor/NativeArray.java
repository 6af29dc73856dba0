package io.dense4j.tensor;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A run of elements in an ND4J array's native memory, read and written without going through
 * ND4J's op executor. Created once when a model is compiled; the hot loops only call
 * {@link #get}, {@link #set} and {@link Blas} on it, which allocate nothing.
 *
 * <p>Values cross this interface as {@code double}; a float32 array rounds on {@link #set}.
 */
public abstract sealed class NativeArray permits Float32Array, Float64Array {
    /**
     * Where {@link #allocate} starts an array: a cache line, and one AVX-512 vector. ND4J's
     * buffers start on 16 bytes, so a vector loop over them straddled cache lines on three loads
     * in four; gathering rows ran 1.8 times as long that way in a probe (docs/benchmarks.md).
     */
    public static final int ALIGNMENT = 64;

    private final INDArray owner;
    private final long offset;
    private final int length;
    private final int elementSize;
    /** Element 0 as bytes: JavaCPP's memset counts a pointer's position in bytes, whatever its type. */
    private final BytePointer bytes;

    NativeArray(INDArray owner, long offset, int length) {
        this.owner = owner;
        this.offset = offset;
        this.length = length;
        this.elementSize = owner.dataType().width();
        this.bytes = new BytePointer(owner.data().addressPointer()).position(offset * elementSize);
    }

    /**
     * A new zero-filled array of {@code length} elements; FLOAT and DOUBLE are supported. It starts
     * on a 64-byte boundary ({@link #ALIGNMENT}).
     */
    public static NativeArray allocate(DataType type, long length) {
        if (length < 1 || length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("NativeArray length must be in [1, 2^31 - 1], got " + length);
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("dense4j computes in FLOAT or DOUBLE, got " + type);
        }
        int width = type.width();
        INDArray array = Nd4j.create(type, length + ALIGNMENT / width);
        long past = array.data().addressPointer().address() % ALIGNMENT;
        long offset = past % width == 0 ? (ALIGNMENT - past) % ALIGNMENT / width : 0;
        return type == DataType.FLOAT ? new Float32Array(array, offset, (int) length) : new Float64Array(array, offset, (int) length);
    }

    /** A new array holding {@code values}, rounded to {@code type}. */
    public static NativeArray of(DataType type, double... values) {
        NativeArray array = allocate(type, values.length);
        for (int i = 0; i < values.length; i++) {
            array.set(i, values[i]);
        }
        return array;
    }

    /** A copy of {@code source} (any shape, any order) flattened row by row into a new array of {@code type}. */
    public static NativeArray copyOf(INDArray source, DataType type) {
        NativeArray copy = allocate(type, source.length());
        boolean direct = source.dataType() == type && source.ordering() == 'c' && !source.isView();
        INDArray rowMajor = direct ? source : source.castTo(type).dup('c'); // no transient copy when none is needed
        copy.view(copy.length).assign(rowMajor.reshape(rowMajor.length())); // not ravel('c'): M2.1 reads the 'c' as a dimension
        return copy;
    }

    /** The elements {@code [start, start + count)} of this run, sharing its memory. */
    public abstract NativeArray slice(long start, int count);

    public abstract double get(int index);

    public abstract void set(int index, double value);

    /** Copies {@code count} elements from {@code source[sourceIndex..]} to {@code this[targetIndex..]}. */
    public abstract void copyFrom(NativeArray source, int sourceIndex, int targetIndex, int count);

    /** Copies {@code values[offset .. offset + count)} to {@code this[targetIndex..]}, widening for float64. */
    public abstract void put(int targetIndex, float[] values, int offset, int count);

    /**
     * Copies {@code count} floats from {@code source[sourceIndex..]} (a direct buffer, such as a
     * memory-mapped file) to {@code this[targetIndex..]}: one memory copy for float32.
     */
    public abstract void put(int targetIndex, FloatBuffer source, int sourceIndex, int count);

    /** Throws unless {@code [start, start + count)} lies inside this run. */
    void checkSlice(long start, int count) {
        if (start < 0 || count < 1 || start + count > length) {
            throw new IndexOutOfBoundsException("slice [" + start + ", " + (start + count) + ") of a run of " + length);
        }
    }

    /** Sets every element to {@code value}. */
    public void fill(double value) {
        for (int i = 0; i < length; i++) {
            set(i, value);
        }
    }

    public int length() {
        return length;
    }

    public DataType dataType() {
        return owner.dataType();
    }

    /** The element offset of this run inside its owning ND4J array. */
    long offset() {
        return offset;
    }

    INDArray owner() {
        return owner;
    }

    /** Sets the first {@code count} elements to zero with one memset. */
    public void zero(int count) {
        Pointer.memset(bytes, 0, (long) count * elementSize);
    }

    /** Sets {@code count} elements from {@code start} to zero. */
    public void zero(int start, int count) {
        java.util.Objects.checkFromIndexSize(start, count, length);
        RawMemory.setMemory(address() + (long) start * elementSize, (long) count * elementSize, (byte) 0);
    }

    /** Whether the first {@code count} elements of {@code a} and the first {@code otherCount} of {@code b} share memory. */
    static boolean overlap(NativeArray a, long count, NativeArray b, long otherCount) {
        return overlap(a, count, b, 0, otherCount);
    }

    /** Whether the first {@code count} elements of {@code a} and {@code otherCount} of {@code b} from {@code otherStart} share memory. */
    static boolean overlap(NativeArray a, long count, NativeArray b, long otherStart, long otherCount) {
        long aEnd = a.address() + count * a.dataType().width();
        long bStart = b.address() + otherStart * b.dataType().width();
        long bEnd = bStart + otherCount * b.dataType().width();
        return count > 0 && otherCount > 0 && a.address() < bEnd && bStart < aEnd;
    }

    /** The address of element 0 of this run in bytes, for {@link Elementwise}'s raw-memory loops. */
    long address() {
        return bytes.address() + bytes.position();
    }

    /** The native address of element 0 of this run, for BLAS. */
    abstract Pointer pointer();

    /**
     * An ND4J view of this run with the given row-major shape; writes through it change this run.
     * Allocates a view object, so it is for users and tests, never for the hot loop.
     */
    public INDArray view(long... shape) {
        INDArray run = owner.get(NDArrayIndex.interval(offset, offset + length)); // owners are 1-D
        return run.reshape('c', shape);
    }

    /** This run's values as doubles, a copy. */
    public double[] toDoubleArray() {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = get(i);
        }
        return values;
    }
}
