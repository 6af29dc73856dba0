package io.dense4j.tensor;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A run of float32 elements; see {@link NativeArray}. */
public final class Float32Array extends NativeArray {
    private final FloatPointer pointer;
    private final FloatBuffer buffer;

    Float32Array(INDArray owner, long offset, int length) {
        super(owner, offset, length);
        this.pointer = new FloatPointer(owner.data().addressPointer()).position(offset);
        this.buffer = owner.data().asNioFloat().position((int) offset).limit((int) offset + length).slice();
    }

    /** The typed view of this run's memory, for {@link Elementwise}'s loops. */
    FloatBuffer buffer() {
        return buffer;
    }

    @Override
    public NativeArray slice(long start, int count) {
        checkSlice(start, count);
        return new Float32Array(owner(), offset() + start, count);
    }

    @Override
    public double get(int index) {
        return buffer.get(index);
    }

    @Override
    public void set(int index, double value) {
        buffer.put(index, (float) value);
    }

    @Override
    public void copyFrom(NativeArray source, int sourceIndex, int targetIndex, int count) {
        buffer.put(targetIndex, ((Float32Array) source).buffer, sourceIndex, count);
    }

    @Override
    public void put(int targetIndex, float[] values, int offset, int count) {
        buffer.put(targetIndex, values, offset, count);
    }

    @Override
    public void put(int targetIndex, FloatBuffer source, int sourceIndex, int count) {
        buffer.put(targetIndex, source, sourceIndex, count);
    }

    @Override
    FloatPointer pointer() {
        return pointer;
    }
}
