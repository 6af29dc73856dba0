package io.dense4j.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Marks of one column (--missing-values-in glucose=0): the scorer reads glucose's 0 as missing,
 * as a Number, as text and in a row of floats, and a categorical column's own mark as its missing
 * slot, while the same values in other columns are values, as dense4j reads them.
 */
class ColumnMarksScorerTest {
    @TempDir
    Path folder;

    @Test
    void aColumnsMarkIsMissingThereAlone() throws Exception {
        Map<String, Categories> categories = Map.of("clinic", new Categories(List.of("north", "south")),
                "ward", new Categories(List.of("east", "unknown")));
        InputSchema schema = new InputSchema(List.of("pregnancies", "glucose", "clinic", "ward"), List.of("no", "yes"),
                List.of(2.5, 1.2, 0.0, 0.0), null, categories, List.of(), Map.of("glucose", List.of("0"), "clinic", List.of("unknown")));
        Model model = new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        ScorerTest.randomize(model, 17);
        Path file = folder.resolve("model.zip");
        model.save(file);
        Scorer scorer = Scorer.load(file);

        Map<String, Object> filled = Map.of("pregnancies", 0, "glucose", 1.2, "clinic", "", "ward", "east");
        double expected = scorer.probability(filled);
        assertEquals(model.predictProbability(new float[][] {{0f, 1.2f, 3f, 0f}})[0], expected, 1e-6);
        assertEquals(expected, scorer.probability(Map.of("pregnancies", 0, "glucose", 0, "clinic", "unknown", "ward", "east")), 0.0);
        assertEquals(expected, scorer.probability(Map.of("pregnancies", 0, "glucose", "0.0", "clinic", " unknown ", "ward", "east")),
                0.0);
        assertEquals(expected, scorer.probability(new float[] {0f, 0f, scorer.code("clinic", "unknown"), scorer.code("ward", "east")}),
                0.0);
        assertNotEquals(expected, scorer.probability(Map.of("pregnancies", "", "glucose", 1.2, "clinic", "", "ward", "east")),
                "pregnancies' 0 is a count, not a missing value's fill");
        assertEquals(1, scorer.code("ward", "unknown"), "unknown is a category of ward");
    }
}
