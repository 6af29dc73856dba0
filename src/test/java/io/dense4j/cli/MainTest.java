package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void exitsWithTwoOnBadUsage() {
        assertEquals(2, Main.execute("--no-such-option"));
        assertEquals(2, Main.execute("demo", "--rows", "5"));
        assertEquals(2, Main.execute("demo", "--rows", "many"));
    }

    @Test
    void demoTrainsBothModelsAndWritesTheirGraphs(@TempDir Path folder) throws Exception {
        Path out = folder.resolve("demo");
        assertEquals(0, Main.execute("demo", "--rows", "400", "--out", out.toString()));
        assertTrue(Files.readString(out.resolve("mlp.dot")).startsWith("digraph dense4j {"));
        assertTrue(Files.readString(out.resolve("mlp.txt")).contains("Total params: 1,185"));
        assertTrue(Files.exists(out.resolve("logistic-regression.dot")));
    }
}
