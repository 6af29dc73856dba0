/**
 * Direct, allocation-free access to the memory of ND4J arrays: {@link io.dense4j.tensor.NativeArray}
 * wraps a contiguous ND4J array (or a slice of one) with its native pointer and an NIO view, and
 * {@link io.dense4j.tensor.Blas} calls ND4J's own bundled OpenBLAS on those pointers. The compiled
 * graph uses these instead of ND4J's op executor on the hot path, because every executor call costs
 * microseconds and kilobytes of garbage whatever the array size.
 */
package io.dense4j.tensor;
