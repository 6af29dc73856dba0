package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Model;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train, evaluate and verify on a data set split into several files, named by a glob or a folder:
 * the same model, bit for bit, as from the one file they were cut from, and the set's provenance.
 */
class SeveralFilesCommandsTest {
    @TempDir
    Path folder;

    private Path whole;
    private Path parts;

    /** HMDA's training rows (text columns included) as one file and as three parts of it. */
    @BeforeEach
    void split() throws Exception {
        whole = folder.resolve("hmda.csv");
        Files.copy(Path.of(SeveralFilesCommandsTest.class.getResource("/data/hmda-train.csv").toURI()), whole);
        List<String> lines = Files.readAllLines(whole, StandardCharsets.UTF_8);
        parts = Files.createDirectories(folder.resolve("parts"));
        int[] ends = {500, 1200, lines.size() - 1};
        int from = 1;
        for (int k = 0; k < ends.length; k++) {
            List<String> part = new ArrayList<>(List.of(lines.get(0)));
            part.addAll(lines.subList(from, ends[k] + 1));
            Files.write(parts.resolve("part-" + k + ".csv"), part, StandardCharsets.UTF_8);
            from = ends[k] + 1;
        }
        Files.writeString(parts.resolve("_SUCCESS"), "");
    }

    private Run train(String data, Path model) {
        Run run = Run.of("train", "--data", data, "--out", model.toString(), "--epochs", "3", "--layers", "8", "--validation", "0.2",
                "--stratify", "--batch-size", "64", "--threads", "2");
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    @Test
    void aGlobTrainsTheModelItsConcatenationTrainsBitForBit() throws Exception {
        String glob = parts.resolve("part-*.csv").toString();
        Path fromParts = folder.resolve("parts.zip");
        Run run = train(glob, fromParts);
        assertTrue(run.out().contains("Read " + glob + " (3 files): 1,666 rows, 13 features"), run.out());
        assertTrue(run.out().contains("cache: 3 built (one per file, beside it or in " + parts + ")"), run.out());
        Path fromWhole = folder.resolve("whole.zip");
        train(whole.toString(), fromWhole);

        assertNull(VerifyCommand.differences(Model.load(fromWhole), Model.load(fromParts)),
                "the same rows in the same order, the same categories and statistics: the same weights");
        Run summary = Run.of("summary", "--model", fromParts.toString());
        assertTrue(summary.out().matches("(?s).*Trained on: part-\\*\\.csv \\(3 files\\) \\(" + String.format("%,d", Files.size(whole)
                + 2L * Files.readAllLines(whole).get(0).length() + 2) + " bytes, XXH3-128 [0-9a-f]{32}\\).*"), summary.out());

        Run verified = Run.of("verify", "--model", fromParts.toString(), "--data", glob);
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().contains("Reproduced: retraining on " + glob + " gave "), verified.out());
        Run elsewhere = Run.of("verify", "--model", fromParts.toString(), "--data", whole.toString());
        assertEquals(1, elsewhere.exitCode(), "one file is not the set of three, though it holds the same rows");
    }

    @Test
    void aFolderIsEvaluatedAsTheFileItWasCutFrom() {
        Path model = folder.resolve("model.zip");
        train(whole.toString(), model);
        Run onFolder = Run.of("evaluate", "--model", model.toString(), "--data", parts.toString(), "--json");
        Run onFile = Run.of("evaluate", "--model", model.toString(), "--data", whole.toString(), "--json");
        assertEquals(0, onFolder.exitCode(), onFolder.err());
        assertEquals(onFile.out(), onFolder.out());

        Path fromFolder = folder.resolve("folder-predictions.csv");
        Path fromFile = folder.resolve("file-predictions.csv");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", parts.toString(), "--out", fromFolder.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        assertTrue(predicted.out().contains("Wrote 1,666 predictions to " + fromFolder), predicted.out());
        Run.of("predict", "--model", model.toString(), "--data", whole.toString(), "--out", fromFile.toString());
        assertEquals(-1L, uncheckedMismatch(fromFile, fromFolder), "one header, then every file's rows in order");
    }

    private static long uncheckedMismatch(Path a, Path b) {
        try {
            return Files.mismatch(a, b);
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }
}
