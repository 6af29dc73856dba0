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
 * task borrows its own). Pools are keyed by a token drawn for each run (broadcast ids restart with
 * every SparkContext, and a local-mode executor outlives them); a new run's token drops the
 * previous run's replicas.
 */
final class Replicas {
    private static final Map<String, Queue<CompiledModel>> POOLS = new ConcurrentHashMap<>();

    private Replicas() {
    }

    static CompiledModel borrow(String run, Broadcast<byte[]> model) {
        Queue<CompiledModel> pool = POOLS.get(run);
        if (pool == null) {
            POOLS.keySet().removeIf(token -> !token.equals(run));
            pool = POOLS.computeIfAbsent(run, token -> new ConcurrentLinkedQueue<>());
        }
        CompiledModel replica = pool.poll();
        return replica != null ? replica : DataParallel.fromBytes(model.value(), "the broadcast model");
    }

    static void giveBack(String run, CompiledModel replica) {
        Queue<CompiledModel> pool = POOLS.get(run);
        if (pool != null) {
            pool.offer(replica);
        }
    }
}
