package io.dense4j.spark;

import io.dense4j.data.EpochOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order in which one machine visits the training rows in an epoch, for the executors: a
 * permutation of the positions 0 … m − 1 of all m training rows in file order, drawn exactly as
 * one machine's {@link EpochOrder} draws it from the seed, so that step s of an epoch on the
 * cluster is made of the rows one machine's step s is made of. Worked out once per executor JVM,
 * run and epoch (it replays the seeded shuffles from epoch 1, as one machine does), and shared by
 * the tasks of that epoch; an older epoch's is dropped.
 */
final class EpochPositions {
    private static final Map<String, Entry> LATEST = new ConcurrentHashMap<>();

    private record Entry(int epoch, int[] positions) {
    }

    private EpochPositions() {
    }

    /** The positions of {@code rows} training rows in visiting order for {@code epoch} of run {@code run}. */
    static int[] of(String run, int rows, int epoch, long seed, boolean shuffle) {
        Entry entry = LATEST.get(run);
        if (entry != null && entry.epoch == epoch) {
            return entry.positions;
        }
        synchronized (EpochPositions.class) {
            entry = LATEST.get(run);
            if (entry != null && entry.epoch == epoch) {
                return entry.positions;
            }
            EpochOrder order = EpochOrder.identity(rows);
            order.prepare(epoch, seed, shuffle);
            int[] positions = new int[rows];
            for (int i = 0; i < rows; i++) {
                positions[i] = order.row(i);
            }
            LATEST.keySet().removeIf(token -> !token.equals(run));
            LATEST.put(run, new Entry(epoch, positions));
            return positions;
        }
    }
}
