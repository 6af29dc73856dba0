package io.dense4j.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * How to compile: the element type, the seed the weights are drawn from, and two switches for
 * testing (fusing passes; keeping the input gradient).
 *
 * @param dataType      FLOAT (default) or DOUBLE (gradient checks use it)
 * @param seed          the weights' seed; a fixed default, never the clock
 * @param fuse          run the fusing compile passes
 * @param inputGradient keep dL/dx, which training does not need
 */
public record CompileOptions(DataType dataType, long seed, boolean fuse, boolean inputGradient) {

    public static final long DEFAULT_SEED = 42;

    public CompileOptions {
        if (dataType != DataType.FLOAT && dataType != DataType.DOUBLE) {
            throw new IllegalArgumentException("dense4j computes in FLOAT or DOUBLE, got " + dataType);
        }
    }

    public static CompileOptions defaults() {
        return new CompileOptions(DataType.FLOAT, DEFAULT_SEED, true, false);
    }

    public CompileOptions withDataType(DataType type) {
        return new CompileOptions(type, seed, fuse, inputGradient);
    }

    public CompileOptions withSeed(long newSeed) {
        return new CompileOptions(dataType, newSeed, fuse, inputGradient);
    }

    public CompileOptions withFusion(boolean enabled) {
        return new CompileOptions(dataType, seed, enabled, inputGradient);
    }

    public CompileOptions withInputGradient(boolean enabled) {
        return new CompileOptions(dataType, seed, fuse, enabled);
    }
}
