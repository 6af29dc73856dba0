package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the cut of a step fixed ({@code --parts}), the same seed trains the same weights, bit for
 * bit, whatever number of cores the JVM sees: each run is a real child JVM told it has 1, 2 or 3
 * processors ({@code -XX:ActiveProcessorCount}), so the execution policy gives it that many threads.
 */
class DeterminismAcrossCoresTest {
    @TempDir
    Path folder;

    /** 32: one part; 300 and 1,000: four parts, run on 1, 2 or 3 threads. */
    @ParameterizedTest
    @ValueSource(ints = {32, 300, 1_000})
    void theWeightsDoNotDependOnTheNumberOfCores(int batch) throws Exception {
        Path data = folder.resolve("train.csv");
        assertEquals(0, Main.execute("generate", "--rows", "6000", "--features", "20", "--teacher", "xor", "--out",
                data.toString()));
        List<float[]> weights = new ArrayList<>();
        for (int cores : new int[] {1, 2, 3}) {
            Path model = folder.resolve("model-" + cores + ".zip");
            train(cores, data, model, batch);
            weights.add(Model.load(model).parameters().toFloatVector());
        }
        assertArrayEquals(weights.get(0), weights.get(1), 0f, "1 core against 2");
        assertArrayEquals(weights.get(0), weights.get(2), 0f, "1 core against 3");
    }

    private void train(int cores, Path data, Path model, int batch) throws Exception {
        List<String> command = io.dense4j.io.ChildJvm.command(List.of("-XX:ActiveProcessorCount=" + cores), Main.class, "--verbose",
                "train", "--data", data.toString(), "--layers", "256,64", "--optimizer", "momentum", "--lr", "0.05", "--epochs", "2",
                "--batch-size", String.valueOf(batch), "--parts", "4", "--validation", "0.1", "--out", model.toString());
        Path log = folder.resolve("train-" + cores + ".log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child finishes");
        String output = Files.readString(log);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("Threads: " + cores + (cores == 1 ? " thread" : " threads") + " available"), output);
    }
}
