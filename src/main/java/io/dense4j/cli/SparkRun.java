package io.dense4j.cli;

import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.RowSelection;
import io.dense4j.data.csv.LabelMapping;
import io.dense4j.layer.Activation;
import io.dense4j.metrics.ThresholdGoal;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.Model;
import io.dense4j.optim.Optimizer;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.train.ClusterTraining;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import io.dense4j.train.ModelCheckpoint;
import io.dense4j.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;
import picocli.CommandLine.ParameterException;

/**
 * {@code train --spark}: the flags one machine takes that Spark refuses, the run on the cluster
 * through the dense4j-spark module, and the model it trains, checked as one machine checks its
 * own. Apart from {@link TrainCommand}, which turns the flags into a fit on one machine, so that
 * what differs on a cluster reads in one place.
 */
final class SparkRun {
    private final TrainCommand train;

    SparkRun(TrainCommand train) {
        this.train = train;
    }

    /** Trains on the cluster; the same model, history and files as on one machine. Returns the exit code. */
    int run(Activation hidden, Optimizer chosen, ThresholdGoal goal) throws IOException {
        train.cache.refuseOnSpark();
        train.threadOptions.refuseOnSpark();
        if (StandardInput.named(train.data)) {
            throw refused("--data " + train.data + " is read as a stream, on one machine; Spark reads files: give their path or glob");
        }
        try {
            // a local file's first lines
            train.csv.guessSeparators(io.dense4j.data.csv.CsvFiles.of(train.data), train.resumedFrom != null,
                    java.util.Set.copyOf(train.columns.categorical), System.out);
        } catch (RuntimeException notHere) { // a path on the cluster's file system, or a glob matching no local file: as given
        }
        if (!train.format().header()) { // pieces start anywhere in a file: each file's header row names the columns they read
            throw refused("--no-header is for one machine: on Spark each file needs a header row naming its columns (the Java "
                    + "API's SparkCsvSource takes the names for files without one)");
        }
        ClusterTraining cluster = ServiceLoader.load(ClusterTraining.class).findFirst().orElseThrow(() ->
                refused("--spark needs the dense4j-spark module and Spark on the classpath: run ./dense4j, which adds them when "
                        + "--spark is given"));
        CheckpointOptions checkpoints = train.checkpoints;
        Checkpoint kept = train.resumedFrom;
        if (kept != null) { // as on one machine: flags that ask for another model or other batches are refused
            train.resumingFrom(kept, hidden, chosen);
        }
        Trainer resumed = kept == null ? null : Trainer.resume(kept, ExecutionPolicy.forThisMachine());
        SparkOptions spark = train.spark;
        ClusterTraining.Request request = new ClusterTraining.Request(spark.master, train.data, train.format(),
                train.columnKinds(), train.badRows.skip, train.fillMissing, spark.partitions, spark.sync, spark.stepsPerRound(),
                resumed, goal != null, train.positive.label);
        FileTime before = lastModified(checkpoints.file); // an earlier run's checkpoint may be there
        ClusterTraining.Result result;
        try {
            result = cluster.train(request, new ClusterTraining.Caller() {
                @Override
                public Model modelFor(ClusterTraining.Rows rows) {
                    return model(rows, kept, resumed, hidden, chosen, goal);
                }

                @Override
                public FitOptions fitOptions() { // on Spark a checkpoint is written every --checkpoint-every rounds, and resumes mid-epoch
                    return FitFromFlags.of(train, FitFromFlags.earlyStopping(train), ModelCheckpoint::everyBatches);
                }

                @Override
                public void trained(ClusterTraining.Rows rows, Model model, History history) {
                    train.judgement().judgeAfterLastStep(() -> rows.objective(model, train.trainingRows()));
                    if (train.split.validation > 0 && goal == null) { // no scores come back: the end's loss, and one pass for the counts
                        FeatureStatistics held = rows.statistics(train.split.stratifiedIfAsked(RowSelection.validation(train.split.validation,
                                train.seed)));
                        String heldOut = train.judgement().heldOutWarning(train.judgement().endValidationLoss(), held.positives(),
                                held.count(), train.weightedLoss(model), train.patience != null);
                        if (heldOut != null) {
                            System.err.println(heldOut);
                        }
                    }
                }
            });
        } catch (LabelMapping.NotALabel none) { // found once the cluster has read the labels
            throw refused("--positive: " + none.in(train.data));
        }
        // known only now; a resumed run that took no step left the checkpoint it went on from, which is current
        boolean stepped = resumed == null || result.history().epochs().stream().anyMatch(epoch -> epoch.samplesTimed() > 0);
        boolean noCheckpoint = stepped && checkpoints.file != null && Objects.equals(before, lastModified(checkpoints.file));
        RunEnd end = new RunEnd(train);
        end.report(result.history());
        int code = end.finish(result.trainer(), goal, result.validation());
        if (noCheckpoint) {
            System.out.printf(Locale.ROOT, "Note: the run ended before its %s checkpoint: --checkpoint-every %d counts rounds on Spark, and "
                    + "it trained fewer%s%n", resumed == null ? "first" : "next", checkpoints.every,
                    code == 0 ? "; " + train.outputs.out + " is the model" : resumed == null ? "" : "; " + checkpoints.file
                            + " still holds the one it went on from");
        }
        return code;
    }

    /** The model Spark trains, once its rows are known: the checkpoint's, checked against them, or a new one. */
    private Model model(ClusterTraining.Rows rows, Checkpoint kept, Trainer resumed, Activation hidden, Optimizer chosen,
                        ThresholdGoal goal) {
        System.out.println(rows.describe());
        if (resumed != null) {
            ResumeCheck.sameData(resumed.model(), train.checkpoints.file, train.data, rows.featureNames(), rows.classes(),
                    rows.trainingData(), train.spec.commandLine());
            resumed.model().setTrainingData(rows.trainingData()); // what Spark checked, not a one-machine checkpoint's whole-content hash
            FeatureStatistics training = rows.statistics(train.trainingRows());
            DefaultEpochs.settle(train, training.count(), kept);
            train.noteFilledOnResume(rows.featureNames(), rows.categoricalColumns(), training, rows.missingValues());
            System.out.println(ResumeLine.of(train.checkpoints.file, kept, resumed.epochsTrained(), resumed.batchesInEpoch(), train.epochs,
                    train.controls.described()));
            train.controls.noteHowItGoesOn(train, kept.state());
            train.judgement().expectResumed(training, resumed.model().loss().classWeights(), resumed.model().provenance());
            // for its checkpoints; no machine named: the executors, not this driver, take the steps
            resumed.model().setTrainingCommand(RecordedCommand.ofRun(train, kept, ExecutionPolicy.forThisMachine()).onNoNamedMachine());
            return resumed.model();
        }
        FeatureStatistics training = rows.statistics(train.trainingRows()); // one pass on the cluster, for the split, epochs and model
        checkSplit(rows, training, goal != null);
        DefaultEpochs.settle(train, training.count(), null);
        Model model = train.freshModels.of(hidden, chosen, rows.featureNames(), train.columns.categories(rows, train.trainingRows(),
                System.out), rows.dates(), rows.rowNumbers(), rows.classes(), rows.labelName(), selection -> training, train.data, train.trainingRows(),
                rows.missingValues());
        model.setTrainingData(rows.trainingData());
        model.checkSavable();
        System.out.println(model.summary());
        // for the checkpoints, whose resume takes the epochs, schedule and early stopping from it; the model written at
        // the end keeps none (RecordedCommand.atEnd), as a rerun on one machine would add the steps in another order
        model.setTrainingCommand(RecordedCommand.ofRun(train, null, ExecutionPolicy.forThisMachine()).onNoNamedMachine());
        return model;
    }

    /**
     * The checks one machine makes of the validation split before training: that it leaves rows on
     * both sides, and, to choose a threshold on, a class-1 row among those it holds. {@code kept}
     * is the training rows' statistics, which the new model takes too.
     */
    private void checkSplit(ClusterTraining.Rows rows, FeatureStatistics kept, boolean choosesThreshold) {
        double validation = train.split.validation;
        if (validation == 0) {
            return;
        }
        FeatureStatistics held = rows.statistics(train.split.stratifiedIfAsked(RowSelection.validation(validation, train.seed)));
        if (held.positives() + held.negatives() == 0 || kept.positives() + kept.negatives() == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a validation split of %s on %,d rows must leave at "
                    + "least one row for each side", ResumeCheck.plain(validation), rows.rows()));
        }
        String noPositives = choosesThreshold ? TrainingClasses.validationWithoutPositives(held.positives(), rows.classes().get(1),
                train.data, validation, train.split.stratify) : null;
        if (noPositives != null) {
            throw new IllegalArgumentException(noPositives);
        }
    }

    private ParameterException refused(String message) {
        return new ParameterException(train.spec.commandLine(), message);
    }

    /** When {@code file} was last written; null when it does not exist (or is no file). */
    private static FileTime lastModified(Path file) {
        try {
            return file == null ? null : Files.getLastModifiedTime(file);
        } catch (IOException absent) {
            return null;
        }
    }
}
