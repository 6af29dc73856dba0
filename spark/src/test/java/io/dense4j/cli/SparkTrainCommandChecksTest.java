package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.csv.Fingerprint;
import io.dense4j.model.Model;
import io.dense4j.model.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --spark} records and checks what one machine does: the files and how their numbers
 * were written, the data a resume goes on with, the validation split, and a folder's files.
 */
class SparkTrainCommandChecksTest {
    @TempDir
    Path folder;

    /** Incomes written as 62.302 (a point between thousands, a comma before decimals), semicolons between fields. */
    private Path incomes(String name, int seed) throws IOException {
        StringBuilder text = new StringBuilder("income;age;label\n");
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < 600; i++) {
            int income = 5_000 + random.nextInt(60_000);
            text.append(String.format(java.util.Locale.ROOT, "%d.%03d;%d,%d;%s%n", income / 1000, income % 1000, 20 + random.nextInt(50),
                    random.nextInt(10), income > 30_000 ? "yes" : "no"));
        }
        return Files.writeString(folder.resolve(name), text);
    }

    @Test
    void aSparkModelRecordsItsFilesAndTheirNumbersAndAResumeOnOtherDataIsRefused() throws IOException {
        Path data = incomes("incomes.csv", 1);
        Path model = folder.resolve("model.zip");
        Path checkpoint = folder.resolve("checkpoint.zip");
        SparkTrainCommandTest.capture(0, "train", "--data", data.toString(), "--delimiter", ";", "--decimal", ",", "--thousands", ".",
                "--epochs", "2", "--spark", "local[2]", "--checkpoint", checkpoint.toString(), "--out", model.toString());
        TrainingData recorded = Model.load(model).trainingData();
        Fingerprint print = Fingerprint.of(data);
        assertEquals(new TrainingData("incomes.csv", Files.size(data), print.headSha256(), print.tailSha256(), null, ',', '.'),
                recorded, "as one machine records it, without the whole content's hash");

        // 5,3 read with the decimal comma the model records, and 62.302 as 62302, as the model was trained, without the flags
        String evaluated = SparkTrainCommandTest.capture(0, "evaluate", "--model", model.toString(), "--data", data.toString(),
                "--delimiter", ";", "--json")[0];
        String told = SparkTrainCommandTest.capture(0, "evaluate", "--model", model.toString(), "--data", data.toString(),
                "--delimiter", ";", "--decimal", ",", "--thousands", ".", "--json")[0];
        assertEquals(told, evaluated);

        Path other = incomes("other.csv", 2);
        String resumed = SparkTrainCommandTest.capture(1, "train", "--data", other.toString(), "--delimiter", ";", "--decimal", ",",
                "--thousands", ".", "--epochs", "3", "--spark", "local[2]", "--checkpoint", checkpoint.toString(), "--resume", "--out",
                model.toString())[1];
        assertTrue(resumed.startsWith("dense4j: --resume: " + checkpoint + " was trained on incomes.csv ("), resumed);
        assertTrue(resumed.contains("holds other data (" + String.format(java.util.Locale.ROOT, "%,d", Files.size(other))
                + " bytes, SHA-256 of its ends "), resumed);
    }

    @Test
    void aFolderLeavesOutOneMachinesCachesAndASplitMustLeaveRowsOnBothSides() throws IOException {
        Path parts = Files.createDirectory(folder.resolve("parts"));
        Path data = Files.move(incomes("a.csv", 3), parts.resolve("a.csv"));
        SparkTrainCommandTest.capture(0, "train", "--data", data.toString(), "--delimiter", ";", "--decimal", ",", "--thousands", ".",
                "--epochs", "1", "--accept-worse-than-base-rate", "--out", folder.resolve("one.zip").toString());
        assertTrue(Files.exists(parts.resolve("a.csv.dense4j-cache")), "one machine keeps its cache beside the file");

        SparkTrainCommandTest.capture(0, "train", "--data", parts.toString(), "--delimiter", ";", "--decimal", ",", "--thousands", ".",
                "--epochs", "1", "--accept-worse-than-base-rate", "--spark", "local[2]", "--out", folder.resolve("spark.zip").toString());

        String split = SparkTrainCommandTest.capture(1, "train", "--data", parts.toString(), "--delimiter", ";", "--decimal", ",",
                "--thousands", ".", "--validation", "0.0001", "--spark", "local[2]", "--out", folder.resolve("split.zip").toString())[1];
        assertEquals("dense4j: a validation split of 1.0E-4 on 600 rows must leave at least one row for each side",
                split.strip().lines().reduce((first, second) -> second).orElse(""));

        String noHeader = SparkTrainCommandTest.capture(2, "train", "--data", parts.toString(), "--no-header", "--spark", "local[2]",
                "--out", folder.resolve("h.zip").toString())[1];
        assertTrue(noHeader.startsWith("dense4j: --no-header is for one machine"), noHeader);
    }
}
