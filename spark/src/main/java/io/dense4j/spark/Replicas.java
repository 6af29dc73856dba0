package io.dense4j.spark;

import io.dense4j.model.CompiledModel;
import io.dense4j.model.DataParallel;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.broadcast.Broadcast;

/**
 * The model replicas of one executor JVM: compiled once per training run and task slot from the
 * broadcast model file, then reused round after round (a model is not thread-safe, so each running
 * task borrows its own). A new run's model drops the previous run's replicas.
 */
final class Replicas {
    private static final Map<Long, Queue<CompiledModel>> POOLS = new ConcurrentHashMap<>();

    private Replicas() {
    }

    static CompiledModel borrow(Broadcast<byte[]> model) {
        Queue<CompiledModel> pool = POOLS.get(model.id());
        if (pool == null) {
            POOLS.keySet().removeIf(id -> id != model.id());
            pool = POOLS.computeIfAbsent(model.id(), id -> new ConcurrentLinkedQueue<>());
        }
        CompiledModel replica = pool.poll();
        return replica != null ? replica : DataParallel.fromBytes(model.value(), "the broadcast model");
    }

    static void giveBack(Broadcast<byte[]> model, CompiledModel replica) {
        Queue<CompiledModel> pool = POOLS.get(model.id());
        if (pool != null) {
            pool.offer(replica);
        }
    }
}
