package io.dense4j.cli;

import io.dense4j.data.Categories;
import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.Printable;
import io.dense4j.data.RowSelection;
import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.layer.Activation;
import io.dense4j.layer.Layer;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.metrics.Scores;
import io.dense4j.metrics.ThresholdGoal;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.model.TrainingCommand;
import io.dense4j.optim.Optimizer;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.train.BaseRateCheck;
import io.dense4j.train.EarlyStopping;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import io.dense4j.train.LearningRateSchedule;
import io.dense4j.train.ModelCheckpoint;
import io.dense4j.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Option(names = "--validation", defaultValue = "0",
            description = "Fraction of rows held out for validation, chosen row by row from the seed (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--stratify", description = "Keep each class's share on both sides of the validation split (with "
            + "cv, in every fold), as scikit-learn's stratify=y.")
    boolean stratify;

    @Option(names = "--threshold-for", paramLabel = "GOAL", description = "Choose the class threshold on the validation rows "
            + "and save it in the model: f1 (best F1), precision=P (most recall at precision >= P) or recall=R (most "
            + "precision at recall >= R); needs --validation (default: 0.5).")
    String thresholdFor;

    @Option(names = "--weight-column", paramLabel = "NAME", description = "Weight each row in the training loss by its value "
            + "in this column (a finite number >= 0; not a feature), times its class weight. Validation loss and metrics stay "
            + "unweighted (default: every row weighs 1).")
    String weightColumn;

    @Option(names = "--positive", paramLabel = "LABEL", description = "The label value that is class 1, whatever the labels' "
            + "own order (two names map in sorted order): the class that precision, recall, PR AUC, --class-weight W and "
            + "--threshold-for are about, e.g. --positive fraud beside ok.")
    String positive;

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


    @Option(names = "--out", defaultValue = "model.zip", description = "The model file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--plot", description = "A folder for PNG charts of loss and accuracy per epoch (training and validation).")
    Path plots;

    @Option(names = "--log", paramLabel = "FILE", description = "A CSV file of the epochs, a line added after each: epoch, loss, "
            + "accuracy, val_loss, val_accuracy, samples, seconds (as Keras's CSVLogger): runs of other batch sizes side by side on "
            + "a clock, the seconds summed.")
    Path log;


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

    private long csvRows;
    private io.dense4j.train.Callback scheduleCallback;
    /** With --resume, the checkpoint the run goes on from, once read; else null. */
    Checkpoint resumedFrom;
    /** What a resumed run took from its checkpoint's command line, and what it changed. */
    ResumedControls controls = ResumedControls.NONE;

    /** The statistics of the training rows of the last model made, whose class counts later checks read. */
    private FeatureStatistics trainingStatistics;

    /** Whether the resumed checkpoint's epochs ran on a cluster, whose sums one machine's rerun would add in another order. */
    private boolean resumedFromACluster;

    /** The data a resumed checkpoint was trained on, whose numbers the resumed run reads the same way; else null. */
    private io.dense4j.model.TrainingData resumedData;
    /** Whether the note on unnamed columns was given (cv's folds each make a model). */
    private boolean notedRowNumbers;
    /** Whether the note that class 1 is the majority by its name was given: once a command, as cv trains a model per fold. */
    private boolean notedMajority;
    /** Whether the note of the columns whose missing numbers are filled was given: once a command, as for the majority. */
    private boolean notedFilled;
    /** A resumed run's checkpoint's marks of a missing value; null when not resuming. */
    private ResumedMarks resumedMarks;

    @Override
    public Integer call() throws IOException {
        checkpoints.check();
        checkOutputs(); // before the checkpoint is read: --checkpoint may name a file the run reads
        resumedFrom = checkpoints.resumed();
        if (resumedFrom != null) { // before anything is made from the flags it may take
            controls = ResumedControls.take(resumedFrom, this, spec.commandLine().getParseResult());
            checkpoints.checkLogOfTheRun(log, resumedFrom);
        }
        DefaultEpochs.checkBeforeReading(this);
        if (stratify && validation == 0) { // it would do nothing, and say nothing
            throw new ParameterException(spec.commandLine(), "--stratify keeps each class's share on both sides of the validation "
                    + "split: give --validation too, e.g. --validation 0.2");
        }
        Optimizer chosen = optimizerOptions.optimizer();
        Activation hidden = architecture.hiddenActivation();
        ThresholdGoal goal = thresholdGoal();
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
        CsvSource source = withPositive(csv.open(data, format(), sourceOptions()));
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
            System.out.printf("Resuming from %s after epoch %d of %d%s (its model, optimizer and loss are kept%s)%n", checkpoints.file,
                    trainer.epochsTrained(), epochs, trainer.batchesInEpoch() == 0 ? ""
                            : String.format(Locale.ROOT, " and %,d batches of the next", trainer.batchesInEpoch()),
                    controls.described());
            controls.noteHowItGoesOn(this, resumed.state());
            FeatureStatistics statistics = source.statistics(trainingRows());
            noteFilledOnResume(source.featureNames(), source.categoricalColumns(), statistics, source.missingValues());
            ResumeCheck.sameBalance(lossOptions, statistics, trainer.model(), spec.commandLine());
            judgement().expectResumed(statistics, trainer.model().loss().classWeights(), trainer.model().provenance());
        } else {
            if (trainingRowCount == 0) { // before the categories and statistics of no rows
                throw new IllegalArgumentException(String.format(Locale.ROOT, "a validation split of %s on %,d rows must leave at "
                        + "least one row for each side", ResumeCheck.plain(validation), source.rows()));
            }
            Model model = newModel(hidden, chosen, source, trainingRows());
            model.checkSavable(); // before training, not when the first checkpoint is written
            String noPositives = goal == null ? null
                    : TrainingClasses.validationWithoutPositives(source, trainingStatistics, validation, stratify);
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
            EarlyStopping stopping = earlyStopping();
            java.nio.file.attribute.FileTime before = checkpoints.lastWritten();
            History history;
            try {
                history = trainer.fit(source, fitOptions(stopping, ModelCheckpoint::everyEpochs));
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
        Scores held = validation > 0 ? model.scores(source, stratifiedIfAsked(RowSelection.validation(validation, seed))) : null;
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

    /** {@code source} with --positive's label as class 1, if given. */
    CsvSource withPositive(CsvSource source) {
        if (positive == null) {
            return source;
        }
        try {
            return source.withPositiveClass(positive);
        } catch (io.dense4j.data.csv.LabelMapping.NotALabel none) {
            throw new ParameterException(spec.commandLine(), "--positive: " + none.in(source.name()));
        }
    }

    /** How many rows the validation split trains on (stratified: from the class totals, a pass without a cache). */
    private long trainingRowCount(CsvSource source) {
        if (!stratify) {
            return trainingRows().count(source.rows());
        }
        long[] classes = source.classTotals();
        return trainingRows().count(classes[0], classes[1]);
    }

    /** The rows the validation split trains on, stratified if asked. */
    RowSelection trainingRows() {
        return stratifiedIfAsked(RowSelection.training(validation, seed));
    }

    RowSelection stratifiedIfAsked(RowSelection rows) {
        return stratify ? rows.stratify() : rows;
    }

    /** --threshold-for's goal, or null; it needs validation rows to choose on. */
    ThresholdGoal thresholdGoal() {
        if (thresholdFor == null) {
            return null;
        }
        if (validation <= 0) {
            throw new ParameterException(spec.commandLine(), "--threshold-for chooses on the validation rows: give "
                    + "--validation, e.g. --validation 0.2");
        }
        try {
            return ThresholdGoal.parse(thresholdFor);
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "--threshold-for: " + invalid.getMessage());
        }
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

    /** Every file and folder the run will write, checked before any data is read. */
    void checkOutputs() {
        List<Path> inputs = new java.util.ArrayList<>(Outputs.dataFiles(data));
        checkpoints.checkFile(inputs);
        Outputs.checkFile(spec.commandLine(), "--out", out, inputs);
        Outputs.checkFolder(spec.commandLine(), "--plot", plots);
        if (log != null) {
            Outputs.checkFile(spec.commandLine(), "--log", log, inputs);
            if (Outputs.amongData(data, log)) { // a later run on the same folder or glob would read the log as data
                throw new ParameterException(spec.commandLine(), "--log " + log + " is among the files --data " + data + " names: a "
                        + "later run would read it as data; give a file elsewhere");
            }
            for (String[] written : new String[][] {{"--out", String.valueOf(out)},
                    {"--checkpoint", String.valueOf(checkpoints.file)}}) {
                if (!written[1].equals("null") && Path.of(written[1]).toAbsolutePath().normalize().equals(log.toAbsolutePath().normalize())) {
                    throw new ParameterException(spec.commandLine(), "--log " + log + " is the file " + written[0] + " writes; give "
                            + "another file");
                }
            }
        }
        cache.checkFolder(data);
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
        if (!(validation >= 0 && validation < 1)) {
            throw new ParameterException(spec.commandLine(), "--validation takes a fraction in [0, 1), got " + validation);
        }
        options = badRows.appliedTo(options.withKinds(columnKinds()));
        return fillMissing ? options.fillingMissing() : options;
    }

    /**
     * Which columns are categorical: as the flags and the first rows say, or resuming, exactly the
     * checkpoint's model's, whatever a later dense4j would infer (flags that differ are refused);
     * its dates come with {@link #format()}.
     */
    io.dense4j.data.csv.ColumnKinds columnKinds() {
        io.dense4j.model.InputSchema resumed = resumedFrom == null ? null : resumedFrom.model().inputSchema();
        return resumed == null ? columns.kinds() : io.dense4j.data.csv.ColumnKinds.exactly(List.copyOf(resumed.categories().keySet()));
    }

    /** A new model for {@code source}'s rows, its statistics (standardization, fill, balance) from {@code trainingRows}. */
    Model newModel(Activation hidden, Optimizer chosen, CsvSource source, RowSelection trainingRows) {
        return newModel(hidden, chosen, source.featureNames(), columns.categories(source, trainingRows, status()), source.dateColumns(),
                source.rowNumberColumns(), source.classes(), source.labelName(), source::statistics, source.name(), trainingRows,
                source.missingValues());
    }

    /**
     * A new model for rows of {@code featureNames}, the {@code categories} of the categorical ones by
     * name, {@code dates} the columns of dates, {@code rowNumbers} those that count the rows, for a
     * note; {@code missingNumbers} were read in all the rows (-1: not known), for the note of those filled.
     */
    Model newModel(Activation hidden, Optimizer chosen, List<String> featureNames, Map<String, Categories> categories,
                           List<String> dates, List<String> rowNumbers, List<String> classes, String labelName,
                           java.util.function.Function<RowSelection, FeatureStatistics> statisticsOf, String file,
                           RowSelection trainingRows, long missingNumbers) {
        InputSchema shape = new InputSchema(featureNames, classes, null, labelName, categories);
        architecture.checkSizes(shape.layout().encodedWidth());
        if (!notedRowNumbers) { // once a command: cv makes a model per fold
            ColumnOptions.noteRowNumbers(featureNames, rowNumbers, !csv.noHeader, csv.features != null, status());
            notedRowNumbers = true;
        }
        boolean numbers = shape.layout().numericCount() > 0; // nothing to standardize when every column is categorical
        Sequential model = new Sequential(architecture.layers(hidden, numbers).toArray(Layer[]::new));
        boolean balanced = lossOptions.balanced();
        // one pass for the statistics of the rows fit trains on (a validation split's rows stay unseen)
        FeatureStatistics statistics = statisticsOf.apply(trainingRows);
        trainingStatistics = statistics;
        TrainingClasses.checkBothTeach(statistics, classes, file, weightColumn, stratify);
        if (positive == null && !notedMajority) { // the first fold's share stands for cv's others
            notedMajority = TrainingClasses.noteMajorityIsClassOne(statistics, classes, status());
        }
        BinaryCrossEntropy loss = lossOptions.loss(statistics);
        judgement().expect(statistics, loss.classWeights());
        InputSchema schema = new InputSchema(featureNames, classes, fillMissing
                ? InputSchema.meansToFill(file, featureNames, statistics, categories.keySet()) : null, labelName, categories,
                csv.format().missingMarks(), csv.format().columnMissingMarks(), dates);
        if (fillMissing && !notedFilled) { // the first fold that fills any stands for cv's others
            notedFilled = FilledNumbers.noteTraining(featureNames, categories.keySet(), statistics, missingNumbers, status());
        }
        Model compiled = model.compile(schema, loss, chosen, CompileOptions.defaults().withSeed(seed));
        // the output starts at the (class- and row-weighted) base rate, so the untrained model's loss is the constant
        // prediction's rather than ln 2: on rare positives, no epochs spent unlearning a 50% guess
        compiled.bias(compiled.layers().size() - 1).assign(BaseRateCheck.constantPredictionLogit(statistics.negativeWeight(),
                statistics.positiveWeight(), loss.classWeights()));
        if (!loss.classWeights().isNone() || weightColumn != null) {
            String weights = (loss.classWeights().isNone() ? "" : loss.classWeights() + (balanced ? " (balanced on the training rows)" : ""))
                    + (loss.classWeights().isNone() || weightColumn == null ? "" : " and ")
                    + (weightColumn == null ? "" : "row weights from column \"" + weightColumn + "\"");
            status().printf("Training with %s: the training loss is weighted; validation loss and metrics are not%n", weights);
        }
        if (architecture.standardize && numbers) {
            compiled.adapt(statistics);
        }
        List<String> constant = compiled.startConstantFeaturesAtZero(statistics);
        if (!constant.isEmpty() && architecture.standardize) { // unscaled, a constant input trains its row as a bias would
            status().printf("Note: %s %s one value over the training rows, so the model learns nothing from %s; %s start at 0, "
                    + "so that other values later do not move its predictions at random%n", Printable.whole(ColumnOptions.firstOf(constant)),
                    constant.size() == 1 ? "holds" : "hold", constant.size() == 1 ? "it" : "them",
                    constant.size() == 1 ? "its weights" : "their weights");
        }
        return compiled;
    }

    EarlyStopping earlyStopping() {
        if (patience == null) {
            return null;
        }
        judgement().notePatience(patience);
        return validation > 0 ? EarlyStopping.onValidationLoss(patience) : EarlyStopping.onTrainingLoss(patience);
    }

    /** The fit: epochs, batches, progress lines, early stopping and checkpoints, made by {@code checkpointOf}. */
    FitOptions fitOptions(EarlyStopping stopping, java.util.function.BiFunction<Path, Integer, ModelCheckpoint> checkpointOf) {
        FitOptions.Builder fit = FitOptions.builder().epochs(epochs).seed(seed).validationSplit(validation).stratified(stratify)
                .callbacks(ProgressLine.wanted() && (batchSize > 0 || csvRows > 0) // a person watching: a live line; a log (or Spark full batch, rows unknown): lines
                        ? new ProgressLine(epochs, (int) Math.min(Integer.MAX_VALUE, batchSize == 0 ? csvRows : batchSize), status(),
                                System.err, System::nanoTime, ProgressLine.terminalColumns())
                        : new EpochLines(epochs, status()));
        if (batchSize == 0) {
            fit.fullBatch();
        } else {
            fit.batchSize(batchSize);
        }
        if (scheduleCallback != null) {
            fit.callbacks(scheduleCallback);
        }
        if (stopping != null) {
            fit.callbacks(stopping);
        }
        fit.callbacks(judgement().baseRate());
        if (log != null) {
            fit.callbacks(new io.dense4j.train.CsvLogger(log));
        }
        if (checkpoints.file != null) {
            fit.callbacks(checkpointOf.apply(checkpoints.file, checkpoints.every));
        }
        return fit.build();
    }

}
