package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files are untrusted input: sizes are checked before anything is allocated, only the
 * entries dense4j writes are read and no further than declared, and one digest covers everything.
 * Each case here was loaded (or allocated gigabytes, or silently won) before these checks.
 */
class HostileModelFileTest {
    @TempDir
    Path folder;

    private Path good;
    private Map<String, byte[]> entries;

    @BeforeEach
    void saveAModel() throws IOException {
        Model model = new Sequential(new Dense(4, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), new SGD(0.1));
        model.setInputSchema(new InputSchema(List.of("a", "b", "c"), java.util.Arrays.asList("no", "yes")));
        good = folder.resolve("good.zip");
        model.save(good);
        entries = ModelFileTest.entries(good);
        assertEquals(List.of("model.json", "parameters.bin", "statistics.bin", "digest.sha256"), List.copyOf(entries.keySet()));
    }

    private String config() {
        return new String(entries.get("model.json"), StandardCharsets.UTF_8);
    }

    /** A file of these entries, in order; {@code redigest} makes the digest match them, as a deliberate edit would. */
    private Path file(String name, Map<String, byte[]> content, boolean redigest) throws IOException {
        Map<String, byte[]> written = new LinkedHashMap<>(content);
        if (redigest) {
            written.remove(ModelArchive.DIGEST);
            written.put(ModelArchive.DIGEST, ModelArchive.digest(written).getBytes(StandardCharsets.US_ASCII));
        }
        return ModelFileTest.zip(folder.resolve(name), written);
    }

    private Path withConfig(String name, String json) throws IOException {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put("model.json", json.getBytes(StandardCharsets.UTF_8));
        return file(name, changed, true);
    }

    private static String problem(Path file) {
        return assertThrows(ModelFileException.class, () -> Model.load(file)).getMessage();
    }

    /** The encoding a model's data was read in, which scoring reads files in: Java's name of one it reads, or the file is refused. */
    @Test
    void theTrainingDatasEncodingIsOneDense4jReads() throws IOException {
        Model model = Model.load(good);
        model.setTrainingData(new TrainingData("d.csv", 10, "0".repeat(64), "0".repeat(64), null, '.', (char) 0, "cp1252"));
        Path saved = folder.resolve("windows.zip");
        model.save(saved);
        assertEquals("windows-1252", Model.load(saved).trainingData().encoding());
        entries = ModelFileTest.entries(saved);
        String json = config();
        assertTrue(json.contains("\"encoding\" : \"windows-1252\""), json);
        Path unknown = withConfig("klingon.zip", json.replace("\"windows-1252\"", "\"klingon\""));
        assertEquals(unknown + ": model.json describes no valid model: its trainedOn.encoding: \"klingon\" is no encoding Java knows; "
                + "dense4j reads UTF-8 (the default) and encodings of one byte per character, such as windows-1252 or ISO-8859-15",
                problem(unknown));
        Path number = withConfig("number.zip", json.replace("\"windows-1252\"", "1252"));
        assertEquals(number + ": model.json describes no valid model: its trainedOn.encoding is not a text", problem(number));
        assertEquals("UTF-8", Model.load(withConfig("none.zip", json.replace("\"encoding\" : \"windows-1252\",", "")
                .replace(",\n    \"encoding\" : \"windows-1252\"", ""))).trainingData().encoding(), "a model from before: UTF-8");
    }

    @Test
    void aLayerOfAnUnknownKindIsNamedByItsPlace() throws IOException {
        String json = config();
        assertTrue(json.contains("\"activation\" : \"Sigmoid\""), json);
        Path tanh = withConfig("tanh.zip", json.replace("\"activation\" : \"Sigmoid\"", "\"activation\" : \"Tanh\""));
        assertEquals(tanh + ": model.json describes no valid model: layer 1: unknown layer or activation \"Tanh\"", problem(tanh));
    }

    @Test
    void aKeyGivenTwiceTooManyLayersAndMissingOrMisshapedFieldsAreOneLineEach() throws IOException {
        String json = config();
        // read with the last value, a repeated threshold would pass a look at the first and score with the other
        Path twice = withConfig("twice.zip", json.replace("\"layers\"", "\"format\" : \"dense4j-model\", \"layers\""));
        assertTrue(problem(twice).startsWith(twice + ": model.json is corrupt: it gives \"format\" twice (line "), problem(twice));
        Path noInitializer = withConfig("init.zip", json.replaceFirst(",\\s*\"initializer\" : \"[A-Z_]+\"", ""));
        assertTrue(problem(noInitializer).endsWith("layer 0: its Dense layer's initializer is missing, where dense4j writes one of "
                + java.util.Arrays.toString(io.dense4j.layer.Initializer.values())), problem(noInitializer));
        Path fillText = withConfig("fill-text.zip", json.replace("\"classes\" : [", "\"missingValueFill\" : \"mean\", \"classes\" : ["));
        assertTrue(problem(fillText).endsWith("its schema's missing-value fill is \"mean\", not a list of numbers"), problem(fillText));
        Path markText = withConfig("mark-text.zip", json.replace("\"classes\" : [", "\"missingMarks\" : \"?\", \"classes\" : ["));
        assertTrue(problem(markText).endsWith("its schema's missing-value marks are not a list of at most 32 texts"), problem(markText));
        // fields of another type than dense4j writes are refused, not read as what they might mean
        Path mse = withConfig("mse.zip", json.replace("\"type\" : \"BinaryCrossEntropy\"", "\"type\" : \"MSE\""));
        assertTrue(problem(mse).contains("its loss is {\"type\":\"MSE\""), problem(mse));
        Path textVersion = withConfig("text-version.zip", json.replaceFirst("\"formatVersion\" : ([0-9]+)", "\"formatVersion\" : \"$1\""));
        assertTrue(problem(textVersion).endsWith("has no valid format version in model.json"), problem(textVersion));
        Path fuse = withConfig("fuse.zip", json.replace("\"fuse\" : true", "\"fuse\" : \"yes\""));
        assertTrue(problem(fuse).endsWith("its compile options need a whole-number seed and booleans fuse and inputGradient"),
                problem(fuse));
        Path markNumber = withConfig("mark-number.zip", json.replace("\"classes\" : [", "\"missingMarks\" : [\"1e3\"], \"classes\" : ["));
        assertTrue(problem(markNumber).endsWith("the missing-value mark \"1e3\" is a number; a number marks missing "
                + "values only when it is whole, of at most 7 digits, such as -9 or 999"), problem(markNumber));
        Path columnMarkText = withConfig("column-mark-text.zip", json.replace("\"classes\" : [",
                "\"columnMissingMarks\" : {\"a\" : \"0\"}, \"classes\" : ["));
        assertTrue(problem(columnMarkText).endsWith("its schema's missing-value marks of \"a\" are not a list of at most 32 texts"),
                problem(columnMarkText));
        Path columnMarkElsewhere = withConfig("column-mark-elsewhere.zip", json.replace("\"classes\" : [",
                "\"columnMissingMarks\" : {\"nowhere\" : [\"0\"]}, \"classes\" : ["));
        assertTrue(problem(columnMarkElsewhere).endsWith("missing-value marks of one column are for features, and \"nowhere\" is none"),
                problem(columnMarkElsewhere));
        String layer = json.substring(json.indexOf("\"layers\" : [") + "\"layers\" : [".length(), json.indexOf("}", json.indexOf("\"layers\"")) + 1);
        String many = String.join(", ", java.util.Collections.nCopies(1_001, layer));
        Path deep = withConfig("deep.zip", json.replace("\"layers\" : [", "\"layers\" : [" + many + ", "));
        assertTrue(problem(deep).endsWith("it has 1,003 layers; a model has at most 1,000"), problem(deep));
        // nor is such a model written, to be refused when it is read
        Model tooMany = new Sequential(java.util.Collections.nCopies(1_001, (io.dense4j.layer.Layer) new Dense(1))
                .toArray(io.dense4j.layer.Layer[]::new)).compile(1, new BinaryCrossEntropy(true), new SGD(0.1));
        Path manyFile = folder.resolve("many.zip");
        assertEquals("nothing written to " + manyFile + ": the model has 1,001 layers; a model file holds at most 1,000",
                assertThrows(IllegalArgumentException.class, () -> tooMany.save(manyFile)).getMessage());
        assertTrue(java.nio.file.Files.notExists(manyFile));
        Path nested = withConfig("nested.zip", json.replace("\"layers\"", "\"x\" : " + "[".repeat(1_200) + "]".repeat(1_200)
                + ", \"layers\""));
        assertEquals(nested + ": model.json is corrupt: it nests 1001 levels deep, past the parser's limit (a model file nests a few)",
                problem(nested));
    }

    @Test
    void aProvenanceOfTheWrongShapeIsRefusedNamingTheField() throws IOException {
        String provenance = "\"provenance\" : {\"library\" : \"0.1.0\", \"trainedAt\" : \"2026-12-03T02:10:00Z\", \"epochs\" : 3, "
                + "\"batchSize\" : 32, \"shuffle\" : true, \"seed\" : 7, \"validationSplit\" : 0.2, \"stratified\" : false, "
                + "\"loss\" : 0.25, \"accuracy\" : 0.9}, ";
        String json = config();
        int at = json.indexOf("\"layers\"");
        Path sound = withConfig("sound.zip", json.substring(0, at) + provenance + json.substring(at));
        assertEquals(new Provenance("0.1.0", "2026-12-03T02:10:00Z", 3, 32, true, 7, 0.2, false, 0.25, 0.9, Double.NaN, Double.NaN),
                Model.load(sound).provenance());
        Path textEpochs = withConfig("text.zip", json.substring(0, at) + provenance.replace("\"epochs\" : 3", "\"epochs\" : \"3\"")
                + json.substring(at));
        assertTrue(problem(textEpochs).endsWith("its provenance needs a number \"epochs\""), problem(textEpochs));
        Path notAnInstant = withConfig("when.zip", json.substring(0, at) + provenance.replace("2026-12-03T02:10:00Z", "yesterday")
                + json.substring(at));
        assertTrue(problem(notAnInstant).endsWith("its provenance's trainedAt is not an instant: yesterday"), problem(notAnInstant));
        Path restored = withConfig("restored.zip", json.substring(0, at) + provenance.replace("\"epochs\" : 3", "\"epochs\" : 3, \"weightsEpoch\" : 2")
                + json.substring(at));
        assertEquals(2, Model.load(restored).provenance().weightsEpoch());
        Path later = withConfig("later.zip", json.substring(0, at) + provenance.replace("\"epochs\" : 3", "\"epochs\" : 3, \"weightsEpoch\" : 4")
                + json.substring(at));
        assertTrue(problem(later).endsWith("its provenance's weightsEpoch 4 is none of its 3 epochs"), problem(later));
        Path textEpoch = withConfig("text-epoch.zip", json.substring(0, at)
                + provenance.replace("\"epochs\" : 3", "\"epochs\" : 3, \"weightsEpoch\" : \"2\"") + json.substring(at));
        assertTrue(problem(textEpoch).endsWith("its provenance's epochs, batchSize, seed and weightsEpoch are whole numbers"),
                problem(textEpoch));
    }

    @Test
    void schemaValuesOfAnotherTypeOrRepeatedAreRefusedNotCoerced() throws IOException {
        String json = config();
        assertTrue(json.contains("\"features\" : [ \"a\", \"b\", \"c\" ]") && json.contains("\"classes\" : [ \"no\", \"yes\" ]"), json);
        Path fill = withConfig("fill.zip", json.replace("\"classes\" : [", "\"missingValueFill\" : [ \"x\", 0, 0 ], \"classes\" : ["));
        assertTrue(problem(fill).endsWith("its schema's missing-value fill holds \"x\", not a number"), problem(fill));
        Path truth = withConfig("true.zip", json.replace("\"classes\" : [", "\"missingValueFill\" : [ true, 0, 0 ], \"classes\" : ["));
        assertTrue(problem(truth).endsWith("its schema's missing-value fill holds true, not a number"), problem(truth));
        Path objectClass = withConfig("class.zip", json.replace("[ \"no\", \"yes\" ]", "[ {}, \"yes\" ]"));
        assertTrue(problem(objectClass).endsWith("its schema's classes hold {}, not a label"), problem(objectClass));
        Path sameClass = withConfig("same.zip", json.replace("[ \"no\", \"yes\" ]", "[ \"yes\", \"yes\" ]"));
        assertTrue(problem(sameClass).endsWith("a binary classifier's two classes have two names, got \"yes\" twice"), problem(sameClass));
        Path twice = withConfig("twice.zip", json.replace("[ \"a\", \"b\", \"c\" ]", "[ \"a\", \"b\", \"a\" ]"));
        assertTrue(problem(twice).endsWith("a model's features have distinct names, and \"a\" is there twice"), problem(twice));
        Path notANumber = withConfig("nan.zip", json.replace("\"classes\" : [", "\"missingValueFill\" : [ NaN, 0, 0 ], \"classes\" : ["));
        assertTrue(problem(notANumber).startsWith(notANumber + ": model.json is corrupt: it holds NaN, which is no JSON number (dense4j "
                + "never writes one) (line "), problem(notANumber));
        Path numbered = withConfig("numbered.zip", json.replace("[ \"a\", \"b\", \"c\" ]", "[ \"a\", 2, \"c\" ]"));
        assertTrue(problem(numbered).endsWith("its schema's features hold 2, not a column name"), problem(numbered));
        Path none = withConfig("none.zip", json.replace("\"features\" : [ \"a\", \"b\", \"c\" ],", ""));
        assertTrue(problem(none).endsWith("its schema has no list of features (the feature columns' names)"), problem(none));
    }

    /** Text from the file that a message quotes keeps the message on one line, and a name that is no UTF-8 is damage, said so. */
    @Test
    void aMessageStaysOneLineWhateverTheFileHolds() throws IOException {
        Path broken = withConfig("broken.zip", config().replace("\"format\" : \"dense4j-model\"", "\"format\" : \"d\\nse4j\""));
        assertEquals(broken + ": is not a dense4j model file (its format is \"d\\x0Ase4j\")", problem(broken));

        byte[] file = Files.readAllBytes(good);
        int name = 30; // the first local header's name, model.json
        assertEquals("model.json", new String(file, name, 10, StandardCharsets.US_ASCII));
        file[name] = (byte) 0xFF; // no UTF-8 byte, in an entry that does not say its name is another encoding's
        Path notUtf8 = Files.write(folder.resolve("not-utf8.zip"), file);
        assertEquals(notUtf8 + ": is truncated or corrupt: the name of an entry is not UTF-8 text", problem(notUtf8));
    }

    @Test
    void aTrainingCommandOfTheWrongShapeIsRefused() throws IOException {
        String command = "\"trainingCommand\" : {\"arguments\" : [\"--epochs\", \"3\"], \"parts\" : 2}, ";
        String json = config();
        int at = json.indexOf("\"layers\"");
        Path sound = withConfig("sound.zip", json.substring(0, at) + command + json.substring(at));
        assertEquals(new TrainingCommand(java.util.List.of("--epochs", "3"), 2), Model.load(sound).trainingCommand());
        Path number = withConfig("number.zip", json.substring(0, at) + command.replace("\"3\"", "3") + json.substring(at));
        assertTrue(problem(number).endsWith("its trainingCommand's arguments hold 3, not a text"), problem(number));
        Path noParts = withConfig("parts.zip", json.substring(0, at) + command.replace("\"parts\" : 2", "\"parts\" : 0")
                + json.substring(at));
        assertTrue(problem(noParts).endsWith("a step is cut into at least 1 part, got 0"), problem(noParts));
        // a checkpoint's, written during the run: "ended" false; any other value than a boolean is refused
        Path during = withConfig("during.zip", json.substring(0, at) + command.replace("2}", "2, \"ended\" : false}") + json.substring(at));
        assertEquals(new TrainingCommand(java.util.List.of("--epochs", "3"), 2, false), Model.load(during).trainingCommand());
        Path texted = withConfig("texted.zip", json.substring(0, at) + command.replace("2}", "2, \"ended\" : \"no\"}") + json.substring(at));
        assertTrue(problem(texted).endsWith("and, if any, true or false \"ended\" and \"resumedOtherwise\""), problem(texted));
        // a checkpoint of a run that went on otherwise than the one it resumed
        Path otherwise = withConfig("otherwise.zip", json.substring(0, at) + command.replace("2}", "2, \"ended\" : false, "
                + "\"resumedOtherwise\" : true}") + json.substring(at));
        assertEquals(new TrainingCommand(java.util.List.of("--epochs", "3"), 2, false, true), Model.load(otherwise).trainingCommand());
        Path yes = withConfig("yes.zip", json.substring(0, at) + command.replace("2}", "2, \"resumedOtherwise\" : \"yes\"}")
                + json.substring(at));
        assertTrue(problem(yes).endsWith("true or false \"ended\" and \"resumedOtherwise\""), problem(yes));
    }

    /** The kinds of machine a run trained on are read back as written; more than dense4j records, or of another shape, are refused. */
    @Test
    void theMachinesOfATrainingCommandAreReadOrRefused() throws IOException {
        String json = config();
        int at = json.indexOf("\"layers\"");
        java.util.function.Function<String, String> with = machines -> json.substring(0, at)
                + "\"trainingCommand\" : {\"arguments\" : [\"--epochs\", \"3\"], \"parts\" : 2, \"machines\" : " + machines + "}, "
                + json.substring(at);
        String amd = "{\"cpu\" : \"AuthenticAMD family 25 model 1, AVX2\", \"java\" : \"17.0.15+6\"}";
        String intel = "{\"cpu\" : \"GenuineIntel family 6 model 167, AVX-512\", \"java\" : \"17.0.15+6\"}";
        Path two = withConfig("two.zip", with.apply("[" + amd + ", " + intel + "]"));
        assertEquals(java.util.List.of(new io.dense4j.runtime.MachineKind("AuthenticAMD family 25 model 1, AVX2", "17.0.15+6"),
                new io.dense4j.runtime.MachineKind("GenuineIntel family 6 model 167, AVX-512", "17.0.15+6")),
                Model.load(two).trainingCommand().machines());

        Path many = withConfig("many.zip", with.apply("[" + String.join(", ", java.util.Collections.nCopies(17, amd)) + "]"));
        assertTrue(problem(many).endsWith("its trainingCommand's \"machines\" needs a list of at most 16 kinds of machine"), problem(many));
        Path text = withConfig("text.zip", with.apply("\"AMD\""));
        assertTrue(problem(text).endsWith("its trainingCommand's \"machines\" needs a list of at most 16 kinds of machine"), problem(text));
        Path noJava = withConfig("no-java.zip", with.apply("[{\"cpu\" : \"AMD\"}]"));
        assertTrue(problem(noJava).endsWith("its trainingCommand's machines need a text \"cpu\" and \"java\" of 1 to 200 characters each, "
                + "not {\"cpu\":\"AMD\"}"), problem(noJava));
        Path long_ = withConfig("long.zip", with.apply("[{\"cpu\" : \"" + "x".repeat(201) + "\", \"java\" : \"17\"}]"));
        assertTrue(problem(long_).contains("its trainingCommand's machines need a text \"cpu\" and \"java\" of 1 to 200 characters each, "
                + "not {\"cpu\":\"xxxx"), problem(long_));
        assertTrue(problem(long_).lines().count() == 1 && problem(long_).length() < 400, problem(long_));
    }

    @Test
    void aLayerClaimingTwoBillionUnitsIsRefusedBeforeAnyAllocation() throws IOException {
        Path huge = withConfig("huge.zip", config().replace("\"units\" : 4", "\"units\" : 2147483647"));
        assertEquals(huge + ": model.json describes no valid model: its layers up to layer 0 hold 8,589,934,588 parameters; "
                + "dense4j holds at most 2,147,483,639", problem(huge));
        Path negative = withConfig("negative.zip", config().replace("\"units\" : 4", "\"units\" : -4"));
        assertTrue(problem(negative).endsWith("its layer 0's units is -4, not a whole number from 1 to 2147483647"), problem(negative));
        Path fraction = withConfig("width.zip", config().replace("\"inputWidth\" : 3", "\"inputWidth\" : 3.5"));
        assertTrue(problem(fraction).endsWith("its inputWidth is 3.5, not a whole number from 1 to 2147483647"), problem(fraction));
    }

    @Test
    void aSmallFileDeclaringGigabytesOfValuesIsRefusedBeforeInflatingThem() throws IOException {
        // 50 million parameters (200 MB) declared, in a file of a few kilobytes: a zip bomb's shape
        Path bomb = withConfig("bomb.zip", config().replace("\"units\" : 4", "\"units\" : 10000000"));
        String problem = problem(bomb);
        assertTrue(problem.contains("model.json declares 200,000,004 bytes of values in a file of "), problem);
    }

    @Test
    void anEntryLargerThanDeclaredIsReadNoFurther() throws IOException {
        Map<String, byte[]> changed = new LinkedHashMap<>(entries);
        changed.put("parameters.bin", new byte[1 << 20]); // 1 MiB of zeros, where 21 floats are declared
        Path longer = file("longer.zip", changed, true);
        assertEquals(longer + ": parameters.bin holds more than the 84 bytes model.json declares for it", problem(longer));
        changed.put("parameters.bin", new byte[40]);
        Path shorter = file("shorter.zip", changed, true);
        assertEquals(shorter + ": parameters.bin holds 40 bytes; the layers in model.json need 84", problem(shorter));
    }

    @Test
    void unknownAndRepeatedEntriesAreRefused() throws IOException {
        Map<String, byte[]> extra = new LinkedHashMap<>(entries);
        extra.remove(ModelArchive.DIGEST);
        extra.put("payload.bin", new byte[1 << 16]);
        Path unknown = file("unknown.zip", extra, true);
        assertEquals(unknown + ": has an entry dense4j does not write: \"payload.bin\"", problem(unknown));

        // a second model.json after the first, which ZipInputStream happily reads: the last one used to win.
        // ZipOutputStream refuses to write one, so the third entry's name is patched in the bytes.
        Path twice = folder.resolve("twice.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(twice))) {
            for (String name : new String[] {"model.json", "parameters.bin", "model.jsoX"}) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(entries.get(name.equals("model.jsoX") ? "model.json" : name));
                zip.closeEntry();
            }
        }
        Files.writeString(twice, Files.readString(twice, StandardCharsets.ISO_8859_1).replace("model.jsoX", "model.json"),
                StandardCharsets.ISO_8859_1);
        assertEquals(twice + ": has two entries named \"model.json\"", problem(twice));
    }

    @Test
    void anyEditThatKeepsTheEntryChecksumsIsCaughtByTheDigest() throws IOException {
        // swapping the class names inverts every prediction; model.json had no checksum of its own
        Map<String, byte[]> swapped = new LinkedHashMap<>(entries);
        swapped.put("model.json", config().replace("\"no\", \"yes\"", "\"yes\", \"no\"").getBytes(StandardCharsets.UTF_8));
        assertTrue(!config().equals(new String(swapped.get("model.json"), StandardCharsets.UTF_8)), "the edit applies");
        Path edited = file("swapped.zip", swapped, false);
        assertEquals(edited + ": is corrupt or was altered: its content does not match its digest.sha256", problem(edited));

        Map<String, byte[]> stripped = new LinkedHashMap<>(entries);
        stripped.remove(ModelArchive.DIGEST);
        Path undigested = file("undigested.zip", stripped, false);
        assertEquals(undigested + ": is truncated or corrupt: it has no digest.sha256", problem(undigested));
    }
}
