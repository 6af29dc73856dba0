package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.io.ReadOnlyPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's side outputs (charts, a log) that fail cost their own file, not the model trained; an
 * output the user made read-only is refused before any work; a folder for standard input's copy
 * that cannot be made is named, with why.
 */
class SideOutputsTest {
    @TempDir
    Path folder;

    private Path rows() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 7 > 3 ? 1 : 0).append('\n');
        }
        return Files.writeString(folder.resolve("rows.csv"), csv);
    }

    @Test
    void chartsThatCannotBeWrittenAreAWarningAndTheModelIsWritten() throws Exception {
        Path plots = Files.createDirectories(folder.resolve("plots"));
        Files.createDirectory(plots.resolve("loss.png")); // in the chart's way, as a full disk would be
        Path model = folder.resolve("model.zip");
        Run run = Run.of("train", "--data", rows().toString(), "--epochs", "3", "--out", model.toString(), "--plot", plots.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(model), "the trained model is written");
        assertTrue(run.out().contains("Wrote " + model), run.out());
        List<String> warnings = run.err().lines().filter(line -> line.startsWith("Warning: --plot")).toList();
        assertEquals(List.of("Warning: --plot " + plots + ": " + plots.resolve("loss.png") + ": cannot write: it is a folder, not a file; the run goes "
                + "on without its charts"), warnings);
        assertFalse(Files.exists(plots.resolve("accuracy.png")), "the charts stop at the first that fails");
    }

    @Test
    void aReadOnlyOutputFileIsRefusedBeforeTraining() throws Exception {
        Path model = Files.writeString(folder.resolve("kept.zip"), "a model the user protected");
        try (ReadOnlyPaths readOnly = new ReadOnlyPaths()) {
            readOnly.make(model);
            Run run = Run.of("train", "--data", rows().toString(), "--epochs", "3", "--out", model.toString());
            assertEquals(2, run.exitCode(), run.err());
            assertEquals(List.of("dense4j: --out " + model + " is read-only: make it writable, or give another name",
                    "see 'dense4j train --help'"), run.err().lines().toList());
            assertFalse(run.out().contains("epoch 1/"), "refused before training: " + run.out());
        }
        assertEquals("a model the user protected", Files.readString(model));
    }

    @Test
    void standardInputsCopyInAMissingTemporaryFolderNamesItAndWhy() throws Exception {
        String temporary = System.getProperty("java.io.tmpdir");
        Path missing = folder.resolve("no-such-tmp");
        System.setProperty("java.io.tmpdir", missing.toString());
        try {
            Run run = Run.withInput(Files.readString(rows()), "train", "--data", "-", "--epochs", "1", "--out",
                    folder.resolve("m.zip").toString());
            assertEquals(1, run.exitCode(), run.err());
            assertEquals(List.of("dense4j: cannot make a folder for standard input's copy in " + missing + " (java.io.tmpdir; "
                    + "JAVA_OPTS=-Djava.io.tmpdir=DIR puts it elsewhere): no such file or folder"), run.err().lines().toList());
        } finally {
            System.setProperty("java.io.tmpdir", temporary);
        }
    }
}
