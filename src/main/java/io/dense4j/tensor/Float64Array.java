package io.dense4j.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A run of float64 elements; see {@link NativeArray}. */
public final class Float64Array extends NativeArray {
    private final DoublePointer pointer;
    private final DoubleBuffer buffer;

    Float64Array(INDArray owner, long offset, int length) {
        super(owner, offset, length);
        this.pointer = new DoublePointer(owner.data().addressPointer()).position(offset);
        this.buffer = owner.data().asNioDouble().position((int) offset).limit((int) offset + length).slice();
    }

    /** The typed view of this run's memory, for {@link Elementwise}'s loops. */
    DoubleBuffer buffer() {
        return buffer;
    }

    @Override
    public NativeArray slice(long start, int count) {
        checkSlice(start, count);
        return new Float64Array(owner(), offset() + start, count);
    }

    @Override
    public double get(int index) {
        return buffer.get(index);
    }

    @Override
    public void set(int index, double value) {
        buffer.put(index, value);
    }

    @Override
    public void copyFrom(NativeArray source, int sourceIndex, int targetIndex, int count) {
        buffer.put(targetIndex, ((Float64Array) source).buffer, sourceIndex, count);
    }

    @Override
    public void put(int targetIndex, float[] values, int offset, int count) {
        for (int i = 0; i < count; i++) {
            buffer.put(targetIndex + i, values[offset + i]);
        }
    }

    @Override
    public void put(int targetIndex, FloatBuffer source, int sourceIndex, int count) {
        for (int i = 0; i < count; i++) {
            buffer.put(targetIndex + i, source.get(sourceIndex + i));
        }
    }

    @Override
    DoublePointer pointer() {
        return pointer;
    }
}
