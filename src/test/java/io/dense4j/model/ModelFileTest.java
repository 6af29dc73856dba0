package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.Linear;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.Adam;
import io.dense4j.optim.SGD;
import io.dense4j.data.Dataset;
import io.dense4j.train.EpochMetrics;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import io.dense4j.train.Trainer;
import org.nd4j.linalg.api.buffer.DataType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final Synthetic DATA = Synthetic.generate(Teacher.XOR, 300, 2, 4);

    @TempDir
    Path folder;

    private static Model adamModel() {
        return new Sequential(new Dense(8, new ReLU(), Initializer.HE_NORMAL), new Linear(), new Dense(1), new Sigmoid())
                .compile(2, new BinaryCrossEntropy(), new Adam(0.01));
    }

    @Test
    void aCheckpointWithANegativeSecondMomentIsRefusedAsAlteredNotAsDiverged() {
        Trainer trainer = new Trainer(adamModel());
        trainer.fit(Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT), FitOptions.builder().epochs(1).build());
        TrainingState state = trainer.state();
        double[] values = state.optimizerState();
        values[values.length - 1] = -1; // the last second moment
        Checkpoint altered = new Checkpoint(trainer.model(), new TrainingState(state.progress(), state.optimizerSteps(), values,
                state.batching()));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(altered, io.dense4j.runtime.ExecutionPolicy.forThisMachine()));
        assertEquals("the checkpoint's optimizer state cannot be: Adam's second moment " + (values.length / 2 - 1) + " is -1.0, and an "
                + "average of squares is never negative (the file was altered)", refused.getMessage());
    }

    @Test
    void aModelWhoseConfigurationCouldNotBeReadBackIsRefusedBeforeTrainingAndNotWritten() {
        // 20,000 categories of 1,000 characters: about 20 MB of model.json, past the 16 MiB a model file may hold
        List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            values.add(String.format("%05d", i) + "u".repeat(995));
        }
        java.util.Map<String, io.dense4j.data.Categories> categories = java.util.Map.of("url", new io.dense4j.data.Categories(values));
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(new InputSchema(List.of("x", "url"), List.of("no", "yes"),
                null, "label", categories), new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class, model::checkSavable);
        // counted from the values, each 1,000 bytes with its quotes and comma, before any JSON is made
        assertEquals("the model's model.json would take at least 20,060,000 bytes, more than the 16,777,216 a model file may hold; "
                + "\"url\" keeps 20,000 categories: keep fewer categories (--max-categories), or leave out a column that names each "
                + "row", early.getMessage());
        Path file = folder.resolve("large.zip");
        IllegalArgumentException saved = assertThrows(IllegalArgumentException.class, () -> model.save(file));
        assertTrue(saved.getMessage().startsWith("nothing written to " + file + ": the model's model.json would take "), saved.getMessage());
        assertTrue(!Files.exists(file));
    }

    @Test
    void manyColumnsWhoseCategoriesAreTooManyTogetherAreNamedTogether() {
        java.util.Map<String, io.dense4j.data.Categories> categories = new java.util.LinkedHashMap<>();
        List<String> names = new java.util.ArrayList<>();
        for (int column = 0; column < 40; column++) {
            List<String> values = new java.util.ArrayList<>();
            for (int i = 0; i < (column == 7 ? 600 : 500); i++) {
                values.add(String.format("%05d", i) + "u".repeat(995));
            }
            categories.put("c" + column, new io.dense4j.data.Categories(values));
            names.add("c" + column);
        }
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(new InputSchema(names, List.of("no", "yes"), null, "label",
                categories), new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, model::checkSavable);
        assertEquals("the model's model.json would take at least 20,160,300 bytes, more than the 16,777,216 a model file may hold; "
                + "its 40 categorical columns keep 20,100 categories in all (\"c7\" the most, 600): keep fewer categories "
                + "(--max-categories), or leave out a column that names each row", refused.getMessage());
    }

    @Test
    void aSavedModelLoadsWithTheSameParametersPredictionsAndDescription() throws IOException {
        Model model = adamModel();
        model.setInputSchema(new InputSchema(List.of("x1", "x2"), List.of("no", "yes")).withLabelName("churned"));
        model.fit(DATA.features(), DATA.labels(), FitOptions.builder().epochs(3).build());
        model.setThreshold(new io.dense4j.metrics.DecisionThreshold(0.2837, "best F1 on 40 validation rows"));
        Path file = folder.resolve("model.zip");
        model.save(file);

        Model loaded = Model.load(file);

        assertEquals(model.parameters(), loaded.parameters());
        assertEquals(model.predictProbability(DATA.features()), loaded.predictProbability(DATA.features()));
        assertEquals(model.summary(), loaded.summary());
        assertEquals(model.inputSchema(), loaded.inputSchema());
        assertEquals("churned", loaded.inputSchema().labelName());
        assertEquals(model.provenance(), loaded.provenance());
        assertEquals(3, loaded.provenance().epochs());
        assertEquals(FitOptions.DEFAULT_SEED, loaded.provenance().seed());
        assertEquals(model.provenance().loss(), loaded.provenance().loss());
        assertTrue(loaded.summary().contains("Trained by: dense4j 0.1.0, "), loaded.summary());
        assertTrue(loaded.summary().contains("; 3 epochs, batches of 32, shuffled, seed "), loaded.summary());
        assertEquals("dense4j 0.1.0, 2026-12-06T05:00:00Z; 1 epoch, full batch, shuffled, seed 7, no validation split; last epoch: "
                + "loss 0.5000, accuracy 0.7500", new Provenance("0.1.0", "2026-12-06T05:00:00Z", 1, Integer.MAX_VALUE, true, 7, 0, false,
                0.5, 0.75, Double.NaN, Double.NaN).toString(), "one epoch");
        assertEquals(model.threshold(), loaded.threshold());
        try (var files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void trainingResumedFromACheckpointEndsWhereUninterruptedTrainingEnds() throws IOException {
        // Adam's moments and step count, and the epochs done, travel with the checkpoint, so 2 + 2 epochs equal 4.
        Dataset data = Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT);
        Model uninterrupted = adamModel();
        uninterrupted.fit(data, FitOptions.builder().epochs(4).build());

        Trainer first = new Trainer(adamModel());
        first.fit(data, FitOptions.builder().epochs(2).build());
        Path file = folder.resolve("checkpoint.zip");
        first.saveCheckpoint(file);
        Trainer resumed = Trainer.resume(file);
        assertEquals(2, resumed.epochsTrained());
        assertEquals(first.optimizerSteps(), resumed.optimizerSteps());
        History rest = resumed.fit(data, FitOptions.builder().epochs(4).build());

        assertEquals(List.of(3, 4), rest.epochs().stream().map(EpochMetrics::epoch).toList());
        assertArrayEquals(uninterrupted.parameters().toFloatVector(), resumed.model().parameters().toFloatVector(), 0f);
        assertEquals(first.model().predictProbability(DATA.features()), Model.load(file).predictProbability(DATA.features()),
                "a checkpoint is a model file too");
    }

    @Test
    void aModelSavedWithoutTrainingStateResumesAsAFreshTrainer() throws IOException {
        Model model = adamModel();
        Path file = folder.resolve("model.zip");
        model.save(file);
        Checkpoint checkpoint = Checkpoint.load(file);
        assertEquals(0, checkpoint.state().progress().epochs());
        assertEquals(0, checkpoint.state().optimizerState().length);
        assertEquals(0, Trainer.resume(file).optimizerSteps());
    }

    @Test
    void aFormatOneFileWhichAlwaysHeldTheOptimizersStateStillLoads() throws IOException {
        Trainer trainer = new Trainer(adamModel());
        trainer.fit(Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT), FitOptions.builder().epochs(2).build());
        Path current = folder.resolve("current.zip");
        trainer.saveCheckpoint(current);
        // format 1 kept the epochs at the top, the step count with the optimizer, and no "training" object
        String json = entry(current, "model.json").replace("\"formatVersion\" : 3", "\"formatVersion\" : 1")
                .replaceAll("(?s),\\s*\"training\" : \\{[^{}]*(\\{[^{}]*\\}[^{}]*)?\\}", "") // with its batching object
                .replace("\"inputWidth\" : 2", "\"inputWidth\" : 2, \"epochsTrained\" : 2")
                .replace("\"type\" : \"Adam\"", "\"type\" : \"Adam\", \"steps\" : " + trainer.optimizerSteps());
        Path old = rewrite(current, "format-1.zip", "model.json", json);
        Checkpoint loaded = Checkpoint.load(old);
        assertEquals(2, loaded.state().progress().epochs());
        assertEquals(trainer.optimizerSteps(), loaded.state().optimizerSteps());
        assertArrayEquals(trainer.state().optimizerState(), loaded.state().optimizerState(), 0.0);
        assertEquals(trainer.model().parameters(), loaded.model().parameters());
    }

    @Test
    void aCheckpointKeepsEarlyStoppingsStateAndBestWeightsAndRefusesThemAltered() throws IOException {
        Path file = folder.resolve("checkpoint.zip");
        io.dense4j.train.EarlyStopping stopping = io.dense4j.train.EarlyStopping.onTrainingLoss(50);
        Trainer trainer = new Trainer(adamModel());
        trainer.fit(Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT), FitOptions.builder().epochs(3).callbacks(stopping,
                io.dense4j.train.ModelCheckpoint.everyEpochs(file, 3)).build());
        CallbackState kept = Checkpoint.load(file).state().callbacks().get(0);
        assertTrue(entry(file, "model.json").contains("\"formatVersion\" : 4"), "older readers refuse callback-weights.bin by version");
        assertEquals("EarlyStopping", kept.name());
        assertEquals(stopping.bestEpoch(), (int) kept.number("bestEpoch"));
        assertEquals(3, (int) kept.number("waitingSince"), "the training loss of 300 rows falls every epoch");
        assertTrue(Double.isNaN(kept.number("stoppedEpoch")), "it has not stopped");
        assertTrue(Double.isNaN(kept.number("bestValidationLoss")), "no validation rows, so no validation loss");
        assertArrayEquals(trainer.model().parameters().toDoubleVector(), kept.weights(), 0.0,
                "epoch 3 was the best, and the weights it was written with are the best");
        assertEquals(4 * kept.weights().length, entryBytes(file, "callback-weights.bin").length);

        String json = entry(file, "model.json");
        Path many = rewrite(file, "many.zip", "model.json", json.replace("\"callbacks\" : [ {", "\"callbacks\" : ["
                + "{\"name\" : \"A\", \"numbers\" : {}, \"weights\" : false}, ".repeat(16) + "{"));
        assertTrue(problem(many).endsWith("describes no valid model: its training state's callbacks are not a list of at most 16"),
                problem(many));
        Path noCopy = rewrite(file, "no-copy.zip", "model.json", json.replace("\"weights\" : true", "\"weights\" : false"));
        assertTrue(problem(noCopy).endsWith("callback-weights.bin holds more than the 0 bytes model.json declares for it"),
                problem(noCopy));
        Path text = rewrite(file, "text.zip", "model.json", json.replaceFirst("\"waitingSince\" : 3\\.0", "\"waitingSince\" : \"3\""));
        assertTrue(problem(text).contains("its training state's callback \"EarlyStopping\" holds \"3\" as \"waitingSince\", "
                + "not a number"), problem(text));
    }

    /**
     * A checkpoint's counts are refused unless a run could have written them: a resumed run starts
     * from them, and an infinite loss sum once reached the model it saved, unreadable, over the
     * checkpoint itself; a step count past 2^53 read as a diverged run.
     */
    @Test
    void aCheckpointsCountsAreOnesARunWrites() throws IOException {
        Path file = folder.resolve("counts.zip");
        Trainer trainer = new Trainer(adamModel());
        trainer.fit(Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT), FitOptions.builder().epochs(2).build());
        trainer.saveCheckpoint(file);
        String json = entry(file, "model.json");
        java.util.Map<String, String> edits = new java.util.LinkedHashMap<>();
        edits.put("\"epochLossSum\" : [^,]+,", "\"epochLossSum\" : 1e400,");
        edits.put("\"epochsTrained\" : [0-9]+,", "\"epochsTrained\" : 4294967299,");
        edits.put("\"optimizerSteps\" : [0-9]+", "\"optimizerSteps\" : 9223372036854775807");
        edits.put("\"epochCorrect\" : [0-9]+", "\"epochCorrect\" : 1000000");
        java.util.List<String> said = java.util.List.of("its training state's epochLossSum is ", "its training state's epochsTrained is "
                + "4294967299, not a whole number from 0 to 2147483647", "its training state's optimizerSteps is 9223372036854775807, "
                + "not a whole number from 0 to 9007199254740992", "its training state counts 1000000 rows classed right of ");
        int k = 0;
        for (var edit : edits.entrySet()) {
            String edited = json.replaceFirst(edit.getKey(), edit.getValue());
            assertTrue(!edited.equals(json), edit.getKey());
            Path altered = rewrite(file, "altered-" + k + ".zip", "model.json", edited);
            assertTrue(problem(altered).contains(said.get(k)), problem(altered));
            k++;
        }
    }

    @Test
    void refusesToWriteAWeightThatIsNotFiniteAndKeepsTheEarlierFile() throws IOException {
        Model model = adamModel();
        Path file = folder.resolve("model.zip");
        model.save(file);
        byte[] before = Files.readAllBytes(file);
        model.weights(2).putScalar(5, 0, Double.NaN); // layer 2, Dense(1): weight [5, 0]
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> model.save(file));
        assertTrue(refused.getMessage().startsWith("nothing written to " + file + ": layer 2 (Dense) weight [5, 0] is NaN"),
                refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        Trainer trainer = new Trainer(model);
        IllegalStateException checkpoint = assertThrows(IllegalStateException.class,
                () -> trainer.saveCheckpoint(folder.resolve("checkpoint.zip")));
        assertTrue(checkpoint.getMessage().startsWith("after epoch 0, nothing written to"), checkpoint.getMessage());
        try (var files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void rejectsMissingTruncatedForeignNewerAndCorruptFiles() throws IOException {
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        Path good = folder.resolve("good.zip");
        model.save(good);
        byte[] bytes = Files.readAllBytes(good);

        assertTrue(problem(folder.resolve("absent.zip")).endsWith("absent.zip: no such file"));

        Path truncated = Files.write(folder.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(problem(truncated).contains("is truncated or corrupt"), problem(truncated));

        Path text = Files.writeString(folder.resolve("notes.zip"), "just some text");
        assertTrue(problem(text).contains("not a zip archive"), problem(text));

        Path foreign = zip("foreign.zip", "readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertTrue(problem(foreign).endsWith("is not a dense4j model file: its first entry is \"readme.txt\", not model.json"),
                problem(foreign));

        String json = entry(good, "model.json");
        Path newer = rewrite(good, "newer.zip", "model.json", json.replace("\"formatVersion\" : 3", "\"formatVersion\" : 9"));
        assertTrue(problem(newer).contains("was written by a newer dense4j (format version 9; this one, 0.1.0, reads up to 8)"),
                problem(newer));

        Path other = rewrite(good, "other.zip", "model.json", json.replace("dense4j-model", "keras-h5"));
        assertTrue(problem(other).contains("is not a dense4j model file (its format is \"keras-h5\")"), problem(other));

        Path threshold = rewrite(good, "threshold.zip", "model.json", json.replace("\"checksums\"",
                "\"threshold\" : {\"value\" : 1.5, \"chosenBy\" : \"hand\"}, \"checksums\""));
        assertTrue(problem(threshold).contains("describes no valid model: a threshold is a probability in [0, 1], got 1.5"),
                problem(threshold));

        byte[] parameters = entryBytes(good, "parameters.bin");
        parameters[0] ^= 1;
        Path flipped = rewrite(good, "flipped.zip", "parameters.bin", parameters);
        assertTrue(problem(flipped).contains("parameters.bin is corrupt: its SHA-256 does not match"), problem(flipped));
    }

    @Test
    void refusesAFileWhoseWeightsAreNotFiniteEvenWithMatchingChecksums() throws Exception {
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        Path good = folder.resolve("good.zip");
        model.save(good);
        byte[] parameters = entryBytes(good, "parameters.bin");
        java.nio.ByteBuffer.wrap(parameters).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(4, Float.NaN); // weight [1, 0]
        String oldSum = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(entryBytes(good, "parameters.bin")));
        String newSum = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(parameters));
        Path altered = rewrite(good, "altered-weights.zip", "parameters.bin", parameters);
        Path nan = rewrite(altered, "nan.zip", "model.json", entry(altered, "model.json").replace(oldSum, newSum));
        assertTrue(problem(nan).endsWith("holds a value that is not a finite number: layer 0 (Dense) weight [1, 0] is NaN; "
                + "such a model would predict NaN"), problem(nan));
    }

    private static String problem(Path file) {
        return assertThrows(ModelFileException.class, () -> Model.load(file)).getMessage();
    }

    private static String entry(Path zip, String name) throws IOException {
        return new String(entryBytes(zip, name), StandardCharsets.UTF_8);
    }

    private static byte[] entryBytes(Path zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** A copy of {@code source} with one entry replaced, and its digest made to match, as a deliberate edit would. */
    private Path rewrite(Path source, String target, String name, Object content) throws IOException {
        java.util.Map<String, byte[]> entries = entries(source);
        entries.put(name, content instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) content);
        entries.remove(ModelArchive.DIGEST);
        entries.put(ModelArchive.DIGEST, ModelArchive.digest(entries).getBytes(StandardCharsets.US_ASCII));
        return write(target, entries);
    }

    /** Every entry of a zip, in order. */
    static java.util.Map<String, byte[]> entries(Path source) throws IOException {
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** A zip of these entries, in order. */
    private Path write(String target, java.util.Map<String, byte[]> entries) throws IOException {
        return zip(folder.resolve(target), entries);
    }

    /** Writes {@code out} as a zip of these entries, in order. */
    static Path zip(Path out, java.util.Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return out;
    }

    /** A zip of one entry. */
    private Path zip(String target, String name, byte[] content) throws IOException {
        Path out = folder.resolve(target);
        try (OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out;
    }
}
