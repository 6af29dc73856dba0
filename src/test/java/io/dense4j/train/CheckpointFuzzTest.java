package io.dense4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dense4j.data.Dataset;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.loss.ClassWeights;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.JsonEdits;
import io.dense4j.model.Model;
import io.dense4j.model.ModelFileException;
import io.dense4j.model.ModelFileFuzzTest;
import io.dense4j.model.Sequential;
import io.dense4j.optim.Adam;
import io.dense4j.runtime.ExecutionPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A checkpoint edited by hand (its {@code model.json}, with the {@code training} object a resumed
 * run starts from, the digest made to match): {@link Checkpoint#load} refuses it in one line naming
 * the file, or the resumed fit refuses it in one line saying the checkpoint is at fault (or what its
 * options ask that the checkpoint cannot give), or the fit trains on;
 * a run that diverges ends with its one-line error. Whatever a resumed run writes loads again and
 * holds no NaN.
 *
 * <p>The seed is a checkpoint written in the middle of an epoch by an Adam run with early stopping
 * (which keeps a copy of the weights), a plateau schedule and the base-rate check, each with state
 * to restore. A plain test run replays the kept inputs; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/reliability.md).
 */
public class CheckpointFuzzTest {
    private static final Synthetic DATA = Synthetic.generate(Teacher.XOR, 96, 4, 3);
    private static final Dataset ROWS = Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT);
    private static final int EPOCHS = 4;
    /** The seed checkpoint's entries (its {@code model.json} under {@link ModelFileFuzzTest#CONFIG}). */
    static final Map<String, byte[]> ENTRIES = ModelFileFuzzTest.entries(seed());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How a resumed fit refuses options that differ from its checkpoint's batches (the edit's, here). */
    private static final String OTHER_BATCHES = "this trainer goes on from a fit with other batches: ";
    /** How a resumed fit refuses to fit up to an epoch its checkpoint is past. */
    private static final String TRAINED = "this trainer has trained ";

    @FuzzTest(maxDuration = "5m")
    void resumesAnEditedCheckpointOrNamesTheProblem(FuzzedDataProvider data) throws IOException {
        JsonNode json = JSON.readTree(ENTRIES.get(ModelFileFuzzTest.CONFIG));
        for (int edits = data.consumeInt(1, 4); edits > 0; edits--) {
            JsonEdits.apply(json, data);
        }
        Path folder = Files.createTempDirectory("fuzz");
        try {
            resume(folder, JSON.writeValueAsBytes(json));
        } finally {
            for (Path file : new Path[] {folder.resolve("edited.zip"), folder.resolve("next.zip")}) {
                Files.deleteIfExists(file);
            }
            Files.delete(folder);
        }
    }

    /** The unedited seed resumes and trains to the end of its epochs, writing a checkpoint of them. */
    @Test
    void theSeedResumes() throws IOException {
        Path folder = Files.createTempDirectory("seed");
        try {
            assertEquals("trained", resume(folder, ENTRIES.get(ModelFileFuzzTest.CONFIG)));
            assertEquals(EPOCHS, Checkpoint.load(folder.resolve("next.zip")).state().progress().epochs());
        } finally {
            Files.delete(folder.resolve("edited.zip"));
            Files.delete(folder.resolve("next.zip"));
            Files.delete(folder);
        }
    }

    /**
     * Writes the edited checkpoint and resumes it; returns how it ended: "refused at load",
     * "refused" (by the fit, before or during it), "diverged" or "trained".
     */
    private static String resume(Path folder, byte[] json) throws IOException {
        Path file = folder.resolve("edited.zip");
        ModelFileFuzzTest.write(file, ENTRIES, json);
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.load(file);
        } catch (ModelFileException refused) {
            assertOneLine(refused);
            assertTrue(refused.getMessage().startsWith(file.toString()), "an error that does not name the file: " + refused.getMessage());
            return "refused at load";
        }
        Path next = folder.resolve("next.zip");
        String ended;
        try {
            Trainer trainer = Trainer.resume(checkpoint, ExecutionPolicy.ofThreads(1));
            trainer.fit(ROWS, options(ModelCheckpoint.everyEpochs(next, 1)));
            ended = "trained";
        } catch (TrainingDivergedException diverged) {
            assertOneLine(diverged);
            ended = "diverged";
        } catch (IllegalArgumentException | IllegalStateException refused) {
            assertOneLine(refused);
            String message = refused.getMessage();
            assertTrue(message.contains("checkpoint") || message.startsWith(OTHER_BATCHES) || message.startsWith(TRAINED),
                    "an error that does not say the checkpoint is at fault: " + message);
            ended = "refused";
        }
        if (Files.exists(next)) {
            Model written = Checkpoint.load(next).model();
            float[] weights = written.parameters().toFloatVector();
            for (float weight : weights) {
                assertTrue(Float.isFinite(weight), "a checkpoint written with a weight " + weight);
            }
        }
        return ended;
    }

    private static void assertOneLine(RuntimeException problem) {
        String message = problem.getMessage();
        assertTrue(message != null && !message.isBlank(), "an error without a message: " + problem);
        assertFalse(message.contains("\n") || message.contains("\r"), "an error of more than one line: " + message);
    }

    /** The seed's fit and the resumed one's: the same batches, callbacks and epochs, as a resume must give. */
    private static FitOptions options(Callback... more) {
        BaseRateCheck baseRate = new BaseRateCheck(EPOCHS, new PrintStream(new ByteArrayOutputStream(), true), "causes");
        long positives = (long) DATA.labels().sumNumber().doubleValue();
        baseRate.expect(DATA.labels().length() - positives, positives, ClassWeights.NONE);
        Callback[] callbacks = new Callback[3 + more.length];
        callbacks[0] = EarlyStopping.onValidationLoss(3);
        callbacks[1] = new ReduceLearningRateOnPlateau(0.5, 1, 1e-4);
        callbacks[2] = baseRate;
        System.arraycopy(more, 0, callbacks, 3, more.length);
        return FitOptions.builder().epochs(EPOCHS).batchSize(16).validationSplit(0.25).seed(2).callbacks(callbacks).build();
    }

    /** A checkpoint after two epochs and two batches of the third, written by a run killed in the batch after. */
    private static Path seed() {
        try {
            Path file = Files.createTempFile("checkpoint", ".zip");
            file.toFile().deleteOnExit();
            Model model = new Sequential(new Dense(6, new ReLU()), new Dense(1, new Sigmoid()))
                    .compile(4, new BinaryCrossEntropy(), new Adam(0.02), CompileOptions.defaults().withSeed(5));
            int batches = 2 * 5 + 2; // 72 training rows in batches of 16: 5 an epoch
            Callback kill = new Callback() {
                @Override
                public void onBatchEnd(int epoch, int batch, int batchesPerEpoch, double loss) {
                    if ((epoch - 1) * batchesPerEpoch + batch == batches + 1) { // checkpoints come after every other callback
                        throw new IllegalStateException("killed");
                    }
                }
            };
            IllegalStateException killed = assertThrows(IllegalStateException.class, () -> new Trainer(model, model.optimizer(),
                    ExecutionPolicy.ofThreads(1)).fit(ROWS, options(ModelCheckpoint.everyBatches(file, batches), kill)));
            assertEquals("killed", killed.getMessage());
            return file;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
