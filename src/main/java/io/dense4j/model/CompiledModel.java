package io.dense4j.model;

import io.dense4j.data.BatchSource;
import io.dense4j.data.CsvSource;
import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.RowSelection;
import io.dense4j.graph.DenseNode;
import io.dense4j.graph.Graph;
import io.dense4j.graph.GraphDot;
import io.dense4j.graph.LayerParameters;
import io.dense4j.graph.Node;
import io.dense4j.graph.Parameters;
import io.dense4j.graph.Plan;
import io.dense4j.graph.SplitStep;
import io.dense4j.layer.Layer;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.metrics.Evaluation;
import io.dense4j.metrics.Scores;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.Updater;
import io.dense4j.tensor.BlasThreads;
import io.dense4j.tensor.SecondCore;
import io.dense4j.train.EpochMetrics;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import io.dense4j.train.Trainer;
import io.dense4j.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A compiled model: a static graph, its parameters (seeded at compile time) and its optimizer's
 * state. Fit, predict and evaluate all run the same planned graph; buffers are planned for the
 * largest batch asked for and kept. Not thread-safe: use one model per thread.
 */
public final class CompiledModel {
    /** Rows per forward pass when predicting or scoring, unless a larger plan already exists. */
    static final int CHUNK_ROWS = 1024;
    /**
     * Rows per training pass at most: a larger batch (full batch on a big file) is accumulated over
     * passes of this many rows, so memory stays bounded by it. 4,096 rather than 16,384: W-MLP's
     * full batch through fit ran 1.03× faster in alternated JMH runs (medians 0.555 and 0.537
     * epochs/s, three each, 4,096 winning every round; SplitStepBenchmark had 4,096-row steps
     * 4–12% faster per row than 16,384-row ones), and the plans take a quarter of the memory.
     */
    static final int STEP_ROWS = 4_096;

    private final List<Layer> layers;
    private final Graph graph;
    private final BinaryCrossEntropy loss;
    private final Optimizer optimizer;
    private final CompileOptions options;
    private final Parameters parameters;
    private final Updater updater;
    private Plan plan;
    /** The second plan of two-core steps, on parameters with gradients of their own; made when first needed. */
    private Plan secondPlan;
    private Parameters secondParameters;
    private InputSchema inputSchema;
    private int epochsTrained;
    private long roundsTrained;
    /** The plan and row count of the last {@link #lossAndGradients} call, which {@link #inputGradient} reads. */
    private Plan gradientPlan;
    private int gradientRows;

    CompiledModel(List<Layer> layers, Graph graph, BinaryCrossEntropy loss, Optimizer optimizer, CompileOptions options) {
        this.layers = List.copyOf(layers);
        this.graph = graph;
        this.loss = loss;
        this.optimizer = optimizer;
        this.options = options;
        this.parameters = new Parameters(graph, options.dataType());
        this.parameters.initialize(options.seed());
        this.updater = Updater.create(optimizer, parameters.values(), parameters.gradients());
    }

    // ---- training ----

    /** Trains on features x [rows, inputWidth] and labels y [rows] or [rows, 1] of 0s and 1s. */
    public History fit(INDArray x, INDArray y, FitOptions fitOptions) {
        return splitAndTrain(dataset(x, y, true), fitOptions);
    }

    /**
     * Trains on x and y, scoring the given validation rows after each epoch (instead of holding out
     * a split of the training rows; the options' validation split must then be 0).
     */
    public History fit(INDArray x, INDArray y, INDArray validationX, INDArray validationY, FitOptions fitOptions) {
        if (fitOptions.validationSplit() > 0) {
            throw new IllegalArgumentException("fit got both validation data and a validation split of "
                    + fitOptions.validationSplit() + ": pass one or the other");
        }
        Dataset validation = dataset(Objects.requireNonNull(validationX, "validation features"),
                Objects.requireNonNull(validationY, "validation labels"), true);
        return train(dataset(x, y, true), validation, fitOptions);
    }

    /** Trains on a dataset, such as a CSV file's ({@code CsvData.read(...).dataset()}). */
    public History fit(Dataset data, FitOptions fitOptions) {
        return splitAndTrain(checkLabeled(data), fitOptions);
    }

    /** Trains on {@code x[row][feature]} and {@code y[row]}, each 0 or 1. */
    public History fit(float[][] x, float[] y, FitOptions fitOptions) {
        return splitAndTrain(checkWidth(Dataset.of(x, Objects.requireNonNull(y, "labels"), dataType())), fitOptions);
    }

    /**
     * Trains on a CSV file of any size, a batch at a time from its cache or its streamed rows. A
     * validation split holds out rows chosen by a hash of the fit's seed (the same rows every
     * epoch). If the file's missing values are to be filled, each is filled with its feature's
     * mean over the training rows; those means are saved with the model (in its input schema) and
     * fill missing values when it predicts. A model without an input schema takes the file's.
     */
    public History fit(CsvSource data, FitOptions fitOptions) {
        checkWidth(data.width());
        if (inputSchema != null && !inputSchema.featureNames().equals(data.featureNames())) {
            throw new IllegalArgumentException(String.format("%s has the feature columns %s, but the model was trained on %s",
                    data.file(), data.featureNames(), inputSchema.featureNames()));
        }
        double split = fitOptions.validationSplit();
        RowSelection training = RowSelection.training(split, fitOptions.seed());
        if (inputSchema == null || (data.fillsMissing() && inputSchema.missingValueFill() == null)) {
            List<Double> fill = data.fillsMissing() ? missingValueFill(data, data.statistics(training)) : null;
            setInputSchema(new InputSchema(data.featureNames(), data.classes(), fill));
        }
        double[] fill = inputSchema.fillValues();
        try (BatchSource train = data.rows(training, fill, dataType());
             BatchSource validation = split > 0 ? data.rows(RowSelection.validation(split, fitOptions.seed()), fill, dataType()) : null) {
            if (train.rows() == 0 || (validation != null && validation.rows() == 0)) {
                throw new IllegalArgumentException(String.format(
                        "a validation split of %s on %d rows must leave at least one row for each side", split, data.rows()));
            }
            return train(train, validation, fitOptions);
        }
    }

    /**
     * Each feature's mean, to fill its missing values with.
     *
     * @throws IllegalArgumentException naming a feature that has no values at all
     */
    public static List<Double> missingValueFill(CsvSource data, FeatureStatistics statistics) {
        return missingValueFill(data.file(), data.featureNames(), statistics);
    }

    /** As {@link #missingValueFill(CsvSource, FeatureStatistics)}, for the features of any file (or files). */
    public static List<Double> missingValueFill(Path file, List<String> featureNames, FeatureStatistics statistics) {
        double[] means = statistics.mean();
        List<Double> fill = new java.util.ArrayList<>();
        for (int j = 0; j < means.length; j++) {
            if (Double.isNaN(means[j])) {
                throw new IllegalArgumentException(file + ": column \"" + featureNames.get(j)
                        + "\" has no values in the training rows, so no mean to fill its missing values with");
            }
            fill.add(means[j]);
        }
        return fill;
    }

    private History splitAndTrain(Dataset all, FitOptions fitOptions) {
        if (fitOptions.validationSplit() == 0) {
            return train(all, null, fitOptions);
        }
        int held = (int) Math.round(all.rows() * fitOptions.validationSplit());
        if (held < 1 || held >= all.rows()) {
            throw new IllegalArgumentException(String.format(
                    "a validation split of %s on %d rows must leave at least one row for each side, got %d held out",
                    fitOptions.validationSplit(), all.rows(), held));
        }
        return train(all.slice(0, all.rows() - held), all.slice(all.rows() - held, held), fitOptions);
    }

    private History train(Dataset train, Dataset validation, FitOptions fitOptions) {
        return train(new DatasetBatches(train), validation == null ? null : new DatasetBatches(validation), fitOptions);
    }

    /**
     * Trains on the rows a source delivers (any {@link BatchSource}: a dataset's, a CSV file's, or
     * one a caller writes), scoring {@code validation} (may be null) after each epoch.
     */
    public History fit(BatchSource train, BatchSource validation, FitOptions fitOptions) {
        checkWidth(train.width());
        if (validation != null) {
            checkWidth(validation.width());
        }
        if (fitOptions.validationSplit() > 0) {
            throw new IllegalArgumentException("fit on a batch source takes its validation rows as a second source, not a split of "
                    + fitOptions.validationSplit());
        }
        return train(train, validation, fitOptions);
    }

    private History train(BatchSource train, BatchSource validation, FitOptions fitOptions) {
        int stepRows = (int) Math.min(Math.min(fitOptions.batchSize(), train.rows()), STEP_ROWS);
        long scoredRows = Math.max(train.rows(), validation == null ? 0 : validation.rows());
        gradientPlan = null; // training overwrites the buffers lossAndGradients left
        TrainingListener counter = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                epochsTrained = metrics.epoch(); // before other listeners, so a checkpoint they write counts it
            }
        };
        FitOptions options = fitOptions.withFirstListener(counter);
        if (stepRows >= SplitStep.MIN_ROWS && Runtime.getRuntime().availableProcessors() >= 2) {
            int firstRows = (stepRows + 1) / 2;
            Plan first = plan((int) Math.max(firstRows, Math.min(CHUNK_ROWS, scoredRows)));
            try (BlasThreads threads = BlasThreads.exactly(1); SecondCore core = SecondCore.start()) {
                SplitStep split = new SplitStep(first, secondPlan(stepRows - firstRows), parameters.gradients(),
                        secondParameters.gradients(), core);
                return new Trainer(first, updater, parameters.values(), parameters.gradients(), null, split)
                        .fit(train, validation, options);
            }
        }
        Plan trainingPlan = plan((int) Math.max(stepRows, Math.min(CHUNK_ROWS, scoredRows)));
        boolean splitsBackward = graph.nodes().stream().skip(1).anyMatch(DenseNode.class::isInstance);
        try (BlasThreads threads = BlasThreads.forBatch(stepRows);
             SecondCore secondCore = splitsBackward ? SecondCore.forBatch(stepRows) : null) {
            return new Trainer(trainingPlan, updater, parameters.values(), parameters.gradients(), secondCore)
                    .fit(train, validation, options);
        }
    }

    /** The second plan of two-core steps, for at least {@code rows} rows. */
    private Plan secondPlan(int rows) {
        if (secondParameters == null) {
            secondParameters = Parameters.withOwnGradients(graph, parameters);
        }
        if (secondPlan == null || secondPlan.capacity() < rows) {
            secondPlan = new Plan(graph, secondParameters, rows);
        }
        return secondPlan;
    }

    // ---- normalization ----

    /**
     * Sets the model's Normalization layer to standardize as {@code x}'s rows do: each feature's
     * mean and standard deviation, in one Welford pass. Call it on the training rows before fit.
     */
    public void adapt(INDArray x) {
        adapt(dataset(x, null, false));
    }

    /** As {@link #adapt(INDArray)}, on a dataset's rows. */
    public void adapt(Dataset data) {
        adapt(checkWidth(data).featureStatistics());
    }

    /**
     * As {@link #adapt(INDArray)}, from statistics already gathered, such as
     * {@code csvSource.statistics(RowSelection.training(split, seed))} over a file of any size.
     */
    public void adapt(FeatureStatistics statistics) {
        if (parameters.normalizations().isEmpty()) {
            throw new IllegalStateException("adapt sets a Normalization layer's statistics, but this model has none: "
                    + "add new Normalization() as layer 0");
        }
        double[] mean = statistics.mean();
        checkWidth(mean.length);
        for (int j = 0; j < mean.length; j++) {
            if (Double.isNaN(mean[j])) {
                throw new IllegalArgumentException("feature " + j + " has no values to standardize by");
            }
        }
        parameters.normalizations().get(0).set(mean, statistics.standardDeviation());
    }

    // ---- inference ----

    /** p = P(y = 1 | x) for each row, shape [rows, 1]. */
    public INDArray predictProbability(INDArray x) {
        double[] probabilities = probabilities(dataset(x, null, false));
        return Nd4j.create(probabilities, new long[] {probabilities.length, 1}, dataType());
    }

    /** p = P(y = 1 | x) for each row. */
    public double[] predictProbability(float[][] x) {
        return probabilities(checkWidth(Dataset.of(x, null, dataType())));
    }

    /** p = P(y = 1 | x) for each row of a dataset. */
    public double[] predictProbability(Dataset data) {
        return probabilities(checkCompatible(Objects.requireNonNull(data, "dataset")));
    }

    /** 1 where p ≥ 0.5, else 0. */
    public int[] predictClass(INDArray x) {
        return predictClass(x, 0.5);
    }

    /** 1 where p ≥ {@code threshold}, else 0. */
    public int[] predictClass(INDArray x, double threshold) {
        checkThreshold(threshold);
        return Arrays.stream(probabilities(dataset(x, null, false))).mapToInt(p -> p >= threshold ? 1 : 0).toArray();
    }

    /** Log loss, accuracy, precision, recall, F1, ROC AUC and the confusion matrix at p ≥ 0.5. */
    public Evaluation evaluate(INDArray x, INDArray y) {
        return evaluate(x, y, 0.5);
    }

    /** As {@link #evaluate(INDArray, INDArray)}, classing rows with p ≥ {@code threshold} positive. */
    public Evaluation evaluate(INDArray x, INDArray y, double threshold) {
        checkThreshold(threshold);
        return score(dataset(x, y, true), threshold);
    }

    /** As {@link #evaluate(INDArray, INDArray, double)}, on Java arrays. */
    public Evaluation evaluate(float[][] x, float[] y, double threshold) {
        checkThreshold(threshold);
        return score(checkWidth(Dataset.of(x, Objects.requireNonNull(y, "labels"), dataType())), threshold);
    }

    /** As {@link #evaluate(INDArray, INDArray, double)}, on a labeled dataset. */
    public Evaluation evaluate(Dataset data, double threshold) {
        checkThreshold(threshold);
        return score(checkLabeled(data), threshold);
    }

    /**
     * As {@link #evaluate(Dataset, double)}, on the rows of a CSV file of any size that
     * {@code selection} picks (such as a fit's validation rows), missing values filled as the model fills them.
     */
    public Evaluation evaluate(CsvSource data, RowSelection selection, double threshold) {
        checkThreshold(threshold);
        return scores(data, selection).evaluation(threshold);
    }

    /**
     * The probabilities and labels of the rows of a CSV file of any size that {@code selection}
     * picks, and their mean loss: for metrics at several thresholds, or a ROC curve. Holds two
     * doubles per row.
     */
    public Scores scores(CsvSource data, RowSelection selection) {
        checkWidth(data.width());
        try (BatchSource rows = data.rows(selection, inputSchema == null ? null : inputSchema.fillValues(), dataType())) {
            if (rows.rows() == 0) {
                throw new IllegalArgumentException(data.file() + ": no rows to evaluate on");
            }
            return scores(rows);
        }
    }

    private Evaluation score(Dataset data, double threshold) {
        return scores(new DatasetBatches(data)).evaluation(threshold);
    }

    private Scores scores(BatchSource data) {
        int rows = Math.toIntExact(data.rows());
        double[] probabilities = new double[rows];
        double[] labels = new double[rows];
        double lossSum = 0;
        Plan scoring = plan(Math.min(CHUNK_ROWS, rows));
        data.startPass(0, 0, false);
        for (int start = 0, count; (count = data.next(scoring.capacity(), scoring.input(), scoring.labels())) > 0; start += count) {
            scoring.forward(count);
            lossSum += scoring.lossSum(count);
            for (int i = 0; i < count; i++) {
                probabilities[start + i] = scoring.probability(i);
                labels[start + i] = scoring.labels().get(i);
            }
        }
        return new Scores(lossSum / rows, probabilities, labels);
    }

    private double[] probabilities(Dataset data) {
        double[] probabilities = new double[data.rows()];
        Plan scoring = plan(Math.min(CHUNK_ROWS, data.rows()));
        for (int start = 0; start < data.rows(); start += scoring.capacity()) {
            int count = Math.min(scoring.capacity(), data.rows() - start);
            data.copyRows(start, count, scoring.input(), null);
            scoring.forward(count);
            for (int i = 0; i < count; i++) {
                probabilities[start + i] = scoring.probability(i);
            }
        }
        return probabilities;
    }

    // ---- gradients, for checks and research ----

    /**
     * One forward and backward pass over all rows, without stepping: afterwards {@link #gradients()}
     * holds dL/dθ (and {@link #inputGradient()} dL/dx, if compiled with it). Returns the mean loss.
     */
    public double lossAndGradients(INDArray x, INDArray y) {
        Dataset data = dataset(x, y, true);
        Plan full = plan(data.rows());
        data.copyRows(0, data.rows(), full.input(), full.labels());
        gradientPlan = full;
        gradientRows = data.rows();
        return full.trainingStep(data.rows());
    }

    /** The mean loss over all rows under the current parameters. */
    public double loss(INDArray x, INDArray y) {
        Dataset data = dataset(x, y, true);
        return Trainer.score(plan(Math.min(CHUNK_ROWS, data.rows())), data)[0];
    }

    /**
     * dL/dx [rows, inputWidth] of the last backward pass over {@link #lossAndGradients}'s rows, a
     * copy. Needs a model compiled with the input gradient.
     */
    public INDArray inputGradient() {
        if (gradientPlan == null) {
            throw new IllegalStateException("inputGradient() is read after lossAndGradients(x, y)");
        }
        return gradientPlan.inputGradient().slice(0, gradientRows * graph.inputWidth())
                .view(gradientRows, graph.inputWidth()).dup();
    }

    /** Every parameter in one flat vector (per Dense layer: weights row-major, then bias); a live view. */
    public INDArray parameters() {
        return parameters.values().view(parameters.values().length());
    }

    /** The gradients, in the layout of {@link #parameters()}; a live view. */
    public INDArray gradients() {
        return parameters.gradients().view(parameters.gradients().length());
    }

    // ---- per-layer parameters ----

    /** The weights [inputs, units] of Dense layer {@code layerIndex}; a live view. */
    public INDArray weights(int layerIndex) {
        LayerParameters layer = layerParameters(layerIndex);
        return layer.weights().view(layer.node().inputWidth(), layer.node().outputWidth());
    }

    /** The bias [units] of Dense layer {@code layerIndex}; a live view. */
    public INDArray bias(int layerIndex) {
        LayerParameters layer = layerParameters(layerIndex);
        return layer.bias().view(layer.node().outputWidth());
    }

    /** Replaces the weights of Dense layer {@code layerIndex}; the shape must be [inputs, units]. */
    public void setWeights(int layerIndex, INDArray values) {
        assignChecked(weights(layerIndex), values, layerIndex, "weights");
    }

    /** Replaces the bias of Dense layer {@code layerIndex}; the shape must be [units]. */
    public void setBias(int layerIndex, INDArray values) {
        assignChecked(bias(layerIndex), values, layerIndex, "bias");
    }

    private void assignChecked(INDArray target, INDArray values, int layerIndex, String what) {
        if (!Arrays.equals(target.shape(), values.shape())) {
            throw new IllegalArgumentException(String.format("layer %d (Dense) expects %s of shape %s, got %s",
                    layerIndex, what, Arrays.toString(target.shape()), Arrays.toString(values.shape())));
        }
        target.assign(values);
    }

    private LayerParameters layerParameters(int layerIndex) {
        if (layerIndex < 0 || layerIndex >= layers.size()) {
            throw new IllegalArgumentException("no layer " + layerIndex + ": the model has layers 0 to " + (layers.size() - 1));
        }
        return parameters.layers().stream().filter(layer -> layer.node().layerIndex() == layerIndex).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(String.format("layer %d (%s) has no parameters",
                        layerIndex, layers.get(layerIndex).kind())));
    }

    // ---- model files ----

    /**
     * Writes this model (layers, parameters, optimizer state, input schema) to one file, atomically:
     * a crash mid-write leaves any earlier file of that name intact.
     */
    public void save(Path file) throws IOException {
        ModelFile.save(this, file);
    }

    /**
     * Reads a model written by {@link #save}, ready to predict or to go on training.
     *
     * @throws ModelFileException when the file is missing, truncated, corrupt, foreign or newer
     */
    public static CompiledModel load(Path file) {
        return ModelFile.load(file);
    }

    /**
     * The number of the last epoch trained, counted as fit numbers them (so it resumes a run with
     * {@code FitOptions.initialEpoch}); saved in model files.
     */
    public int epochsTrained() {
        return epochsTrained;
    }

    void restoreEpochsTrained(int epochs) {
        epochsTrained = epochs;
    }

    /**
     * Rounds of data-parallel training (dense4j-spark) completed, so a checkpoint resumes at the
     * right round; 0 for a model trained on one machine. Saved in model files.
     */
    public long roundsTrained() {
        return roundsTrained;
    }

    void restoreRoundsTrained(long rounds) {
        roundsTrained = rounds;
    }

    /** The names of the input columns and classes, if known (set from a CSV file's header and labels). */
    public InputSchema inputSchema() {
        return inputSchema;
    }

    /** Records the names of the input columns and classes; saved with the model. */
    public void setInputSchema(InputSchema schema) {
        if (schema != null && schema.featureNames().size() != inputWidth()) {
            throw new IllegalArgumentException(String.format("the model reads %d features, but the schema names %d",
                    inputWidth(), schema.featureNames().size()));
        }
        this.inputSchema = schema;
    }

    Parameters parameterStore() {
        return parameters;
    }

    Updater updater() {
        return updater;
    }

    // ---- description ----

    /** A Keras-style table of layers, output shapes and parameter counts, with the compiled graph. */
    public String summary() {
        return Summary.render(this);
    }

    /** The compiled graph, forward and backward, as Graphviz DOT. */
    public String toDot() {
        return GraphDot.render(graph);
    }

    public List<Layer> layers() {
        return layers;
    }

    public Graph graph() {
        return graph;
    }

    public BinaryCrossEntropy loss() {
        return loss;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public CompileOptions options() {
        return options;
    }

    public int inputWidth() {
        return graph.inputWidth();
    }

    public DataType dataType() {
        return options.dataType();
    }

    public int parameterCount() {
        return graph.parameterCount();
    }

    // ---- plumbing ----

    /** The plan, made anew only when more rows are needed than the current one holds. */
    Plan plan(int rows) {
        if (plan == null || plan.capacity() < rows) {
            plan = new Plan(graph, parameters, rows);
        }
        return plan;
    }

    private Dataset dataset(INDArray x, INDArray y, boolean labelsRequired) {
        Objects.requireNonNull(x, "features");
        if (labelsRequired) {
            Objects.requireNonNull(y, "labels");
        }
        return checkWidth(Dataset.of(x, y, dataType()));
    }

    private Dataset checkLabeled(Dataset data) {
        if (!Objects.requireNonNull(data, "dataset").hasLabels()) {
            throw new IllegalArgumentException("training and evaluation need labeled rows; this dataset has no labels");
        }
        return checkCompatible(data);
    }

    /** A dataset of the model's element type and input width. */
    private Dataset checkCompatible(Dataset data) {
        if (data.dataType() != dataType()) {
            throw new IllegalArgumentException(String.format(
                    "the model computes in %s but the dataset holds %s: read it with the model's data type (model.dataType())",
                    dataType(), data.dataType()));
        }
        return checkWidth(data);
    }

    private Dataset checkWidth(Dataset data) {
        checkWidth(data.width());
        return data;
    }

    private void checkWidth(int width) {
        if (width != graph.inputWidth()) {
            Node first = graph.nodes().get(0);
            throw new IllegalArgumentException(String.format(
                    "layer %d (%s) expects %d features per row, got %d: the model was compiled for %d inputs",
                    first.layerIndex(), layers.get(first.layerIndex()).kind(), graph.inputWidth(), width,
                    graph.inputWidth()));
        }
    }

    private static void checkThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the threshold is a probability in [0, 1], got " + threshold);
        }
    }
}
