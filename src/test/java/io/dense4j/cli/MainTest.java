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
    void generateWritesTheRecipesCsv(@TempDir Path folder) throws Exception {
        Path out = folder.resolve("xor.csv");
        assertEquals(0, Main.execute("generate", "--rows", "3", "--features", "2", "--teacher", "xor", "--out", out.toString()));
        java.util.List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size());
        assertEquals("x1,x2,label", lines.get(0));
        for (String line : lines.subList(1, 4)) {
            String[] cells = line.split(",");
            float x1 = Float.parseFloat(cells[0]);
            float x2 = Float.parseFloat(cells[1]);
            assertEquals(x1 * x2 > 0 ? "1" : "0", cells[2], line); // the XOR teacher
        }
        assertEquals(2, Main.execute("generate", "--rows", "3", "--features", "2", "--teacher", "circles", "--out", out.toString()));
        assertEquals(2, Main.execute("generate", "--rows", "0", "--features", "2", "--out", out.toString()));
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
