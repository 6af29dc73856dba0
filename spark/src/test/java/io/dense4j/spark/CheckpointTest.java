package io.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.Adam;
import io.dense4j.train.Callback;
import io.dense4j.train.FitOptions;
import io.dense4j.train.ModelCheckpoint;
import io.dense4j.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints on Spark: a run stopped mid-epoch resumes from the last one and ends with the uninterrupted run's weights. */
class CheckpointTest {
    @TempDir
    Path folder;

    @Test
    void aRunStoppedInRoundSeventeenResumesFromRoundFourteen() throws IOException {
        TestRows rows = TestRows.xor(1_000, 4, 30);
        Path file = rows.write(folder.resolve("rows.csv"), 0, 1_000);
        Path checkpoint = folder.resolve("checkpoint.zip");
        FitOptions fit = FitOptions.builder().batchSize(100).epochs(3).seed(5)
                .callbacks(ModelCheckpoint.everyBatches(checkpoint, 7)).build(); // 10 rounds an epoch

        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(2))) {
            SparkTrainer spark = new SparkTrainer(LocalSpark.session(), data);
            Trainer uninterrupted = new Trainer(model());
            spark.fit(uninterrupted, FitOptions.builder().batchSize(100).epochs(3).seed(5).build(), Synchronization.exact());

            Callback crash = new Callback() {
                @Override
                public void onBatchEnd(int epoch, int round, int rounds, double loss) {
                    if (epoch == 2 && round == 7) {
                        throw new IllegalStateException("crash in round 17");
                    }
                }
            };
            FitOptions crashing = FitOptions.builder().batchSize(100).epochs(3).seed(5)
                    .callbacks(ModelCheckpoint.everyBatches(checkpoint, 7), crash).build();
            assertThrows(IllegalStateException.class, () -> spark.fit(new Trainer(model()), crashing, Synchronization.exact()));

            Trainer resumed = Trainer.resume(checkpoint);
            assertEquals(1, resumed.epochsTrained());
            assertEquals(4, resumed.batchesInEpoch(), "round 14 is the 4th of epoch 2");
            var history = spark.fit(resumed, fit, Synchronization.exact());
            assertEquals(2, history.epochs().size()); // the rest of epoch 2, then epoch 3
            assertEquals(3, resumed.epochsTrained());
            assertArrayEquals(uninterrupted.model().parameters().toFloatVector(), resumed.model().parameters().toFloatVector(), 1e-6f);
            var last = Checkpoint.load(checkpoint).state(); // round 28, the last multiple of 7: the 8th of epoch 3
            assertEquals(2, last.progress().epochs());
            assertEquals(8, last.progress().batches());
            assertEquals("exact rounds on a cluster", last.batching().cluster());
            assertEquals(0, last.batching().shuffleBuffer(), "the rows shuffled all at once, as from a cache");
        }
    }

    /** The checkpoint of a run's last epoch, resumed on Spark, ends that run: early stopping puts its best weights back. */
    @Test
    void aRunKilledAfterItsLastEpochEndsOnSparkWithTheBestWeights() throws IOException {
        TestRows rows = TestRows.xor(1_000, 4, 30);
        Path file = rows.write(folder.resolve("rows.csv"), 0, 1_000);
        io.dense4j.data.csv.CsvSource source = io.dense4j.data.csv.CsvSource.open(file, io.dense4j.data.csv.CsvFormat.defaults(),
                io.dense4j.data.csv.CsvSource.Options.defaults().withCacheDirectory(folder));
        Path checkpoint = folder.resolve("checkpoint.zip");
        FitOptions.Builder options = FitOptions.builder().batchSize(100).epochs(6).seed(5).validationSplit(0.2);
        Trainer uninterrupted = new Trainer(unsteady());
        var expected = uninterrupted.fit(source, options.callbacks(io.dense4j.train.EarlyStopping.onTrainingLoss(50)).build());
        assertTrue(expected.restoredEpoch() > 0 && expected.restoredEpoch() < 6, "the best epoch comes before the last: "
                + expected.restoredEpoch());
        Callback kill = new Callback() {
            @Override
            public void onTrainEnd(io.dense4j.train.History history) {
                throw new IllegalStateException("killed before the best weights were put back");
            }
        };
        assertThrows(IllegalStateException.class, () -> new Trainer(unsteady()).fit(source, FitOptions.builder().batchSize(100).epochs(6)
                .seed(5).validationSplit(0.2).callbacks(kill, io.dense4j.train.EarlyStopping.onTrainingLoss(50),
                        ModelCheckpoint.everyEpochs(checkpoint, 1)).build()));
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(2))) {
            Trainer resumed = Trainer.resume(checkpoint);
            var history = new SparkTrainer(LocalSpark.session(), data).fit(resumed, FitOptions.builder().batchSize(100).epochs(6).seed(5)
                    .validationSplit(0.2).callbacks(io.dense4j.train.EarlyStopping.onTrainingLoss(50)).build(), Synchronization.exact());
            assertTrue(history.epochs().isEmpty());
            assertEquals(expected.restoredEpoch(), history.restoredEpoch());
            assertArrayEquals(uninterrupted.model().parameters().toFloatVector(), resumed.model().parameters().toFloatVector(), 0f);
        }
    }

    /** Averaging's weights depend on its local steps and pieces: a resume with others is refused before it trains. */
    @Test
    void anAveragingRunRefusesToResumeWithOtherLocalStepsOrPieces() throws IOException {
        TestRows rows = TestRows.xor(1_000, 4, 30);
        Path file = rows.write(folder.resolve("rows.csv"), 0, 1_000);
        Path checkpoint = folder.resolve("checkpoint.zip");
        FitOptions one = FitOptions.builder().batchSize(100).epochs(1).seed(5).callbacks(ModelCheckpoint.everyEpochs(checkpoint, 1)).build();
        FitOptions two = FitOptions.builder().batchSize(100).epochs(2).seed(5).build();
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(2))) {
            new SparkTrainer(LocalSpark.session(), data).fit(new Trainer(model()), one, Synchronization.averaging(2));
            assertEquals("averaging every 2 local steps over 2 pieces", Checkpoint.load(checkpoint).state().batching().cluster());
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(LocalSpark.session(),
                    data).fit(Trainer.resume(checkpoint), two, Synchronization.averaging(4)));
            assertEquals("this trainer goes on from a fit with other batches: the options ask for training by averaging every 4 local "
                    + "steps over 2 pieces, here by averaging every 2 local steps over 2 pieces. Resume with the options it was trained "
                    + "with, or train anew", refused.getMessage());
            // nor on one machine, whose steps are exact
            IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, () -> Trainer.resume(checkpoint).fit(
                    io.dense4j.data.csv.CsvSource.open(file, io.dense4j.data.csv.CsvFormat.defaults(),
                            io.dense4j.data.csv.CsvSource.Options.defaults().withCacheDirectory(folder)), two));
            assertTrue(alone.getMessage().contains("training by exact steps, here by averaging every 2 local steps over 2 pieces"),
                    alone.getMessage());
            new SparkTrainer(LocalSpark.session(), data).fit(Trainer.resume(checkpoint), two, Synchronization.averaging(2));
        }
    }

    /**
     * A checkpoint that records no batches (as older ones) resumed with a batch size its rows do
     * not fit: the checkpoint is blamed, in one machine's words, not the trainer.
     */
    @Test
    void aCheckpointWithoutBatchesResumedWithOtherStepsIsBlamedAsOnOneMachine() throws IOException {
        TestRows rows = TestRows.xor(1_000, 4, 30);
        Path file = rows.write(folder.resolve("rows.csv"), 0, 1_000);
        Path checkpoint = folder.resolve("checkpoint.zip");
        Callback crash = new Callback() {
            @Override
            public void onBatchEnd(int epoch, int round, int rounds, double loss) {
                if (round == 5) {
                    throw new IllegalStateException("crash in round 5");
                }
            }
        };
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(2))) {
            SparkTrainer spark = new SparkTrainer(LocalSpark.session(), data);
            assertThrows(IllegalStateException.class, () -> spark.fit(new Trainer(model()), FitOptions.builder().batchSize(100)
                    .epochs(1).seed(5).callbacks(ModelCheckpoint.everyBatches(checkpoint, 3), crash).build(), Synchronization.exact()));
            Checkpoint written = Checkpoint.load(checkpoint);
            io.dense4j.model.TrainingState state = written.state();
            Checkpoint older = new Checkpoint(written.model(), new io.dense4j.model.TrainingState(state.progress(),
                    state.optimizerSteps(), state.optimizerState()));
            Trainer resumed = Trainer.resume(older, io.dense4j.runtime.ExecutionPolicy.forThisMachine());
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> spark.fit(resumed,
                    FitOptions.builder().batchSize(64).epochs(1).seed(5).build(), Synchronization.exact()));
            assertEquals("the checkpoint stopped after 300 rows of an epoch, 3 steps, which steps of 64 of these 1000 rows do not "
                    + "make: resume with the batch size, files and validation split it was trained with", refused.getMessage());
        }
    }

    /** A rate too high to settle: the training loss goes up and down, so the best epoch is not the last. */
    private static Model unsteady() {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(4, new BinaryCrossEntropy(), new Adam(3.0), CompileOptions.defaults().withSeed(6));
    }

    private static Model model() {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(4, new BinaryCrossEntropy(), new Adam(0.01), CompileOptions.defaults().withSeed(6));
    }
}
