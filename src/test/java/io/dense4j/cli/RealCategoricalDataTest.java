package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default command line on public tables with text columns (from r-cran-aer and r-cran-cardata;
 * src/test/resources/data/README.md): the text columns are found and one-hot encoded with no flag,
 * and the held-out ROC AUC comes within 0.01 of scikit-learn's pipeline (one-hot + standardize +
 * logistic regression) fitted on the same split, whose figures are in golden/NAME-reference.json.
 */
class RealCategoricalDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private static String data(String file) throws Exception {
        return Path.of(RealCategoricalDataTest.class.getResource("/data/" + file).toURI()).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hmda", "resume", "mpls-stops"})
    void theDefaultsEncodeTheTextColumnsAndScoreWithinReachOfScikitLearn(String name) throws Exception {
        JsonNode reference = JSON.readTree(RealCategoricalDataTest.class.getResource("/golden/" + name + "-reference.json"));
        String suffix = reference.get("train_file").asText().endsWith(".gz") ? ".csv.gz" : ".csv";
        Path model = folder.resolve(name + ".zip");
        Run trained = Run.of("train", "--data", data(name + "-train" + suffix), "--out", model.toString(),
                "--cache-dir", folder.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        List<String> textColumns = new ArrayList<>();
        reference.get("text_columns").fieldNames().forEachRemaining(textColumns::add);
        var categories = io.dense4j.model.Model.load(model).inputSchema().categories();
        for (String column : textColumns) {
            int distinct = reference.get("text_columns").get(column).asInt();
            assertEquals(Math.min(distinct, 100), categories.get(column).values().size(), column + " in " + categories.keySet());
        }
        assertEquals(textColumns.size(), categories.size(), categories.keySet().toString());
        // the line names ten columns at most, then how many more
        String found = trained.out().lines().filter(line -> line.startsWith("Categorical columns")).findFirst().orElseThrow();
        String first = textColumns.get(0);
        assertTrue(found.contains(": " + first + " (" + categories.get(first).values().size() + ")"), found);
        assertTrue(textColumns.size() <= 10 ? !found.contains(" more") : found.endsWith(" and " + (textColumns.size() - 10) + " more"),
                found);

        Run scored = Run.of("evaluate", "--model", model.toString(), "--data", data(name + "-test" + suffix), "--json");
        assertEquals(0, scored.exitCode(), scored.err());
        double auc = JSON.readTree(scored.out()).get("rocAuc").asDouble();
        double sklearn = reference.get("test_roc_auc").asDouble();
        assertTrue(auc >= sklearn - 0.01, name + ": dense4j " + auc + ", scikit-learn " + sklearn);
        assertTrue(auc > reference.get("numeric_only").get("test_roc_auc").asDouble(), name + ": the text columns add signal");
    }

    @org.junit.jupiter.api.Test
    void predictCopiesColumnsThroughAndNamesTheClass() throws Exception {
        Path model = folder.resolve("hmda.zip");
        assertEquals(0, Run.of("train", "--data", data("hmda-train.csv"), "--out", model.toString(), "--cache-dir",
                folder.toString()).exitCode());
        Path out = folder.resolve("predictions.csv");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", data("hmda-test.csv"), "--keep", "afam,deny",
                "--out", out.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("afam,deny,probability,class", lines.get(0));
        assertEquals(715, lines.size());
        assertTrue(lines.subList(1, lines.size()).stream().allMatch(line -> line.matches("(no|yes),(no|yes),[0-9.E-]+,(no|yes)")),
                lines.get(1));
    }
}
