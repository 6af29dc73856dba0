package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dense4j.data.Categories;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Normalization;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Any {@code model.json} beside a model's real entries, its digest made to match as a deliberate
 * edit would make it (so that the fuzzer reaches the JSON's checks rather than the digest's): the
 * file loads, or {@link Model#load} stops with a one-line {@link ModelFileException} naming the
 * file. A model that loads describes itself and predicts without an error.
 *
 * <p>A plain test run replays the inputs kept in {@code ModelFileFuzzTestInputs}, among them the
 * {@code model.json} of {@link #saved()}; {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
public class ModelFileFuzzTest {
    /** The entries of a model with a hidden layer, standardized numbers, a categorical column, a column of dates and marks. */
    private static final Map<String, byte[]> ENTRIES = entries(saved());
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "5m")
    void loadsOrNamesTheProblem(byte[] json) throws IOException {
        check(json);
    }

    /**
     * As above, for the seed's {@code model.json} with a few of its values replaced, removed or
     * copied elsewhere, as a hand edit would: the fuzzer meets the checks of each field rather than
     * the JSON parser's.
     */
    @FuzzTest(maxDuration = "5m")
    void loadsAnEditedModelOrNamesTheProblem(FuzzedDataProvider data) throws IOException {
        JsonNode json = JSON.readTree(seedConfig());
        for (int edits = data.consumeInt(1, 4); edits > 0; edits--) {
            JsonEdits.apply(json, data);
        }
        check(JSON.writeValueAsBytes(json));
    }

    /** The seed model's {@code model.json}, which the edits start from (the scorer's fuzz test's too). */
    public static byte[] seedConfig() {
        return ENTRIES.get(ModelArchive.CONFIG).clone();
    }

    /** Writes {@code file}: the seed model's entries with {@code json} as its {@code model.json}, the digest made to match. */
    public static void write(Path file, byte[] json) throws IOException {
        write(file, ENTRIES, json);
    }

    /** Writes {@code file}: these entries of a model file with {@code json} as its {@code model.json}, the digest made to match. */
    public static void write(Path file, Map<String, byte[]> of, byte[] json) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(of);
        entries.remove(ModelArchive.DIGEST);
        entries.put(ModelArchive.CONFIG, json);
        entries.put(ModelArchive.DIGEST, ModelArchive.digest(entries).getBytes(StandardCharsets.US_ASCII));
        ModelFileTest.zip(file, entries);
    }

    /** The entries of the model file {@code file}, in order; its {@code model.json} under {@link #CONFIG}. */
    public static Map<String, byte[]> entries(Path file) {
        try {
            return ModelFileTest.entries(file);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** The name of a model file's {@code model.json} entry. */
    public static final String CONFIG = ModelArchive.CONFIG;

    private static void check(byte[] json) throws IOException {
        Path file = Files.createTempFile("fuzz", ".zip");
        try {
            write(file, json);
            Model model;
            try {
                model = Model.load(file);
            } catch (ModelFileException refused) {
                String message = refused.getMessage();
                assertFalse(message.contains("\n") || message.contains("\r"), "an error of more than one line: " + message);
                assertTrue(message.startsWith(file.toString()), "an error that does not name the file: " + message);
                return;
            }
            model.summary();
            int width = model.inputSchema() == null ? model.inputWidth() : model.inputSchema().featureNames().size();
            model.predictProbability(Nd4j.zeros(model.dataType(), 2, width));
        } finally {
            Files.delete(file);
        }
    }

    /**
     * The kept seed is this model's {@code model.json}, byte for byte: one written otherwise (a new
     * format) would only meet the checksums' check, and the fuzzer would start from nothing.
     */
    @Test
    void theSeedIsTheModelJsonOfTheModelFuzzedFrom() throws IOException {
        Path seed = Path.of("src/test/resources/io/dense4j/model/ModelFileFuzzTestInputs/loadsOrNamesTheProblem/seed-model.json");
        assertArrayEquals(ENTRIES.get(ModelArchive.CONFIG), Files.readAllBytes(seed),
                "write the model.json of saved() there anew: the model file's format changed");
        assertEquals(List.of("x", "colour", "day"), Model.load(saved()).inputSchema().featureNames());
    }

    /** The model whose {@code model.json} seeds the fuzzer, saved in a temporary file. */
    public static Path saved() {
        Map<String, Categories> categories = Map.of("colour", new Categories(List.of("red", "green", "blue")));
        InputSchema schema = new InputSchema(List.of("x", "colour", "day"), List.of("no", "yes"), List.of(0.5, 0.0, 18000.0),
                "label", categories, List.of("?"), Map.of("x", List.of("-9")), List.of("day"));
        Model model = new Sequential(new Normalization(), new Dense(4, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withSeed(7));
        model.adapt(Nd4j.createFromArray(new float[][] {{1.5f, 0, 18000.25f}, {-0.5f, 2, 18321.5f}, {2.0f, 1, 17999f}}));
        try {
            Path file = Files.createTempFile("seed", ".zip");
            model.save(file);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
