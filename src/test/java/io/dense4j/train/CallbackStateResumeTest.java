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
import io.dense4j.optim.SGD;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A run with early stopping or a plateau schedule, killed after any epoch and resumed from its
 * last checkpoint, ends as the uninterrupted run: the same weights to the bit, the same epoch
 * restored, and the same learning rate.
 */
class CallbackStateResumeTest {
    private static final Synthetic DATA = Synthetic.generate(Teacher.XOR, 120, 6, 3);
    private static final Dataset ROWS = Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT);

    @TempDir
    Path folder;

    /** A model that overfits 120 rows of XOR in 6 dimensions, so that the validation loss turns up and early stopping stops. */
    private static Model overfitting() {
        return new Sequential(new Dense(32, new ReLU()), new Dense(32, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(6, new BinaryCrossEntropy(), new Adam(0.03), CompileOptions.defaults().withSeed(5));
    }

    private static FitOptions options(int epochs, Callback... callbacks) {
        return FitOptions.builder().epochs(epochs).batchSize(16).validationSplit(0.3).seed(2).callbacks(callbacks).build();
    }

    /** A callback, listed first, that kills the fit once epoch {@code epoch} has ended: before the next begins. */
    private static Callback killedAfter(int epoch) {
        return new Callback() {
            @Override
            public void onEpochBegin(int begun) {
                if (begun == epoch + 1) {
                    throw new IllegalStateException("killed");
                }
            }
        };
    }

    @Test
    void aRunKilledAfterAnyEpochEndsWhereTheUninterruptedRunStoppedEarly() throws IOException {
        EarlyStopping stopping = EarlyStopping.onValidationLoss(3);
        Trainer uninterrupted = new Trainer(overfitting());
        History expected = uninterrupted.fit(ROWS, options(60, stopping));
        int stoppedAt = expected.last().epoch();
        assertTrue(expected.stoppedEarly() && stoppedAt < 60, "the run stops early: " + stoppedAt);
        assertTrue(expected.restoredEpoch() < stoppedAt - 1, "its best epoch lies a few before: " + expected.restoredEpoch());
        float[] weights = uninterrupted.model().parameters().toFloatVector();

        for (int killedAfter = 1; killedAfter <= stoppedAt; killedAfter++) {
            Path file = folder.resolve("checkpoint-" + killedAfter + ".zip");
            int after = killedAfter;
            Callback kill = new Callback() { // listed first: it dies before early stopping puts its best weights back
                @Override
                public void onEpochBegin(int epoch) {
                    if (epoch == after + 1) {
                        throw new IllegalStateException("killed");
                    }
                }

                @Override
                public void onTrainEnd(History history) {
                    throw new IllegalStateException("killed");
                }
            };
            assertThrows(IllegalStateException.class, () -> new Trainer(overfitting()).fit(ROWS,
                    options(60, kill, EarlyStopping.onValidationLoss(3), ModelCheckpoint.everyEpochs(file, 1))));
            assertEquals(killedAfter, Checkpoint.load(file).state().progress().epochs());

            Trainer resumed = Trainer.resume(file);
            History rest = resumed.fit(ROWS, options(60, EarlyStopping.onValidationLoss(3)));
            assertArrayEquals(weights, resumed.model().parameters().toFloatVector(), 0f, "killed after epoch " + killedAfter);
            assertEquals(expected.restoredEpoch(), rest.restoredEpoch(), "killed after epoch " + killedAfter);
            assertEquals(expected.ofWeights().validationLoss(), rest.ofWeights().validationLoss(), 0.0);
            assertTrue(rest.stoppedEarly());
            assertEquals(killedAfter == stoppedAt ? 0 : stoppedAt - killedAfter, rest.epochs().size(),
                    "killed after epoch " + killedAfter + ": the epochs left to the stop, and none after it");
            assertEquals(expected.ofWeights().epoch(), resumed.model().provenance().weightsEpoch());
        }
    }

    /** Killed after the checkpoint of the last epoch, before early stopping put its best weights back: resuming puts them back. */
    @Test
    void aRunKilledAfterItsLastEpochsCheckpointEndsWithTheBestWeights() throws IOException {
        int stoppedAt = new Trainer(overfitting()).fit(ROWS, options(60, EarlyStopping.onValidationLoss(3))).last().epoch();
        int epochs = stoppedAt - 1; // every epoch runs, and the best lies before the last
        Trainer uninterrupted = new Trainer(overfitting());
        History expected = uninterrupted.fit(ROWS, options(epochs, EarlyStopping.onValidationLoss(3)));
        assertTrue(!expected.stoppedEarly() && expected.restoredEpoch() < epochs, "best epoch " + expected.restoredEpoch());

        Path file = folder.resolve("checkpoint.zip");
        Callback kill = new Callback() {
            @Override
            public void onTrainEnd(History history) {
                throw new IllegalStateException("killed");
            }
        };
        assertThrows(IllegalStateException.class, () -> new Trainer(overfitting()).fit(ROWS,
                options(epochs, kill, EarlyStopping.onValidationLoss(3), ModelCheckpoint.everyEpochs(file, 1))));
        io.dense4j.model.Provenance written = Checkpoint.load(file).model().provenance();
        assertEquals(epochs, written.weightsEpoch(), "a checkpoint at an epoch's end records the epoch its weights are of");
        assertEquals(0.3, written.validationSplit(), 0.0);
        Trainer plain = Trainer.resume(file);
        assertTrue(plain.fit(ROWS, options(epochs)).epochs().isEmpty());
        assertEquals(written, plain.model().provenance(), "nothing left to train, no callback: the checkpoint's record stays");

        Trainer resumed = Trainer.resume(file);
        History rest = resumed.fit(ROWS, options(epochs, EarlyStopping.onValidationLoss(3)));
        assertTrue(rest.epochs().isEmpty() && !rest.stoppedEarly());
        assertEquals(expected.restoredEpoch(), rest.restoredEpoch());
        assertArrayEquals(uninterrupted.model().parameters().toFloatVector(), resumed.model().parameters().toFloatVector(), 0f);

        // an altered state is refused when the resumed fit starts, not after it trained
        io.dense4j.model.Checkpoint kept = Checkpoint.load(file);
        io.dense4j.model.CallbackState state = kept.state().callbacks().get(0);
        java.util.Map<String, Double> numbers = new java.util.HashMap<>(state.numbers());
        numbers.put("bestEpoch", 20.0 + epochs);
        io.dense4j.model.TrainingState s = kept.state();
        Path altered = folder.resolve("altered.zip");
        new Checkpoint(kept.model(), new io.dense4j.model.TrainingState(s.progress(), s.optimizerSteps(), s.optimizerState(),
                s.batching(), s.optimizer(), s.learningRate(), java.util.List.of(new io.dense4j.model.CallbackState(state.name(), numbers,
                state.weights())))).save(altered);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(altered).fit(ROWS, options(epochs + 5, EarlyStopping.onValidationLoss(3))));
        assertTrue(refused.getMessage().startsWith("the checkpoint's early stopping state cannot be after " + epochs + " epochs"),
                refused.getMessage());
    }

    /**
     * A full batch whose loss falls from above the base rate, slowly: the uninterrupted run warns of
     * no epoch, as each step still helps. Killed after any epoch and resumed, it says the same: its
     * check goes on from the last epoch's loss the checkpoint keeps, and so judges the next epoch as
     * falling, where a fresh check would warn of it.
     */
    @Test
    void aFullBatchsBaseRateCheckKilledAfterAnyEpochSaysWhatTheUninterruptedRunSays() throws IOException {
        Supplier<Model> model = () -> new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(6, new BinaryCrossEntropy(), new SGD(0.05), CompileOptions.defaults().withSeed(5));
        long positives = (long) DATA.labels().sumNumber().doubleValue();
        long negatives = DATA.labels().length() - positives;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        Supplier<BaseRateCheck> check = () -> {
            BaseRateCheck made = new BaseRateCheck(8, new java.io.PrintStream(said, true), "causes", true);
            made.expect(negatives, positives, io.dense4j.loss.ClassWeights.NONE);
            return made;
        };
        java.util.function.Function<Callback[], FitOptions> fullBatch = callbacks -> FitOptions.builder().epochs(8).fullBatch()
                .seed(2).callbacks(callbacks).build();
        BaseRateCheck uninterrupted = check.get();
        new Trainer(model.get()).fit(ROWS, fullBatch.apply(new Callback[] {uninterrupted}));
        assertTrue(uninterrupted.worseAtEnd(), "still above the base rate after 8 steps");
        assertEquals("", said.toString(), "a falling loss is training under way");

        for (int killedAfter = 1; killedAfter < 8; killedAfter++) {
            Path file = folder.resolve("full-" + killedAfter + ".zip");
            Callback kill = killedAfter(killedAfter);
            assertThrows(IllegalStateException.class, () -> new Trainer(model.get()).fit(ROWS, fullBatch.apply(new Callback[] {kill,
                check.get(), ModelCheckpoint.everyEpochs(file, 1)})));
            BaseRateCheck resumed = check.get();
            Trainer.resume(file).fit(ROWS, fullBatch.apply(new Callback[] {resumed}));
            assertEquals("", said.toString(), "killed after epoch " + killedAfter);
            assertEquals(uninterrupted.verdict(), resumed.verdict(), "killed after epoch " + killedAfter);
        }
        // a last epoch the checkpoint had not trained is refused as the file's damage
        io.dense4j.model.Checkpoint kept = Checkpoint.load(folder.resolve("full-3.zip"));
        io.dense4j.model.CallbackState state = kept.state().callbacks().get(0);
        assertEquals("BaseRateCheck", state.name());
        java.util.Map<String, Double> numbers = new java.util.HashMap<>(state.numbers());
        numbers.put("lastEpoch", 7.0);
        io.dense4j.model.TrainingState s = kept.state();
        Path altered = folder.resolve("altered.zip");
        new Checkpoint(kept.model(), new io.dense4j.model.TrainingState(s.progress(), s.optimizerSteps(), s.optimizerState(),
                s.batching(), s.optimizer(), s.learningRate(), java.util.List.of(new io.dense4j.model.CallbackState(state.name(), numbers,
                null)))).save(altered);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(altered).fit(ROWS, fullBatch.apply(new Callback[] {check.get()})));
        assertTrue(refused.getMessage().startsWith("the checkpoint's base-rate check cannot be after 3 epochs: warned 0.0, last epoch 7 "),
                refused.getMessage());
    }

    @Test
    void aLongerPatienceOnResumeGoesOnPastTheCheckpointsStop() throws IOException {
        Path file = folder.resolve("checkpoint.zip");
        History stopped = new Trainer(overfitting()).fit(ROWS, options(60, EarlyStopping.onValidationLoss(2),
                ModelCheckpoint.everyEpochs(file, 1)));
        int stoppedAt = stopped.last().epoch();
        Trainer patient = new Trainer(overfitting());
        History expected = patient.fit(ROWS, options(stoppedAt + 3, EarlyStopping.onValidationLoss(50)));

        Trainer resumed = Trainer.resume(file);
        History rest = resumed.fit(ROWS, options(stoppedAt + 3, EarlyStopping.onValidationLoss(50)));
        assertEquals(3, rest.epochs().size(), "a patience of 50 would not have stopped at epoch " + stoppedAt);
        assertEquals(expected.restoredEpoch(), rest.restoredEpoch());
        assertArrayEquals(patient.model().parameters().toFloatVector(), resumed.model().parameters().toFloatVector(), 0f);

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> Trainer.resume(file)
                .fit(ROWS, options(stoppedAt + 3, EarlyStopping.onTrainingLoss(50))));
        assertEquals("the checkpoint's early stopping watched the validation loss; this one watches the training loss",
                other.getMessage());
    }

    @Test
    void aPlateauScheduleResumesWithItsCountersAndItsLoweredRate() throws IOException {
        Supplier<Model> model = () -> new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(6, new BinaryCrossEntropy(), new SGD(2.0), CompileOptions.defaults().withSeed(5));
        Trainer uninterrupted = new Trainer(model.get());
        uninterrupted.fit(ROWS, options(14, new ReduceLearningRateOnPlateau(0.5, 2, 0)));
        double lowered = uninterrupted.learningRate();
        assertTrue(lowered <= 0.5, "a rate of 2 plateaus on 84 rows: lowered to " + lowered);
        float[] weights = uninterrupted.model().parameters().toFloatVector();

        for (int killedAfter = 1; killedAfter < 14; killedAfter++) {
            Path file = folder.resolve("checkpoint-" + killedAfter + ".zip");
            Callback kill = killedAfter(killedAfter);
            assertThrows(IllegalStateException.class, () -> new Trainer(model.get()).fit(ROWS, options(14, kill,
                    new ReduceLearningRateOnPlateau(0.5, 2, 0), ModelCheckpoint.everyEpochs(file, 1))));
            Trainer resumed = Trainer.resume(file);
            resumed.fit(ROWS, options(14, new ReduceLearningRateOnPlateau(0.5, 2, 0)));
            assertEquals(lowered, resumed.learningRate(), 0.0, "killed after epoch " + killedAfter);
            assertArrayEquals(weights, resumed.model().parameters().toFloatVector(), 0f, "killed after epoch " + killedAfter);
        }
    }
}
