package io.dense4j.tensor;

/**
 * A slot block's gradient left unsummed: each of its rows is the sum of other arrays' rows (a
 * categorical column's dL/dZ rows, by the slot their codes select), not yet added up and written.
 * Plain SGD adds α times those sums straight into the weights ({@link NonzeroRows#takeUnsummed}),
 * which spares clearing the gradient rows, writing them, and reading them again.
 *
 * <p>The work comes as tasks that may run at the same time. One block's sums may step other
 * blocks' rows too (a layer's columns stepped together, tile by tile of units); those blocks are
 * left {@link #STEPPED_WITH_ANOTHER}, with no task of their own.
 */
public interface RowSums {
    /** The sums of a block whose rows another block's sums step: no task. */
    RowSums STEPPED_WITH_ANOTHER = new RowSums() {
        @Override
        public int tasks() {
            return 0;
        }

        @Override
        public void addScaledTo(double alpha, NativeArray parameters, int task) {
            throw new IndexOutOfBoundsException("the block's rows are stepped with another block's: it has no task " + task);
        }
    };

    /** How many tasks {@link #addScaledTo} takes, each independent of the others. */
    default int tasks() {
        return 1;
    }

    /**
     * Task {@code task}'s share: rows += α · each row's sum, to the bits of summing into the block
     * first, in {@code parameters}, the whole parameter array, laid out as the gradient array.
     */
    void addScaledTo(double alpha, NativeArray parameters, int task);
}
