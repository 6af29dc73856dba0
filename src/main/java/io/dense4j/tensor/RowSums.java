package io.dense4j.tensor;

/**
 * A slot block's gradient left unsummed: each of its rows is the sum of other arrays' rows (a
 * categorical column's dL/dZ rows, by the slot their codes select), not yet added up and written.
 * Plain SGD adds α times those sums straight into the weights ({@link NonzeroRows#takeUnsummed}),
 * which spares clearing the gradient rows, writing them, and reading them again.
 */
public interface RowSums {
    /** {@code parameters}' rows += α · each row's sum, laid out as the block; to the bits of summing into the block first. */
    void addScaledTo(double alpha, NativeArray parameters);
}
