package io.dense4j.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dense4j.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The model files older dense4j builds wrote (the core's test resources, older-files): those of
 * format 3 and later score as their writer predicted, rows given by name as a service has them (the
 * one file of format 4, a checkpoint, as dense4j scores it); the first two formats are refused with
 * the way to write them anew, which works.
 */
class OlderFilesScorerTest {
    @TempDir
    Path folder;

    /** A file of the core's test resources, which reach this module inside its test jar, as a file of its own. */
    private Path resource(String name) throws java.io.IOException {
        Path copy = folder.resolve(name.replace('/', '-'));
        if (!Files.exists(copy)) {
            try (java.io.InputStream in = OlderFilesScorerTest.class.getResourceAsStream("/" + name)) {
                Files.copy(java.util.Objects.requireNonNull(in, name), copy);
            }
        }
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "f3-7a4e946, data/pima-test.csv",
        "f3-c7de338, older-files/f3-c7de338-hmda150-test.csv",
        "f4-323ff91-es, data/pima-test.csv",
        "f5-323ff91, older-files/f5-323ff91-hmdaq150-test.csv",
        "f6-0f73bc0, older-files/f6-0f73bc0-hmdan150-test.csv",
        "f7-23896e9, data/pima-test.csv",
        "f7-23896e9-dates, older-files/f8-a507df5-pimad-test.csv",
        "f8-a507df5, older-files/f8-a507df5-pimad-test.csv"})
    void aModelScoresRowsByNameAsItsWriterPredictedThem(String prefix, String test) throws Exception {
        Scorer scorer = Scorer.load(resource("older-files/" + prefix + "-model.zip"));
        List<String> rows = Files.readAllLines(resource(test));
        List<String> expected = Files.readAllLines(resource("older-files/" + prefix + "-predictions.csv"));
        String[] names = rows.get(0).split(",", -1);
        for (int row = 1; row < rows.size(); row++) {
            String[] cells = rows.get(row).split(",", -1);
            Map<String, Object> byName = new HashMap<>();
            for (int column = 0; column < names.length; column++) {
                byName.put(names[column], cells[column]);
            }
            double written = Double.parseDouble(expected.get(row).split(",")[0]);
            // the scorer's sums run in another order than the core's kernels: float32 rounding apart
            assertEquals(written, scorer.probability(byName), 1e-6, prefix + ", row " + row);
        }
    }

    /** The only format 4 file, a checkpoint with early stopping's weights, scores as dense4j scores it. */
    @Test
    void aFormatFourCheckpointScoresAsDense4jDoes() throws Exception {
        Path checkpoint = resource("older-files/f4-323ff91-es-checkpoint-epoch3.zip");
        Scorer scorer = Scorer.load(checkpoint);
        Model model = Model.load(checkpoint);
        List<String> rows = Files.readAllLines(resource("data/pima-test.csv"));
        float[][] features = new float[rows.size() - 1][8];
        for (int row = 1; row < rows.size(); row++) {
            String[] cells = rows.get(row).split(",");
            for (int column = 0; column < 8; column++) {
                features[row - 1][column] = Float.parseFloat(cells[column]);
            }
        }
        double[] expected = model.predictProbability(features);
        for (int row = 0; row < features.length; row++) {
            assertEquals(expected[row], scorer.probability(features[row]), 1e-6, "row " + row);
        }
    }

    @Test
    void theFirstFormatsAreRefusedWithTheWayToWriteThemAnewWhichWorks() throws Exception {
        Path old = resource("older-files/f2-503dce7-model.zip");
        ModelFormatException refused = assertThrows(ModelFormatException.class, () -> Scorer.load(old));
        assertEquals(old + ": has format version 2, older than this scorer reads (3 to 8); dense4j's Java API writes it anew in a "
                + "format it reads: Model.load(file).save(newFile)", refused.getMessage());
        Path anew = folder.resolve("anew.zip");
        Model.load(old).save(anew);
        Scorer scorer = Scorer.load(anew);
        List<String> expected = Files.readAllLines(resource("older-files/f2-503dce7-predictions.csv"));
        List<String> rows = Files.readAllLines(resource("data/pima-test.csv"));
        String[] cells = rows.get(1).split(",");
        float[] first = new float[8];
        for (int column = 0; column < first.length; column++) {
            first[column] = Float.parseFloat(cells[column]);
        }
        assertEquals(Double.parseDouble(expected.get(1)), scorer.probability(first), 1e-6);
    }
}
