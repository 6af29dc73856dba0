package io.dense4j.spark;

import io.dense4j.train.ClusterTraining;
import io.dense4j.train.Trainer;
import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.RowSelection;
import io.dense4j.metrics.Scores;
import io.dense4j.model.Model;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import io.dense4j.data.Categories;
import io.dense4j.data.csv.CategoryDictionary;
import java.util.List;
import java.util.Map;
import io.dense4j.data.SkippedRowsShare;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dense4j train --spark MASTER}: starts a Spark session at the master, loads the files, makes
 * the model the command's flags describe, trains it and stops the session. Found by the command
 * through {@link java.util.ServiceLoader}.
 *
 * <p>Executors get one OpenBLAS/OpenMP thread per task unless the Spark configuration says
 * otherwise. On a cluster (any master but local), the jars named by the system property
 * {@code dense4j.spark.jars} (the launcher sets it to dense4j's runtime classpath) go to the
 * executors with the job, and JavaCPP's off-heap limit is set to the executor's memory overhead
 * unless {@code spark.executor.extraJavaOptions} is given.
 */
public final class SparkClusterTraining implements ClusterTraining {
    /** Pieces at least, without --partitions: one per filesystem block of the files, and never fewer than this. */
    static final int DEFAULT_PARTITIONS = 2;

    @Override
    public Result train(Request request, Caller caller) {
        SparkConf conf = new SparkConf(true).setMaster(request.master()).setAppName("dense4j train " + request.data());
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        conf.setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        if (!request.master().startsWith("local")) {
            String jars = System.getProperty("dense4j.spark.jars");
            if (jars != null) {
                conf.setIfMissing("spark.jars", jars);
            }
            // ND4J's buffers live off the heap: cap them at the executor's memory overhead, so a model
            // too big for it fails with JavaCPP's clear error instead of the container being killed
            long executorMiB = conf.getSizeAsMb("spark.executor.memory", "1g");
            long overheadMiB = conf.getSizeAsMb("spark.executor.memoryOverhead", Math.max(384, executorMiB / 10) + "m");
            conf.setIfMissing("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.maxbytes=" + overheadMiB + "m");
        }
        boolean ours = SparkSession.getDefaultSession().isEmpty(); // a session the caller already runs is left running
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            // a fixed default, not the cluster's parallelism of the moment: the schedule (and so a resumed run) depends on the pieces
            int partitions = request.partitions() > 0 ? request.partitions() : DEFAULT_PARTITIONS;
            SparkCsvSource source = new SparkCsvSource(request.data(), List.of(), request.format(), request.skipBadRows(),
                    request.fillMissing(), partitions, request.positive());
            try (SparkCsvData data = SparkCsvData.load(spark, source, request.kinds())) {
                if (data.skippedRows() > 0) {
                    System.err.printf(Locale.ROOT, "dense4j: skipped %s, at %s%s%s%n", SkippedRowsShare.of(data.skippedRows(), data.rows()),
                            String.join(", ", data.firstSkippedRows()), data.skippedRows() > data.firstSkippedRows().size() ? ", …" : "",
                            data.firstSkippedProblem() == null ? "" : "; the first: " + data.firstSkippedProblem());
                }
                SparkTrainer sparkTrainer = new SparkTrainer(spark, data);
                SparkScoring scoring = new SparkScoring(spark, data);
                Rows rows = rows(data, scoring);
                Model model = caller.modelFor(rows); // when resuming, the resumed trainer's, checked against these rows
                Trainer trainer = request.resumeFrom() != null ? request.resumeFrom() : new Trainer(model);
                Synchronization sync = request.mode().equals("exact") ? Synchronization.exact()
                        : Synchronization.averaging(request.localSteps());
                FitOptions fit = caller.fitOptions();
                History history = sparkTrainer.fit(trainer, fit, sync);
                Scores validation = request.scoreValidation() && fit.validationSplit() > 0
                        ? scoring.scores(trainer.model(), fit.validationRows()) : null;
                caller.trained(rows, trainer.model(), history);
                return new Result(trainer, history, validation);
            }
        } finally {
            if (ours) {
                spark.stop();
            }
        }
    }

    private static Rows rows(SparkCsvData data, SparkScoring scoring) {
        return new Rows() {
            @Override
            public int width() {
                return data.width();
            }

            @Override
            public String name() {
                return data.source().path();
            }

            @Override
            public List<String> categoricalColumns() {
                return data.categoricalColumns();
            }

            @Override
            public Map<String, Categories> categories(int maxCategories, RowSelection selection) {
                return data.categories(maxCategories, selection);
            }

            @Override
            public CategoryDictionary categoryCounts(String name) {
                return data.categoryCounts(name);
            }

            @Override
            public Map<String, Long> unknownCategoryRows(Map<String, Categories> categories) {
                return data.unknownCategoryRows(categories);
            }

            @Override
            public List<String> featureNames() {
                return data.featureNames();
            }

            @Override
            public List<String> classes() {
                return data.classes();
            }

            @Override
            public String labelName() {
                return data.source().labelName();
            }

            @Override
            public long rows() {
                return data.rows();
            }

            @Override
            public long missingValues() {
                return data.missingValues();
            }

            @Override
            public FeatureStatistics statistics(RowSelection selection) {
                return data.statistics(selection);
            }

            @Override
            public double objective(Model model, RowSelection selection) {
                return scoring.objective(model, selection);
            }

            @Override
            public io.dense4j.model.TrainingData trainingData() {
                return data.trainingData();
            }

            @Override
            public List<String> dates() {
                return data.source().format().dates();
            }

            @Override
            public List<String> rowNumbers() {
                return data.rowNumberColumns();
            }

            @Override
            public String describe() {
                return String.format(Locale.ROOT, "Read %s on Spark: %,d rows in %d piece%s, %d feature%s%s, labels 0 = \"%s\", 1 = \"%s\"%s",
                        data.source().path(), data.rows(), data.pieces(), data.pieces() == 1 ? "" : "s", data.width(),
                        data.width() == 1 ? "" : "s",
                        data.categoricalColumns().isEmpty() ? ""
                                : " (" + data.categoricalColumns().size() + " categorical)", data.classes().get(0), data.classes().get(1),
                        io.dense4j.data.MissingCount.described(data.missingValues(), data.categoricalColumns().stream()
                                .mapToLong(name -> data.categoryCounts(name).missingRows()).sum()));
            }
        };
    }
}
