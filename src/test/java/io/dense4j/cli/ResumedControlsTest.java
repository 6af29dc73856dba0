package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Checkpoint;
import io.dense4j.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resumed run goes on with its checkpoint's run's --lr-schedule and --early-stopping, given again or not. */
class ResumedControlsTest {
    @TempDir
    Path folder;

    /** 600 rows of 3 columns, the label a noisy threshold of their sum. */
    private Path rows() throws Exception {
        return NoisySumRows.write(folder.resolve("rows.csv"), 600, 11, 2);
    }

    private List<String> train(Path data, int epochs, String out, String... more) {
        List<String> arguments = new ArrayList<>(List.of("train", "--data", data.toString(), "--epochs", String.valueOf(epochs),
                "--validation", "0.2", "--out", folder.resolve(out).toString()));
        Collections.addAll(arguments, more);
        return arguments;
    }

    private static Run run(List<String> arguments) {
        return Run.of(arguments.toArray(String[]::new));
    }

    @Test
    void aResumeThatLeavesThemOutEndsWithTheUninterruptedRunsWeights() throws Exception {
        Path data = rows();
        String[] controls = {"--lr-schedule", "step:0.5:2", "--early-stopping", "3"};
        Run whole = run(train(data, 12, "whole.zip", controls));
        assertEquals(0, whole.exitCode(), whole.err());
        String checkpoint = folder.resolve("checkpoint.zip").toString();
        List<String> first = train(data, 4, "first.zip", controls);
        first.addAll(List.of("--checkpoint", checkpoint));
        assertEquals(0, run(first).exitCode());
        String summary = Run.of("summary", "--model", checkpoint).out();
        assertTrue(summary.contains("\nLearning rate in effect: 0.05 (a schedule moved it from the optimizer's 0.1)\n"),
                "epochs 3 and 4 step at 0.1 · 0.5: " + summary);
        assertTrue(summary.contains("\nEarly stopping: the best epoch so far is 4, on the validation loss\n"), summary);

        Run resumed = run(train(data, 12, "resumed.zip", "--checkpoint", checkpoint, "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Resuming from " + checkpoint + " after epoch 4 of 12 (its model, optimizer and loss are "
                + "kept and its --lr-schedule step:0.5:2 and --early-stopping 3)"), resumed.out());
        Model model = Model.load(folder.resolve("resumed.zip"));
        assertArrayEquals(Model.load(folder.resolve("whole.zip")).parameters().toFloatVector(), model.parameters().toFloatVector(), 0f,
                "a step decay halves the rate at epochs 2, 4, …: without it the resumed epochs would step at 0.1");
        List<String> line = model.trainingCommand().arguments();
        assertEquals(List.of("--lr-schedule", "step:0.5:2", "--early-stopping", "3"), line.subList(line.size() - 4, line.size()),
                "the recorded line writes out what the resume took, for verify to rerun");
        Run verified = Run.of("verify", "--model", folder.resolve("resumed.zip").toString(), "--data", data.toString());
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());

        Run sameAgain = run(train(data, 12, "again.zip", "--checkpoint", checkpoint, "--resume", "--lr-schedule", "STEP:0.50:2",
                "--early-stopping", "3"));
        assertEquals(0, sameAgain.exitCode(), "the same schedule, written otherwise: " + sameAgain.err());
        assertArrayEquals(model.parameters().toFloatVector(), Model.load(folder.resolve("again.zip")).parameters().toFloatVector(), 0f);
    }

    @Test
    void otherValuesChangeTheRunWhichSaysSoAndRecordsNoLine() throws Exception {
        Path data = rows();
        String checkpoint = folder.resolve("checkpoint.zip").toString();
        List<String> first = train(data, 2, "first.zip", "--lr-schedule", "plateau", "--early-stopping", "3");
        first.addAll(List.of("--checkpoint", checkpoint));
        assertEquals(0, run(first).exitCode());
        String[][] asked = {{"--early-stopping", "5"}, {"--lr-schedule", "constant"}, {"--lr-schedule", "plateau:0.5"}};
        String[] says = {"--early-stopping 5, where it had 3", "--lr-schedule constant, where it had plateau",
            "--lr-schedule plateau:0.5, where it had plateau"};
        for (int i = 0; i < asked.length; i++) {
            List<String> resume = train(data, 4, "changed.zip", "--checkpoint", folder.resolve("copy.zip").toString(), "--resume");
            Collections.addAll(resume, asked[i]);
            Files.copy(Path.of(checkpoint), folder.resolve("copy.zip"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Run changed = run(resume);
            assertEquals(0, changed.exitCode(), changed.err());
            assertTrue(changed.out().contains("Note: this run goes on otherwise than its checkpoint's run (" + says[i] + "), so it can "
                    + "end elsewhere, and the model records no command line for verify to rerun"), changed.out());
            assertNull(Model.load(folder.resolve("changed.zip")).trainingCommand(), "no run from scratch trains it");
        }
        // copy.zip now holds the checkpoint of a run that went on otherwise: a resume of it, given nothing, cannot be rerun either
        Run after = run(train(data, 5, "after.zip", "--checkpoint", folder.resolve("copy.zip").toString(), "--resume"));
        assertEquals(0, after.exitCode(), after.err());
        assertTrue(after.out().contains("Note: the checkpoint's run went on otherwise than the run it resumed, so the model records no "
                + "command line for verify to rerun"), after.out());
        assertNull(Model.load(folder.resolve("after.zip")).trainingCommand());

        Run same = run(train(data, 4, "plateau.zip", "--checkpoint", checkpoint, "--resume", "--lr-schedule", "plateau:0.1:10:0"));
        assertEquals(0, same.exitCode(), same.err());
        assertFalse(same.out().contains("otherwise"), "plateau's defaults written out are the same schedule: " + same.out());

        String cosine = folder.resolve("cosine.zip").toString();
        List<String> annealed = train(data, 3, "annealed.zip", "--lr-schedule", "cosine");
        annealed.addAll(List.of("--checkpoint", cosine));
        assertEquals(0, run(annealed).exitCode());
        Run longer = run(train(data, 5, "longer.zip", "--checkpoint", cosine, "--resume"));
        assertTrue(longer.out().contains("(--epochs 5 under a cosine schedule, which follows the run's last epoch, where it had 3)"),
                longer.out());
    }

    /** The shortest resume: the flags left out, the optimizer's and the batches' too, are the run's; one given again is checked alone. */
    @Test
    void everyFlagLeftOutIsTheCheckpointsRuns() throws Exception {
        Path data = rows();
        String checkpoint = folder.resolve("checkpoint.zip").toString();
        String[] flags = {"--optimizer", "momentum", "--lr", "0.01", "--clip-norm", "1", "--batch-size", "128", "--threads", "2",
            "--threshold-for", "f1"};
        assertEquals(0, run(train(data, 6, "whole.zip", flags)).exitCode());
        List<String> first = train(data, 3, "first.zip", flags);
        first.addAll(List.of("--checkpoint", checkpoint));
        assertEquals(0, run(first).exitCode());

        Run resumed = run(List.of("train", "--data", data.toString(), "--epochs", "6", "--checkpoint", checkpoint, "--resume", "--threads",
                "1", "--out", folder.resolve("resumed.zip").toString()));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("(its model, optimizer and loss are kept and its --threshold-for f1; its steps in 2 parts, as "
                + "its run cut them, for the same weights)"), resumed.out());
        Model whole = Model.load(folder.resolve("whole.zip"));
        Model model = Model.load(folder.resolve("resumed.zip"));
        assertArrayEquals(whole.parameters().toFloatVector(), model.parameters().toFloatVector(), 0f,
                "batches of 128 in 2 parts on 1 thread add as 2 threads did");
        assertEquals(whole.threshold(), model.threshold(), "chosen for F1 again");
        Run verified = Run.of("verify", "--model", folder.resolve("resumed.zip").toString(), "--data", data.toString());
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());

        Run clipped = run(List.of("train", "--data", data.toString(), "--epochs", "6", "--checkpoint", checkpoint, "--resume",
                "--clip-norm", "1", "--out", folder.resolve("again.zip").toString()));
        assertEquals(0, clipped.exitCode(), "the flag given again agrees with the run's optimizer: " + clipped.err());
        Run other = run(List.of("train", "--data", data.toString(), "--epochs", "6", "--checkpoint", checkpoint, "--resume",
                "--clip-norm", "2", "--out", folder.resolve("other.zip").toString()));
        assertEquals(2, other.exitCode());
        assertTrue(other.err().startsWith("dense4j: --resume keeps the checkpoint's model, optimizer, loss and batches, but --clip-norm "
                + "asks for SGD[learningRate=0.01, momentum=0.9, nesterov=false, clipNorm=2.0]; the checkpoint has SGD[learningRate=0.01, "
                + "momentum=0.9, nesterov=false, clipNorm=1.0]"), other.err());
    }

    /** Rerunning a killed run's command line without --resume would overwrite its progress. */
    @Test
    void aCheckpointOfAnUnfinishedRunIsNotOverwrittenWithoutResume() throws Exception {
        Path data = rows();
        Path checkpoint = folder.resolve("checkpoint.zip");
        List<String> first = train(data, 2, "first.zip", "--checkpoint", checkpoint.toString());
        assertEquals(0, run(first).exitCode());
        assertEquals(0, run(first).exitCode(), "a finished run's checkpoint is replaced by the same run again");
        Path sparseCheckpoint = folder.resolve("sparse.zip.ckpt");
        List<String> sparse = train(data, 5, "sparse.zip", "--checkpoint", sparseCheckpoint.toString(), "--checkpoint-every", "2");
        assertEquals(0, run(sparse).exitCode());
        assertEquals(5, Checkpoint.load(sparseCheckpoint).state().progress().epochs(), "written after the last epoch too");
        assertEquals(0, run(sparse).exitCode(), "a run that ended is replaced by the same run again");
        Checkpoint killed = Checkpoint.load(checkpoint); // as if killed after epoch 2 of 5
        List<String> arguments = new ArrayList<>(killed.model().trainingCommand().arguments());
        arguments.set(arguments.indexOf("--epochs") + 1, "5");
        killed.model().setTrainingCommand(new io.dense4j.model.TrainingCommand(arguments, 2, false));
        killed.save(checkpoint);
        byte[] before = Files.readAllBytes(checkpoint);

        Run again = run(train(data, 5, "again.zip", "--checkpoint", checkpoint.toString()));
        assertEquals(2, again.exitCode(), again.out());
        assertEquals("dense4j: --checkpoint " + checkpoint + " holds a run stopped after epoch 2 of 5: give --resume to go on from it, "
                + "or another --checkpoint file (or remove this one) to start anew", again.err().lines().findFirst().orElseThrow());
        assertArrayEquals(before, Files.readAllBytes(checkpoint), "left as it was");
        assertEquals(0, run(train(data, 5, "resumed.zip", "--checkpoint", checkpoint.toString(), "--resume")).exitCode());

        // killed within its last --checkpoint-every epochs: its checkpoint of epoch 4 of 5 has no later one to come
        List<String> lastStretch = train(data, 4, "stretch.zip", "--checkpoint", sparseCheckpoint.toString(), "--checkpoint-every", "2");
        assertEquals(0, run(lastStretch).exitCode());
        Checkpoint cut = Checkpoint.load(sparseCheckpoint);
        List<String> line = new ArrayList<>(cut.model().trainingCommand().arguments());
        line.set(line.indexOf("--epochs") + 1, "5");
        cut.model().setTrainingCommand(new io.dense4j.model.TrainingCommand(line, 2, false));
        cut.save(sparseCheckpoint);
        Run rerun = run(sparse);
        assertEquals(2, rerun.exitCode(), rerun.out());
        assertTrue(rerun.err().contains("holds a run stopped after epoch 4 of 5"), rerun.err());
    }

    /**
     * A run that diverged leaves a checkpoint whose resume would diverge at the same step: the error
     * says what it keeps, and the command line run anew (with a smaller penalty) may replace it.
     */
    @Test
    void aDivergedRunsCheckpointIsNoStoppedRunsToKeep() throws Exception {
        Path data = rows();
        String checkpoint = folder.resolve("checkpoint.zip").toString();
        // an L2 step of lr · λ = 2.2 flips and grows every weight by 1.2 a step, whatever the data: the loss overflows in epoch 16 or so
        Run diverged = run(train(data, 30, "model.zip", "--lr", "1", "--l2", "2.2", "--checkpoint", checkpoint));
        assertEquals(1, diverged.exitCode(), diverged.out());
        int kept = Checkpoint.load(Path.of(checkpoint)).state().progress().epochs();
        assertTrue(kept > 1 && kept < 30, "epoch " + kept);
        assertTrue(diverged.err().contains("; --checkpoint " + checkpoint + " keeps the weights of epoch " + kept + ", and a run anew "
                + "with the same --checkpoint replaces it\n"), diverged.err());
        Run anew = run(train(data, 3, "model.zip", "--lr", "1", "--l2", "0.01", "--checkpoint", checkpoint));
        assertEquals(0, anew.exitCode(), anew.err());
    }

    /** A resume keeps its log's lines up to the checkpoint and cuts the rest, which must be the killed run's own. */
    @Test
    void aResumeDoesNotCutAnotherRunsLog() throws Exception {
        Path data = rows();
        String checkpoint = folder.resolve("checkpoint.zip").toString();
        Path log = folder.resolve("run.csv");
        Path other = folder.resolve("other.csv");
        assertEquals(0, run(train(data, 6, "other.zip", "--log", other.toString())).exitCode());
        assertEquals(0, run(train(data, 2, "first.zip", "--log", log.toString(), "--checkpoint", checkpoint)).exitCode());
        byte[] before = Files.readAllBytes(other);

        Run cut = run(train(data, 4, "resumed.zip", "--log", other.toString(), "--checkpoint", checkpoint, "--resume"));
        assertEquals(2, cut.exitCode(), cut.out());
        assertEquals("dense4j: --log " + other + " holds epochs up to 6, but the run of " + checkpoint + " checkpointed after epoch 2 and "
                + "went at most 1 past it (--checkpoint-every 1): a resume would cut another run's log; give another --log, or the "
                + "--checkpoint-every of the run that wrote it",
                cut.err().lines().findFirst().orElseThrow());
        assertArrayEquals(before, Files.readAllBytes(other), "left as it was");
        assertEquals(0, run(train(data, 4, "resumed.zip", "--log", log.toString(), "--checkpoint", checkpoint, "--resume")).exitCode());
        assertEquals(5, Files.readAllLines(log).size(), "its header and epochs 1 to 4");

        // a run that wrote a checkpoint every 3 epochs logged up to 3 past its last: its own log, whatever this resume's flag
        Path sparse = folder.resolve("sparse.zip");
        Path sparseLog = folder.resolve("sparse.csv");
        assertEquals(0, run(train(data, 3, "three.zip", "--checkpoint", sparse.toString(), "--checkpoint-every", "3")).exitCode());
        Checkpoint killed = Checkpoint.load(sparse); // as if killed in epoch 6 of 6, its log written up to epoch 5
        List<String> line = new ArrayList<>(killed.model().trainingCommand().arguments());
        line.set(line.indexOf("--epochs") + 1, "6");
        killed.model().setTrainingCommand(new io.dense4j.model.TrainingCommand(line, 2, false));
        killed.save(sparse);
        assertEquals(0, run(train(data, 5, "five.zip", "--log", sparseLog.toString())).exitCode());
        Run own = run(train(data, 7, "seven.zip", "--log", sparseLog.toString(), "--checkpoint", sparse.toString(), "--checkpoint-every",
                "1", "--resume"));
        assertEquals(0, own.exitCode(), own.err());
        assertEquals(8, Files.readAllLines(sparseLog).size(), "epochs 1 to 3 kept, 4 to 7 logged again");
    }

    /**
     * A resume writes none of the files its run wrote unless given them again, as a resume of a
     * copy of the checkpoint, or of a finished run given more epochs, would write over them; it
     * names the ones it leaves.
     */
    @Test
    void aResumeLeavesItsRunsFilesAndNamesThem() throws Exception {
        Path data = rows();
        Path checkpoint = folder.resolve("checkpoint.zip");
        Path log = folder.resolve("run log.csv");
        Path plots = folder.resolve("plots");
        assertEquals(0, run(train(data, 2, "run.zip", "--log", log.toString(), "--plot", plots.toString(), "--checkpoint",
                checkpoint.toString())).exitCode());
        byte[] model = Files.readAllBytes(folder.resolve("run.zip"));
        byte[] logged = Files.readAllBytes(log);
        Path copy = Files.copy(checkpoint, folder.resolve("copy.zip"));

        Run resumed = Run.of("train", "--data", data.toString(), "--checkpoint", copy.toString(), "--resume", "--epochs", "4", "--out",
                folder.resolve("longer.zip").toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("\nNote: its run wrote --log '" + log + "' and --plot " + plots + ", which a resume does not "
                + "take, as a copy of the checkpoint would write over them: give them to write there\n"), resumed.out());
        assertArrayEquals(logged, Files.readAllBytes(log), "the run's log as it was");
        assertArrayEquals(model, Files.readAllBytes(folder.resolve("run.zip")));
        assertEquals(4, Model.load(folder.resolve("longer.zip")).provenance().epochs());
    }

    @Test
    void aResumeFromACheckpointNotYetWrittenSaysItStartsAfresh() throws Exception {
        Path data = rows();
        Path checkpoint = folder.resolve("checkpoint.zip");
        Run fresh = run(train(data, 2, "model.zip", "--checkpoint", checkpoint.toString(), "--resume"));
        assertEquals(0, fresh.exitCode(), fresh.err());
        assertTrue(fresh.out().startsWith("Note: " + checkpoint + " does not exist yet, so this run starts afresh; --resume goes on from "
                + "it once written\n"), fresh.out());
        Run done = run(train(data, 2, "model.zip", "--checkpoint", checkpoint.toString(), "--resume"));
        assertEquals(0, done.exitCode(), done.err());
        assertTrue(done.out().contains("The checkpoint has trained the 2 epochs this run asks for, so there is nothing more to train"),
                done.out());
    }

    /** A checkpoint without a command line (an older one, or one written from Java) that keeps early stopping's counters cannot say its patience. */
    @Test
    void aCheckpointWithoutALineNeedsTheFlagsWhoseCountersItKeeps() throws Exception {
        Path data = rows();
        Path checkpoint = folder.resolve("checkpoint.zip");
        List<String> first = train(data, 2, "first.zip", "--lr-schedule", "plateau:0.5:2", "--early-stopping", "3");
        first.addAll(List.of("--checkpoint", checkpoint.toString()));
        assertEquals(0, run(first).exitCode());
        Checkpoint kept = Checkpoint.load(checkpoint);
        kept.model().setTrainingCommand(null);
        kept.save(checkpoint);

        Run refused = run(train(data, 4, "resumed.zip", "--checkpoint", checkpoint.toString(), "--resume"));
        assertEquals(2, refused.exitCode(), refused.out());
        assertEquals("dense4j: --resume keeps the checkpoint's model, optimizer, loss and batches, but no --early-stopping; the "
                + "checkpoint keeps the counters of the early stopping its run had, and records no command line to take its patience "
                + "from; and no --lr-schedule; the checkpoint keeps the counters of the plateau schedule its run had, and records no "
                + "command line to take it from. Give the checkpoint's flags, or train anew without --resume",
                refused.err().lines().findFirst().orElseThrow());
        Run given = run(train(data, 4, "resumed.zip", "--checkpoint", checkpoint.toString(), "--resume", "--lr-schedule",
                "plateau:0.5:2", "--early-stopping", "3"));
        assertEquals(0, given.exitCode(), given.err());
    }

    @Test
    void aScheduleWrittenOtherwiseIsTheSameSchedule() {
        assertEquals("plateau:0.1:10:0", ScheduleOption.canonical("plateau"));
        assertEquals("plateau:0.1:10:0", ScheduleOption.canonical(" Plateau:0.10:10 "));
        assertEquals("step:0.5:2", ScheduleOption.canonical("step:5e-1:2"));
        assertEquals("cosine:0:0", ScheduleOption.canonical("cosine"));
        assertEquals("cosine:1.5:0.0001", ScheduleOption.canonical("cosine:1.5:1e-4"));
        assertEquals("exponential:0.9", ScheduleOption.canonical("exponential:0.9"));
        assertEquals("constant", ScheduleOption.canonical("CONSTANT"));
    }
}
