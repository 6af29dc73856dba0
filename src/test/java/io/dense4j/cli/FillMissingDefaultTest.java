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
    void theNoteCountsWhatTheRowsHeldOutHadAndCvGivesItOnceWhereverTheGapFalls() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int r = 0; r < 60; r++) { // x blank in rows 50 to 54, which a validation split of 0.25 holds out or not
            csv.append(r >= 50 && r < 55 ? "" : String.valueOf(r % 7)).append(',').append(r % 5).append(',').append(r % 2).append('\n');
        }
        Path data = Files.writeString(folder.resolve("gaps.csv"), csv);
        Run split = Run.of("train", "--data", data.toString(), "--validation", "0.25", "--epochs", "1", "--accept-worse-than-base-rate",
                "--out", folder.resolve("m.zip").toString());
        assertEquals(0, split.exitCode(), split.err());
        String note = split.out().lines().filter(line -> line.startsWith("Note: missing numbers")).findFirst().orElseThrow(() ->
                new AssertionError("no note: " + split.out()));
        assertTrue(note.matches("Note: missing numbers, filled with the training rows' means \\(--no-fill-missing refuses them\\): "
                + "(none in the training rows, 5 in the rows held out|x in [1-4] of the [0-9]+ training rows \\([0-9.]+%\\); and [1-4] "
                + "in the rows held out|x in 5 of the [0-9]+ training rows \\([0-9.]+%\\))"), note);
        int inTraining = note.contains("none in") ? 0 : Integer.parseInt(note.replaceAll(".*: x in ([0-9]) of.*", "$1"));
        int heldOut = note.contains("held out") ? Integer.parseInt(note.replaceAll(".* ([0-9]) in the rows held out", "$1")) : 0;
        assertEquals(5, inTraining + heldOut, note);

        for (int gap : new int[] {0, 1, 2, 3}) { // one blank, in a row that cv's first fold trains on or holds out
            StringBuilder one = new StringBuilder("x,y,label\n");
            for (int r = 0; r < 12; r++) {
                one.append(r == gap ? "" : String.valueOf(r % 4)).append(',').append(r % 3).append(',').append(r % 2).append('\n');
            }
            Run cv = Run.of("cv", "--data", Files.writeString(folder.resolve("one" + gap + ".csv"), one).toString(), "--folds", "3",
                    "--epochs", "1", "--accept-worse-than-base-rate");
            assertEquals(0, cv.exitCode(), cv.err());
            assertEquals(1, cv.out().lines().filter(line -> line.startsWith("Note: missing numbers, filled")).count(), cv.out());
        }
    }

    @Test
    void predictNamesAColumnMissingInEveryRow() throws Exception {
        String data = rows().toString();
        Path model = folder.resolve("m.zip");
        assertEquals(0, Run.of("train", "--data", data, "--epochs", "2", "--out", model.toString()).exitCode());
        StringBuilder csv = new StringBuilder("a,b,c\n");
        for (int r = 0; r < 60; r++) { // b gone upstream; c blank in 3 rows
            csv.append(r % 5).append(",,").append(r % 20 == 7 ? "" : String.valueOf(r % 3)).append('\n');
        }
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", Files.writeString(folder.resolve("new.csv"), csv).toString(),
                "--out", folder.resolve("p.csv").toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        assertTrue(predicted.out().startsWith("Note: missing numbers, filled with the model's training means: b in 60 of the 60 rows "
                + "(100.0%), c in 3 (5.0%)\n"), predicted.out());

        Files.createDirectories(folder.resolve("parts"));
        Files.writeString(folder.resolve("parts/1.csv"), "a,b,c\n1,,2\n2,,3\n3,4,5\n"); // b's gaps in the first file, a's in the second
        Files.writeString(folder.resolve("parts/2.csv"), "a,b,c\n,1,2\n,2,3\n4,4,5\n");
        Run parts = Run.of("predict", "--model", model.toString(), "--data", folder.resolve("parts").toString(), "--out",
                folder.resolve("q.csv").toString());
        assertEquals(0, parts.exitCode(), parts.err());
        assertTrue(parts.out().startsWith("Note: missing numbers, filled with the model's training means: a in 2 of the 6 rows (33.3%), "
                + "b in 2 (33.3%)\n"), "equals in the model's column order, whichever file has its gaps first: " + parts.out());
    }

    @Test
    void aCacheServesBothWaysWhereNoNumberIsMissing() throws Exception {
        String data = rows().toString();
        Run filling = Run.of("train", "--data", data, "--epochs", "1", "--out", folder.resolve("f.zip").toString());
        assertTrue(filling.out().contains("cache: built"), filling.out());
        Run refusing = Run.of("train", "--data", data, "--no-fill-missing", "--epochs", "1", "--out", folder.resolve("r.zip").toString());
        assertTrue(refusing.out().contains("cache: reused"), "nothing to fill, nothing skipped: the same rows " + refusing.out());

        Path gaps = Files.writeString(folder.resolve("gaps.csv"), "a,b,label\n1,,0\n2,3,1\n3,4,0\n4,5,1\n");
        Run filled = Run.of("train", "--data", gaps.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--out",
                folder.resolve("g.zip").toString());
        assertEquals(0, filled.exitCode(), filled.err());
        Run refused = Run.of("train", "--data", gaps.toString(), "--no-fill-missing", "--epochs", "1", "--out",
                folder.resolve("h.zip").toString());
        assertEquals(1, refused.exitCode(), "a cache holding a filled gap is not the refusing run's: " + refused.out());
        assertTrue(refused.err().contains("line 2, column 2 (\"b\"): empty cell"), refused.err());
        Files.delete(Path.of(gaps + ".dense4j-cache"));
        Run skipping = Run.of("train", "--data", gaps.toString(), "--no-fill-missing", "--skip-bad-rows", "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", folder.resolve("s.zip").toString());
        assertTrue(skipping.err().contains("skipped 1 bad row of 4"), skipping.err());
        assertTrue(skipping.err().contains(", at line 2; the first: "), "one line, not lines: " + skipping.err());
        Run keeping = Run.of("train", "--data", gaps.toString(), "--skip-bad-rows", "--epochs", "1", "--accept-worse-than-base-rate",
                "--out", folder.resolve("k.zip").toString());
        assertTrue(keeping.out().contains("4 rows") && keeping.out().contains("cache: built"), "the skipped row is filled now: "
                + keeping.out());
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

        Path given = folder.resolve("given.zip");
        assertEquals(0, Run.of("train", "--data", data, "--epochs", "2", "--no-fill-missing=true", "--out", given.toString()).exitCode());
        Run givenSo = Run.of("verify", "--model", given.toString(), "--data", data);
        assertEquals(0, givenSo.exitCode(), "a line giving the flag a value is rerun as it is: " + givenSo.out() + givenSo.err());

        Path filling = folder.resolve("filling.zip");
        assertEquals(0, Run.of("train", "--data", data, "--epochs", "2", "--out", filling.toString()).exitCode());
        Run reproduced = Run.of("verify", "--model", filling.toString(), "--data", data);
        assertTrue(reproduced.out().endsWith("gave " + filling + "'s 4 parameters, 6 statistics and 3 fill means bit for bit\n"),
                reproduced.out());
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

    @Test
    void aResumedLineSaysHowItsModelFillsThoughItsCheckpointsLineDidNot() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int r = 0; r < 200; r++) {
            csv.append(r % 9 == 2 ? "" : String.valueOf(r % 7)).append(',').append(r % 5).append(',').append((r % 7 + r % 5) % 2).append('\n');
        }
        String data = Files.writeString(folder.resolve("gaps.csv"), csv).toString();
        Path checkpoint = folder.resolve("checkpoint.zip");
        assertEquals(0, Run.of("train", "--data", data, "--epochs", "2", "--accept-worse-than-base-rate", "--checkpoint",
                checkpoint.toString(), "--out", folder.resolve("first.zip").toString()).exitCode());
        Checkpoint written = Checkpoint.load(checkpoint);
        List<String> line = new ArrayList<>(written.model().trainingCommand().arguments());
        assertTrue(line.remove("--fill-missing"), line.toString()); // a line that does not say, though its model fills
        written.model().setTrainingCommand(new TrainingCommand(line, written.model().trainingCommand().parts(), true));
        written.save(checkpoint);

        Path resumed = folder.resolve("resumed.zip");
        Run going = Run.of("train", "--data", data, "--epochs", "4", "--accept-worse-than-base-rate", "--checkpoint",
                checkpoint.toString(), "--resume", "--out", resumed.toString());
        assertEquals(0, going.exitCode(), going.out() + going.err());
        assertTrue(going.out().contains("\nNote: missing numbers, filled with the training rows' means (--no-fill-missing refuses "
                + "them): a in 22 of the 200 training rows (11.0%)\n"), "rows 2, 11, …, 191: " + going.out());
        assertTrue(Model.load(resumed).trainingCommand().arguments().contains("--fill-missing"),
                Model.load(resumed).trainingCommand().toString());
        Run verified = Run.of("verify", "--model", resumed.toString(), "--data", data);
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
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
