package io.dense4j.train;

import io.dense4j.data.csv.CategoricalRows;
import io.dense4j.data.csv.ColumnKinds;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.RowSelection;
import io.dense4j.metrics.Scores;
import io.dense4j.model.Model;
import java.util.List;

/**
 * Training on a cluster, for {@code dense4j train --spark MASTER}: implemented by the dense4j-spark
 * module and found with {@link java.util.ServiceLoader} when it is on the classpath (the
 * {@code ./dense4j} launcher puts it there when {@code --spark} is given), so the core has no
 * cluster dependency. It runs the same callbacks as one machine.
 */
public interface ClusterTraining {

    /** What the caller learns of the rows once the cluster has read and checked them. */
    interface Rows extends CategoricalRows {
        int width();

        List<String> featureNames();

        /** The feature columns of dates, each read as its days since 1970-01-01. */
        List<String> dates();

        /** The number feature columns that count up by one, row by row, in a file's first rows, as a row number does. */
        List<String> rowNumbers();

        List<String> classes();

        /** The label column's header name, or null without a header. */
        String labelName();

        /** Missing numbers read in all the rows (filled, or the read would have stopped). */
        long missingValues();

        /** Feature statistics of the rows {@code selection} picks. */
        FeatureStatistics statistics(RowSelection selection);

        /**
         * The objective {@code model} has on the rows {@code selection} picks, scored on the
         * cluster: what {@link Model#objective(io.dense4j.data.BatchSource)} gives on one machine.
         */
        double objective(Model model, RowSelection selection);

        /** One line for the user: rows, pieces, labels, skipped rows. */
        String describe();

        /** What a model records of the files: their size, ends and number format (not the whole content's hash). */
        io.dense4j.model.TrainingData trainingData();
    }

    /**
     * What to train and how.
     *
     * @param master     the Spark master URL (local[2], spark://host:7077, yarn, …)
     * @param data       files: a path or glob on any filesystem Hadoop reads
     * @param kinds      which feature columns are categorical (declared, or found holding text in
     *                   any file's first rows)
     * @param mode       "exact" or "averaging"
     * @param localSteps optimizer steps per round in averaging mode
     * @param partitions at least this many pieces of the files
     * @param resumeFrom a trainer resumed from a checkpoint, or null for a new model
     * @param scoreValidation whether to bring the validation rows' probabilities and labels back to the driver, every row's
     *                        (to choose a threshold on)
     * @param positive   the label that is class 1, or null for the labels' own order
     */
    record Request(String master, String data, CsvFormat format, ColumnKinds kinds, boolean skipBadRows, boolean fillMissing, int partitions,
                   String mode, int localSteps, Trainer resumeFrom, boolean scoreValidation, String positive) {
    }

    /**
     * The driver's trainer (its model trained, its state and progress current), the history, and the
     * validation rows' scores when asked for (else null).
     */
    record Result(Trainer trainer, History history, Scores validation) {
    }

    /** The caller's part of a run, called on the driver while the cluster holds the rows. */
    interface Caller {
        /**
         * The model to train on {@code rows}: a new one, or when resuming the resumed trainer's,
         * once checked against them.
         */
        Model modelFor(Rows rows);

        /**
         * The fit, asked for once the model is made, when the training rows are counted: whether a
         * batch takes them all decides how early stopping and the base-rate check count its epochs.
         */
        FitOptions fitOptions();

        /** After the fit, before the rows are let go: a last pass over them the caller may judge the run by. */
        void trained(Rows rows, Model model, History history);
    }

    /** Reads the rows on the cluster, asks {@code caller} for the model to train on them, trains it, and tells the caller. */
    Result train(Request request, Caller caller);
}
