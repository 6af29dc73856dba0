package io.dense4j.train;

import io.dense4j.data.BatchSource;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.RowSelection;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.model.Provenance;
import io.dense4j.model.TrainingData;
import io.dense4j.model.CallbackState;
import io.dense4j.model.TrainingState;
import io.dense4j.optim.Optimizer;
import io.dense4j.runtime.BlasThreads;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.runtime.Gradients;
import io.dense4j.runtime.Plan;
import io.dense4j.tensor.Elementwise;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Trains a {@link Model} in place: owns its steps (the optimizer and its state, the gradients, the
 * plans that compute them and the threads they run on, in {@link GradientSteps}) and where training
 * stands (epochs, and batches of the epoch in progress). {@link #fit} runs epochs of batches, each
 * copied by the source into the plans, run forward, loss and backward as the {@link ExecutionPolicy}
 * says, and stepped; nothing is allocated per step. Callbacks hear about it all and may stop it.
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, new Adam(0.001), ExecutionPolicy.forThisMachine());
 * History history = trainer.fit(CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()),
 *         FitOptions.builder().epochs(20).batchSize(256).validationSplit(0.1)
 *                 .callbacks(EarlyStopping.onValidationLoss(3), ModelCheckpoint.everyEpochs(checkpoint, 1)).build());
 * }</pre>
 *
 * <p>A batch larger than one pass of the plans (full batch on a big file, say) is accumulated: its
 * gradient is summed over passes, and the optimizer steps once on the batch's mean gradient,
 * exactly the step one pass over the whole batch would give, in bounded memory. A batch whose loss
 * is not finite is not stepped on; {@link TerminateOnNaN}, which every fit runs first, then ends
 * training. Not for concurrent use: one thread fits at a time.
 */
public final class Trainer {
    private final Model model;
    private final Optimizer optimizer;
    private final ExecutionPolicy policy;
    private final GradientSteps steps;
    private int epochsTrained;
    /** Of the epoch in progress: batches done, their summed loss, their rows and rows classified right. */
    private long batchesInEpoch;
    private double epochLoss;
    private long epochRows;
    private long epochCorrect;
    /** How the fit in progress (or a restored checkpoint's) chooses each step's rows; null before any fit. */
    private TrainingState.Batching batching;
    /** The callbacks' states of the checkpoint this trainer was resumed from, until a fit takes them. */
    private List<CallbackState> resumedCallbackStates = List.of();
    /** The loop of the fit in progress, whose callbacks' states a checkpoint keeps; null between fits. */
    private EpochLoop running;
    /** Whether {@link #batching} is a restored checkpoint's, which the next fit must keep. */
    private boolean resuming;

    /** A trainer with the optimizer the model was compiled with, on every core. */
    public Trainer(Model model) {
        this(model, model.optimizer(), ExecutionPolicy.forThisMachine());
    }

    public Trainer(Model model, Optimizer optimizer, ExecutionPolicy policy) {
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.policy = Objects.requireNonNull(policy, "execution policy");
        this.steps = new GradientSteps(model, optimizer, policy);
    }

    /**
     * A trainer that goes on from a checkpoint ({@link #saveCheckpoint}, or a {@link ModelCheckpoint}
     * callback's): its model, optimizer state and progress, so that {@link #fit} ends where the
     * uninterrupted run would have.
     */
    public static Trainer resume(Checkpoint checkpoint, ExecutionPolicy policy) {
        Trainer trainer = new Trainer(checkpoint.model(), checkpoint.model().optimizer(), policy);
        trainer.restore(checkpoint.state());
        return trainer;
    }

    /** As {@link #resume(Checkpoint, ExecutionPolicy)}, reading the checkpoint file, on every core. */
    public static Trainer resume(Path checkpoint) {
        return resume(Checkpoint.load(checkpoint), ExecutionPolicy.forThisMachine());
    }

    // ---- fit ----

    /**
     * Trains on a dataset, holding out a validation split of rows chosen by a hash of the seed
     * (the same rows every epoch, the same rule as for files). The model no longer records a data
     * file ({@link Model#trainingData}).
     */
    public History fit(Dataset data, FitOptions options) {
        model.checkCompatible(Objects.requireNonNull(data, "dataset"));
        Objects.requireNonNull(options, "options");
        if (!data.hasLabels()) {
            throw new IllegalArgumentException("training needs labeled rows; this dataset has no labels");
        }
        double split = options.validationSplit();
        TrainingState.Batching asked = options.batching().withShuffleBuffer(0).onCluster(TrainingState.Batching.EXACT); // in memory
        checkBatching(asked);
        model.setTrainingData(null); // no longer a file's rows alone
        if (split == 0) {
            return recorded(fit(new DatasetBatches(data), null, options, asked), options);
        }
        DatasetBatches train = new DatasetBatches(data, options.trainingRows());
        DatasetBatches validation = new DatasetBatches(data, options.validationRows());
        checkSplit(split, data.rows(), train.rows(), validation.rows());
        return recorded(fit(train, validation, options.withoutValidationSplit(), asked), options);
    }

    /**
     * Trains on a CSV file of any size, a batch at a time from its cache or its streamed rows. A
     * validation split holds out rows chosen by a hash of the seed. If the file's missing values are
     * to be filled, each is filled with its feature's mean over the training rows; those means are
     * saved with the model (in its input schema) and fill missing values when it predicts. A model
     * without an input schema takes the file's.
     */
    public History fit(CsvSource data, FitOptions options) {
        Objects.requireNonNull(data, "data");
        TrainingState.Batching asked = Objects.requireNonNull(options, "options").batching().withShuffleBuffer(data.shuffleBuffer())
                .onCluster(TrainingState.Batching.EXACT);
        checkBatching(asked);
        model.checkAdapted(); // before a pass over the file
        TrainingData reading = TrainingData.of(data);
        checkSameData(reading); // before the schema takes anything of another file's rows
        InputSchema schema = model.inputSchema();
        if (schema != null) { // naming what differs, before the width says that something does
            schema.check(data);
            schema.checkTrainingMarks(data.name(), data.format());
        }
        model.checkWidth(data.width());
        double split = options.validationSplit();
        RowSelection training = options.trainingRows();
        if (schema == null && !data.categoricalColumns().isEmpty()) {
            throw new IllegalArgumentException(data.name() + " has categorical columns " + data.categoricalColumns()
                    + ", and the model was compiled for numbers only: compile it with InputSchema.of(data, maxCategories)");
        }
        if (schema == null || (data.fillsMissing() && schema.missingValueFill() == null)) {
            java.util.Map<String, io.dense4j.data.Categories> categories = schema == null ? java.util.Map.of() : schema.categories();
            List<Double> fill = data.fillsMissing() ? InputSchema.meansToFill(data.name(), data.featureNames(),
                    data.statistics(training), categories.keySet()) : null;
            model.setInputSchema(new InputSchema(data.featureNames(), data.classes(), fill, data.labelName(), categories,
                    schema == null ? data.format().missingMarks() : schema.missingMarks(),
                    schema == null ? data.format().columnMissingMarks() : schema.columnMissingMarks(),
                    schema == null ? data.format().dates() : schema.dates()));
        } else if (schema.labelName() == null && data.labelName() != null) { // so that scoring reads the label it trained on
            model.setInputSchema(schema.withLabelName(data.labelName()));
        }
        model.setTrainingData(reading);
        double[] fill = model.inputSchema().fillValues();
        var categories = model.inputSchema().categories();
        try (BatchSource train = data.rows(training, fill, categories, model.dataType());
             BatchSource validation = split > 0 ? data.rows(options.validationRows(), fill, categories, model.dataType()) : null) {
            checkSplit(split, data.rows(), train.rows(), validation == null ? 1 : validation.rows());
            return recorded(fit(train, validation, options.withoutValidationSplit(), asked), options);
        }
    }

    /**
     * Refuses to go on from a checkpoint on other rows than it was trained on: a resumed fit is the
     * rest of the interrupted run, whose next batches are of its own file. Training the checkpoint's
     * weights on other rows is a new fit, of a new trainer.
     */
    private void checkSameData(TrainingData reading) {
        TrainingData trainedOn = model.trainingData();
        if (resuming && trainedOn != null && !progress().equals(TrainingState.Progress.START) && !trainedOn.sameContent(reading)) {
            throw new IllegalArgumentException("this trainer goes on from a fit on " + trainedOn + "; " + reading
                    + " is other data: resume on the same rows, or train the checkpoint's model on these with a new Trainer");
        }
    }

    /**
     * {@code history}, after recording in the model how its weights came to be: {@code options} and
     * the epoch they are of. A resumed fit with nothing left to train and no weights put back leaves
     * the record the checkpoint had.
     */
    public History recorded(History history, FitOptions options) {
        return recorded(history, new TrainingState.Batching(options.batchSize(), options.shuffle(), options.seed(),
                options.validationSplit(), options.stratified()));
    }

    private History recorded(History history, TrainingState.Batching batches) {
        if (history.epochs().isEmpty() && history.restored() == null) {
            return history;
        }
        EpochMetrics kept = history.ofWeights();
        model.setProvenance(new Provenance(Provenance.thisLibrary(), java.time.Instant.now().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS).toString(), epochsTrained, batches.batchSize(), batches.shuffle(),
                batches.seed(), batches.validationSplit(), batches.stratified(), kept.loss(), kept.accuracy(),
                kept.hasValidation() ? kept.validationLoss() : Double.NaN, kept.hasValidation() ? kept.validationAccuracy() : Double.NaN,
                kept.epoch()));
        return history;
    }

    private static void checkSplit(double split, long rows, long training, long validation) {
        if (training == 0 || validation == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a validation split of %s on %d rows must leave at least one row for each side",
                    java.math.BigDecimal.valueOf(split).stripTrailingZeros().toPlainString(), rows));
        }
    }

    /**
     * Trains on the rows a source delivers (any {@link BatchSource}: a dataset's, a CSV file's, or
     * one a caller writes), scoring {@code validation} (may be null) after each epoch; trains the
     * epochs after those already done up to {@code options.epochs()}. The model no longer records a
     * data file ({@link Model#trainingData}).
     */
    public History fit(BatchSource train, BatchSource validation, FitOptions options) {
        Objects.requireNonNull(train, "train");
        TrainingState.Batching asked = Objects.requireNonNull(options, "options").batching().onCluster(TrainingState.Batching.EXACT);
        checkBatching(asked);
        model.setTrainingData(null); // rows from anywhere: no longer a file's alone
        return fit(train, validation, options, asked);
    }

    /**
     * Refuses to go on from a checkpoint with other batches than it was trained with: the batch
     * size, shuffle, seed and validation split decide which rows each step reads, and a resumed fit
     * that changed them would end neither where the interrupted run would have nor anywhere the
     * options describe. A checkpoint that does not record them (an older one) is taken as it is;
     * a trainer that has fit since may fit on with other options, as Keras's does.
     */
    private void checkBatching(TrainingState.Batching asked) {
        if (!resuming || batching == null || progress().equals(TrainingState.Progress.START)) {
            return;
        }
        List<String> differ = batching.differences(asked);
        if (!differ.isEmpty()) {
            throw new IllegalArgumentException("this trainer goes on from a fit with other batches: the options ask for "
                    + String.join("; ", differ) + ". Resume with the options it was trained with, or train anew");
        }
    }

    /**
     * For a fit that runs outside this trainer's own loop (data-parallel training, which steps this
     * trainer's model and writes its checkpoints): checks {@code options}, and how the cluster
     * combines its pieces' steps ({@code cluster}, see {@link TrainingState.Batching#cluster}),
     * against a restored checkpoint's batches as {@link #fit} does, then records them as the fit's.
     *
     * @return whether this fit goes on from a restored checkpoint, for the caller's messages
     */
    public boolean beginFit(FitOptions options, String cluster) {
        model.checkAdapted();
        // a cluster shuffles its training rows all at once, as one machine does from memory or a cache
        TrainingState.Batching asked = options.batching().withShuffleBuffer(0).onCluster(cluster);
        checkBatching(asked);
        checkEpochsLeft(options.epochs());
        batching = asked;
        boolean resumed = resuming;
        resuming = false;
        return resumed;
    }

    /**
     * Throws unless a fit up to epoch {@code epochs} has something to do: an epoch left, or, just
     * resumed from the checkpoint of a run's last epoch, that run's end (its callbacks'
     * {@code onTrainEnd}: early stopping puts its best weights back).
     */
    private void checkEpochsLeft(int epochs) {
        boolean endsResumedRun = resuming && epochsTrained == epochs && batchesInEpoch == 0;
        if (epochsTrained >= epochs && !endsResumedRun) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "this trainer has trained %d epochs, so fitting up to epoch %d has nothing to do: ask for more epochs",
                    epochsTrained, epochs));
        }
    }

    /** As the public fit, recording {@code asked} (the caller's options before their split was taken) as the fit's batching. */
    private History fit(BatchSource train, BatchSource validation, FitOptions options, TrainingState.Batching asked) {
        model.checkAdapted();
        model.checkWidth(train.width());
        if (validation != null) {
            model.checkWidth(validation.width());
        }
        if (options.validationSplit() > 0) {
            throw new IllegalArgumentException("fit on a batch source takes its validation rows as a second source, not a split of "
                    + options.validationSplit());
        }
        if (train.rows() == 0) {
            throw new IllegalArgumentException("fit has no rows to train on");
        }
        if (!train.labeled() || validation != null && !validation.labeled()) {
            throw new IllegalArgumentException("training needs labeled rows; " + (train.labeled() ? "the validation rows" : "these")
                    + " have no labels");
        }
        if (validation != null && validation.rows() == 0) {
            throw new IllegalArgumentException("fit's validation source has no rows: give one with rows, or none");
        }
        checkEpochsLeft(options.epochs());
        int firstEpoch = epochsTrained + 1;
        long rows = train.rows();
        int batchSize = (int) Math.min(options.batchSize(), rows);
        int batches = Math.toIntExact((rows + batchSize - 1) / batchSize);
        if (epochRows != Math.min(rows, batchesInEpoch * batchSize)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s stopped after %d rows of an epoch, %d batches, which batches of %d of these %d rows do not make: "
                            + "resume with the batch size and rows it was trained with", resuming ? "the checkpoint" : "this trainer",
                    epochRows, batchesInEpoch, batchSize, rows));
        }
        batching = asked.keepingClusterOf(batching); // a resumed cluster run is partly the cluster's
        resuming = false;
        EpochLoop loop = new EpochLoop(new TrainingRun(this, firstEpoch, options.epochs(), batches, validation != null), options);
        steps.prepareBatches(batchSize);
        if (validation != null) {
            steps.prepareScorer(validation.rows());
        }
        steps.startThreads();
        try (BlasThreads oneEach = BlasThreads.exactly(1)) {
            return recorded(loop.run(epoch -> epoch(train, validation, options, epoch, batchSize, batches, loop)), options);
        } finally {
            steps.stopThreads();
        }
    }

    /**
     * The batches of one epoch after those already done (a resumed checkpoint's), then validation.
     * A stop request ends the epoch after the batch that made it, as in Keras; the epoch is then
     * scored on the rows it trained.
     */
    private EpochMetrics epoch(BatchSource train, BatchSource validation, FitOptions options, int epoch, int batchSize,
                               int batches, EpochLoop loop) {
        long started = System.nanoTime();
        long rows = train.rows();
        long done = epochRows; // rows of the batches a resumed checkpoint had done already
        long resumedAt = done;
        if (done < rows) {
            train.startPass(epoch, options.seed(), options.shuffle());
            steps.skip(train, done);
        }
        for (int batch = (int) batchesInEpoch + 1; batch <= batches && !loop.stopRequested(); batch++) {
            int count = (int) Math.min(batchSize, rows - done);
            steps.seedDropout(Elementwise.mix(model.options().seed() + epoch * 0x9E3779B97F4A7C15L + batch * 0xD1B54A32D192ED03L));
            double batchLoss = steps.batchGradient(train, count);
            double loss = batchLoss / count;
            if (Double.isFinite(loss)) {
                steps.step();
            }
            done += count;
            epochRows += count;
            epochLoss += batchLoss;
            epochCorrect += steps.correct();
            batchesInEpoch = batch;
            loop.batchEnd(epoch, batch, batches, loss);
        }
        double validationLoss = Double.NaN;
        double validationAccuracy = Double.NaN;
        if (validation != null) {
            double[] scores = steps.score(validation);
            validationLoss = scores[0];
            validationAccuracy = scores[1];
            if (!Double.isFinite(validationLoss)) { // each batch's loss was finite before its step; after the last, perhaps not
                double trainingLoss = steps.score(train)[0]; // every training row: which rows overflow tells the two causes apart
                if (!Double.isFinite(trainingLoss)) {
                    throw TrainingDivergedException.afterLastStep(epoch, (int) batchesInEpoch, validationLoss, trainingLoss);
                }
                throw io.dense4j.model.NoProbability.inValidation(epoch, validationLoss);
            }
        }
        return new EpochMetrics(epoch, epochLoss / epochRows, (double) epochCorrect / epochRows, validationLoss,
                validationAccuracy, epochRows, (System.nanoTime() - started) / 1e9, done - resumedAt);
    }

    // ---- data-parallel training ----

    /**
     * Adds to {@code sum} each row's loss gradient over one in-order pass of {@code rows}, with
     * their summed loss, count and correct count, without stepping: a piece of a data-parallel step.
     */
    public void addGradientSum(BatchSource rows, GradientSum sum) {
        steps.addGradientSum(rows, sum);
    }

    /**
     * One optimizer step on the mean gradient of {@code sum} (the sum over its rows, divided by
     * their count) and the loss's L2 penalty: the step one pass over all those rows would have
     * taken. Returns the rows' summed loss with the penalty, as a batch reports it.
     */
    public double step(GradientSum sum) {
        return steps.step(sum);
    }

    /**
     * The mean gradient of the loss training minimizes over {@code rows}, penalty included,
     * without stepping: what a gradient check compares with finite differences.
     */
    public double[] objectiveGradient(BatchSource rows) {
        return steps.objectiveGradient(rows);
    }

    /**
     * Seeds the dropout masks of the passes that follow, as {@link #fit} does before each batch from
     * the compile seed, the epoch and the batch: for a loop of its own (data-parallel pieces), which
     * must choose keys that differ per batch and per piece.
     */
    public void seedDropout(long key) {
        steps.seedDropout(key);
    }

    /** The step size of the next step: the optimizer's, unless a schedule set another. */
    public double learningRate() {
        return steps.learningRate();
    }

    /** Sets the step size of the following steps, as learning-rate schedules do between batches. */
    public void setLearningRate(double learningRate) {
        steps.setLearningRate(learningRate);
    }

    /**
     * The parameters, then each optimizer state array, as one vector of doubles (which carry float32
     * exactly): what parameter averaging averages.
     */
    public double[] stateVector() {
        return steps.stateVector();
    }

    /** Sets the parameters and the optimizer's state from a {@link #stateVector} (or an average of such). */
    public void restoreStateVector(double[] vector) {
        steps.restoreStateVector(vector);
    }

    /** Sets the parameters alone, from the first {@code parameterCount} values of {@code values}. */
    public void restoreParameters(double[] values) {
        steps.restoreParameters(values);
    }

    /** The parameters alone, as doubles. */
    public double[] parameters() {
        return steps.parameters();
    }

    /** Optimizer steps taken, where the update depends on it (Adam's bias correction). */
    public long optimizerSteps() {
        return steps.optimizerSteps();
    }

    public void restoreOptimizerSteps(long steps) {
        this.steps.restoreOptimizerSteps(steps);
    }

    // ---- progress and checkpoints ----

    /**
     * Records where training stands, for a loop other than {@link #fit} (data-parallel training),
     * as a checkpoint saves it.
     */
    public void setProgress(TrainingState.Progress progress) {
        epochsTrained = progress.epochs();
        batchesInEpoch = progress.batches();
        epochLoss = progress.lossSum();
        epochRows = progress.rows();
        epochCorrect = progress.correct();
    }

    /** Where training stands: epochs done, and the batches, loss, rows and correct count of the epoch in progress. */
    public TrainingState.Progress progress() {
        return new TrainingState.Progress(epochsTrained, batchesInEpoch, epochLoss, epochRows, epochCorrect);
    }

    /** Epochs completed, counted across resumed runs. */
    public int epochsTrained() {
        return epochsTrained;
    }

    /** Batches (optimizer steps) completed of the epoch after {@link #epochsTrained}. */
    public long batchesInEpoch() {
        return batchesInEpoch;
    }

    /** The optimizer's state and where training stands, as a checkpoint keeps them. */
    public TrainingState state() {
        return new TrainingState(progress(), steps.optimizerSteps(), steps.optimizerState(), batching,
                optimizer.equals(model.optimizer()) ? null : optimizer, steps.learningRate(),
                running != null ? running.callbackStates() : resumedCallbackStates);
    }

    /** The callbacks' states of the checkpoint this trainer was resumed from, once: the first fit's callbacks take them back. */
    List<CallbackState> takeResumedCallbackStates() {
        List<CallbackState> taken = resumedCallbackStates;
        resumedCallbackStates = List.of();
        return taken;
    }

    /** Tells the trainer which loop's callbacks its checkpoints keep the state of (null when the fit ends). */
    void running(EpochLoop loop) {
        running = loop;
    }

    /**
     * Puts back a {@link #state}: progress, optimizer steps, state arrays and learning rate, and
     * the callbacks' states for the next fit's callbacks. An empty state array (a model file saved
     * without training state) leaves the optimizer fresh.
     */
    public void restore(TrainingState state) {
        steps.restoreOptimizer(state, optimizer);
        setProgress(state.progress());
        batching = state.batching();
        resumedCallbackStates = state.callbacks();
        resuming = true;
    }

    /**
     * Writes the model with this trainer's {@link #state} to {@code file}, atomically and durably.
     *
     * @throws IllegalStateException when a weight is not finite (a diverged run): nothing is written
     */
    public void saveCheckpoint(Path file) throws IOException {
        if (running != null && running.lastEpoch() != null && batchesInEpoch == 0 && batching != null) {
            // a checkpoint at an epoch's end holds that epoch's weights: say so, as the fit's end would (a run resumed
            // from it with nothing left to train writes this record)
            recorded(new History(List.of(running.lastEpoch()), false), batching);
        }
        try {
            new Checkpoint(model, state()).save(file);
        } catch (IllegalStateException notFinite) {
            throw new IllegalStateException(String.format(Locale.ROOT, "after epoch %d%s, %s", epochsTrained,
                    batchesInEpoch > 0 ? " and " + batchesInEpoch + (batchesInEpoch == 1 ? " batch" : " batches") + " of the next" : "",
                    notFinite.getMessage()), notFinite);
        }
    }

    // ---- what it trains ----

    public Model model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public ExecutionPolicy policy() {
        return policy;
    }

    /**
     * dL/dx for every input value, row-major, of the mean loss over {@code data}'s rows in one
     * backward pass, for gradient checks and research: needs a model compiled with the input
     * gradient ({@code CompileOptions.withInputGradient}). Makes a plan of its own, whose dropout
     * masks are drawn from the key {@link #seedDropout} last gave, as the first part of a pass
     * that follows it draws them (all of a pass's on one thread).
     */
    public double[] inputGradient(Dataset data) {
        model.checkCompatible(data);
        Plan plan = new Plan(model.parameterValues(), new Gradients(model.graph(), model.dataType()), data.rows());
        plan.seedDropout(io.dense4j.runtime.StepRunner.partKey(steps.dropoutKey(), 0));
        data.copyRows(0, data.rows(), plan.input(), plan.labels(), data.hasWeights() ? plan.rowWeights() : null);
        plan.weightRows(data.hasWeights());
        plan.trainingStep(data.rows(), data.rows());
        double[] values = new double[data.rows() * data.width()];
        for (int i = 0; i < values.length; i++) {
            values[i] = plan.inputGradient().get(i);
        }
        return values;
    }
}
