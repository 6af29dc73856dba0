package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Checkpoint;
import io.dense4j.model.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run resumed on Spark goes on with its checkpoint's --lr-schedule and --early-stopping, as one machine does (ResumedControlsTest). */
class SparkResumedControlsTest {
    @TempDir
    Path folder;

    private String[] train(Path data, int epochs, String out, String... more) {
        List<String> arguments = new ArrayList<>(List.of("train", "--data", data.toString(), "--epochs", String.valueOf(epochs),
                "--validation", "0.2", "--spark", "local[2]", "--out", folder.resolve(out).toString()));
        Collections.addAll(arguments, more);
        return arguments.toArray(String[]::new);
    }

    @Test
    void aResumeThatLeavesThemOutEndsWithTheUninterruptedRunsWeights() throws Exception {
        Path data = folder.resolve("rows.csv");
        SparkTrainCommandTest.capture(0, "generate", "--rows", "600", "--features", "4", "--out", data.toString());
        String checkpoint = folder.resolve("checkpoint.zip").toString();
        SparkTrainCommandTest.capture(0, train(data, 6, "whole.zip", "--lr-schedule", "step:0.5:1", "--early-stopping", "3"));
        SparkTrainCommandTest.capture(0, train(data, 2, "first.zip", "--lr-schedule", "step:0.5:1", "--early-stopping", "3",
                "--checkpoint", checkpoint));
        assertTrue(Checkpoint.load(Path.of(checkpoint)).model().trainingCommand().arguments().contains("step:0.5:1"),
                "a checkpoint written on Spark keeps the command line, for its resume");
        assertNull(Model.load(folder.resolve("first.zip")).trainingCommand(), "the model at the end keeps none: verify reruns on one machine");

        Path copy = java.nio.file.Files.copy(Path.of(checkpoint), folder.resolve("copy.zip"));
        String said = SparkTrainCommandTest.capture(0, train(data, 6, "resumed.zip", "--checkpoint", checkpoint, "--resume"))[0];
        assertTrue(said.contains("Resuming from " + checkpoint + " after epoch ") && said.contains(" of 6") && said.contains("(its model, optimizer and loss "
                + "are kept and its --lr-schedule step:0.5:1 and --early-stopping 3)"), said); // its last checkpoint: mid-epoch, a round's
        assertArrayEquals(Model.load(folder.resolve("whole.zip")).parameters().toFloatVector(),
                Model.load(folder.resolve("resumed.zip")).parameters().toFloatVector(), 0f);

        // on one machine: its checkpoints keep the line for the next resume, its model none (its weights are partly Spark's sums)
        String[] oneMachine = {"train", "--data", data.toString(), "--epochs", "4", "--checkpoint", copy.toString(), "--resume", "--out",
            folder.resolve("one.zip").toString()};
        said = SparkTrainCommandTest.capture(0, oneMachine)[0];
        assertTrue(said.contains("and its --lr-schedule step:0.5:1 and --early-stopping 3)"), said);
        assertTrue(Checkpoint.load(copy).model().trainingCommand().arguments().contains("step:0.5:1"));
        assertNull(Model.load(folder.resolve("one.zip")).trainingCommand());
    }
}
