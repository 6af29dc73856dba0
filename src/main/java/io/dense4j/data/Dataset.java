package io.dense4j.data;

import io.dense4j.tensor.NativeArray;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rows of features with a 0/1 label each, and optionally a weight each in the training loss, held
 * in native memory in the model's data type, checked once when made: finite features, labels
 * exactly 0 or 1, finite weights ≥ 0, matching row counts.
 */
public final class Dataset {
    private final NativeArray features;
    private final NativeArray labels;
    private final NativeArray weights; // null: every row weighs 1
    private final int rows;
    private final int width;

    private Dataset(NativeArray features, NativeArray labels, NativeArray weights, int rows, int width) {
        this.features = features;
        this.labels = labels;
        this.weights = weights;
        this.rows = rows;
        this.width = width;
    }

    /**
     * @param x features [rows, width]
     * @param y labels [rows] or [rows, 1], each 0 or 1; null for unlabeled data (prediction)
     */
    public static Dataset of(INDArray x, INDArray y, DataType type) {
        Objects.requireNonNull(x, "features");
        if (x.rank() != 2 || x.rows() < 1 || x.columns() < 1) {
            throw new IllegalArgumentException("features must be a matrix [rows, features] with at least one row, got shape "
                    + Arrays.toString(x.shape()));
        }
        int rows = Math.toIntExact(x.rows());
        int width = Math.toIntExact(x.columns());
        NativeArray features = NativeArray.copyOf(x, type);
        for (int i = 0; i < features.length(); i++) {
            if (!Double.isFinite(features.get(i))) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "features must be finite, but row %d, column %d is %s",
                        i / width, i % width, features.get(i)));
            }
        }
        NativeArray labels = y == null ? null : labels(y, rows, type);
        return new Dataset(features, labels, null, rows, width);
    }

    /** The same from Java arrays: {@code x[row][feature]}, {@code y[row]} (null for unlabeled data). */
    public static Dataset of(float[][] x, float[] y, DataType type) {
        Objects.requireNonNull(x, "features");
        if (x.length == 0) {
            throw new IllegalArgumentException("features must have at least one row, got none");
        }
        for (int row = 0; row < x.length; row++) {
            if (x[row] == null || x[row].length != x[0].length) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "features must be rectangular, but row %d has %d values and row 0 has %d",
                        row, x[row] == null ? 0 : x[row].length, x[0].length));
            }
        }
        return of(Nd4j.create(x), y == null ? null : Nd4j.create(y, new long[] {y.length}, DataType.FLOAT), type);
    }

    /**
     * These rows, each weighing its entry of {@code w} in the training loss (as PyTorch's
     * {@code BCEWithLogitsLoss(weight=w)} and Keras's {@code sample_weight}): the loss is
     * Σ wᵢ·ℓᵢ / rows, times the class weights when there are those too. Validation and evaluation
     * stay unweighted.
     *
     * @param w one finite weight ≥ 0 per row
     */
    public Dataset withWeights(float[] w) {
        Objects.requireNonNull(w, "weights");
        if (w.length != rows) {
            throw new IllegalArgumentException("weights are one per row: expected " + rows + ", got " + w.length);
        }
        NativeArray weightArray = NativeArray.allocate(dataType(), rows);
        for (int i = 0; i < rows; i++) {
            if (!(w[i] >= 0) || Float.isInfinite(w[i])) {
                throw new IllegalArgumentException("a row's weight must be a finite number >= 0, but row " + i + " weighs " + w[i]);
            }
            weightArray.set(i, w[i]);
        }
        return new Dataset(features, labels, weightArray, rows, width);
    }

    /** Rows already checked (finite features, 0/1 labels), as the CSV reader produces them. */
    static Dataset fromRows(float[] features, float[] labels, int rows, int width, DataType type) {
        NativeArray featureArray = NativeArray.allocate(type, (long) rows * width);
        for (int i = 0; i < rows * width; i++) {
            featureArray.set(i, features[i]);
        }
        NativeArray labelArray = NativeArray.allocate(type, rows);
        for (int i = 0; i < rows; i++) {
            labelArray.set(i, labels[i]);
        }
        return new Dataset(featureArray, labelArray, null, rows, width);
    }

    private static NativeArray labels(INDArray y, int rows, DataType type) {
        boolean column = y.rank() == 2 && y.columns() == 1;
        if (!(y.rank() == 1 || column) || y.length() != rows) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "labels must have shape [%d] or [%d, 1] (one per row of features), got %s",
                    rows, rows, Arrays.toString(y.shape())));
        }
        NativeArray labels = NativeArray.copyOf(y, type);
        for (int i = 0; i < rows; i++) {
            double label = labels.get(i);
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "labels must be 0 or 1, but row %d is %s", i, label));
            }
        }
        return labels;
    }

    /**
     * Copies rows {@code order[start .. start + count)} into the first {@code count} rows of
     * {@code input}, their labels into {@code targetLabels} and their weights into
     * {@code targetWeights} (each unless null).
     */
    void copyBatch(EpochOrder order, int start, int count, NativeArray input, NativeArray targetLabels,
                   NativeArray targetWeights) {
        for (int r = 0; r < count; r++) {
            int row = order.row(start + r);
            input.copyFrom(features, row * width, r * width, width);
            if (targetLabels != null) {
                targetLabels.set(r, labels.get(row));
            }
            if (targetWeights != null) {
                targetWeights.set(r, weight(row));
            }
        }
    }

    /** Copies rows {@code [start, start + count)} in order, as {@link #copyBatch} does. */
    public void copyRows(int start, int count, NativeArray input, NativeArray targetLabels, NativeArray targetWeights) {
        input.copyFrom(features, start * width, 0, count * width);
        if (targetLabels != null) {
            targetLabels.copyFrom(labels, start, 0, count);
        }
        if (targetWeights != null) {
            if (weights != null) {
                targetWeights.copyFrom(weights, start, 0, count);
            } else {
                for (int r = 0; r < count; r++) {
                    targetWeights.set(r, 1);
                }
            }
        }
    }

    /** Each feature's mean and standard deviation over these rows, in one pass. */
    public FeatureStatistics featureStatistics() {
        FeatureStatistics statistics = new FeatureStatistics(width);
        double[] row = new double[width]; // a float32 dataset's values are exact in a double; a float64 one's stay whole
        for (int r = 0, at = 0; r < rows; r++) {
            for (int j = 0; j < width; j++, at++) {
                row[j] = features.get(at);
            }
            statistics.add(row);
            if (labels != null) {
                statistics.addLabel(labels.get(r));
            }
        }
        return statistics;
    }

    /** Rows {@code [start, start + count)}, sharing memory with this dataset. */
    public Dataset slice(int start, int count) {
        return new Dataset(features.slice((long) start * width, count * width),
                labels == null ? null : labels.slice(start, count), weights == null ? null : weights.slice(start, count),
                count, width);
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    /** The element type the rows are held in. */
    public DataType dataType() {
        return features.dataType();
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** Whether the rows carry their own weights ({@link #withWeights}). */
    public boolean hasWeights() {
        return weights != null;
    }

    /** The weight of {@code row} in the training loss: 1 unless {@link #withWeights} gave one. */
    public double weight(int row) {
        return weights == null ? 1 : weights.get(row);
    }

    /** The label of {@code row}. */
    public double label(int row) {
        return labels.get(row);
    }
}
