package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pima Indians Diabetes (from Debian's weka; src/test/resources/data/README.md), whose 0 is no
 * reading in five columns and a count of pregnancies in a sixth: with those five marked by
 * --missing-values-in and filled, the default command line's held-out ROC AUC comes within 0.01
 * of scikit-learn's (mean imputation + standardize + logistic regression on the same split,
 * golden/pima-reference.json), and beats its own with the zeros read as values.
 */
class PimaColumnMarksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private static String data(String file) throws Exception {
        return Path.of(PimaColumnMarksTest.class.getResource("/data/" + file).toURI()).toString();
    }

    private double heldOutAuc(String name, String... flags) throws Exception {
        Path model = folder.resolve(name + ".zip");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--data", data("pima-train.csv"), "--out",
                model.toString(), "--cache-dir", folder.toString()));
        args.addAll(java.util.List.of(flags));
        Run trained = Run.of(args.toArray(String[]::new));
        assertEquals(0, trained.exitCode(), trained.err());
        Run scored = Run.of("evaluate", "--model", model.toString(), "--data", data("pima-test.csv"), "--json");
        assertEquals(0, scored.exitCode(), scored.err());
        return JSON.readTree(scored.out()).get("rocAuc").asDouble();
    }

    @Test
    void theZerosThatAreNoReadingMarkedInTheirColumnsScoreAsScikitLearnsImputation() throws Exception {
        JsonNode reference = JSON.readTree(PimaColumnMarksTest.class.getResource("/golden/pima-reference.json"));
        StringBuilder marks = new StringBuilder();
        reference.get("marked_columns").forEach(column -> marks.append(marks.length() == 0 ? "" : ",").append(column.asText()).append("=0"));
        assertEquals("plas=0,pres=0,skin=0,insu=0,mass=0", marks.toString());
        double marked = heldOutAuc("marked", "--missing-values-in", marks.toString(), "--fill-missing");
        double values = heldOutAuc("values");
        double sklearn = reference.get("zeros_missing_mean_filled").asDouble();
        assertTrue(marked >= sklearn - 0.01, "dense4j " + marked + ", scikit-learn " + sklearn);
        assertTrue(marked > values, "marked " + marked + ", the zeros read as values " + values);
    }
}
