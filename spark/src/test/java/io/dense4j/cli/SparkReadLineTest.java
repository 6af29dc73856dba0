package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line that reports the read counts the missing cells on Spark as on one machine: numbers and categorical cells. */
class SparkReadLineTest {
    @TempDir
    Path folder;

    @Test
    void missingCategoricalCellsAreCountedAsOnOneMachine() throws Exception {
        StringBuilder csv = new StringBuilder("x,plan,label\n");
        for (int row = 0; row < 2_000; row++) {
            csv.append(row % 10 == 0 ? "" : String.valueOf(row % 7)).append(',').append(row % 4 == 0 ? "" : row % 3 == 0 ? "basic" : "pro")
                    .append(',').append(row % 2).append('\n');
        }
        Path data = Files.writeString(folder.resolve("plans.csv"), csv);
        String expected = ", 700 missing values (500 in categorical columns)"; // 200 empty x, 500 empty plans
        String alone = SparkTrainCommandTest.capture(0, "train", "--data", data.toString(), "--epochs", "1", "--cache-dir",
                folder.toString(), "--accept-worse-than-base-rate", "--out", folder.resolve("a.zip").toString())[0];
        assertTrue(alone.contains(expected), alone);
        String onSpark = SparkTrainCommandTest.capture(0, "train", "--spark", "local[2]", "--partitions", "2", "--data", data.toString(),
                "--epochs", "1", "--accept-worse-than-base-rate", "--out", folder.resolve("s.zip").toString())[0];
        assertTrue(onSpark.contains(expected), onSpark);
    }
}
