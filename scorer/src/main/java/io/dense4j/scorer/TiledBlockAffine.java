package io.dense4j.scorer;

/**
 * {@link BlockAffine} in plain Java, for JVMs without the Vector API. A row alone reads every
 * weight row of a layer from the L2 cache; here the block's rows take the weights a tile of input
 * rows at a time, a tile small enough to stay in the L1 cache while each row of the block adds its
 * inputs from it. Each row adds only its nonzero inputs, four per pass over the outputs, in input
 * order: the operations of {@link Network}'s row loop after a ReLU, so the results are the row
 * loop's (to the sign of a zero, where it adds a zero input and this skips it).
 */
final class TiledBlockAffine implements BlockAffine {
    /** Weights per tile: 32 KB of floats, within the L1 data cache of the x86 and ARM cores of the last decade. */
    private static final int TILE_FLOATS = 8_192;

    /** One thread's lists of each row's nonzero inputs, grown to the widest layer it has seen. */
    private static final class Lists {
        final int[][] index = new int[ROWS][0];
        final float[][] value = new float[ROWS][0];
        final int[] count = new int[ROWS];
        final int[] next = new int[ROWS];

        void fit(int inputs) {
            if (index[0].length < inputs) {
                for (int r = 0; r < ROWS; r++) {
                    index[r] = new int[inputs];
                    value[r] = new float[inputs];
                }
            }
        }
    }

    private final ThreadLocal<Lists> lists = ThreadLocal.withInitial(Lists::new);

    @Override
    public void affine(Network.Affine step, float[][] in, float[][] out) {
        int inputs = step.inputs();
        int units = step.outputs();
        float[][] weights = step.weights();
        Lists mine = lists.get();
        mine.fit(inputs);
        for (int r = 0; r < ROWS; r++) {
            System.arraycopy(step.bias(), 0, out[r], 0, units);
            mine.count[r] = Network.listNonzero(in[r], inputs, mine.index[r], mine.value[r]);
            mine.next[r] = 0;
        }
        int tile = Math.max(4, TILE_FLOATS / Math.max(1, units));
        for (int start = 0; start < inputs; start += tile) {
            int end = start + tile;
            for (int r = 0; r < ROWS; r++) {
                int[] index = mine.index[r];
                int from = mine.next[r];
                int to = from;
                while (to < mine.count[r] && index[to] < end) {
                    to++;
                }
                Network.addWeightRows(weights, index, mine.value[r], from, to, out[r], units);
                mine.next[r] = to;
            }
        }
    }
}
