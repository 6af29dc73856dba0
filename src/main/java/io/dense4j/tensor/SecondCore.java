package io.dense4j.tensor;

import java.util.concurrent.locks.LockSupport;

/**
 * Runs one task on a helper thread while the caller runs another, for the small batches that train
 * on one OpenBLAS thread (see {@link BlasThreads}). A Dense op's weight gradient and input gradient
 * are independent products; measured on this project's machine, the two at batch 32 took 110 µs
 * one after the other and 61 µs side by side, where a second OpenBLAS thread made a step slower.
 *
 * <p>Below {@link #MIN_ROWS} it does not pay: measured with JMH (W-MLP step, samples/s, without →
 * with): batch 1 36,378 → 19,277; 4 123,532 → 25,774; 8 106,869 → 43,111; 16 106,211 → 109,202;
 * 32 136,489 → 154,806. At 64 rows and more OpenBLAS uses every core itself.
 *
 * <p>The helper spins while it waits, so a hand-off costs well under a microsecond instead of a
 * thread wake-up; it lives only while a model trains, and with OpenBLAS on one thread the two
 * threads match the two cores. Not for concurrent callers: one trainer owns it.
 *
 * <p>{@link #pause} parks the helper, so that it takes nothing from the caller's core while steps
 * run on one thread; {@code AdaptiveSecondCore} does that whenever one thread measures faster.
 */
public final class SecondCore implements AutoCloseable {
    /** Batches of at least this many rows (and fewer than {@link BlasThreads#SINGLE_THREAD_BELOW_ROWS}) use it. */
    public static final int MIN_ROWS = 32;

    private final Thread helper;
    /** The helper's task; non-null from hand-off until the helper has finished it. */
    private volatile Runnable task;
    private volatile Throwable failure;
    private volatile boolean open = true;
    /** Set by the owner: the helper parks instead of spinning, and {@link #runBoth} runs both tasks itself. */
    private volatile boolean paused;

    private SecondCore() {
        helper = new Thread(this::serve, "dense4j-second-core");
        helper.setDaemon(true);
        helper.start();
    }

    /**
     * A second core for steps of {@code rows} rows, or null where it does not pay: small batches
     * (the hand-offs cost more than the products), large ones (OpenBLAS then uses every core
     * itself), or a single-core machine.
     */
    public static SecondCore forBatch(int rows) {
        boolean useful = rows >= MIN_ROWS && rows < BlasThreads.SINGLE_THREAD_BELOW_ROWS
                && Runtime.getRuntime().availableProcessors() >= 2;
        return useful ? new SecondCore() : null;
    }

    /** A second core whatever the batch size (for tests and measurements). */
    public static SecondCore start() {
        return new SecondCore();
    }

    /**
     * Runs {@code onHelper} on the helper thread and {@code onCaller} on this one, and returns when
     * both are done. What the caller wrote before is visible to the helper's task, and what that
     * task wrote is visible after (both through the volatile {@code task}).
     */
    public void runBoth(Runnable onHelper, Runnable onCaller) {
        if (!open) {
            throw new IllegalStateException("this SecondCore is closed");
        }
        if (paused) {
            onHelper.run();
            onCaller.run();
            return;
        }
        task = onHelper;
        try {
            onCaller.run();
        } catch (RuntimeException | Error callerFailure) {
            Throwable helperFailure = awaitHelper();
            if (helperFailure != null) {
                callerFailure.addSuppressed(helperFailure);
            }
            throw callerFailure;
        }
        Throwable helperFailure = awaitHelper();
        if (helperFailure != null) {
            throw new IllegalStateException("the second core's task failed: " + helperFailure.getMessage(), helperFailure);
        }
    }

    /** Waits for the helper's task; returns (and clears) what it threw, or null. */
    private Throwable awaitHelper() {
        while (task != null) {
            Thread.onSpinWait();
        }
        Throwable failed = failure;
        failure = null;
        return failed;
    }

    private void serve() {
        while (open) {
            Runnable current = task;
            if (current == null) {
                if (paused) {
                    LockSupport.park(this); // until resume or close; a spurious wake just loops
                } else {
                    Thread.onSpinWait();
                }
                continue;
            }
            try {
                current.run();
            } catch (Throwable error) { // handed to the caller, which rethrows it
                failure = error;
            }
            task = null;
        }
    }

    /** Parks the helper until {@link #resume}; meanwhile {@link #runBoth} runs both tasks on the caller. */
    public void pause() {
        paused = true;
    }

    /** Wakes the helper: {@link #runBoth} hands work to it again. */
    public void resume() {
        paused = false;
        LockSupport.unpark(helper);
    }

    public boolean isPaused() {
        return paused;
    }

    @Override
    public void close() {
        open = false;
        LockSupport.unpark(helper);
        try {
            helper.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
