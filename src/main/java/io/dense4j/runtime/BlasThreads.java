package io.dense4j.runtime;

import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one owner of OpenBLAS's thread count while a model trains. Training parallelizes itself
 * ({@link ExecutionPolicy}), so its BLAS calls run on one OpenBLAS thread each: OpenBLAS's own
 * threads would then only add threads beyond the cores. The count is process-wide, as OpenBLAS's
 * is: settings open at once (models training on several threads) share it, the latest one
 * deciding, and the last to close restores the count configured before (all cores by default;
 * {@code OPENBLAS_NUM_THREADS} lowers it), which prediction then uses.
 */
public final class BlasThreads implements AutoCloseable {
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

    /** Sets exactly {@code threads} OpenBLAS threads until closed. */
    public static BlasThreads exactly(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("OpenBLAS needs at least 1 thread, got " + threads);
        }
        return new BlasThreads(threads);
    }

    /**
     * OpenBLAS's threads, at most its configured count, but leaving one core free (at least 1
     * thread), until closed: for work that keeps a thread of its own busy beside BLAS, such as a
     * CSV parser. OpenBLAS's waiting threads spin, so one on every core would take the parser's.
     */
    public static BlasThreads besideOneThread() {
        return exactly(Math.max(1, Math.min(current(), Runtime.getRuntime().availableProcessors() - 1)));
    }

    /** The thread count now in force. */
    static int current() {
        return Nd4j.factory().blas().getMaxThreads();
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
