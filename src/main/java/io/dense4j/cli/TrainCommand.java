package io.dense4j.cli;

import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.RowSelection;
import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.layer.Activation;
import io.dense4j.metrics.Scores;
import io.dense4j.metrics.ThresholdGoal;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.model.TrainingCommand;
import io.dense4j.optim.Optimizer;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.train.BaseRateCheck;
import io.dense4j.train.EarlyStopping;
import io.dense4j.train.History;
import io.dense4j.train.LearningRateSchedule;
import io.dense4j.train.ModelCheckpoint;
import io.dense4j.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Trains a binary classifier on a CSV file and writes the model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a binary classifier on a CSV file and write the model to a file.")
class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "The training CSV: a file, a folder or a glob (quoted) of files read as "
            + "one table, or - for standard input (with --spark: a path or glob on any filesystem Hadoop reads).")
    String data;

    @Mixin
    CsvOptions csv;

    @Mixin
    BadRowsOption badRows;

    @Mixin
    ArchitectureOptions architecture;

    /** The epochs to train: --epochs, or the default, which {@link DefaultEpochs#settle} sets once the training rows are known. */
    int epochs = DefaultEpochs.FEWEST;
    boolean epochsGiven;

    @Option(names = "--epochs", description = "Passes over the data (default: 10; without --layers, on a table of fewer than 100 "
            + "batches an epoch, as many as make 1,000 steps, up to 100; a resumed run goes on to its checkpoint's).")
    void epochs(int given) {
        epochs = given;
        epochsGiven = true;
    }

    @Option(names = "--batch-size", defaultValue = "32", description = "Rows per step; 1 is pure SGD, 0 is full batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin
    OptimizerOptions optimizerOptions;

    @Mixin
    LossOptions lossOptions;

    @Mixin
    ColumnOptions columns;

    @Mixin
    SplitOptions split;

    @Option(names = "--weight-column", paramLabel = "NAME", description = "Weight each row in the training loss by its value "
            + "in this column (a finite number >= 0; not a feature), times its class weight. Validation loss and metrics stay "
            + "unweighted (default: every row weighs 1).")
    String weightColumn;

    @Mixin
    PositiveOption positive;

    @Option(names = "--accept-worse-than-base-rate", description = "Exit 0 even when the last epoch's training loss is worse "
            + "than always predicting the training rows' share of positives (a warning says so either way; by default the command "
            + "exits 1, and cv does when any fold ends so).")
    boolean acceptWorseThanBaseRate;

    /** What the run says of itself (base rate, a loss still falling, a full batch's patience); made when first asked for. */
    private RunJudgement judgement;

    @Option(names = "--fill-missing", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Fill "
            + "missing numbers (empty, NA, N/A, NaN, --missing-values) with the feature's mean over the training rows, which a model "
            + "keeps for evaluate and predict; on by default, --no-fill-missing stops at the first one, naming its line and column.")
    boolean fillMissing;

    @Option(names = "--early-stopping", description = "Stop after this many epochs without improvement of the validation loss "
            + "(of the training loss without --validation), restoring the best epoch's weights.")
    Integer patience;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    TrainOutputs outputs;

    @Mixin
    CacheOptions cache;

    @Mixin
    ThreadOptions threadOptions;

    @Mixin
    CheckpointOptions checkpoints;

    @Mixin
    SparkOptions spark;

    @ParentCommand
    Main main;

    /** The data rows the CSV holds, once read (0 before, or when a Spark run does not know them). */
    long csvRows;
    /** --lr-schedule's callback, once the flags are checked; null for a constant rate. */
    io.dense4j.train.Callback scheduleCallback;
    /** With --resume, the checkpoint the run goes on from, once read; else null. */
    Checkpoint resumedFrom;
    /** What a resumed run took from its checkpoint's command line, and what it changed. */
    ResumedControls controls = ResumedControls.NONE;

    /** The new models this command trains, and the notes each gives once. */
    final FreshModels freshModels = new FreshModels(this);

    /** Whether the resumed checkpoint's epochs ran on a cluster, whose sums one machine's rerun would add in another order. */
    private boolean resumedFromACluster;

    /** The data a resumed checkpoint was trained on, whose numbers the resumed run reads the same way; else null. */
    private io.dense4j.model.TrainingData resumedData;
    /** A resumed run's checkpoint's marks of a missing value; null when not resuming. */
    private ResumedMarks resumedMarks;

    @Override
    public Integer call() throws IOException {
        checkpoints.check();
        outputs.check(data, checkpoints, cache); // before the checkpoint is read: --checkpoint may name a file the run reads
        resumedFrom = checkpoints.resumed();
        if (resumedFrom != null) { // before anything is made from the flags it may take
            controls = ResumedControls.take(resumedFrom, this, spec.commandLine().getParseResult());
            checkpoints.checkLogOfTheRun(outputs.log, resumedFrom);
        }
        DefaultEpochs.checkBeforeReading(this);
        split.check();
        Optimizer chosen = optimizerOptions.optimizer();
        Activation hidden = architecture.hiddenActivation();
        ThresholdGoal goal = split.thresholdGoal();
        checkModelOptions();
        spark.check();
        checkpoints.noteStartingAfresh(resumedFrom, System.out);
        if (spark.given()) {
            return new SparkRun(this).run(hidden, chosen, goal);
        }
        policy(); // --threads and --parts checked before the data is read
        Checkpoint resumed = resumedFrom;
        if (resumed != null) { // its flags too: a column flag it would ignore must not first cost a read of the data
            resumingFrom(resumed, hidden, chosen);
        }
        CsvFiles data = StandardInput.files(this.data, System.out);
        csv.guessSeparators(data, resumed != null, java.util.Set.copyOf(columns.categorical), System.out);
        CsvSource source = positive.appliedTo(csv.open(data, format(), sourceOptions()));
        csvRows = source.rows();
        System.out.println(ReadLine.of(data, source));
        noteLabelRuns(source, System.out);
        if (resumed == null) { // a resumed run reads them as its checkpoint's model does, which no flag changes
            ColumnOptions.noteDates(source.dateColumns(), System.out);
        }
        long trainingRowCount = trainingRowCount(source);
        DefaultEpochs.settle(this, trainingRowCount, resumed);

        Trainer trainer;
        if (resumed != null) {
            trainer = Trainer.resume(resumed, policy());
            ResumeCheck.sameData(trainer.model(), checkpoints.file, source, spec.commandLine());
            System.out.println(ResumeLine.of(checkpoints.file, resumed, trainer.epochsTrained(), trainer.batchesInEpoch(), epochs,
                    controls.described()));
            String elsewhere = ResumeLine.elsewhere(resumed, io.dense4j.runtime.MachineKind.here());
            if (elsewhere != null) {
                System.out.println(elsewhere);
            }
            controls.noteHowItGoesOn(this, resumed.state());
            FeatureStatistics statistics = source.statistics(trainingRows());
            noteFilledOnResume(source.featureNames(), source.categoricalColumns(), statistics, source.missingValues());
            ResumeCheck.sameBalance(lossOptions, statistics, trainer.model(), spec.commandLine());
            judgement().expectResumed(statistics, trainer.model().loss().classWeights(), trainer.model().provenance());
        } else {
            if (trainingRowCount == 0) { // before the categories and statistics of no rows
                throw new IllegalArgumentException(String.format(Locale.ROOT, "a validation split of %s on %,d rows must leave at "
                        + "least one row for each side", ResumeCheck.plain(split.validation), source.rows()));
            }
            Model model = freshModels.of(hidden, chosen, source, trainingRows());
            model.checkSavable(); // before training, not when the first checkpoint is written
            String noPositives = goal == null ? null
                    : TrainingClasses.validationWithoutPositives(source, freshModels.lastStatistics(), split.validation, split.stratify);
            if (noPositives != null) { // about the data, as checkBothTeach's refusals: exit 1
                throw new IllegalArgumentException(noPositives);
            }
            trainer = new Trainer(model, model.optimizer(), policy());
        }
        Model model = trainer.model();
        // none after a cluster's steps, which verify's one machine adds in another order
        TrainingCommand recorded = RecordedCommand.ofRun(this, resumed, trainer.policy()); // the end takes it away from a cluster's steps
        model.setTrainingCommand(null); // the summary is of the model about to train, not of the line a checkpoint kept
        System.out.println(model.summary());
        model.setTrainingCommand(recorded); // before the checkpoints, which keep it
        if (main != null && main.verbose) {
            long trainingRows;
            try (io.dense4j.data.BatchSource rows = source.rows(trainingRows(), model.inputSchema().fillValues(),
                    model.inputSchema().categories(), model.dataType())) {
                trainingRows = rows.rows();
            }
            System.out.println("Threads: " + trainer.policy().describe((int) Math.min(Integer.MAX_VALUE,
                    batchSize == 0 ? trainingRows : Math.min(batchSize, trainingRows)),
                    io.dense4j.runtime.StepRunner.partGradientBytes(model.parameterValues())));
        }
        if (trainer.epochsTrained() < epochs || resumed != null) { // a resumed last epoch still ends its callbacks
            EarlyStopping stopping = FitFromFlags.earlyStopping(this);
            java.nio.file.attribute.FileTime before = checkpoints.lastWritten();
            History history;
            try {
                history = trainer.fit(source, FitFromFlags.of(this, stopping, ModelCheckpoint::everyEpochs));
            } catch (io.dense4j.train.TrainingDivergedException diverged) {
                throw checkpoints.afterDivergence(diverged, resumed != null, before);
            }
            judgement().judgeAfterLastStep(() -> {
                try (io.dense4j.data.BatchSource rows = source.rows(trainingRows(), model.inputSchema().fillValues(),
                        model.inputSchema().categories(), model.dataType())) {
                    return model.objective(rows);
                }
            });
            new RunEnd(this).report(history);
        }
        Scores held = split.validation > 0 ? model.scores(source, split.stratifiedIfAsked(RowSelection.validation(split.validation, seed))) : null;
        return new RunEnd(this).finish(trainer, goal, held);
    }

    /** The note of the missing numbers a resumed run fills, as its first run gave it: the same rows, filled the same way. */
    void noteFilledOnResume(List<String> featureNames, List<String> categorical, FeatureStatistics training, long missingNumbers) {
        if (fillMissing) {
            FilledNumbers.noteTraining(featureNames, java.util.Set.copyOf(categorical), training, missingNumbers, System.out);
        }
    }

    /**
     * Refuses the flags that ask for another model ({@code hidden}, {@code chosen}) or other batches
     * than {@code checkpoint}'s, and reads the data's numbers as it read them, where the flags do not say.
     */
    void resumingFrom(Checkpoint checkpoint, Activation hidden, Optimizer chosen) {
        ResumeCheck.against(checkpoint, this, hidden, chosen);
        if (checkpoint.model().inputSchema() != null) { // whatever its line says: a line recorded before filling was the default has no flag
            fillMissing = ResumeCheck.fills(checkpoint.model());
        }
        resumedData = checkpoint.model().trainingData();
        resumedMarks = checkpoint.model().inputSchema() == null ? null : new ResumedMarks(checkpoint.model().inputSchema());
        resumedFromACluster = checkpoint.state().batching() != null && checkpoint.state().batching().onACluster();
    }

    /** Whether the run goes on from a checkpoint written on a cluster. */
    boolean resumedFromACluster() {
        return resumedFromACluster;
    }

    /** Whether {@code model}'s training loss weighs its rows (class or row weights), which its validation loss does not. */
    boolean weightedLoss(Model model) {
        return !model.loss().classWeights().isNone() || weightColumn != null;
    }

    /** Judges the next model's epochs afresh against its own base rate (cv: each fold's); returns the last check, or null. */
    BaseRateCheck judgeAnew() {
        return judgement().judgeAnew();
    }

    RunJudgement judgement() {
        if (judgement == null) {
            judgement = new RunJudgement(epochs, batchSize, architecture.standardize, status());
        }
        return judgement;
    }

    /** Where what the command says goes: standard output; cv's --json moves it to standard error. */
    PrintStream status() {
        return System.out;
    }

    /**
     * A note when the rows stream through a shuffle buffer shorter than a run of one label, such
     * as a file sorted by its label: nothing fails, but batches hold one class for long stretches.
     */
    void noteLabelRuns(CsvSource source, PrintStream out) {
        long run = source.labelRunPastTheShuffleBuffer();
        if (run > 0 && batchSize > 0 && batchSize < trainingRows().count(source.rows())) { // a full batch takes any order
            out.printf(Locale.ROOT, "Note: %s holds a run of %,d rows of one label, longer than the %,d-row shuffle buffer that "
                    + "mixes rows read without a cache, so batches hold one class for long stretches; let a cache shuffle all rows "
                    + "(no --no-cache, and a folder it can be written in), raise --shuffle-buffer, or shuffle the rows%n",
                    StandardInput.shownIn(source.name()), run, source.shuffleBuffer());
        }
    }

    /** How many rows the validation split trains on (stratified: from the class totals, a pass without a cache). */
    private long trainingRowCount(CsvSource source) {
        if (!split.stratify) {
            return trainingRows().count(source.rows());
        }
        long[] classes = source.classTotals();
        return trainingRows().count(classes[0], classes[1]);
    }

    /** The rows the validation split trains on, stratified if asked. */
    RowSelection trainingRows() {
        return split.stratifiedIfAsked(RowSelection.training(split.validation, seed));
    }

    /** Checks the options every model takes (epochs, dropout, penalty, schedule, class weight) before any data is read. */
    void checkModelOptions() {
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs takes a number of passes >= 1, got " + epochs);
        }
        if (batchSize < 0) {
            throw new ParameterException(spec.commandLine(), "--batch-size takes a number of rows >= 1, or 0 for full batch, got "
                    + batchSize);
        }
        if (patience != null && patience < 1) {
            throw new ParameterException(spec.commandLine(), "--early-stopping takes a number of epochs >= 1, got " + patience);
        }
        architecture.check();
        lossOptions.check();
        columns.check();
        scheduleCallback = optimizerOptions.schedule();
        if (scheduleCallback instanceof LearningRateSchedule rates && epochsGiven && resumedFrom == null) {
            try { // before the data is read; the default epochs, and a resumed run's, are known after it
                rates.checkEpochs(epochs);
            } catch (IllegalArgumentException tooLong) {
                throw new ParameterException(spec.commandLine(), "--lr-schedule: " + tooLong.getMessage());
            }
        }
    }

    /**
     * How the training file is laid out: the CSV options, and the weight column if one is given;
     * resuming, its numbers read as the checkpoint's were where the flags do not say.
     */
    CsvFormat format() {
        CsvFormat format = csv.format(resumedData);
        if (resumedMarks != null) {
            format = resumedMarks.reading(format, spec.commandLine());
        }
        if (resumedFrom != null && resumedFrom.model().inputSchema() != null) { // its dates, as its categories (sourceOptions)
            format = format.withDates(resumedFrom.model().inputSchema().dates());
        }
        try {
            return format.withWeightColumn(weightColumn);
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "--weight-column: " + invalid.getMessage());
        }
    }

    /** Every core the JVM sees, unless --threads or --parts say otherwise. */
    ExecutionPolicy policy() {
        return threadOptions.policy();
    }

    CsvSource.Options sourceOptions() {
        CsvSource.Options options = cache.applyTo(CsvSource.Options.defaults());
        options = badRows.appliedTo(options.withKinds(columnKinds()));
        return fillMissing ? options.fillingMissing() : options;
    }

    /**
     * Which columns are categorical: as the flags and the first rows say, or resuming, exactly the
     * checkpoint's model's, whatever a later dense4j would infer (flags that differ are refused);
     * its dates come with {@link #format()}.
     */
    io.dense4j.data.csv.ColumnKinds columnKinds() {
        InputSchema resumed = resumedFrom == null ? null : resumedFrom.model().inputSchema();
        return resumed == null ? columns.kinds() : io.dense4j.data.csv.ColumnKinds.exactly(List.copyOf(resumed.categories().keySet()));
    }
}
