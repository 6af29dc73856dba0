package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.csv.Fingerprint;
import io.dense4j.model.Model;
import io.dense4j.model.TrainingData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private record Ran(int exitCode, String out, String err) {
    }

    private static Ran run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

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
        Ran trained = run("train", "--data", data.toString(), "--delimiter", ";", "--decimal", ",", "--thousands", ".", "--epochs", "2",
                "--spark", "local[2]", "--checkpoint", checkpoint.toString(), "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        TrainingData recorded = Model.load(model).trainingData();
        Fingerprint print = Fingerprint.of(data);
        assertEquals(new TrainingData("incomes.csv", Files.size(data), print.headSha256(), print.tailSha256(), null, ',', '.'),
                recorded, "as one machine records it, without the whole content's hash");

        Ran evaluated = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--delimiter", ";", "--json");
        assertEquals(0, evaluated.exitCode(), evaluated.err()); // 5,3 read with the decimal comma the model records
        Ran told = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--delimiter", ";", "--decimal", ",",
                "--thousands", ".", "--json");
        assertEquals(told.out(), evaluated.out(), "62.302 read as 62302, as the model was trained, without the flags");

        Path other = incomes("other.csv", 2);
        Ran resumed = run("train", "--data", other.toString(), "--delimiter", ";", "--decimal", ",", "--thousands", ".", "--epochs", "3",
                "--spark", "local[2]", "--checkpoint", checkpoint.toString(), "--resume", "--out", model.toString());
        assertEquals(1, resumed.exitCode(), resumed.out());
        assertTrue(resumed.err().startsWith("dense4j: --resume: " + checkpoint + " was trained on incomes.csv ("), resumed.err());
        assertTrue(resumed.err().contains("holds other data (" + String.format(java.util.Locale.ROOT, "%,d", Files.size(other))
                + " bytes, SHA-256 of its ends "), resumed.err());
    }

    @Test
    void aFolderLeavesOutOneMachinesCachesAndASplitMustLeaveRowsOnBothSides() throws IOException {
        Path parts = Files.createDirectory(folder.resolve("parts"));
        Path data = Files.move(incomes("a.csv", 3), parts.resolve("a.csv"));
        assertEquals(0, run("train", "--data", data.toString(), "--delimiter", ";", "--decimal", ",", "--thousands", ".", "--epochs",
                "1", "--accept-worse-than-base-rate", "--out", folder.resolve("one.zip").toString()).exitCode());
        assertTrue(Files.exists(parts.resolve("a.csv.dense4j-cache")), "one machine keeps its cache beside the file");

        Ran spark = run("train", "--data", parts.toString(), "--delimiter", ";", "--decimal", ",", "--thousands", ".", "--epochs", "1",
                "--accept-worse-than-base-rate", "--spark", "local[2]", "--out", folder.resolve("spark.zip").toString());
        assertEquals(0, spark.exitCode(), spark.err());

        Ran split = run("train", "--data", parts.toString(), "--delimiter", ";", "--decimal", ",", "--thousands", ".",
                "--validation", "0.0001", "--spark", "local[2]", "--out", folder.resolve("split.zip").toString());
        assertEquals(1, split.exitCode(), split.out());
        assertEquals("dense4j: a validation split of 1.0E-4 on 600 rows must leave at least one row for each side",
                split.err().strip().lines().reduce((first, second) -> second).orElse(""));

        Ran noHeader = run("train", "--data", parts.toString(), "--no-header", "--spark", "local[2]", "--out",
                folder.resolve("h.zip").toString());
        assertEquals(2, noHeader.exitCode());
        assertTrue(noHeader.err().startsWith("dense4j: --no-header is for one machine"), noHeader.err());
    }
}
