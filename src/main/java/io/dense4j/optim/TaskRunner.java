package io.dense4j.optim;

import java.util.function.IntConsumer;

/**
 * Runs the pieces of an update: tasks 0 … count − 1, each once, possibly at the same time on
 * several threads, returning when all are done. An updater cuts its arrays into pieces the same
 * way whatever runs them ({@link UpdatePieces}), so its result does not depend on the threads.
 */
@FunctionalInterface
public interface TaskRunner {
    /** Every task on the calling thread, in order. */
    TaskRunner CALLER = (count, task) -> {
        for (int i = 0; i < count; i++) {
            task.accept(i);
        }
    };

    void run(int count, IntConsumer task);
}
