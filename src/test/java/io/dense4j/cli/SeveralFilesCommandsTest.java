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
    void aGlobTheShellExpandedIsAUsageErrorThatSaysToQuoteIt() {
        // what an unquoted --data parts/part-*.csv becomes: the files, the first of them the option's value
        Run expanded = Run.of("train", "--data", parts.resolve("part-0.csv").toString(), parts.resolve("part-1.csv").toString(),
                parts.resolve("part-2.csv").toString(), "--out", folder.resolve("m.zip").toString());
        assertEquals(2, expanded.exitCode());
        assertEquals("dense4j: Unmatched arguments from index 3: '" + parts.resolve("part-1.csv") + "', '" + parts.resolve("part-2.csv")
                + "' (files the shell expanded from a glob? quote the glob, so that dense4j reads every file it matches, or give their "
                + "folder: --data " + parts + ")", expanded.err().lines().findFirst().orElseThrow());
        Run models = Run.of("evaluate", "--model", parts.resolve("part-0.csv").toString(), parts.resolve("part-1.csv").toString(),
                "--data", whole.toString());
        assertEquals("dense4j: Unmatched argument at index 3: '" + parts.resolve("part-1.csv") + "' (files the shell expanded from a "
                + "glob? --model takes one file)", models.err().lines().findFirst().orElseThrow());
        Run joined = Run.of("train", "--data=" + parts.resolve("part-0.csv"), parts.resolve("part-1.csv").toString());
        assertTrue(joined.err().lines().findFirst().orElseThrow().endsWith("or give their folder: --data " + parts + ")"), joined.err());
        Run afterAnother = Run.of("train", "--data", whole.toString(), "--epochs", "5", parts.resolve("part-1.csv").toString());
        assertEquals("dense4j: Unmatched argument at index 5: '" + parts.resolve("part-1.csv") + "'",
                afterAnother.err().lines().findFirst().orElseThrow(), "--epochs took a number, not a glob's first file: no hint");
        Run word = Run.of("train", "--data", whole.toString(), "extra", "--out", folder.resolve("m.zip").toString());
        assertEquals("dense4j: Unmatched argument at index 3: 'extra'", word.err().lines().findFirst().orElseThrow(), "no file: no hint");
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

    @Test
    void anEmptyPartOfAFolderAddsNoRowsToEveryCommandAsOnSpark() throws Exception {
        // a job's empty parts: a header row alone, first, between and last
        String header = Files.readAllLines(parts.resolve("part-0.csv")).get(0) + "\n";
        for (String empty : new String[] {"part-.csv", "part-1a.csv", "part-9.csv"}) {
            Files.writeString(parts.resolve(empty), header);
        }
        Files.write(parts.resolve("part-5.csv"), new byte[0]); // a 0-byte part: no header to check, no rows; left out
        Path whole = folder.resolve("whole.zip");
        train(this.whole.toString(), whole);
        for (boolean cached : new boolean[] {true, false}) {
            Path model = folder.resolve("parts-" + cached + ".zip");
            List<String> args = new ArrayList<>(List.of("train", "--data", parts.toString(), "--out", model.toString(), "--epochs", "3",
                    "--layers", "8", "--validation", "0.2", "--stratify", "--batch-size", "64", "--threads", "2"));
            if (!cached) {
                args.add("--no-cache");
            }
            Run run = Run.of(args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("(6 files): 1,666 rows"), run.out());
            if (cached) { // streamed, the rows are shuffled otherwise than from the caches
                assertNull(VerifyCommand.differences(Model.load(whole), Model.load(model)), "the same model as from the one file");
            }
        }
        Run onFolder = Run.of("evaluate", "--model", whole.toString(), "--data", parts.toString(), "--json");
        assertEquals(Run.of("evaluate", "--model", whole.toString(), "--data", this.whole.toString(), "--json").out(), onFolder.out(),
                onFolder.err());
        Path predictions = folder.resolve("predictions.csv");
        Run predicted = Run.of("predict", "--model", whole.toString(), "--data", parts.toString(), "--out", predictions.toString());
        assertTrue(predicted.out().contains("Wrote 1,666 predictions to " + predictions), predicted.out() + predicted.err());

        // a folder of empty parts alone holds no rows: one line, and nothing written
        Path empty = Files.createDirectories(folder.resolve("empty"));
        Files.writeString(empty.resolve("a.csv"), header);
        Files.writeString(empty.resolve("b.csv"), header);
        Run none = Run.of("train", "--data", empty.toString(), "--out", folder.resolve("none.zip").toString());
        assertEquals(1, none.exitCode());
        assertTrue(none.err().endsWith("a.csv: and the files after it hold a header row but no data rows\n"), none.err());
        Run nothing = Run.of("predict", "--model", whole.toString(), "--data", empty.toString(), "--out",
                folder.resolve("nothing.csv").toString());
        assertEquals(1, nothing.exitCode());
        assertTrue(nothing.err().endsWith("a.csv: and the files after it hold a header row but no data rows\n"), nothing.err());
        assertTrue(Files.notExists(folder.resolve("nothing.csv")));
    }

    private static long uncheckedMismatch(Path a, Path b) {
        try {
            return Files.mismatch(a, b);
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }
}
