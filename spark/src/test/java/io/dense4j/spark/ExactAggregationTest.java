package io.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.Dataset;
import io.dense4j.data.RowSelection;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.loss.ClassWeights;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.Adam;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.SGD;
import io.dense4j.train.Callback;
import io.dense4j.train.EarlyStopping;
import io.dense4j.train.EpochMetrics;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import io.dense4j.train.Trainer;
import io.dense4j.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Exact gradient aggregation on local[2] visits one machine's batches in one machine's order, so it
 * trains the weights one machine trains (float32, to 1e-5), at every batch size, shuffled or not.
 */
class ExactAggregationTest {
    @TempDir
    Path folder;

    @Test
    void fullBatchOnSevenPiecesMatchesOneMachine() throws IOException {
        TestRows rows = TestRows.xor(3_000, 4, 1);
        Path file = rows.write(folder.resolve("xor.csv"), 0, 3_000);
        FitOptions fit = FitOptions.builder().fullBatch().epochs(8).shuffle(false).build();

        Model single = model(new Adam(0.02));
        History expected = single.fit(Dataset.of(rows.x, rows.y, DataType.FLOAT), fit);

        Trainer distributed = new Trainer(model(new Adam(0.02)));
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(7))) {
            assertEquals(7, data.pieces());
            History history = new SparkTrainer(LocalSpark.session(), data).fit(distributed, fit, Synchronization.exact());
            assertEquals(expected.last().loss(), history.last().loss(), 1e-6);
            assertEquals(expected.last().accuracy(), history.last().accuracy(), 1e-12);
        }
        assertArrayEquals(single.parameters().toFloatVector(), distributed.model().parameters().toFloatVector(), 1e-5f);
        assertEquals(8, distributed.epochsTrained());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"1, 1", "7, 3", "64, 3", "150, 3"})
    void shuffledMiniBatchesFromThreeFilesMatchOneMachineOnTheRowsInFileOrder(int batch, int epochs) throws IOException {
        // three files of 100, 120 and 80 rows, one or two pieces each: one machine reads them as one file
        TestRows rows = TestRows.xor(300, 4, 2);
        rows.write(folder.resolve("part-0.csv"), 0, 100);
        rows.write(folder.resolve("part-1.csv"), 100, 220);
        rows.write(folder.resolve("part-2.csv"), 220, 300);
        Path whole = rows.write(folder.resolve("whole.csv"), 0, 300);
        FitOptions fit = FitOptions.builder().batchSize(batch).epochs(epochs).seed(13).validationSplit(0.2).build();

        Model single = model(new SGD(0.1, 0.9, false));
        History expected = single.fit(CsvSource.open(whole, CsvFormat.defaults(), CsvSource.Options.defaults()
                .withCacheDirectory(folder)), fit);

        Trainer distributed = new Trainer(model(new SGD(0.1, 0.9, false)));
        History history = SparkTrainer.train(LocalSpark.session(), SparkCsvSource.of(folder.resolve("part-*.csv").toString(),
                rows.columns()).withMinPartitions(4), distributed, fit, Synchronization.exact());
        assertArrayEquals(single.parameters().toFloatVector(), distributed.model().parameters().toFloatVector(), 1e-5f);
        assertEquals(expected.last().samples(), history.last().samples());
        assertEquals(expected.last().validationLoss(), history.last().validationLoss(), 1e-5);
        assertEquals(RowSelection.training(0.2, 13).count(300), history.last().samples());
        assertEquals(0, distributed.batchesInEpoch());
        assertEquals(epochs, distributed.epochsTrained());
    }

    @Test
    void classWeightsL2ClippingAndAScheduleTrainAsOnOneMachine() throws IOException {
        TestRows rows = TestRows.xor(600, 4, 5);
        Path file = rows.write(folder.resolve("weighted.csv"), 0, 600);
        FitOptions fit = FitOptions.builder().batchSize(64).epochs(2).seed(7).validationSplit(0.2)
                .callbacks(io.dense4j.train.LearningRateSchedule.step(0.5, 1)).build();
        CsvSource oneFile = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder));
        io.dense4j.data.FeatureStatistics counted = oneFile.statistics(RowSelection.training(0.2, 7));
        ClassWeights weights = ClassWeights.balanced(counted.negatives(), counted.positives());

        Model single = weighted(weights);
        History expected = single.fit(oneFile, fit);
        Trainer distributed = new Trainer(weighted(weights));
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(3))) {
            io.dense4j.data.FeatureStatistics onSpark = data.statistics(RowSelection.training(0.2, 7));
            assertEquals(counted.positives(), onSpark.positives());
            assertEquals(counted.negatives(), onSpark.negatives());
            History history = new SparkTrainer(LocalSpark.session(), data).fit(distributed, fit, Synchronization.exact());
            assertEquals(expected.last().loss(), history.last().loss(), 1e-5, "the weighted, penalized training loss");
            assertEquals(single.parameters().getDouble(0), distributed.model().parameters().getDouble(0), 1e-5);
        }
        assertArrayEquals(single.parameters().toFloatVector(), distributed.model().parameters().toFloatVector(), 1e-5f);
    }

    @Test
    void rowsWeightedByAColumnTrainAsOnOneMachine() throws IOException {
        TestRows rows = TestRows.xor(600, 4, 6);
        Path file = rows.writeWeighted(folder.resolve("row-weights.csv"), 0, 600);
        CsvFormat format = CsvFormat.defaults().withWeightColumn("w");
        FitOptions fit = FitOptions.builder().batchSize(32).epochs(2).seed(11).validationSplit(0.2).build();

        Model single = weighted(new ClassWeights(0.7, 1.6));
        History expected = single.fit(CsvSource.open(file, format, CsvSource.Options.defaults().withCacheDirectory(folder)), fit);
        Trainer distributed = new Trainer(weighted(new ClassWeights(0.7, 1.6)));
        java.util.List<String> columns = new ArrayList<>(rows.columns());
        columns.add(columns.size() - 1, "w");
        History history = SparkTrainer.train(LocalSpark.session(), SparkCsvSource.of(file.toString(), columns)
                .withFormat(format).withMinPartitions(3), distributed, fit, Synchronization.exact());
        assertEquals(expected.last().loss(), history.last().loss(), 1e-5, "the row-weighted training loss");
        assertEquals(expected.last().validationLoss(), history.last().validationLoss(), 1e-5);
        assertArrayEquals(single.parameters().toFloatVector(), distributed.model().parameters().toFloatVector(), 1e-5f);
    }

    private static Model weighted(ClassWeights weights) {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(4, new BinaryCrossEntropy().withClassWeights(weights).withL2(1e-3),
                        new SGD(0.1, 0.9, false).withClipNorm(0.5), CompileOptions.defaults().withSeed(3));
    }

    @Test
    void aValidationSplitHoldsOutTheRowsOneMachineHoldsOut() throws IOException {
        TestRows rows = TestRows.xor(2_000, 3, 3);
        Path file = rows.write(folder.resolve("split.csv"), 0, 2_000);
        FitOptions fit = FitOptions.builder().fullBatch().epochs(4).validationSplit(0.25).seed(11).build();

        Model single = model3(new SGD(0.5));
        History expected = single.fit(CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()), fit);
        Trainer distributed = new Trainer(model3(new SGD(0.5)));
        History history = SparkTrainer.train(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(3), distributed, fit, Synchronization.exact());
        assertArrayEquals(single.parameters().toFloatVector(), distributed.model().parameters().toFloatVector(), 1e-5f);
        assertEquals(expected.last().validationLoss(), history.last().validationLoss(), 1e-5);
        assertEquals(expected.last().samples(), history.last().samples());
        assertEquals(single.inputSchema(), distributed.model().inputSchema());
    }

    @Test
    void aStratifiedSplitHoldsOutTheRowsOneMachineHoldsOut() throws IOException {
        TestRows rows = TestRows.xor(2_000, 3, 6);
        Path file = rows.write(folder.resolve("stratified.csv"), 0, 2_000);
        FitOptions fit = FitOptions.builder().batchSize(100).epochs(2).validationSplit(0.25).stratified(true).seed(11).build();

        Model single = model3(new SGD(0.5));
        // from the cache: its shuffles are whole permutations, the order exact mode follows (a stream's buffer is not)
        CsvSource oneFile = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder));
        History expected = single.fit(oneFile, fit);
        Trainer distributed = new Trainer(model3(new SGD(0.5)));
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(4))) {
            History history = new SparkTrainer(LocalSpark.session(), data).fit(distributed, fit, Synchronization.exact());
            assertEquals(expected.last().samples(), history.last().samples(), "the same rows train");
            assertEquals(expected.last().validationLoss(), history.last().validationLoss(), 1e-5, "and the same are held out");
            var held = new SparkScoring(LocalSpark.session(), data).scores(distributed.model(), fit.validationRows());
            assertArrayEquals(single.scores(oneFile, fit.validationRows()).labels(), held.labels(), 0, "the same rows, in file order");
        }
        assertArrayEquals(single.parameters().toFloatVector(), distributed.model().parameters().toFloatVector(), 1e-5f);
    }

    @Test
    void theSameCallbacksHearTheSameEventsAsOnOneMachineAndEarlyStoppingStopsBoth() throws IOException {
        TestRows rows = TestRows.xor(400, 4, 4);
        Path file = rows.write(folder.resolve("events.csv"), 0, 400);
        List<String> local = new ArrayList<>();
        List<String> cluster = new ArrayList<>();
        EarlyStopping localStopping = new EarlyStopping(1, 0.05, true, true);
        EarlyStopping clusterStopping = new EarlyStopping(1, 0.05, true, true);
        FitOptions.Builder options = FitOptions.builder().batchSize(100).epochs(30).validationSplit(0.25).seed(3);

        Model single = model(new SGD(0.05));
        single.fit(CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder)),
                options.callbacks(new Recorder(local), localStopping).build());
        Trainer distributed = new Trainer(model(new SGD(0.05)));
        SparkTrainer.train(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns()).withMinPartitions(2),
                distributed, FitOptions.builder().batchSize(100).epochs(30).validationSplit(0.25).seed(3)
                        .callbacks(new Recorder(cluster), clusterStopping).build(), Synchronization.exact());

        assertEquals(local, cluster);
        assertEquals("train end, stopped early: true", local.get(local.size() - 1), "a minimum improvement of 0.05 stops both");
        assertEquals(localStopping.bestEpoch(), clusterStopping.bestEpoch());
        assertArrayEquals(single.parameters().toFloatVector(), distributed.model().parameters().toFloatVector(), 1e-5f);
    }

    /** A callback of the user's own: writes down what it hears. */
    private record Recorder(List<String> events) implements Callback {
        @Override
        public void onTrainBegin(TrainingRun run) {
            events.add("train begin at epoch " + run.firstEpoch() + " of " + run.epochs() + ", validation " + run.hasValidation());
        }

        @Override
        public void onEpochBegin(int epoch) {
            events.add("epoch " + epoch);
        }

        @Override
        public void onBatchEnd(int epoch, int batch, int batches, double loss) {
            events.add("batch " + batch + " of " + batches);
        }

        @Override
        public void onEpochEnd(EpochMetrics metrics) {
            events.add("epoch end " + metrics.epoch() + ", " + metrics.samples() + " samples");
        }

        @Override
        public void onTrainEnd(History history) {
            events.add("train end, stopped early: " + history.stoppedEarly());
        }
    }

    /**
     * An epoch whose last step takes the weights where no row has a finite loss is a divergence on
     * the cluster as on one machine, not a validation row outside the training range: the same
     * error, after the same epoch's last step.
     */
    @Test
    void aLastStepThatLeavesNoRowAFiniteLossIsADivergenceAsOnOneMachine() throws IOException {
        TestRows rows = TestRows.xor(300, 4, 2);
        Path file = rows.write(folder.resolve("xor.csv"), 0, 300);
        FitOptions fit = FitOptions.builder().fullBatch().epochs(3).seed(2).validationSplit(0.25).build(); // a step an epoch
        io.dense4j.train.TrainingDivergedException expected = org.junit.jupiter.api.Assertions.assertThrows(
                io.dense4j.train.TrainingDivergedException.class, () -> model(new SGD(1e5)).fit(CsvSource.open(file,
                        CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder)), fit));
        org.junit.jupiter.api.Assertions.assertTrue(expected.getMessage().startsWith("training diverged: after epoch 3's last step (1)"),
                expected.getMessage());
        io.dense4j.train.TrainingDivergedException distributed = org.junit.jupiter.api.Assertions.assertThrows(
                io.dense4j.train.TrainingDivergedException.class, () -> SparkTrainer.train(LocalSpark.session(),
                        SparkCsvSource.of(file.toString(), rows.columns()).withMinPartitions(3), new Trainer(model(new SGD(1e5))), fit,
                        Synchronization.exact()));
        assertEquals(expected.getMessage(), distributed.getMessage());
    }

    private static Model model(Optimizer optimizer) {
        return new Sequential(new Dense(16, new ReLU()), new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(4, new BinaryCrossEntropy(), optimizer, CompileOptions.defaults().withSeed(3));
    }

    private static Model model3(Optimizer optimizer) {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), optimizer, CompileOptions.defaults().withSeed(4));
    }
}
