package io.dense4j.model;

import io.dense4j.runtime.Plan;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The forward-only plans a model lends to the threads that predict and evaluate with it, each
 * made on first need and kept for the next caller. At most {@link #MOST_THREADS} threads of a
 * process hold one at once, over all its models: OpenBLAS, as ND4J builds it, keeps buffers for
 * 128 threads calling it at once and ends the process past them ("tried to allocate too many
 * memory regions"), which 150 threads of a service scoring batches reached. The others wait for a
 * thread to give its plan back. A thread that holds one already (a {@code BatchSource} that
 * predicts with another model while a scoring reads it) takes another without waiting: it makes
 * one BLAS call at a time however many it holds, and must never wait on itself.
 */
final class PredictionPlans {
    /** Threads of a process that hold a plan at once, at most. */
    static final int MOST_THREADS = 64;
    private static final Semaphore THREADS = new Semaphore(MOST_THREADS);
    /** The plans this thread holds, of every model. */
    private static final ThreadLocal<int[]> HELD_HERE = ThreadLocal.withInitial(() -> new int[1]);

    private final ConcurrentLinkedDeque<Plan> idle = new ConcurrentLinkedDeque<>();
    private final Supplier<Plan> fresh;

    /** @param fresh makes a plan when none is idle */
    PredictionPlans(Supplier<Plan> fresh) {
        this.fresh = fresh;
    }

    /** A plan, this thread's until it {@link #give}s it back; an interrupt does not end the wait, as it does not end a pass. */
    Plan borrow() {
        int[] held = HELD_HERE.get();
        if (held[0] == 0) {
            THREADS.acquireUninterruptibly();
        }
        held[0]++;
        try {
            Plan plan = idle.poll();
            return plan != null ? plan : fresh.get();
        } catch (RuntimeException | Error failed) {
            returned(held);
            throw failed;
        }
    }

    /** Gives back a plan {@link #borrow}ed on this thread. */
    void give(Plan plan) {
        idle.push(plan);
        returned(HELD_HERE.get());
    }

    private static void returned(int[] held) {
        if (--held[0] == 0) {
            THREADS.release();
        }
    }
}
