package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A column of dates on Spark: found in the first rows on the driver, read as days on the executors, as on one machine. */
class SparkDatesTest {
    @TempDir
    Path folder;

    @Test
    void aDateColumnTrainsOnSparkAsOnOneMachine() throws Exception {
        StringBuilder csv = new StringBuilder("signup,plan,churn\n");
        java.util.Random random = new java.util.Random(4);
        for (int row = 0; row < 3_000; row++) {
            java.time.LocalDate day = java.time.LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1_000));
            csv.append(day).append(row % 4 == 0 ? " 12:30" : "").append(',').append(row % 3 == 0 ? "basic" : "pro").append(',')
                    .append(day.getYear() == 2022 ^ random.nextInt(8) == 0 ? "yes" : "no").append('\n');
        }
        Path data = Files.writeString(folder.resolve("customers.csv"), csv);
        String[] common = {"--data", data.toString(), "--epochs", "2", "--batch-size", "100", "--accept-worse-than-base-rate"};
        Path onSpark = folder.resolve("spark.zip");
        Path alone = folder.resolve("alone.zip");
        String out = SparkTrainCommandTest.capture(0, concat(new String[] {"train", "--spark", "local[2]", "--partitions", "3", "--out",
            onSpark.toString()}, common))[0];
        assertTrue(out.contains("Categorical columns (one-hot over their categories, other, missing): plan (2)"), out);
        SparkTrainCommandTest.capture(0, concat(new String[] {"train", "--cache-dir", folder.toString(), "--out", alone.toString()}, common));
        assertEquals(List.of("signup"), Model.load(onSpark).inputSchema().dates());
        assertEquals(Model.load(alone).inputSchema().dates(), Model.load(onSpark).inputSchema().dates());
        assertEquals(Model.load(alone).inputSchema().categories(), Model.load(onSpark).inputSchema().categories());
        assertArrayEquals(Model.load(alone).parameters().toFloatVector(), Model.load(onSpark).parameters().toFloatVector(), 1e-5f,
                "exact mode: the same days in every piece");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
