package io.dense4j.scorer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Scores rows with a dense4j model file, in plain Java: no ND4J, no native code. Load it once and
 * share it: a scorer is immutable and thread-safe, and after a thread's first call, scoring a row
 * allocates nothing. Its probabilities equal dense4j's own to about 1e-7 (it computes in float32).
 *
 * <pre>{@code
 * Scorer scorer = Scorer.load(Path.of("model.zip"));
 * double p = scorer.probability(Map.of("income", 52_000, "state", "AR", "age", 41));
 * String decision = scorer.label(p);                 // the class name at the model's threshold
 * double[] batch = scorer.probabilities(rows);       // float[][] rows in the model's column order
 * }</pre>
 *
 * A row is either a map from column name to value, or an array of the model's feature columns in
 * order ({@link #featureNames()}). In an array, a categorical column holds its value's code
 * ({@link #code}) and NaN marks a missing value; in a map, a categorical column holds the value
 * itself, and null, an empty text, NA, N/A or NaN marks a missing one. A missing number takes the
 * training mean of a model trained with {@code --fill-missing}, and is an error otherwise.
 */
public final class Scorer {
    private final Columns columns;
    private final Network network;
    private final List<String> classes;
    private final double threshold;
    private final ThreadLocal<Buffers> buffers;
    /** Made on a thread's first batch only: a thread that scores single rows never holds them. */
    private final ThreadLocal<BlockBuffers> blockBuffers;

    /** One thread's working memory for a row: its values, twice, its codes, and a list of nonzero values with their places. */
    private record Buffers(float[] a, float[] b, int[] codes, int[] index, float[] value) {
    }

    /** One thread's working memory for a block of rows: each row's values, twice, and codes, and the block's outputs. */
    private record BlockBuffers(float[][] a, float[][] b, int[][] codes, float[] outputs) {
    }

    Scorer(Columns columns, Network network, List<String> classes, double threshold) {
        this.columns = columns;
        this.network = network;
        this.classes = List.copyOf(classes);
        this.threshold = threshold;
        int widest = network.widest();
        int categorical = columns.categorical();
        int rows = BlockAffine.ROWS;
        this.buffers = ThreadLocal.withInitial(() -> new Buffers(new float[widest], new float[widest], new int[categorical],
                new int[widest], new float[widest]));
        this.blockBuffers = ThreadLocal.withInitial(() -> new BlockBuffers(new float[rows][widest], new float[rows][widest],
                new int[rows][categorical], new float[rows]));
    }

    /**
     * The model in {@code file}, as {@code dense4j train} writes it (a checkpoint too).
     *
     * @throws ModelFormatException naming the file and what is wrong: not a model file, damaged or
     *                              altered, from a newer dense4j, or describing no valid model
     */
    public static Scorer load(Path file) {
        return ModelReader.read(file);
    }

    /** The feature columns, in the order an array row holds them. */
    public List<String> featureNames() {
        return columns.names();
    }

    /** The names of class 0 and class 1. */
    public List<String> classes() {
        return classes;
    }

    /** The probability at or above which a row is class 1. */
    public double threshold() {
        return threshold;
    }

    /** The code of {@code value} in the categorical column {@code column}, for array rows: its category's, or "other", or "missing" for null. */
    public int code(String column, String value) {
        return columns.code(column, value);
    }

    /** P(class 1) for a row of the model's feature columns, in order. */
    public double probability(float[] row) {
        return probability(row, buffers.get());
    }

    private double probability(float[] row, Buffers mine) {
        columns.read(row, mine.a(), mine.codes());
        return probability(network.forward(mine.a(), mine.b(), mine.codes(), mine.index(), mine.value()));
    }

    /** P(class 1) for a row given by column name; other columns are ignored. */
    public double probability(Map<String, ?> row) {
        Buffers mine = buffers.get();
        columns.read(row, mine.a(), mine.codes());
        return probability(network.forward(mine.a(), mine.b(), mine.codes(), mine.index(), mine.value()));
    }

    /**
     * P(class 1) for each row, into {@code out} (at least as long as {@code rows}), 8 rows at a
     * time, so that each weight is read from memory once per 8 rows: the single-row results. On a
     * JVM started with {@code --add-modules jdk.incubator.vector} the 8 rows' sums stay in SIMD
     * registers, about twice as fast, equal to the single-row results to float32 rounding.
     */
    public void probabilities(float[][] rows, double[] out) {
        if (out.length < rows.length) {
            throw new IllegalArgumentException("out holds " + out.length + " probabilities for " + rows.length + " rows");
        }
        int r = 0;
        if (rows.length >= BlockAffine.ROWS) {
            BlockBuffers block = blockBuffers.get(); // once for the batch, not per block
            for (; r + BlockAffine.ROWS <= rows.length; r += BlockAffine.ROWS) {
                for (int k = 0; k < BlockAffine.ROWS; k++) {
                    columns.read(rows[r + k], block.a()[k], block.codes()[k]);
                }
                network.forwardBlock(block.a(), block.b(), block.codes(), block.outputs());
                for (int k = 0; k < BlockAffine.ROWS; k++) {
                    out[r + k] = probability(block.outputs()[k]);
                }
            }
        }
        Buffers mine = buffers.get();
        for (; r < rows.length; r++) {
            out[r] = probability(rows[r], mine);
        }
    }

    /** Whether batches are scored through the Vector API (a JVM started with {@code --add-modules jdk.incubator.vector}). */
    boolean usesVectorApi() {
        return network.usesVectorApi();
    }

    /** P(class 1) for each row. */
    public double[] probabilities(float[][] rows) {
        double[] out = new double[rows.length];
        probabilities(rows, out);
        return out;
    }

    /** Whether {@code probability} is class 1 at the model's threshold. */
    public boolean positive(double probability) {
        return probability >= threshold;
    }

    /** The class name of {@code probability} at the model's threshold. */
    public String label(double probability) {
        return classes.get(positive(probability) ? 1 : 0);
    }

    /** A float32 value, as dense4j gives a float32 model's probability, so that a threshold classes a row as dense4j does. */
    private double probability(float output) {
        if (!Float.isFinite(output)) { // as dense4j refuses it: a NaN would be classed 0 and read as a probability
            throw new IllegalArgumentException("the row has no probability: its values overflow the model's float32 layers, as a "
                    + "value far outside what training saw can; check the row");
        }
        return network.outputsLogit() ? (float) (1 / (1 + Math.exp(-(double) output))) : output;
    }
}
