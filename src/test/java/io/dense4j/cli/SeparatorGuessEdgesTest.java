package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guesses of the delimiter and the decimal comma where the first lines say little: a file
 * without a header, a set whose first part holds a header alone, a file that is missing or empty.
 * Each case was found by a reviewer reading such files with the commands.
 */
class SeparatorGuessEdgesTest {
    @TempDir
    Path folder;

    /** Measurements with a decimal point (869.509) beside lists of codes (1,2) that the user declares categorical. */
    private static String measured(boolean header, int rows) {
        StringBuilder csv = new StringBuilder(header ? "mass;codes;label\n" : "");
        String[] codes = {"1,2", "2,3", "1,3"};
        for (int r = 0; r < rows; r++) {
            csv.append(100 + r % 900).append('.').append(String.format("%03d", (r * 37) % 1000)).append(';').append(codes[r % 3])
                    .append(';').append(r % 2).append('\n');
        }
        return csv.toString();
    }

    /**
     * Without a header the columns go by "column 2", and --categorical names them so: such a column
     * is no number column for the guess either, so its "1,2" speaks for no decimal comma and 869.509
     * is read as 869.509, not 869,509 as before.
     */
    @Test
    void aCategoricalColumnOfAFileWithoutHeaderVotesForNoDecimal() throws Exception {
        Path data = Files.writeString(folder.resolve("plain.csv"), measured(false, 300));
        Path model = folder.resolve("m.zip");
        Run trained = Run.of("train", "--data", data.toString(), "--no-header", "--delimiter", ";", "--categorical", "column 2",
                "--epochs", "1", "--accept-worse-than-base-rate", "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertFalse(trained.out().contains("Decimal:"), trained.out());
        double mean = Model.load(model).inputSchema().missingValueFill().get(0);
        assertEquals(250.0, mean, 0.5, "the masses' mean, read with their points (not 250,000)");
    }

    /** A set whose first part holds a header alone, as Spark writes an empty partition, is guessed from the first part with rows. */
    @Test
    void aSetIsGuessedFromItsFirstPartWithRows() throws Exception {
        Path parts = Files.createDirectory(folder.resolve("parts"));
        Files.writeString(parts.resolve("part-00000.csv"), "alter;betrag;kauf\n");
        StringBuilder rows = new StringBuilder("alter;betrag;kauf\n");
        for (int r = 0; r < 200; r++) {
            rows.append(20 + r % 50).append(';').append(1 + r % 9).append('.').append(100 + r % 900).append(',').append(r % 100)
                    .append(';').append(r % 2 == 0 ? "ja" : "nein").append('\n');
        }
        Files.writeString(parts.resolve("part-00001.csv"), rows);
        Run trained = Run.of("train", "--data", parts.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--out",
                folder.resolve("m.zip").toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().startsWith("Delimiter: ';'") && trained.out().contains("\nDecimal: ',' and thousands '.'"), trained.out());
    }

    /**
     * A file that is missing, empty or unreadable leaves the delimiter open: the read then names its
     * problem (exit 1), where the check of a decimal comma against the comma delimiter used to come
     * first, as a usage error (exit 2).
     */
    @Test
    void aFileThatCannotBeReadIsNamedBeforeTheSeparatorsAreChecked() throws Exception {
        Path missing = folder.resolve("nonexistent.csv");
        Path empty = Files.writeString(folder.resolve("empty.csv"), "");
        for (Path data : new Path[] {missing, empty}) {
            Run trained = Run.of("train", "--data", data.toString(), "--decimal", ",", "--out", folder.resolve("t.zip").toString());
            assertEquals(1, trained.exitCode(), data + ": " + trained.err());
            assertTrue(trained.err().startsWith("dense4j: " + data + ": "), trained.err());
        }
        Path german = Files.writeString(folder.resolve("de.csv"), "alter;betrag;kauf\n" + "30;1,5;ja\n40;2,5;nein\n".repeat(50));
        Path model = folder.resolve("de.zip");
        Run trained = Run.of("train", "--data", german.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--out",
                model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        for (String command : new String[] {"predict", "evaluate"}) {
            Run scored = command.equals("predict")
                    ? Run.of("predict", "--model", model.toString(), "--data", missing.toString(), "--out", folder.resolve("p.csv").toString())
                    : Run.of("evaluate", "--model", model.toString(), "--data", missing.toString());
            assertEquals(1, scored.exitCode(), command + ": " + scored.err());
            assertEquals("dense4j: " + missing + ": no such file\n", scored.err(), command);
        }
    }
}
