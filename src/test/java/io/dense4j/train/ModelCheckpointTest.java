package io.dense4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Dataset;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.Adam;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/** A run stopped after any batch resumes from its last checkpoint and ends as the uninterrupted run: weights and metrics. */
class ModelCheckpointTest {
    private static final Synthetic DATA = Synthetic.generate(Teacher.XOR, 600, 3, 12);

    @TempDir
    Path folder;

    /** Batches of 50 of the training rows of 600 with 10% held out (about 11 an epoch). */
    private static final int BATCHES = (int) ((io.dense4j.data.RowSelection.training(0.1, 4).count(600) + 49) / 50);

    /** Every 5 batches, stopped in the middle of epoch 2; every epoch's worth of batches, stopped just after epoch 1's last. */
    @ParameterizedTest
    @CsvSource({"5, 2, 7", "0, 2, 1"})
    void aRunCheckpointedEveryFewBatchesResumesMidEpochAsIfNeverStopped(int everyOrEpoch, int crashEpoch, int crashBatch)
            throws IOException {
        int every = everyOrEpoch == 0 ? BATCHES : everyOrEpoch;
        Dataset rows = Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT);
        FitOptions.Builder options = FitOptions.builder().epochs(3).batchSize(50).validationSplit(0.1).seed(4);
        Trainer uninterrupted = new Trainer(model());
        History expected = uninterrupted.fit(rows, options.build());

        Path file = folder.resolve("checkpoint.zip");
        Callback crash = new Callback() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batches, double loss) {
                if (epoch == crashEpoch && batch == crashBatch) {
                    throw new IllegalStateException("crash");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> new Trainer(model()).fit(rows, FitOptions.builder().epochs(3)
                .batchSize(50).validationSplit(0.1).seed(4).callbacks(ModelCheckpoint.everyBatches(file, every), crash).build()));
        Checkpoint checkpoint = Checkpoint.load(file);
        int lastSaved = ((crashEpoch - 1) * BATCHES + crashBatch) / every * every; // the last multiple before the crash
        assertEquals((lastSaved - 1) / BATCHES, checkpoint.state().progress().epochs());
        assertEquals(lastSaved - BATCHES * ((lastSaved - 1) / BATCHES), checkpoint.state().progress().batches());

        Trainer resumed = Trainer.resume(file);
        History rest = resumed.fit(rows, FitOptions.builder().epochs(3).batchSize(50).validationSplit(0.1).seed(4).build());
        assertArrayEquals(uninterrupted.model().parameters().toFloatVector(), resumed.model().parameters().toFloatVector(), 0f);
        EpochMetrics last = expected.last();
        assertEquals(last, new EpochMetrics(rest.last().epoch(), rest.last().loss(), rest.last().accuracy(),
                rest.last().validationLoss(), rest.last().validationAccuracy(), rest.last().samples(), last.seconds()));
        EpochMetrics firstResumed = rest.epochs().get(0);
        EpochMetrics sameEpoch = expected.epochs().get(firstResumed.epoch() - 1);
        assertEquals(sameEpoch.loss(), firstResumed.loss(), 0.0, "the resumed epoch reports the whole epoch's loss");
        assertEquals(sameEpoch.samples(), firstResumed.samples());
    }

    /** A file's passes shuffle all rows at once from its cache, and through a buffer without one: other batches. */
    @org.junit.jupiter.api.Test
    void aRunTrainedFromTheCacheRefusesToResumeWithoutIt() throws IOException {
        Path csv = folder.resolve("xor.csv");
        Synthetic.writeCsv(csv, Teacher.XOR, 600, 3, 12);
        Path file = folder.resolve("checkpoint.zip");
        FitOptions.Builder options = FitOptions.builder().batchSize(50).seed(4);
        io.dense4j.data.csv.CsvFormat format = io.dense4j.data.csv.CsvFormat.defaults();
        new Trainer(model()).fit(io.dense4j.data.csv.CsvSource.open(csv, format, io.dense4j.data.csv.CsvSource.Options.defaults()),
                options.epochs(1).callbacks(ModelCheckpoint.everyEpochs(file, 1)).build());
        assertEquals(0, Checkpoint.load(file).state().batching().shuffleBuffer());
        io.dense4j.data.csv.CsvSource streamed = io.dense4j.data.csv.CsvSource.open(csv, format,
                io.dense4j.data.csv.CsvSource.Options.defaults().withoutCache());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(file).fit(streamed, FitOptions.builder().batchSize(50).seed(4).epochs(2).build()));
        assertTrue(refused.getMessage().contains("the options ask for rows shuffled through a buffer of 65536 rows (without a "
                + "cache), here all at once (from memory or a cache)"), refused.getMessage());
    }

    /** The rest of a run is of its own rows; the same rows under another name go on, as the command line's --resume does. */
    @org.junit.jupiter.api.Test
    void aRunResumedOnAnotherFileIsRefusedAndOnACopyOfItsOwnGoesOn() throws IOException {
        Path csv = folder.resolve("xor.csv");
        Synthetic.writeCsv(csv, Teacher.XOR, 600, 3, 12);
        Path other = folder.resolve("later.csv");
        Synthetic.writeCsv(other, Teacher.XOR, 600, 3, 13);
        Path copy = java.nio.file.Files.copy(csv, folder.resolve("copy.csv"));
        io.dense4j.data.csv.CsvFormat format = io.dense4j.data.csv.CsvFormat.defaults();
        io.dense4j.data.csv.CsvSource.Options read = io.dense4j.data.csv.CsvSource.Options.defaults();
        FitOptions.Builder options = FitOptions.builder().batchSize(50).seed(4);
        Path file = folder.resolve("checkpoint.zip");
        new Trainer(model()).fit(io.dense4j.data.csv.CsvSource.open(csv, format, read),
                FitOptions.builder().batchSize(50).seed(4).epochs(1).callbacks(ModelCheckpoint.everyEpochs(file, 1)).build());

        io.dense4j.data.csv.CsvSource later = io.dense4j.data.csv.CsvSource.open(other, format, read);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(file).fit(later, options.epochs(2).build()));
        String message = refused.getMessage();
        assertTrue(message.startsWith("this trainer goes on from a fit on xor.csv ("), message);
        assertTrue(message.contains("; later.csv ("), message);
        assertTrue(message.endsWith(" is other data: resume on the same rows, or train the checkpoint's model on these with a new "
                + "Trainer"), message);

        Trainer refusedFirst = Trainer.resume(file); // refused before the other file's means go into the model's schema
        io.dense4j.data.csv.CsvSource filling = io.dense4j.data.csv.CsvSource.open(other, format, read.fillingMissing());
        assertThrows(IllegalArgumentException.class, () -> refusedFirst.fit(filling, options.epochs(2).build()));
        assertEquals(null, refusedFirst.model().inputSchema().missingValueFill());

        Trainer resumed = Trainer.resume(file);
        resumed.fit(io.dense4j.data.csv.CsvSource.open(copy, format, read), options.epochs(2).build());
        assertEquals(2, resumed.epochsTrained());
        new Trainer(Checkpoint.load(file).model()).fit(later, options.epochs(1).build()); // a new fit of its weights on other rows
        resumed.fit(later, options.epochs(3).build()); // a trainer that has fit since may fit on other rows, as Keras's does

        // rows from memory: the model no longer records a file, so its checkpoints hold no resume to one file
        Trainer inMemory = Trainer.resume(file);
        inMemory.fit(Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT), options.epochs(2).build());
        assertEquals(null, inMemory.model().trainingData());
    }

    @org.junit.jupiter.api.Test
    void aRunStoppedMidEpochRefusesToResumeWithAnotherBatchSize() throws IOException {
        Dataset rows = Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT);
        Path file = checkpointOfARunStoppedMidEpoch(rows);
        Trainer resumed = Trainer.resume(file);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> resumed.fit(rows, FitOptions.builder().epochs(2).batchSize(64).build()));
        assertEquals("this trainer goes on from a fit with other batches: the options ask for batch size 64, here 50. Resume with "
                + "the options it was trained with, or train anew", refused.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aCheckpointWrittenBeforeBatchesWereRecordedStillRefusesBatchesThatCannotContinueIt() throws IOException {
        Dataset rows = Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT);
        Path file = checkpointOfARunStoppedMidEpoch(rows);
        Checkpoint written = Checkpoint.load(file);
        io.dense4j.model.TrainingState state = written.state();
        Checkpoint older = new Checkpoint(written.model(), new io.dense4j.model.TrainingState(state.progress(), state.optimizerSteps(),
                state.optimizerState())); // no batching, as checkpoints before it was recorded
        Trainer resumed = Trainer.resume(older, io.dense4j.runtime.ExecutionPolicy.forThisMachine());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> resumed.fit(rows, FitOptions.builder().epochs(2).batchSize(64).build()));
        assertEquals("the checkpoint stopped after 150 rows of an epoch, 3 batches, which batches of 64 of these 600 rows do not make: "
                + "resume with the batch size and rows it was trained with", refused.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aCheckpointRecordedStratifiedWithoutASplitResumesAsOneThatIsNot() throws IOException {
        Dataset rows = Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT);
        Path file = folder.resolve("checkpoint.zip");
        new Trainer(model()).fit(rows, FitOptions.builder().epochs(1).batchSize(50).callbacks(ModelCheckpoint.everyEpochs(file, 1))
                .build());
        Checkpoint written = Checkpoint.load(file);
        io.dense4j.model.TrainingState state = written.state();
        io.dense4j.model.TrainingState.Batching recorded = state.batching();
        // as builds before the split's absence was taken into account wrote it: stratified, with nothing to stratify
        Checkpoint older = new Checkpoint(written.model(), new io.dense4j.model.TrainingState(state.progress(), state.optimizerSteps(),
                state.optimizerState(), new io.dense4j.model.TrainingState.Batching(recorded.batchSize(), recorded.shuffle(),
                recorded.seed(), 0, true)));
        Trainer.resume(older, io.dense4j.runtime.ExecutionPolicy.forThisMachine()).fit(rows, FitOptions.builder().epochs(2).batchSize(50)
                .build());
    }

    @org.junit.jupiter.api.Test
    void aResumedFitKeepsTheCheckpointsSeedAndSplitWhileAFitThatWentOnMayChangeThem() throws IOException {
        Dataset rows = Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT);
        Path file = folder.resolve("checkpoint.zip");
        FitOptions first = FitOptions.builder().epochs(1).batchSize(50).seed(4).validationSplit(0.1)
                .callbacks(ModelCheckpoint.everyEpochs(file, 1)).build();
        Trainer trainer = new Trainer(model());
        trainer.fit(rows, first);
        assertEquals(first.batching().withShuffleBuffer(0).onCluster(io.dense4j.model.TrainingState.Batching.EXACT),
                Checkpoint.load(file).state().batching(),
                "the checkpoint records its batches, of rows in memory shuffled all at once");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Trainer.resume(file).fit(rows,
                FitOptions.builder().epochs(2).batchSize(50).seed(5).build()));
        assertEquals("this trainer goes on from a fit with other batches: the options ask for seed 5, here 4; validation split 0.0, "
                + "here 0.1. Resume with the options it was trained with, or train anew", refused.getMessage());
        Trainer.resume(file).fit(rows, FitOptions.builder().epochs(2).batchSize(50).seed(4).validationSplit(0.1).build());
        // in the same process, a trainer that has fit may go on with other options, as a Keras model's fit may
        trainer.fit(rows, FitOptions.builder().epochs(2).batchSize(64).seed(5).build());
        assertEquals(2, trainer.epochsTrained());
    }

    /** Every 3 epochs of 5, and of a run a callback stops after epoch 2: the file ends at the run's last epoch either way. */
    @org.junit.jupiter.api.Test
    void aRunsLastEpochIsCheckpointedWhereverItFalls() throws IOException {
        Dataset rows = Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT);
        Path file = folder.resolve("checkpoint.zip");
        new Trainer(model()).fit(rows, FitOptions.builder().epochs(5).batchSize(50).callbacks(ModelCheckpoint.everyEpochs(file, 3))
                .build());
        assertEquals(5, Checkpoint.load(file).state().progress().epochs());
        Callback stopAfterTwo = new Callback() {
            private TrainingRun run;

            @Override
            public void onTrainBegin(TrainingRun started) {
                run = started;
            }

            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                if (metrics.epoch() == 2) {
                    run.requestStop();
                }
            }
        };
        new Trainer(model()).fit(rows, FitOptions.builder().epochs(5).batchSize(50)
                .callbacks(stopAfterTwo, ModelCheckpoint.everyEpochs(file, 3)).build());
        assertEquals(2, Checkpoint.load(file).state().progress().epochs());
    }

    /** The checkpoint of a run in batches of 50 that crashed in epoch 1's batch 4, written after batch 3. */
    private Path checkpointOfARunStoppedMidEpoch(Dataset rows) {
        Path file = folder.resolve("checkpoint.zip");
        Callback crash = new Callback() {
            @Override
            public void onBatchEnd(int epoch, int batch, int batches, double loss) {
                if (batch == 4) {
                    throw new IllegalStateException("crash");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> new Trainer(model()).fit(rows, FitOptions.builder().epochs(2)
                .batchSize(50).callbacks(ModelCheckpoint.everyBatches(file, 3), crash).build()));
        return file;
    }

    private static Model model() {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), new Adam(0.01), CompileOptions.defaults().withSeed(6));
    }
}
