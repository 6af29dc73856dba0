package io.dense4j.spark;

import io.dense4j.model.Model;
import io.dense4j.optim.Optimizer;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.train.Trainer;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.broadcast.Broadcast;

/**
 * The trainer replicas of one executor JVM, each with a model of its own: made once per training
 * run and task slot from the broadcast model file, then reused round after round (a trainer is for
 * one thread at a time, so each running task borrows its own). Pools are keyed by a token drawn for
 * each run (broadcast ids restart with every SparkContext, and a local-mode executor outlives
 * them); a new run's token drops the previous run's replicas.
 */
final class Replicas {
    private static final Map<String, Queue<Trainer>> POOLS = new ConcurrentHashMap<>();

    private Replicas() {
    }

    static Trainer borrow(String run, Broadcast<byte[]> model, Optimizer optimizer, int threads) {
        Queue<Trainer> pool = POOLS.get(run);
        if (pool == null) {
            POOLS.keySet().removeIf(token -> !token.equals(run));
            pool = POOLS.computeIfAbsent(run, token -> new ConcurrentLinkedQueue<>());
        }
        Trainer replica = pool.poll();
        if (replica == null) {
            Model copy = Model.fromBytes(model.value(), "the broadcast model");
            replica = new Trainer(copy, optimizer, ExecutionPolicy.ofThreads(threads));
        }
        return replica;
    }

    static void giveBack(String run, Trainer replica) {
        Queue<Trainer> pool = POOLS.get(run);
        if (pool != null) {
            pool.offer(replica);
        }
    }
}
