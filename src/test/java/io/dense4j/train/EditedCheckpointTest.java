package io.dense4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Checkpoint;
import io.dense4j.model.ModelFileException;
import io.dense4j.model.ModelFileFuzzTest;
import io.dense4j.model.TrainingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edits {@link CheckpointFuzzTest} found a resumed fit blaming its own options for, or taking:
 * each is now refused when the checkpoint is read, in one line naming the file and the value. The
 * seed is that test's checkpoint, two batches of 16 rows into its third epoch.
 */
class EditedCheckpointTest {
    @TempDir
    Path folder;

    private static final String SEED = new String(CheckpointFuzzTest.ENTRIES.get(ModelFileFuzzTest.CONFIG), StandardCharsets.UTF_8);

    /** Asserts that the seed with {@code regex}'s first match replaced, as a hand edit would, is refused with {@code ending}. */
    private void assertRefused(String regex, String replacement, String ending) throws IOException {
        String message = refusal(regex, replacement);
        assertTrue(message.endsWith(ending), message);
    }

    /** The one-line error of the seed with {@code regex}'s first match replaced. */
    private String refusal(String regex, String replacement) throws IOException {
        String edited = SEED.replaceFirst(regex, replacement);
        assertNotEquals(SEED, edited, regex);
        Path file = folder.resolve("edited.zip");
        ModelFileFuzzTest.write(file, CheckpointFuzzTest.ENTRIES, edited.getBytes(StandardCharsets.UTF_8));
        String message = assertThrows(ModelFileException.class, () -> Checkpoint.load(file)).getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        assertFalse(message.contains("\n"), message);
        return message;
    }

    @Test
    void theSeedIsTwoBatchesIntoItsThirdEpoch() {
        assertTrue(SEED.contains("\"epochsTrained\" : 2,") && SEED.contains("\"batchesInEpoch\" : 2,")
                && SEED.contains("\"epochRows\" : 32,") && SEED.contains("\"batchSize\" : 16,"), SEED);
    }

    @Test
    void aBatchSizeBelowOneIsRefused() throws IOException {
        assertRefused("\"batchSize\" : 16", "\"batchSize\" : 0", "its training state's batching has batchSize 0, not a whole number >= 1");
    }

    @Test
    void rowsThatDoNotFillTheBatchesDoneAreRefused() throws IOException {
        String suffix = " of the epoch in progress";
        assertRefused("\"epochRows\" : 32,(\\s*)\"epochCorrect\" : [0-9]+", "\"epochRows\" : 16,$1\"epochCorrect\" : 10",
                "counts 16 rows in 2 batches of 16" + suffix);
        assertRefused("\"epochRows\" : 32", "\"epochRows\" : 33", "counts 33 rows in 2 batches of 16" + suffix);
        assertRefused("\"batchesInEpoch\" : 2", "\"batchesInEpoch\" : 0", "counts 32 rows in 0 batches of 16" + suffix);
        assertRefused("\"batchesInEpoch\" : 2", "\"batchesInEpoch\" : 31", "counts 32 rows in 31 batches of 16" + suffix);
        // the epoch's last batch may hold fewer: 17 rows are one full batch and one of a row
        String partial = SEED.replaceFirst("\"epochRows\" : 32", "\"epochRows\" : 17").replaceFirst("\"epochCorrect\" : [0-9]+",
                "\"epochCorrect\" : 10");
        Path file = folder.resolve("partial.zip");
        ModelFileFuzzTest.write(file, CheckpointFuzzTest.ENTRIES, partial.getBytes(StandardCharsets.UTF_8));
        assertEquals(17, Checkpoint.load(file).state().progress().rows());
    }

    @Test
    void aLossOverNoRowsIsRefused() throws IOException {
        String none = "\"batchesInEpoch\" : 0, \"epochLossSum\" : 2.5, \"epochRows\" : 0, \"epochCorrect\" : 0";
        assertRefused("\"batchesInEpoch\" : 2,[^}]*\"epochCorrect\" : [0-9]+", none, "its training state sums a loss of 2.5 over no rows of the epoch in progress");
    }

    @Test
    void aLearningRateOfZeroOrPastADoubleIsRefused() throws IOException {
        String rate = "(\"batching\" : \\{[^}]*\\},\\s*\"learningRate\" : )[0-9.Ee-]+"; // the training's, after the optimizer's
        assertRefused(rate, "$10", "its training state's learningRate is 0, not a finite number > 0");
        assertRefused(rate, "$11e400", "its training state's learningRate is \"Infinity\", not a finite number > 0");
    }

    /** What the reader refuses is not written: progress set by hand that the batches cannot hold, a learning rate of 0. */
    @Test
    void aStateNoReaderTakesIsNotWritten() throws IOException {
        Path seed = folder.resolve("seed.zip");
        ModelFileFuzzTest.write(seed, CheckpointFuzzTest.ENTRIES, SEED.getBytes(StandardCharsets.UTF_8));
        Trainer trainer = Trainer.resume(Checkpoint.load(seed), io.dense4j.runtime.ExecutionPolicy.ofThreads(1));
        trainer.setProgress(new TrainingState.Progress(2, 3, 1.5, 10, 5));
        Path file = folder.resolve("unreadable.zip");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> trainer.saveCheckpoint(file));
        assertEquals("nothing written to " + file + ": its training state counts 10 rows in 3 batches of 16 of the epoch in "
                + "progress", refused.getMessage());
        assertFalse(java.nio.file.Files.exists(file));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new TrainingState(
                TrainingState.Progress.START, 0, new double[0], null, null, 0.0, java.util.List.of()));
        assertEquals("a checkpoint's learning rate must be finite and > 0, got 0.0", zero.getMessage());
    }

    @Test
    void howTheStepsWereTakenIsOneOfTheRecordsARunWrites() throws IOException {
        assertRefused("\"cluster\" : \"exact steps\"", "\"cluster\" : \"\\\\nmodel.json\"", "its training state's batching has cluster \"\\nmodel.json\", not \"exact steps\", \"exact rounds on a "
                        + "cluster\" or \"averaging every 4 local steps over 2 pieces\" (any counts)");
        assertTrue(TrainingState.Batching.isStepsRecord(TrainingState.Batching.averaging(12, 300)));
        assertTrue(TrainingState.Batching.isStepsRecord(TrainingState.Batching.EXACT_ON_CLUSTER));
        assertFalse(TrainingState.Batching.isStepsRecord("averaging every 0 local steps over 2 pieces"));
        assertFalse(TrainingState.Batching.isStepsRecord(TrainingState.Batching.EXACT + " "));
    }
}
