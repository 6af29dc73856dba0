package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the commands print and write reads the same whatever the JVM's locale: numbers with ASCII
 * digits, a point for decimals and commas for thousands, as the files they are compared with (a
 * user's scripts, a model's own text) do. Java's formatting follows the default locale unless
 * told, and Arabic or Persian locales write other digits.
 */
class LocaleIndependenceTest {
    @TempDir
    Path folder;

    @Test
    void everyCommandPrintsAsciiDigitsInArabicAndGermanLocales() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i % 9).append('.').append(i % 4).append(',').append(i % 5).append(',').append(i % 9 > 4 ? 1 : 0).append('\n');
        }
        Path data = Files.writeString(folder.resolve("rows.csv"), csv);
        Locale before = Locale.getDefault();
        try {
            for (String tag : new String[] {"ar-EG", "de-DE"}) {
                Locale.setDefault(Locale.forLanguageTag(tag));
                Path model = folder.resolve("model-" + tag + ".zip");
                Path onnx = folder.resolve("model-" + tag + ".onnx");
                Path predictions = folder.resolve("predictions-" + tag + ".csv");
                Path dot = folder.resolve("graph-" + tag + ".dot");
                Run[] runs = {
                    Run.of("train", "--data", data.toString(), "--epochs", "3", "--layers", "4", "--out", model.toString()),
                    Run.of("evaluate", "--model", model.toString(), "--data", data.toString()),
                    Run.of("predict", "--model", model.toString(), "--data", data.toString(), "--out", predictions.toString()),
                    Run.of("summary", "--model", model.toString()),
                    Run.of("export", "--model", model.toString(), "--out", onnx.toString()),
                    Run.of("graph", "--model", model.toString(), "--out", dot.toString()),
                    Run.of("train", "--data", data.toString(), "--epochs", "0"),
                };
                StringBuilder printed = new StringBuilder();
                for (Run run : runs) {
                    printed.append(run.out()).append(run.err());
                }
                printed.append(Files.readString(predictions)).append(Files.readString(dot));
                String text = printed.toString();
                assertTrue(text.codePoints().noneMatch(c -> Character.isDigit(c) && (c < '0' || c > '9')), tag + ": " + text);
                String exported = runs[4].out().lines().filter(line -> line.startsWith("Wrote")).findFirst().orElse(runs[4].out());
                assertTrue(exported.matches("Wrote .* \\(ONNX opset \\d+, \\d{1,3}(,\\d{3})* bytes\\)"), tag + ": " + exported);
                for (int i = 0; i < runs.length - 1; i++) {
                    assertEquals(0, runs[i].exitCode(), tag + ": " + runs[i].err());
                }
            }
        } finally {
            Locale.setDefault(before);
        }
    }
}
