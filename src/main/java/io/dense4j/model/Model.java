package io.dense4j.model;

import io.dense4j.data.BatchSource;
import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.RowSelection;
import io.dense4j.graph.Graph;
import io.dense4j.graph.GraphDot;
import io.dense4j.graph.Node;
import io.dense4j.layer.Layer;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.metrics.DecisionThreshold;
import io.dense4j.metrics.Evaluation;
import io.dense4j.metrics.Scores;
import io.dense4j.optim.Optimizer;
import io.dense4j.runtime.Parameters;
import io.dense4j.runtime.Plan;
import io.dense4j.tensor.NativeArray;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import io.dense4j.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained or trainable model: the compiled graph, the parameter values, and what it knows of its
 * input (the schema, with the missing-value fill, and Normalization's statistics). It predicts,
 * evaluates, describes itself, saves and loads. It holds no gradients, no optimizer state and no
 * threads: a {@code Trainer} changes its values in place, and {@link #fit} is a one-line front for
 * one.
 *
 * <pre>{@code
 * Model model = new Sequential(new Dense(16, new ReLU()), new Dense(1, new Sigmoid()))
 *         .compile(2, new BinaryCrossEntropy(), new SGD(0.1));
 * model.fit(x, y, FitOptions.builder().epochs(10).build());
 * double[] p = model.predictProbability(new float[][] {{0.3f, -1.2f}});
 * }</pre>
 *
 * <p>Thread-safe for prediction and evaluation: each call borrows a forward-only plan (its own
 * buffers) from a pool and gives it back, so any number of threads may share one model while
 * nothing trains it; at most 64 threads of a process hold a plan at once, the others waiting
 * their turn (OpenBLAS ends the process past 128 threads in it). Training and prediction at the
 * same time see weights mid-update.
 */
public final class Model {
    /** Rows per forward pass when predicting or scoring. */
    static final int CHUNK_ROWS = 1024;

    private final List<Layer> layers;
    private final Graph graph;
    private final BinaryCrossEntropy loss;
    private final Optimizer optimizer;
    private final CompileOptions options;
    private final Parameters parameters;
    private final PredictionPlans predictionPlans = new PredictionPlans(this::freshPlan);
    private volatile InputSchema inputSchema;
    private volatile FilledInput filledInput;
    private volatile TrainingData trainingData;
    private volatile Provenance provenance;
    private volatile TrainingCommand trainingCommand;
    private volatile DecisionThreshold threshold = DecisionThreshold.DEFAULT;
    private final Standardization standardization;

    Model(List<Layer> layers, Graph graph, BinaryCrossEntropy loss, Optimizer optimizer, CompileOptions options) {
        this.layers = List.copyOf(layers);
        this.graph = graph;
        this.loss = loss;
        this.optimizer = optimizer;
        this.options = options;
        this.parameters = new Parameters(graph, options.dataType());
        this.parameters.initialize(options.seed());
        this.standardization = new Standardization(parameters, graph.input().numericColumns(), options.dataType(), this::featureName);
    }

    // ---- training, through a Trainer ----

    /**
     * Trains on features x [rows, inputWidth] and labels y [rows] or [rows, 1] of 0s and 1s, with
     * the optimizer given at compile time; a validation split holds out rows chosen by a hash of
     * the fit's seed. Each call starts a new optimizer state: to continue one, keep a Trainer.
     */
    public History fit(INDArray x, INDArray y, FitOptions fitOptions) {
        return fit(Dataset.of(Objects.requireNonNull(x, "features"), Objects.requireNonNull(y, "labels"), dataType()),
                fitOptions);
    }

    /** As {@link #fit(INDArray, INDArray, FitOptions)}, on a dataset. */
    public History fit(Dataset data, FitOptions fitOptions) {
        return trainer().fit(data, fitOptions);
    }

    /** As {@link #fit(INDArray, INDArray, FitOptions)}, on a CSV file of any size (see {@code Trainer.fit(CsvSource, …)}). */
    public History fit(CsvSource data, FitOptions fitOptions) {
        return trainer().fit(data, fitOptions);
    }

    /** As {@link #fit(INDArray, INDArray, FitOptions)}, on any rows, scoring {@code validation} (may be null) after each epoch. */
    public History fit(BatchSource train, BatchSource validation, FitOptions fitOptions) {
        return trainer().fit(train, validation, fitOptions);
    }

    private Trainer trainer() {
        return new Trainer(this);
    }

    /**
     * Throws if this model could not be saved and read back: its model.json, with room for a
     * checkpoint's state, would pass the limit model files are read with. Worth asking once the
     * categories are known, before training rather than when the first checkpoint is written.
     */
    public void checkSavable() {
        ModelFile.checkConfigurationSize(this);
    }

    // ---- normalization ----

    /**
     * Sets to 0 the first Dense layer's weight rows of the numeric features that hold one value
     * over {@code statistics}' rows (the training rows'). Standardized, such a feature reads 0 on
     * every training row, so training never moves its row, and a random start would act on
     * whatever value the feature takes later. Returns those features as messages name them
     * ({@code feature "age"}).
     */
    public List<String> startConstantFeaturesAtZero(FeatureStatistics statistics) {
        checkWidth(statistics.mean().length);
        double[] deviation = statistics.standardDeviation();
        double[] mean = statistics.mean();
        int[] numbers = graph.input().numericColumns();
        int first = 0;
        while (!(layers.get(first) instanceof io.dense4j.layer.Dense)) {
            first++;
        }
        INDArray weights = weights(first);
        List<String> constant = new java.util.ArrayList<>();
        for (int k = 0; k < numbers.length; k++) {
            if (deviation[numbers[k]] == 0 && !Double.isNaN(mean[numbers[k]])) {
                weights.getRow(k).assign(0);
                constant.add(featureName(numbers[k]));
            }
        }
        return constant;
    }

    /**
     * Sets the model's Normalization layer to standardize as {@code x}'s rows do: each feature's
     * mean and standard deviation, in one Welford pass. Call it on the training rows before fit.
     */
    public void adapt(INDArray x) {
        adapt(Dataset.of(Objects.requireNonNull(x, "features"), null, dataType()));
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
        checkWidth(statistics.mean().length);
        standardization.set(statistics);
    }

    /** Says that the Normalization layer's statistics were set otherwise than by {@link #adapt}: read from a model file. */
    void statisticsSet() {
        standardization.setElsewhere();
    }

    /**
     * Throws unless the Normalization layer, if any, has its statistics: left as the identity they
     * start as, it would standardize nothing, and the model train on unscaled features. (Keras's
     * Normalization passes its input through unchanged before {@code adapt}, a known trap.)
     */
    public void checkAdapted() {
        checkAdapted("fitting or predicting");
    }

    /** As {@link #checkAdapted()}, the message saying what it must come before: {@code doing}. */
    void checkAdapted(String doing) {
        standardization.check(doing);
    }

    /** Feature {@code j} for a message: its column name when the model knows it. */
    private String featureName(int j) {
        InputSchema schema = inputSchema;
        return schema != null && j < schema.featureNames().size() ? "feature \"" + schema.featureNames().get(j) + "\""
                : "feature " + j;
    }

    // ---- prediction ----

    /**
     * p = P(y = 1 | x) for each row, shape [rows, 1]. A missing value is read as the scorer and an
     * ONNX export read it: NaN, or one of the model's whole-number marks in a number column, takes
     * the training mean when the model fills missing values (an error naming the row and feature
     * otherwise), and the "missing" slot in a categorical column.
     */
    public INDArray predictProbability(INDArray x) {
        double[] probabilities = predictProbability(scoring(Objects.requireNonNull(x, "features"), null));
        return Nd4j.create(probabilities, new long[] {probabilities.length, 1}, dataType());
    }

    /** p = P(y = 1 | x) for each row {@code x[row][feature]}, missing values read as {@link #predictProbability(INDArray)} says. */
    public double[] predictProbability(float[][] x) {
        FilledInput filling = filling();
        return predictProbability(Dataset.of(filling == null ? x : filling.filled(x), null, dataType()));
    }

    /** Rows to score given as a matrix, their missing values read as {@link #predictProbability(INDArray)} says. */
    private Dataset scoring(INDArray x, INDArray y) {
        FilledInput filling = filling();
        return Dataset.of(filling == null ? x : filling.filled(x), y, dataType());
    }

    /** How rows given as arrays are filled, made once for the schema in effect; null without one. */
    private FilledInput filling() {
        InputSchema schema = inputSchema;
        FilledInput kept = filledInput;
        if (schema != null && (kept == null || kept.schema() != schema)) {
            kept = new FilledInput(schema);
            filledInput = kept;
        }
        return schema == null ? null : kept;
    }

    /**
     * p = P(y = 1 | x) for each row of a dataset.
     *
     * @throws NoProbability for a row whose finite values the layers take past the model's range
     *                       (row 0 is the first), as evaluate and predict refuse one: no NaN is returned
     */
    public double[] predictProbability(Dataset data) {
        checkCompatible(Objects.requireNonNull(data, "dataset"));
        double[] probabilities = new double[data.rows()];
        Plan plan = borrowPlan();
        try {
            for (int start = 0; start < data.rows(); start += plan.capacity()) {
                int count = Math.min(plan.capacity(), data.rows() - start);
                data.copyRows(start, count, plan.input(), null, null);
                plan.forward(count);
                for (int i = 0; i < count; i++) {
                    if (!plan.hasProbability(i)) {
                        throw NoProbability.atIndex(start + i);
                    }
                    probabilities[start + i] = plan.probability(i);
                }
            }
        } finally {
            givePlan(plan);
        }
        return probabilities;
    }

    /** 1 where p reaches the model's {@link #threshold()}, else 0. */
    public int[] predictClass(INDArray x) {
        return predictClass(x, threshold.value());
    }

    /** 1 where p ≥ {@code threshold}, else 0. */
    public int[] predictClass(INDArray x, double threshold) {
        checkThreshold(threshold);
        return Arrays.stream(predictProbability(scoring(Objects.requireNonNull(x, "features"), null)))
                .mapToInt(p -> p >= threshold ? 1 : 0).toArray();
    }

    // ---- evaluation ----

    /**
     * Every metric of {@link Evaluation}, classing rows at the model's {@link #threshold()}; missing
     * values read as {@link #predictProbability(INDArray)} says.
     */
    public Evaluation evaluate(INDArray x, INDArray y) {
        return evaluate(scoring(Objects.requireNonNull(x, "features"), Objects.requireNonNull(y, "labels")), threshold.value());
    }

    /** As {@link #evaluate(INDArray, INDArray)} on a labeled dataset, classing rows with p ≥ {@code threshold} positive. */
    public Evaluation evaluate(Dataset data, double threshold) {
        checkThreshold(threshold);
        return scores(new DatasetBatches(checkLabeled(data))).evaluation(threshold);
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
     * Opens {@code file} (laid out as {@link CsvFormat#defaults()} says) to score with this model,
     * as {@code dense4j evaluate} reads it: see {@link #open(CsvFiles, CsvFormat, CsvSource.Options)}.
     */
    public CsvSource open(Path file) {
        return open(CsvFiles.of(file), CsvFormat.defaults(), CsvSource.Options.defaults());
    }

    /**
     * Opens {@code files} to score with this model ({@link #evaluate(CsvSource, RowSelection, double)},
     * {@link #scores(CsvSource, RowSelection)}), read as it reads its inputs: its feature columns
     * picked by name among any others, in any order; its label column by the name it was trained
     * on, unless {@code format} names one; its classes; exactly its categorical columns, each of its
     * categories known wherever it comes in a file; missing values filled if it fills them. The
     * rows are streamed without a cache, which would keep the categories' numbering it was built with.
     */
    public CsvSource open(CsvFiles files, CsvFormat format, CsvSource.Options options) {
        return ScoringFiles.open(inputSchema, files, format, options);
    }

    /**
     * The probabilities and labels of the rows of a CSV file of any size that {@code selection}
     * picks, and their mean loss: for metrics at several thresholds, or a ROC curve. Holds two
     * doubles per row.
     */
    public Scores scores(CsvSource data, RowSelection selection) {
        InputSchema schema = inputSchema;
        if (schema != null) { // the columns by name and the classes by label, as fit checks them: in another order they score wrong
            schema.check(data);
        }
        checkWidth(data.width());
        try (BatchSource rows = data.rows(selection, schema == null ? null : schema.fillValues(),
                schema == null ? java.util.Map.of() : schema.categories(), dataType())) {
            if (rows.rows() == 0) {
                throw new IllegalArgumentException(data.name() + ": no rows to evaluate on");
            }
            try {
                return scores(rows);
            } catch (NoProbability overflow) { // the rows' own problem: said of their file, and of the row in it
                long dataRow = selection.dataRow(overflow.row);
                throw NoProbability.at(overflow.row, dataRow < 0 ? String.format(java.util.Locale.ROOT, "%s: of the rows chosen, row %,d",
                        data.name(), overflow.row + 1) : data.describeRow(dataRow));
            }
        }
    }

    /** The probabilities, labels and mean loss of one in-order pass over labeled rows. */
    public Scores scores(BatchSource data) {
        checkWidth(data.width());
        if (!data.labeled()) {
            throw new IllegalArgumentException("scores need labeled rows; these have no labels");
        }
        int rows = Math.toIntExact(data.rows());
        double[] probabilities = new double[rows];
        double[] labels = new double[rows];
        double lossSum = 0;
        Plan plan = borrowPlan();
        try {
            data.startPass(0, 0, false);
            for (int start = 0, count; (count = data.next(plan.capacity(), plan.input(), plan.labels())) > 0; start += count) {
                if (start + count > rows) {
                    throw new IllegalStateException("the batch source announced " + rows + " rows but delivered more");
                }
                plan.forward(count);
                lossSum += plan.lossSum(count);
                for (int i = 0; i < count; i++) {
                    if (!plan.hasProbability(i)) {
                        throw NoProbability.atIndex(start + i);
                    }
                    probabilities[start + i] = plan.probability(i);
                    labels[start + i] = plan.labels().get(i);
                }
            }
        } finally {
            givePlan(plan);
        }
        return new Scores(lossSum / rows, probabilities, labels);
    }

    /**
     * The mean over one in-order pass of the loss training minimizes: the log loss with the loss's
     * class weights, plus its L2 penalty. What a gradient check differentiates.
     */
    public double objective(BatchSource data) {
        return objective(objectiveSum(data), data.rows());
    }

    /**
     * The weighted log loss summed over one in-order pass of {@code data}, without the penalty:
     * sums that add up across pieces of data, for {@link #objective(double, long)}.
     */
    public double objectiveSum(BatchSource data) {
        checkWidth(data.width());
        double sum = 0;
        Plan plan = borrowPlan();
        try {
            NativeArray weights = data.weighted() ? plan.rowWeights() : null; // a source's own code: given back whatever it throws
            plan.weightRows(data.weighted());
            data.startPass(0, 0, false);
            for (int count; (count = data.next(plan.capacity(), plan.input(), plan.labels(), weights)) > 0; ) {
                plan.forward(count);
                sum += plan.objectiveSum(count);
            }
        } finally {
            plan.weightRows(false);
            givePlan(plan);
        }
        return sum;
    }

    /** The objective of {@code rows} rows whose {@link #objectiveSum}s add up to {@code sum}: their mean plus the L2 penalty. */
    public double objective(double sum, long rows) {
        return sum / rows + loss.l2() / 2 * parameters.allWeights().sumOfSquares();
    }

    /**
     * Adds the summed loss, the row count and the count classified right at p ≥ 0.5 of one in-order
     * pass over {@code rows} to {@code sums[0]}, {@code sums[1]} and {@code sums[2]}: scores that
     * add up across pieces of data, in memory bounded by one chunk of rows.
     */
    public void addLossSums(BatchSource rows, double[] sums) {
        checkWidth(rows.width());
        Plan plan = borrowPlan();
        try {
            rows.startPass(0, 0, false);
            for (int count; (count = rows.next(plan.capacity(), plan.input(), plan.labels())) > 0; ) {
                plan.forward(count);
                sums[0] += plan.lossSum(count);
                sums[1] += count;
                sums[2] += plan.countCorrect(count);
            }
        } finally {
            givePlan(plan);
        }
    }

    /** The input a prediction chunk may hold: a 100,000-column model gets 20 rows, not 1,024 (400 MB). */
    private static final long CHUNK_BYTES = 8L << 20;

    /** Rows per prediction chunk: {@link #CHUNK_ROWS}, fewer when the widest layer is wide, at least 1. */
    int chunkRows() {
        int widest = graph().inputWidth();
        for (Node node : graph().nodes()) {
            widest = Math.max(widest, node.outputWidth());
        }
        return (int) Math.max(1, Math.min(CHUNK_ROWS, CHUNK_BYTES / ((long) widest * dataType().width())));
    }

    /** A forward-only plan of {@link #chunkRows} rows, this thread's until {@link #givePlan} (see {@link PredictionPlans}). */
    Plan borrowPlan() {
        checkAdapted();
        return predictionPlans.borrow();
    }

    void givePlan(Plan plan) {
        predictionPlans.give(plan);
    }

    /** A new forward-only plan, for the pool to lend. */
    private Plan freshPlan() {
        return Plan.forward(parameters, chunkRows());
    }

    // ---- parameters ----

    /** The parameter and statistic values, which plans read and trainers step in place. */
    public Parameters parameterValues() {
        return parameters;
    }

    /** Every parameter in one flat vector (per Dense layer: weights row-major, then bias); a live view. */
    public INDArray parameters() {
        return parameters.values().view(parameters.values().length());
    }

    /** The weights [inputs, units] of Dense layer {@code layerIndex}; a live view. */
    public INDArray weights(int layerIndex) {
        int node = denseNode(layerIndex);
        return parameters.weights(node).view(graph.nodes().get(node).inputWidth(), graph.nodes().get(node).outputWidth());
    }

    /** The bias [units] of Dense layer {@code layerIndex}; a live view. */
    public INDArray bias(int layerIndex) {
        int node = denseNode(layerIndex);
        return parameters.bias(node).view(graph.nodes().get(node).outputWidth());
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
            throw new IllegalArgumentException(String.format(Locale.ROOT, "layer %d (Dense) expects %s of shape %s, got %s",
                    layerIndex, what, Arrays.toString(target.shape()), Arrays.toString(values.shape())));
        }
        double[] given = values.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble(); // a view's own values
        for (int i = 0; i < given.length; i++) {
            if (!Double.isFinite(given[i])) { // such a model predicts nothing, and would only fail when saved
                throw new IllegalArgumentException(String.format(Locale.ROOT, "layer %d (Dense) %s value %d is %s, not a finite number", layerIndex,
                        what, i, given[i]));
            }
        }
        target.assign(values);
    }

    /** Which weight or bias of which layer the flat parameter {@code index} is, in words: "layer 1 (Dense) weight [3, 0]". */
    public String describeParameter(int index) {
        var nodes = graph.nodes();
        for (int node = 0; node < nodes.size(); node++) {
            int offset = graph.parameterOffset(node);
            if (index < offset + nodes.get(node).parameterCount()) {
                int at = index - offset;
                int units = nodes.get(node).outputWidth();
                int weights = nodes.get(node).inputWidth() * units;
                String layer = "layer " + nodes.get(node).layerIndex() + " (" + layers.get(nodes.get(node).layerIndex()).kind() + ")";
                return at < weights ? layer + " weight [" + at / units + ", " + at % units + "]" : layer + " bias [" + (at - weights) + "]";
            }
        }
        return "parameter " + index;
    }

    /** The node of user layer {@code layerIndex} that holds its parameters. */
    private int denseNode(int layerIndex) {
        if (layerIndex < 0 || layerIndex >= layers.size()) {
            throw new IllegalArgumentException("no layer " + layerIndex + ": the model has layers 0 to " + (layers.size() - 1));
        }
        for (int i = 0; i < graph.nodes().size(); i++) {
            Node node = graph.nodes().get(i);
            if (node.layerIndex() == layerIndex && node.parameterCount() > 0) {
                return i;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "layer %d (%s) has no parameters", layerIndex,
                layers.get(layerIndex).kind()));
    }

    // ---- model files ----

    /**
     * Writes this model (layers, loss, optimizer settings, parameters, input schema) to one file,
     * atomically and durably: a crash mid-write leaves any earlier file of that name intact.
     * A checkpoint that training can resume from is {@code Trainer.saveCheckpoint}'s.
     */
    public void save(Path file) throws IOException {
        ModelFile.save(Objects.requireNonNull(file, "file"), this, null);
    }

    /**
     * Reads a model written by {@link #save} (or a checkpoint), ready to predict or to train.
     *
     * @throws ModelFileException when the file is missing, truncated, corrupt, foreign or newer
     */
    public static Model load(Path file) {
        return ModelFile.load(file).model();
    }

    /** This model as the bytes of its model file, to ship to other machines (data-parallel training). */
    public byte[] toBytes() {
        return ModelFile.toBytes(this);
    }

    /** A model from {@link #toBytes}; {@code name} stands for the file in any error. */
    public static Model fromBytes(byte[] bytes, String name) {
        return ModelFile.fromBytes(bytes, name);
    }

    /** The probability at or above which this model classes a row positive: 0.5 unless chosen otherwise, and saved with it. */
    public DecisionThreshold threshold() {
        return threshold;
    }

    /** Sets the threshold {@link #predictClass(INDArray)}, {@link #evaluate(INDArray, INDArray)} and the command line use. */
    public void setThreshold(DecisionThreshold threshold) {
        this.threshold = Objects.requireNonNull(threshold, "threshold");
    }

    /** The data file this model was trained on, when it was trained on one; null if not. */
    public TrainingData trainingData() {
        return trainingData;
    }

    /** Records the data file this model is trained on; saved with the model. */
    public void setTrainingData(TrainingData data) {
        this.trainingData = data;
    }

    /** How the weights came to be (the last fit's options and metrics), or null before any fit. */
    public Provenance provenance() {
        return provenance;
    }

    /** Records how the weights came to be; fits do, and model files carry it. */
    public void setProvenance(Provenance provenance) {
        this.provenance = provenance;
    }

    /** The {@code dense4j train} command line that trained this model, or null (trained from Java, or on Spark). */
    public TrainingCommand trainingCommand() {
        return trainingCommand;
    }

    /** Records the command line that trained this model; saved with it. */
    public void setTrainingCommand(TrainingCommand command) {
        this.trainingCommand = command;
    }

    /** The names of the input columns and classes, and the missing-value fill, if known; null if not. */
    public InputSchema inputSchema() {
        return inputSchema;
    }

    /** Records the names of the input columns and classes; saved with the model. */
    public void setInputSchema(InputSchema schema) {
        if (schema != null && schema.featureNames().size() != inputWidth()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the model reads %d features, but the schema names %d",
                    inputWidth(), schema.featureNames().size()));
        }
        if (schema != null && !schema.layout().equals(graph.input())) {
            throw new IllegalArgumentException("the model was compiled for input " + graph.input()
                    + ", but the schema describes " + schema.layout() + ": compile with the schema");
        }
        this.inputSchema = schema;
    }

    // ---- description ----

    /** A Keras-style table of layers, output shapes and parameter counts, with the compiled graph. */
    public String summary() {
        return Summary.render(this);
    }

    /** The compiled graph, forward and backward, as Graphviz DOT. */
    public String toDot() {
        return GraphDot.render(graph, inputSchema != null ? inputSchema.featureNames() : null);
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

    /** The optimizer given at compile time, which {@link #fit} trains with. */
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

    // ---- checks ----

    private Dataset checkLabeled(Dataset data) {
        if (!Objects.requireNonNull(data, "dataset").hasLabels()) {
            throw new IllegalArgumentException("evaluation needs labeled rows; this dataset has no labels");
        }
        return checkCompatible(data);
    }

    /** A dataset of the model's element type and input width. */
    public Dataset checkCompatible(Dataset data) {
        if (data.dataType() != dataType()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the model computes in %s but the dataset holds %s: read it with the model's data type (model.dataType())",
                    dataType(), data.dataType()));
        }
        return checkWidth(data);
    }

    private Dataset checkWidth(Dataset data) {
        checkWidth(data.width());
        return data;
    }

    /** Throws, naming the first layer, unless rows of {@code width} features fit this model. */
    public void checkWidth(int width) {
        if (width != graph.inputWidth()) {
            Node first = graph.nodes().get(0);
            throw new IllegalArgumentException(String.format(Locale.ROOT,
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
