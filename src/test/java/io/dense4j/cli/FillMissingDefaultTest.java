package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Checkpoint;
import io.dense4j.model.Model;
import io.dense4j.model.TrainingCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missing numbers are filled with the training means unless --no-fill-missing refuses them; a line
 * recorded before that was the default, which gives neither flag, is of a run that refused them.
 */
class FillMissingDefaultTest {
    @TempDir
    Path folder;

    @Test
    void trainNamesTheColumnsItFillsMostMissingFirstAndCvOnce() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,city,d,label\n");
        for (int r = 0; r < 40; r++) { // a: 2 of 40 missing, b: 10, city: categorical, its 4 missing cells a slot of their own
            csv.append(r % 20 == 3 ? "" : r % 7).append(',').append(r % 4 == 1 ? "NA" : String.valueOf(r % 5)).append(',')
                    .append(r % 10 == 0 ? "" : r % 3 == 0 ? "x" : "y").append(',').append(r).append(',').append(r % 2).append('\n');
        }
        Path data = Files.writeString(folder.resolve("gaps.csv"), csv);
        Run trained = Run.of("train", "--data", data.toString(), "--epochs", "2", "--accept-worse-than-base-rate", "--out",
                folder.resolve("m.zip").toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("\nNote: missing numbers, filled with the training rows' means (--no-fill-missing refuses "
                + "them): b in 10 of the 40 training rows (25.0%), a in 2 (5.0%)\n"), trained.out());
        assertNotNull(Model.load(folder.resolve("m.zip")).inputSchema().missingValueFill());

        Run cv = Run.of("cv", "--data", data.toString(), "--folds", "2", "--epochs", "1", "--accept-worse-than-base-rate");
        assertEquals(0, cv.exitCode(), cv.err());
        assertEquals(1, cv.out().split("Note: missing numbers, filled", -1).length - 1, cv.out());

        Run refused = Run.of("train", "--data", data.toString(), "--no-fill-missing", "--out", folder.resolve("r.zip").toString());
        assertEquals(1, refused.exitCode());
        assertEquals("dense4j: " + data + ", line 3, column 2 (\"b\"): \"NA\" is a missing value; expected a number (--fill-missing, "
                + "the default, trains a model that fills them with the training mean)\n", refused.err());
    }

    @Test
    void sharesAreNeverRoundedToNoneOrAll() {
        assertEquals("<0.1%", FilledNumbers.share(1, 2_000));
        assertEquals("0.1%", FilledNumbers.share(2, 2_000));
        assertEquals(">99.9%", FilledNumbers.share(1_999, 2_000));
        assertEquals("100.0%", FilledNumbers.share(5, 5));
        assertEquals("33.3%", FilledNumbers.share(1, 3));
    }

    /** 300 rows of 3 columns without a missing value. */
    private Path rows() throws Exception {
        return NoisySumRows.write(folder.resolve("rows.csv"), 300, 3, 1);
    }

    @Test
    void verifyRetrainsALineWithoutEitherFlagRefusingAsItsRunDid() throws Exception {
        String data = rows().toString();
        Path refusing = folder.resolve("refusing.zip");
        assertEquals(0, Run.of("train", "--data", data, "--no-fill-missing", "--epochs", "2", "--out", refusing.toString()).exitCode());
        Model model = Model.load(refusing);
        assertNull(model.inputSchema().missingValueFill());
        Path old = withLine(model, line -> line.remove("--no-fill-missing"), "old.zip"); // as a dense4j before the default wrote it
        Run verified = Run.of("verify", "--model", old.toString(), "--data", data);
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().startsWith("Retraining as recorded: dense4j train --epochs 2 --no-fill-missing --data "), verified.out());

        Path filling = folder.resolve("filling.zip");
        assertEquals(0, Run.of("train", "--data", data, "--epochs", "2", "--out", filling.toString()).exitCode());
        Model filled = Model.load(filling);
        assertTrue(filled.trainingCommand().arguments().contains("--fill-missing"), "written out: " + filled.trainingCommand());
        Path mislabelled = withLine(filled, line -> line.set(line.indexOf("--fill-missing"), "--no-fill-missing"), "mislabelled.zip");
        Run caught = Run.of("verify", "--model", mislabelled.toString(), "--data", data);
        assertEquals(1, caught.exitCode(), caught.out() + caught.err());
        assertTrue(caught.out().contains("\nNot reproduced: the retrained model refuses missing numbers, which the model fills\n"),
                "the weights agree; the fill is what differs: " + caught.out());
    }

    @Test
    void aResumeKeepsItsCheckpointsWayWhateverItsLineSays() throws Exception {
        String data = rows().toString();
        Path checkpoint = folder.resolve("checkpoint.zip");
        assertEquals(0, Run.of("train", "--data", data, "--no-fill-missing", "--epochs", "2", "--checkpoint", checkpoint.toString(),
                "--out", folder.resolve("first.zip").toString()).exitCode());
        Checkpoint written = Checkpoint.load(checkpoint);
        List<String> line = new ArrayList<>(written.model().trainingCommand().arguments());
        line.remove("--no-fill-missing"); // as a dense4j before the default wrote it
        written.model().setTrainingCommand(new TrainingCommand(line, written.model().trainingCommand().parts(), true));
        written.save(checkpoint);

        Run conflicting = Run.of("train", "--data", data, "--fill-missing", "--epochs", "4", "--checkpoint", checkpoint.toString(),
                "--resume", "--out", folder.resolve("no.zip").toString());
        assertEquals(2, conflicting.exitCode(), conflicting.out() + conflicting.err());
        assertTrue(conflicting.err().contains("--fill-missing; the checkpoint's model fills no missing number"), conflicting.err());
        assertFalse(Files.exists(folder.resolve("no.zip")));

        Path resumed = folder.resolve("resumed.zip");
        Run going = Run.of("train", "--data", data, "--epochs", "4", "--checkpoint", checkpoint.toString(), "--resume", "--out",
                resumed.toString());
        assertEquals(0, going.exitCode(), going.out() + going.err());
        Model model = Model.load(resumed);
        assertNull(model.inputSchema().missingValueFill(), "the checkpoint's model refuses them, and so does the rest of its run");
        Run verified = Run.of("verify", "--model", resumed.toString(), "--data", data);
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().lines().reduce((a, b) -> b).orElseThrow().startsWith("Reproduced: "), verified.out());
    }

    private Path withLine(Model model, java.util.function.Consumer<List<String>> edit, String name) throws Exception {
        List<String> line = new ArrayList<>(model.trainingCommand().arguments());
        edit.accept(line);
        model.setTrainingCommand(new TrainingCommand(line, model.trainingCommand().parts(), true));
        Path file = folder.resolve(name);
        model.save(file);
        return file;
    }
}
