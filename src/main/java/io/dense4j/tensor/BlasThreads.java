package io.dense4j.tensor;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one owner of OpenBLAS's thread count while a model trains: one thread for small batches,
 * where waking a second thread costs more than it saves, and otherwise the count already
 * configured (all cores by default; {@code OPENBLAS_NUM_THREADS} lowers it). Closing restores the
 * count it found. The count is process-wide, as OpenBLAS's is.
 *
 * <p>Measured on this project's machine (2-core AMD EPYC, W-MLP, one step + SGD update): at batch
 * 1, about 25 µs with one thread and 52–59 µs with two; at batch 32 the same either way; at batch
 * 256, two threads about 20% faster. The benchmarks' {@code blasThreads} parameter re-measures it.
 */
public final class BlasThreads implements AutoCloseable {
    /** Batches of fewer rows than this train on one OpenBLAS thread. */
    public static final int SINGLE_THREAD_BELOW_ROWS = 64;

    private final Blas blas;
    private final int previous;

    private BlasThreads(int threads) {
        this.blas = Nd4j.factory().blas();
        this.previous = blas.getMaxThreads();
        if (threads != previous) {
            blas.setMaxThreads(threads);
        }
    }

    /** Sets the thread count suited to steps of {@code rows} rows until closed. */
    public static BlasThreads forBatch(int rows) {
        return exactly(rows < SINGLE_THREAD_BELOW_ROWS ? 1 : current());
    }

    /** Sets exactly {@code threads} OpenBLAS threads until closed. */
    public static BlasThreads exactly(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("OpenBLAS needs at least 1 thread, got " + threads);
        }
        return new BlasThreads(threads);
    }

    /** The thread count now in force. */
    public static int current() {
        return Nd4j.factory().blas().getMaxThreads();
    }

    @Override
    public void close() {
        if (blas.getMaxThreads() != previous) {
            blas.setMaxThreads(previous);
        }
    }
}
