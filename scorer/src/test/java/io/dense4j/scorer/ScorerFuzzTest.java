package io.dense4j.scorer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dense4j.model.JsonEdits;
import io.dense4j.model.Model;
import io.dense4j.model.ModelFileException;
import io.dense4j.model.ModelFileFuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model file edited by hand, as {@link JsonEdits} edits one (its digest made to match): the
 * scorer loads it or refuses it with a one-line {@link ModelFormatException} naming the file, and
 * where dense4j loads it too, the two give one probability for the same rows. dense4j and the
 * scorer read {@code model.json} with parsers and checks of their own, so an edit one of them
 * takes otherwise than the other would score rows otherwise, silently.
 *
 * <p>A plain test run replays the inputs kept in {@code ScorerFuzzTestInputs}; {@code
 * JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class ScorerFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Rows as both read them: x, colour's code (red, green, blue, other, missing), day; whole
     * numbers that may be the model's marks, in x and in the days, and NaN, which both read as
     * missing in an array, filling it or refusing it alike.
     */
    private static final float[][] ROWS = {{0.375f, 0f, 18000.5f}, {1.5f, 2f, 18321.25f}, {-3.25f, 4f, 17000.75f},
            {1e6f + 0.5f, 3f, -0.5f}, {-9f, Float.NaN, 18000f}, {Float.NaN, 1f, -9f}, {0f, 0f, Float.NaN}, {-1f, 2f, 0f}};

    @FuzzTest(maxDuration = "5m")
    void scoresAsDense4jOrRefuses(FuzzedDataProvider data) throws IOException {
        // the core's fuzzed model: a hidden layer, standardized numbers, a categorical column, a column of dates, marks
        JsonNode json = JSON.readTree(ModelFileFuzzTest.seedConfig());
        for (int edits = data.consumeInt(1, 4); edits > 0; edits--) {
            JsonEdits.apply(json, data);
        }
        Path file = Files.createTempFile("fuzz", ".zip");
        try {
            ModelFileFuzzTest.write(file, JSON.writeValueAsBytes(json));
            Scorer scorer;
            try {
                scorer = Scorer.load(file);
            } catch (ModelFormatException refused) {
                String message = refused.getMessage();
                assertFalse(message.contains("\n") || message.contains("\r"), "an error of more than one line: " + message);
                assertTrue(message.startsWith(file.toString()), "an error that does not name the file: " + message);
                return;
            }
            Model model;
            try {
                model = Model.load(file);
            } catch (ModelFileException refused) { // the scorer is no stricter than the reader it mirrors; a looser check is no wrong score
                return;
            }
            int width = model.inputSchema() == null ? model.inputWidth() : model.inputSchema().featureNames().size();
            if (width != ROWS[0].length || !model.inputSchema().categories().containsKey("colour")
                    || model.inputSchema().categories().get("colour").values().size() != 3) {
                return; // rows of another shape: what they mean differs, not what the two make of them
            }
            for (int r = 0; r < ROWS.length; r++) {
                float[] row = ROWS[r];
                String expected = outcome(() -> model.predictProbability(new float[][] {row})[0]);
                String got = outcome(() -> scorer.probability(row));
                if (!expected.equals(got)) { // the same refusal, or probabilities within float32's rounding of each other
                    assertTrue(expected.startsWith("p ") && got.startsWith("p ") && Math.abs(Double.parseDouble(expected.substring(2))
                            - Double.parseDouble(got.substring(2))) <= 1e-5, "row " + r + ": dense4j " + expected + ", the scorer " + got
                            + ", of " + json);
                }
            }
        } finally {
            Files.delete(file);
        }
    }

    /** "p 0.25", "NaN", or "refused", for a row's probability as a side gives it. */
    private static String outcome(java.util.function.DoubleSupplier probability) {
        try {
            double p = probability.getAsDouble();
            return Double.isNaN(p) ? "NaN" : "p " + p;
        } catch (IllegalArgumentException refused) {
            return "refused";
        }
    }
}
