package io.dense4j.runtime;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads a training step runs on: the caller and {@code threads − 1} helpers. {@link #run}
 * hands out tasks 0 … n − 1, task i to thread i mod threads (thread 0 being the caller), and
 * returns when all are done. Which thread runs a task never changes what it computes; it only
 * spreads the work.
 *
 * <p>Helpers live between {@link #start} and {@link #stop}, the length of a fit. A helper spins for
 * a while after its last task, so that the next hand-off costs a cache line rather than a thread
 * wake-up, then parks, so that between fits it takes no core from the data reader or from other
 * programs. Waiting threads yield now and then, so that more threads than cores still make
 * progress. Stopped (or with one thread), every task runs on the caller. One owner calls
 * {@link #run}; it is not for concurrent callers, and it allocates nothing per call.
 */
public final class Workers {
    /**
     * How long an idle helper spins before it parks: longer than a step and the gaps between
     * steps, so that steps in a row hand off without a wake-up (a woken thread also starts with a
     * cold cache), and short enough that a real pause (an epoch's end, a slow read) frees the core.
     */
    static final long SPIN_NANOS = 10_000_000;
    /** Spins after which a wait counts as long (tens of microseconds); see {@link #spin}. */
    private static final int LONG_WAIT_SPINS = 4_096;

    private final int threads;
    private Helper[] helpers = new Helper[0];
    /** The tasks in flight: written by the owner before a generation is published, read by helpers after. */
    private IntConsumer task;
    private int count;
    private int used;
    private long generation;

    public Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Workers need at least 1 thread, got " + threads);
        }
        this.threads = threads;
    }

    /** The threads {@link #run} spreads tasks over while started, the caller's included. */
    public int threads() {
        return threads;
    }

    /** Starts the helpers (none for one thread); a no-op when started. */
    public void start() {
        if (helpers.length > 0 || threads == 1) {
            return;
        }
        Helper[] started = new Helper[threads - 1];
        try {
            for (int i = 0; i < started.length; i++) {
                started[i] = new Helper(i + 1);
                started[i].thread.start();
            }
        } catch (RuntimeException | Error failed) { // out of threads: stop the ones that did start
            stop(java.util.Arrays.stream(started).filter(helper -> helper != null && helper.thread.isAlive())
                    .toArray(Helper[]::new));
            throw failed;
        }
        helpers = started;
    }

    /** Stops the helpers and waits for them; afterwards every task runs on the caller. */
    public void stop() {
        Helper[] stopping = helpers;
        helpers = new Helper[0];
        stop(stopping);
    }

    private static void stop(Helper[] stopping) {
        for (Helper helper : stopping) {
            helper.open = false;
            LockSupport.unpark(helper.thread);
        }
        boolean interrupted = false;
        for (Helper helper : stopping) {
            while (helper.thread.isAlive()) {
                try {
                    helper.thread.join();
                } catch (InterruptedException again) {
                    interrupted = true; // every helper is still waited for; the caller hears of it after
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Spins a waiting thread once. A wait that goes on for thousands of spins (more threads than
     * cores: the thread waited on may have none) yields every 64th, so that it can run; a short
     * wait, the usual one, never leaves the core.
     */
    private static void spin(int spins) {
        if (spins >= LONG_WAIT_SPINS && (spins & 63) == 63) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    /**
     * Runs {@code task} for indices 0 … {@code tasks − 1} across the threads and returns when all
     * are done. What the caller wrote before is visible to every task, and what the tasks wrote is
     * visible after. A task's exception is rethrown here once all have finished.
     */
    public void run(int tasks, IntConsumer work) {
        Helper[] active = helpers;
        int threadsUsed = Math.min(tasks, active.length + 1);
        if (threadsUsed <= 1) {
            for (int i = 0; i < tasks; i++) {
                work.accept(i);
            }
            return;
        }
        task = work;
        count = tasks;
        used = threadsUsed;
        long next = ++generation;
        for (int h = 0; h < threadsUsed - 1; h++) {
            active[h].hand(next);
        }
        Throwable failure = null;
        try {
            runShare(work, 0, threadsUsed, tasks);
        } catch (RuntimeException | Error callerFailure) {
            failure = callerFailure;
        }
        for (int h = 0; h < threadsUsed - 1; h++) {
            Throwable helperFailure = active[h].await(next);
            if (failure == null) {
                failure = helperFailure;
            } else if (helperFailure != null) {
                failure.addSuppressed(helperFailure);
            }
        }
        task = null;
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    /** Tasks thread {@code thread} of {@code used} runs: thread, thread + used, … */
    private static void runShare(IntConsumer work, int thread, int used, int tasks) {
        for (int i = thread; i < tasks; i += used) {
            work.accept(i);
        }
    }

    /** One helper thread and the generation counters it shares with the owner. */
    private final class Helper {
        private final int index;
        private final Thread thread;
        private volatile long assigned;
        private volatile long done;
        private volatile boolean parked;
        private volatile boolean open = true;
        private volatile Throwable failure;

        Helper(int index) {
            this.index = index;
            this.thread = new Thread(this::serve, "dense4j-worker-" + index);
            this.thread.setDaemon(true);
        }

        void hand(long next) {
            assigned = next;
            if (parked) { // read after the write above: either it sees the work, or it parked and needs waking
                LockSupport.unpark(thread);
            }
        }

        Throwable await(long generation) {
            for (int spins = 0; done != generation; spins++) {
                spin(spins);
            }
            Throwable failed = failure;
            failure = null;
            return failed;
        }

        private void serve() {
            long seen = 0;
            while (open) {
                long next = waitForWork(seen);
                if (next == seen) {
                    continue; // woken to close, or spuriously
                }
                seen = next;
                try {
                    runShare(task, index, used, count);
                } catch (Throwable error) { // handed to the owner, which rethrows it
                    failure = error;
                }
                done = next;
            }
        }

        /** Spins, then parks, until a generation newer than {@code seen} is assigned or the helper is stopped. */
        private long waitForWork(long seen) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            for (int spins = 0; ; spins++) {
                long next = assigned;
                if (next != seen || !open) {
                    return next;
                }
                if ((spins & 63) == 63 && System.nanoTime() > spinUntil) {
                    break;
                }
                spin(spins);
            }
            parked = true;
            long next = assigned;
            if (next == seen && open) {
                LockSupport.park(this);
                next = assigned;
            }
            parked = false;
            return next;
        }
    }
}
