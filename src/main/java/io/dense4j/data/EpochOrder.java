package io.dense4j.data;

import java.util.Random;

/**
 * The order rows are visited in each epoch: Fisher–Yates shuffles drawn one per epoch from one
 * seeded stream, each applied to the previous epoch's order. Asking for an earlier epoch replays
 * the stream from the start, so any epoch's order depends only on the seed.
 */
public final class EpochOrder {
    private final int[] base;
    private final int[] order;
    private Random random;
    private long seed;
    private int shuffledEpochs;

    /** @param rows the rows to visit (row numbers in the underlying storage) */
    public EpochOrder(int[] rows) {
        this.base = rows;
        this.order = rows.clone();
    }

    /** The identity order over {@code count} rows. */
    public static EpochOrder identity(int count) {
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = i;
        }
        return new EpochOrder(rows);
    }

    /** Puts the rows in {@code epoch}'s order: shuffled, or the base order. */
    public void prepare(int epoch, long newSeed, boolean shuffle) {
        int wanted = shuffle ? epoch : 0;
        if (random == null || newSeed != seed || wanted < shuffledEpochs) {
            System.arraycopy(base, 0, order, 0, base.length);
            random = new Random(newSeed);
            seed = newSeed;
            shuffledEpochs = 0;
        }
        while (shuffledEpochs < wanted) {
            shuffle();
            shuffledEpochs++;
        }
    }

    /** The row visited at {@code position} of the prepared epoch. */
    public int row(int position) {
        return order[position];
    }

    public int size() {
        return order.length;
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
