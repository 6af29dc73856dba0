package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Checkpoint;
import io.dense4j.model.Model;
import io.dense4j.model.TrainingCommand;
import io.dense4j.runtime.MachineKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training killed with SIGKILL mid-run and resumed from its checkpoint ends with the uninterrupted run's weights. */
class CheckpointResumeTest {
    private static final int EPOCHS = 20;

    private static List<String> trainArguments(Path data, Path out) {
        return List.of("train", "--data", data.toString(), "--layers", "32,32", "--optimizer", "adam", "--lr", "0.001",
                "--epochs", String.valueOf(EPOCHS), "--batch-size", "32", "--validation", "0.1", "--out", out.toString());
    }

    @Test
    void resumesAfterKillMinusNineWithTheSameFinalWeights(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("train.csv");
        assertEquals(0, Main.execute("generate", "--rows", "20000", "--features", "20", "--out", data.toString()));
        Path uninterrupted = folder.resolve("uninterrupted.zip");
        assertEquals(0, Main.execute(trainArguments(data, uninterrupted).toArray(String[]::new)));

        // A real child process, killed without warning once it has written its first checkpoint.
        Path checkpoint = folder.resolve("checkpoint.zip");
        Path interruptedOut = folder.resolve("interrupted.zip");
        List<String> command = new ArrayList<>(io.dense4j.io.ChildJvm.command(List.of(), Main.class));
        command.addAll(trainArguments(data, interruptedOut));
        command.addAll(List.of("--checkpoint", checkpoint.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the child must still be training when it is killed: " + Files.readString(folder.resolve("child.log")));
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by signal 9");
        assertFalse(Files.exists(interruptedOut), "the killed run never finished");
        int checkpointed = Checkpoint.load(checkpoint).state().progress().epochs();
        assertTrue(checkpointed >= 1 && checkpointed < EPOCHS, "checkpoint after epoch " + checkpointed);

        Path resumed = folder.resolve("resumed.zip");
        List<String> resume = new ArrayList<>(trainArguments(data, resumed));
        resume.addAll(List.of("--checkpoint", checkpoint.toString(), "--resume"));
        assertEquals(0, Main.execute(resume.toArray(String[]::new)));

        Model expected = Model.load(uninterrupted);
        Model actual = Model.load(resumed);
        assertEquals(EPOCHS, Checkpoint.load(resumed).state().progress().epochs());
        assertArrayEquals(expected.parameters().toFloatVector(), actual.parameters().toFloatVector(), 0f);
    }

    /**
     * A checkpoint whose run trained on another kind of machine resumes with a note that the last
     * bits will differ from a run that went on there, and its model names both kinds; one from
     * this kind of machine resumes without it.
     */
    @Test
    void aResumeOnAnotherKindOfMachineSaysSoAndNamesBoth(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("train.csv");
        assertEquals(0, Main.execute("generate", "--rows", "300", "--features", "4", "--out", data.toString()));
        Path checkpoint = folder.resolve("checkpoint.zip");
        Path out = folder.resolve("model.zip");
        java.util.function.IntFunction<String[]> train = epochs -> new String[] {"train", "--data", data.toString(), "--epochs",
                String.valueOf(epochs), "--checkpoint", checkpoint.toString(), "--resume", "--out", out.toString()};
        assertEquals(0, Run.of(train.apply(2)).exitCode());
        Run here = Run.of(train.apply(3));
        assertEquals(0, here.exitCode(), here.err());
        assertTrue(here.out().contains("Resuming from " + checkpoint + " after epoch 2 of 3"), here.out());
        assertFalse(here.out().contains("Note: the checkpoint's run trained on"), here.out());

        Checkpoint written = Checkpoint.load(checkpoint);
        TrainingCommand line = written.model().trainingCommand();
        MachineKind other = new MachineKind("MadeUpVendor family 99 model 99, AVX2", "0-no-such-jdk"); // no real machine's kind
        assertEquals(List.of(MachineKind.here()), line.machines());
        written.model().setTrainingCommand(new TrainingCommand(line.arguments(), line.parts(), line.ended(), line.resumedOtherwise(),
                List.of(other)));
        written.save(checkpoint);
        Run elsewhere = Run.of(train.apply(4));
        assertEquals(0, elsewhere.exitCode(), elsewhere.err());
        assertTrue(elsewhere.out().contains("\nNote: the checkpoint's run trained on MadeUpVendor family 99 model 99, AVX2, Java "
                + "0-no-such-jdk; this is " + MachineKind.here() + ": the run goes on, but OpenBLAS's matrix products add in another order "
                + "on another kind of CPU, and another JDK may round Math.exp otherwise, so its weights will differ in the last bits "
                + "from a run that went on there\n"), elsewhere.out());
        assertEquals(List.of(other, MachineKind.here()), Model.load(out).trainingCommand().machines());
        Run summary = Run.of("summary", "--model", out.toString());
        assertTrue(summary.out().contains("\nMachine: MadeUpVendor family 99 model 99, AVX2, Java 0-no-such-jdk, then " + MachineKind.here()
                + " (a rerun elsewhere may differ in the last bits)\n"), summary.out());
    }

    /** Killed after the checkpoint of the epoch early stopping stopped at, before the model was written: resuming writes it. */
    @Test
    void resumingARunThatHadStoppedEarlyWritesItsModelWithoutTrainingMore(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("train.csv");
        assertEquals(0, Main.execute("generate", "--rows", "300", "--features", "4", "--teacher", "xor", "--out", data.toString()));
        Path checkpoint = folder.resolve("checkpoint.zip");
        Path out = folder.resolve("model.zip");
        List<String> train = List.of("train", "--data", data.toString(), "--layers", "64,64", "--optimizer", "adam", "--lr", "0.05",
                "--epochs", "200", "--batch-size", "16", "--validation", "0.3", "--early-stopping", "2", "--checkpoint",
                checkpoint.toString(), "--out", out.toString());
        Run first = Run.of(train.toArray(String[]::new));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("Stopped early; restored the weights of epoch "), first.out());
        float[] weights = Model.load(out).parameters().toFloatVector();
        Files.delete(out);

        List<String> resume = new ArrayList<>(train);
        resume.addAll(List.of("--resume", "--plot", folder.resolve("plots").toString()));
        Run again = Run.of(resume.toArray(String[]::new));
        assertTrue(again.out().contains("Wrote no charts in " + folder.resolve("plots") + ": this run trained no epoch"), again.out());
        assertEquals(0, again.exitCode(), again.err());
        assertFalse(again.out().contains("start afresh"), again.out());
        assertFalse(again.out().contains("epoch " + (Checkpoint.load(checkpoint).state().progress().epochs() + 1) + "/"), again.out());
        assertTrue(again.out().contains("The checkpoint's run had stopped early, so there is nothing more to train; the model holds "
                + "the weights of epoch "), again.out());
        assertArrayEquals(weights, Model.load(out).parameters().toFloatVector(), 0f);
    }
}
