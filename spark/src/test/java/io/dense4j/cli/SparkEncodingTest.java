package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Model;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Windows-1252 file read on Spark with --encoding: every piece's text as one machine reads it. */
class SparkEncodingTest {
    @TempDir
    Path folder;

    @Test
    void aWindows1252FileIsReadInPiecesAsOnOneMachine() throws IOException {
        StringBuilder text = new StringBuilder("Stadt,Größe,Kauf\n");
        String[] cities = {"Köln", "München", "Zürich", "€-Zone"};
        for (int row = 0; row < 2_000; row++) {
            text.append(cities[row * 7 % 4]).append(',').append(row % 9).append(',').append((row * 7 % 4 + row % 9 / 5) % 2).append('\n');
        }
        Path data = Files.write(folder.resolve("staedte.csv"), text.toString().getBytes(Charset.forName("windows-1252")));
        Path alone = folder.resolve("alone.zip");
        Path spark = folder.resolve("spark.zip");
        String[] common = {"train", "--data", data.toString(), "--encoding", "windows-1252", "--epochs", "2", "--accept-worse-than-base-rate"};
        SparkTrainCommandTest.capture(0, with(common, "--cache-dir", folder.toString(), "--out", alone.toString()));
        SparkTrainCommandTest.capture(0, with(common, "--spark", "local[2]", "--partitions", "3", "--out", spark.toString()));
        Model read = Model.load(spark);
        assertEquals(java.util.List.of("Stadt", "Größe"), read.inputSchema().featureNames());
        assertTrue(read.inputSchema().categories().get("Stadt").values().containsAll(java.util.List.of(cities)),
                read.inputSchema().categories().toString());
        assertEquals(Model.load(alone).inputSchema().categories(), read.inputSchema().categories());
        assertEquals("windows-1252", read.trainingData().encoding());
        assertArrayEquals(Model.load(alone).parameters().toFloatVector(), read.parameters().toFloatVector(), 1e-5f);

        String[] refused = SparkTrainCommandTest.capture(1, "train", "--data", data.toString(), "--spark", "local[2]", "--partitions",
                "3", "--epochs", "1", "--out", folder.resolve("n.zip").toString());
        assertTrue(refused[1].contains("give --encoding windows-1252)"), refused[1]);
    }

    private static String[] with(String[] common, String... more) {
        String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return all;
    }
}
