package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Amounts and rates written with a sign are read as categories: a note says why, and no hint takes them for identifiers. */
class WrittenNumbersTest {
    @TempDir
    Path folder;

    @Test
    void amountsAndRatesWithASignAreNamedAsNumbers() throws Exception {
        Random random = new Random(3);
        StringBuilder text = new StringBuilder("rate,price,plan,label\n");
        for (int i = 0; i < 400; i++) {
            double rate = random.nextDouble() * 30;
            double price = 10 + random.nextDouble() * 1990;
            text.append(String.format(Locale.ROOT, "%.1f%%,\"$%,.2f\",%s,%d%n", rate, price, random.nextBoolean() ? "gold" : "basic",
                    rate / 30 + price / 2000 + random.nextGaussian() * 0.3 > 1 ? 1 : 0));
        }
        Path data = Files.writeString(folder.resolve("rates.csv"), text);
        Run run = Run.of("train", "--data", data.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--out",
                folder.resolve("m.zip").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Note: column \"rate\" holds numbers written with a sign (\""), run.out());
        assertTrue(run.out().matches("(?s).*Note: column \"price\" holds numbers written with a sign \\(\"\\$[\\d,]+\\.\\d\\d\"\\), so it "
                + "is read as \\d+ categories, not as numbers: write them without the sign .*"), run.out());
        assertFalse(run.out().contains("an identifier?"), run.out());
        assertFalse(run.out().contains("column \"plan\" holds numbers"), run.out());
    }
}
