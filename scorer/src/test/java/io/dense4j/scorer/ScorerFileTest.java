package io.dense4j.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Categories;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files and rows the scorer must refuse, each with one line naming the file, the column or
 * the problem; and the scorer running in a JVM without ND4J at all.
 */
class ScorerFileTest {
    @TempDir
    Path folder;
    private Path good;
    private Scorer scorer;

    @BeforeEach
    void saveAModel() throws IOException {
        Map<String, Categories> categories = Map.of("colour", new Categories(List.of("red", "blue")));
        InputSchema schema = new InputSchema(List.of("x", "colour", "y", "z"), List.of("no", "yes"), null, null, categories);
        Model model = new Sequential(new Dense(4, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        good = folder.resolve("good.zip");
        model.save(good);
        scorer = Scorer.load(good);
    }

    @Test
    void aRowOfTheWrongWidthSaysWhatTheModelReads() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> scorer.probability(new float[] {1, 0, 2}));
        assertEquals("a row has 3 values; the model reads 4 (x, colour, y, z)", error.getMessage());
    }

    @Test
    void aRowWithoutAColumnNamesIt() {
        Map<String, Object> row = new HashMap<>(Map.of("x", 1, "colour", "red", "z", 3));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> scorer.probability(row));
        assertEquals("the row has no column \"y\"; the model reads x, colour, y, z", error.getMessage());
    }

    @Test
    void badValuesNameTheirColumn() {
        assertEquals("column \"colour\" holds 7.0, not a code of its categories (0 to 3; Scorer.code gives them)",
                assertThrows(IllegalArgumentException.class, () -> scorer.probability(new float[] {1, 7, 2, 3})).getMessage());
        assertEquals("column \"y\" is missing a value, and the model fills none (train it with --fill-missing to fill them with "
                + "the training means)", assertThrows(IllegalArgumentException.class,
                        () -> scorer.probability(new float[] {1, 0, Float.NaN, 3})).getMessage());
        Map<String, Object> row = new HashMap<>(Map.of("x", "1.5", "colour", "red", "y", "many", "z", 3));
        assertEquals("column \"y\" holds \"many\", not a number",
                assertThrows(IllegalArgumentException.class, () -> scorer.probability(row)).getMessage());
        row.put("y", "2.5f"); // Java's type suffix: no number in a CSV file, nor here
        assertEquals("column \"y\" holds \"2.5f\", not a number",
                assertThrows(IllegalArgumentException.class, () -> scorer.probability(row)).getMessage());
        row.put("y", "2.5"); // numbers as text are read
        assertEquals(scorer.probability(new float[] {1.5f, 0, 2.5f, 3}), scorer.probability(row));
    }

    @Test
    void infiniteNumbersAreRefusedAsDense4jRefusesThem() {
        assertEquals("column \"y\" holds Infinity, not a finite float32 number", assertThrows(IllegalArgumentException.class,
                () -> scorer.probability(new float[] {1, 0, Float.POSITIVE_INFINITY, 3})).getMessage());
        assertEquals("column \"x\" holds -Infinity, not a finite float32 number", assertThrows(IllegalArgumentException.class,
                () -> scorer.probability(new float[] {Float.NEGATIVE_INFINITY, 0, 2, 3})).getMessage());
        Map<String, Object> row = new HashMap<>(Map.of("x", 1e39, "colour", "red", "y", 2, "z", 3));
        assertEquals("column \"x\" holds 1.0E39, not a finite float32 number", // beyond float32's range
                assertThrows(IllegalArgumentException.class, () -> scorer.probability(row)).getMessage());
        row.put("x", "Infinity");
        assertEquals("column \"x\" holds \"Infinity\", not a finite float32 number",
                assertThrows(IllegalArgumentException.class, () -> scorer.probability(row)).getMessage());
        row.put("x", "-3e38"); // within range: read
        assertTrue(scorer.probability(row) >= 0);
    }

    @Test
    void aNewerFormatIsRefusedAsDense4jRefusesIt() throws IOException {
        Path newer = rewrite("newer.zip", json -> json.put("formatVersion", 99), entries -> { });
        ModelFormatException error = assertThrows(ModelFormatException.class, () -> Scorer.load(newer));
        assertEquals(newer + ": was written by a newer dense4j (format version 99; this scorer, 0.1.0, reads up to 8)",
                error.getMessage());
    }

    @Test
    void aFormatVersionAsTextIsNoFormatVersion() throws IOException {
        Path text = rewrite("text.zip", json -> json.put("formatVersion", "3"), entries -> { });
        assertEquals(text + ": has no valid format version in model.json",
                assertThrows(ModelFormatException.class, () -> Scorer.load(text)).getMessage());
    }

    @Test
    void aFormatVersionBelowOneIsNoFormatVersion() throws IOException {
        Path zero = rewrite("zero.zip", json -> json.put("formatVersion", 0), entries -> { });
        assertEquals(zero + ": has no valid format version in model.json",
                assertThrows(ModelFormatException.class, () -> Scorer.load(zero)).getMessage());
    }

    /** The digest redone over altered values: the entry's own checksum in model.json still refuses it, as dense4j does. */
    @Test
    void anEntryThatDoesNotMatchItsChecksumIsRefused() throws IOException {
        Path altered = rewrite("redigested.zip", json -> { }, entries -> {
            entries.get("parameters.bin")[0] ^= 1;
            Map<String, byte[]> digested = new LinkedHashMap<>(entries);
            digested.remove(ModelArchive.DIGEST);
            entries.put(ModelArchive.DIGEST, ModelArchive.digest(digested).getBytes(StandardCharsets.US_ASCII));
        });
        assertEquals(altered + ": parameters.bin is corrupt: its SHA-256 does not match the one in model.json",
                assertThrows(ModelFormatException.class, () -> Scorer.load(altered)).getMessage());
    }

    @Test
    void damagedOrHostileFilesAreRefusedBeforeAnythingLarge() throws IOException {
        Path altered = rewrite("altered.zip", json -> { }, entries -> entries.get("parameters.bin")[0] ^= 1);
        assertEquals(altered + ": is corrupt or was altered: its content does not match its digest.sha256",
                assertThrows(ModelFormatException.class, () -> Scorer.load(altered)).getMessage());
        Path huge = rewrite("huge.zip", json -> json.getJSONArray("layers").getJSONObject(0).put("units", Integer.MAX_VALUE),
                entries -> { });
        assertEquals(huge + ": model.json describes no valid model: its layers up to layer 0 hold 17,179,869,176 values",
                assertThrows(ModelFormatException.class, () -> Scorer.load(huge)).getMessage());
        Path noise = Files.write(folder.resolve("noise.zip"), "not a zip".getBytes(StandardCharsets.UTF_8));
        assertEquals(noise + ": is not a dense4j model file: not a zip archive, or an empty one",
                assertThrows(ModelFormatException.class, () -> Scorer.load(noise)).getMessage());
        Path absent = folder.resolve("absent.zip");
        assertEquals(absent + ": no such file", assertThrows(ModelFormatException.class, () -> Scorer.load(absent)).getMessage());

        byte[] file = Files.readAllBytes(good);
        assertEquals("model.json", new String(file, 30, 10, StandardCharsets.US_ASCII), "the first local header's name");
        file[30] = (byte) 0xFF; // no UTF-8 byte: the JDK's "malformed input off : 0" said nothing of the file
        Path notUtf8 = Files.write(folder.resolve("not-utf8.zip"), file);
        assertEquals(notUtf8 + ": is truncated or corrupt: the name of an entry is not UTF-8 text",
                assertThrows(ModelFormatException.class, () -> Scorer.load(notUtf8)).getMessage());
        Path unnamed = redigested("unnamed.zip", json -> json.getJSONObject("schema").remove("features"), entries -> { });
        assertEquals(unnamed + ": model.json describes no valid model: its schema has no list of features (the feature columns' names)",
                assertThrows(ModelFormatException.class, () -> Scorer.load(unnamed)).getMessage());
        Path twoLines = redigested("two-lines.zip", json -> { }, entries -> entries.put("pay\nload.bin", new byte[8]));
        assertEquals(twoLines + ": has an entry dense4j does not write: \"pay\\x0Aload.bin\"",
                assertThrows(ModelFormatException.class, () -> Scorer.load(twoLines)).getMessage(), "one line, whatever the file holds");
        Path unseen = redigested("unseen.zip", json -> { }, entries -> entries.put("pay\u200Bload.bin", new byte[8]));
        assertEquals(unseen + ": has an entry dense4j does not write: \"pay\\xE2\\x80\\x8Bload.bin\"",
                assertThrows(ModelFormatException.class, () -> Scorer.load(unseen)).getMessage(), "a zero-width space, as dense4j shows it");
    }

    @Test
    void scoresInAJvmWithoutNd4j() throws Exception {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("classes") || entry.contains("org/json/json")) { // the scorer's, the tests', and org.json
                classPath.add(entry);
            }
        }
        assertEquals(3, classPath.size(), classPath.toString());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, classPath),
                NativeFreeMain.class.getName(), good.toString(), "1.5,1,-2,0.25", "0,3,0,0").redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), out);
        double first = scorer.probability(new float[] {1.5f, 1, -2, 0.25f});
        double second = scorer.probability(new float[] {0, 3, 0, 0});
        double[] fiveTimes = new double[10];
        for (int i = 0; i < 10; i++) {
            fiveTimes[i] = i % 2 == 0 ? first : second;
        }
        // no --add-modules jdk.incubator.vector in the child: batches go in tiled blocks, to the same bits
        assertEquals(first + "\n" + second + "\nvector API false, batch " + Arrays.toString(fiveTimes) + "\n", out);
    }

    /** A copy of the good model file with its model.json and entries changed, the digest left as it was. */
    @Test
    void valuesDense4jWouldRefuseAreRefusedHereTooNotReadAsZerosOrCoerced() throws IOException {
        Map<String, Consumer<JSONObject>> edits = new LinkedHashMap<>();
        edits.put("its threshold's value is 0.5, not a number", json -> json.put("threshold", new JSONObject().put("value", "0.5")));
        edits.put("its missing-value fill holds x, not a finite number", json -> json.getJSONObject("schema")
                .put("missingValueFill", new org.json.JSONArray(List.of("x", 0, 0, 0))));
        edits.put("its threshold is 0.9, not an object with a value", json -> json.put("threshold", 0.9));
        edits.put("its missing-value fill is mean, not a list of numbers", json -> json.getJSONObject("schema")
                .put("missingValueFill", "mean"));
        // colour's categories moved under a name no feature has: read as a number, colour would score wrong
        edits.put("its categories are listed for \"color\", which is not a feature", json -> {
            JSONObject categories = json.getJSONObject("schema").getJSONObject("categories");
            categories.put("color", categories.remove("colour"));
        });
        edits.put("its missing-value fill has 2 values for 4 features", json -> json.getJSONObject("schema")
                .put("missingValueFill", new org.json.JSONArray(List.of(0, 0))));
        edits.put("its classes are [no, yes, maybe], not two names", json -> json.getJSONObject("schema")
                .put("classes", new org.json.JSONArray(List.of("no", "yes", "maybe"))));
        // a whole number of 8 digits marks nothing in number cells for dense4j, which refuses the mark; it must not be text here
        edits.put("the missing-value mark \"12345678\" is a number; a number marks missing values only when it is whole, of at most 7 "
                + "digits, such as -9 or 999", json -> json.getJSONObject("schema").put("columnMissingMarks",
                new JSONObject().put("x", new org.json.JSONArray(List.of("12345678")))));
        edits.put("its features hold 7, not a text", json -> json.getJSONObject("schema")
                .put("features", new org.json.JSONArray(List.of("x", "colour", 7, "z"))));
        // read as missing before the lookup, "red" could never score as its category: dense4j refuses such a model too
        edits.put("\"red\" is a missing-value mark and a category of \"colour\"", json -> json.getJSONObject("schema")
                .put("missingMarks", new org.json.JSONArray(List.of("red"))));
        edits.put("its inputWidth is 6.5, not a whole number", json -> json.put("inputWidth", 6.5)); // org.json would read 6
        edits.put("its features name \"x\" twice", json -> json.getJSONObject("schema")
                .put("features", new org.json.JSONArray(List.of("x", "colour", "x", "z"))));
        edits.put("layer 1's dropout rate 2.0 is not in [0, 1)", json -> {
            org.json.JSONArray layers = json.getJSONArray("layers");
            org.json.JSONArray withDropout = new org.json.JSONArray();
            withDropout.put(layers.get(0)).put(new JSONObject().put("type", "Dropout").put("rate", 2.0));
            for (int i = 1; i < layers.length(); i++) {
                withDropout.put(layers.get(i));
            }
            json.put("layers", withDropout);
        });
        for (Map.Entry<String, Consumer<JSONObject>> edit : edits.entrySet()) {
            Path edited = redigested("edited.zip", edit.getValue(), entries -> { });
            assertEquals(edited + ": model.json describes no valid model: " + edit.getKey(),
                    assertThrows(ModelFormatException.class, () -> Scorer.load(edited)).getMessage());
        }
        // parameters.bin four bytes short, its checksums redone: the last weight would read as 0
        Path shorter = redigested("short.zip", json -> { }, entries -> entries.put("parameters.bin",
                Arrays.copyOf(entries.get("parameters.bin"), entries.get("parameters.bin").length - 4)));
        assertTrue(assertThrows(ModelFormatException.class, () -> Scorer.load(shorter)).getMessage()
                .matches(java.util.regex.Pattern.quote(shorter.toString()) + ": parameters\\.bin holds [\\d,]+ bytes; the layers in "
                        + "model\\.json need [\\d,]+"));
    }

    @Test
    void aNumberInACategoricalColumnIsItsCategoryAsAJsonParserWouldGiveIt() throws IOException {
        // a model built in Java may keep a category with blanks (" AR "): it is matched as it is before trimming
        Map<String, Categories> categories = Map.of("grade", new Categories(List.of("3", "4.5", "02134", " AR ")));
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(new InputSchema(List.of("x", "grade"), List.of("no", "yes"),
                null, null, categories), new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        Path file = folder.resolve("grades.zip");
        model.save(file);
        Scorer grades = Scorer.load(file);
        Map<String, Object> row = new HashMap<>();
        row.put("x", 1.0);
        for (Object[] value : new Object[][] {{3, 0}, {3.0, 0}, {3L, 0}, {"3", 0}, {" 3\t", 0}, {4.5, 1}, {"02134", 2}, {2134, 4},
            {"3.0", 4}, {" AR ", 3}, {"AR", 4}}) {
            row.put("grade", value[0]);
            double expected = grades.probability(new float[] {1, (int) value[1]});
            assertEquals(expected, grades.probability(row), value[0] + " (" + value[0].getClass().getSimpleName() + ")");
        }
    }

    /** As {@link #rewrite}, with the entries' checksums and the digest redone: a deliberate edit, not damage. */
    private Path redigested(String name, Consumer<JSONObject> json, Consumer<Map<String, byte[]>> change) throws IOException {
        return rewrite(name, json, change.andThen(entries -> {
            JSONObject config = new JSONObject(new String(entries.get("model.json"), StandardCharsets.UTF_8));
            JSONObject checksums = config.getJSONObject("checksums");
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                if (!entry.getKey().equals("model.json") && !entry.getKey().equals(ModelArchive.DIGEST)) {
                    checksums.put(entry.getKey(), ModelArchive.sha256(entry.getValue()));
                }
            }
            entries.put("model.json", config.toString().getBytes(StandardCharsets.UTF_8));
            entries.remove(ModelArchive.DIGEST);
            String digest = ModelArchive.digest(entries);
            entries.put(ModelArchive.DIGEST, digest.getBytes(StandardCharsets.US_ASCII));
        }));
    }

    private Path rewrite(String name, Consumer<JSONObject> json, Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(good)))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        JSONObject config = new JSONObject(new String(entries.get("model.json"), StandardCharsets.UTF_8));
        json.accept(config);
        entries.put("model.json", config.toString().getBytes(StandardCharsets.UTF_8));
        change.accept(entries);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return Files.write(folder.resolve(name), bytes.toByteArray());
    }
}
