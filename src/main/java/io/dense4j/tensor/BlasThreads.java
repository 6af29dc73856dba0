package io.dense4j.tensor;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one owner of OpenBLAS's thread count while a model trains: one thread for small batches,
 * where waking a second thread costs more than it saves, and otherwise the count already
 * configured (all cores by default; {@code OPENBLAS_NUM_THREADS} lowers it). The count is
 * process-wide, as OpenBLAS's is: settings open at once (models training on several threads)
 * share it, the latest one deciding, and the last to close restores the configured count.
 *
 * <p>Measured on this project's machine (2-core AMD EPYC, W-MLP, one step + SGD update): at batch
 * 1, about 25 µs with one thread and 52–59 µs with two; at batch 32 the same either way; at batch
 * 256, two threads about 20% faster. The benchmarks' {@code blasThreads} parameter re-measures it.
 */
public final class BlasThreads implements AutoCloseable {
    /** Batches of fewer rows than this train on one OpenBLAS thread. */
    public static final int SINGLE_THREAD_BELOW_ROWS = 64;

    /** The count found before the first open setting; restored when the last one closes. */
    private static int original;
    private static int open;

    private boolean closed;

    private BlasThreads(int threads) {
        synchronized (BlasThreads.class) {
            Blas blas = Nd4j.factory().blas();
            if (open++ == 0) {
                original = blas.getMaxThreads();
            }
            if (blas.getMaxThreads() != threads) {
                blas.setMaxThreads(threads); // concurrent fits share the count: the latest one sets it
            }
        }
    }

    /**
     * Sets the thread count suited to steps of {@code rows} rows until closed: one below
     * {@link #SINGLE_THREAD_BELOW_ROWS}, else the count configured before any setting was open.
     */
    public static BlasThreads forBatch(int rows) {
        return exactly(rows < SINGLE_THREAD_BELOW_ROWS ? 1 : configured());
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

    /** The count configured outside any setting (all cores by default; OPENBLAS_NUM_THREADS lowers it). */
    private static synchronized int configured() {
        return open > 0 ? original : current();
    }

    /** Restores the configured count once the last open setting closes. */
    @Override
    public void close() {
        synchronized (BlasThreads.class) {
            if (closed) {
                return;
            }
            closed = true;
            if (--open == 0 && current() != original) {
                Nd4j.factory().blas().setMaxThreads(original);
            }
        }
    }
}
