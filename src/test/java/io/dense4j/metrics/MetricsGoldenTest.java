package io.dense4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every metric against scikit-learn's value on the same fixed vectors (src/test/golden/metrics.py wrote them). */
class MetricsGoldenTest {
    private static final double TOLERANCE = 1e-12;

    @TestFactory
    List<DynamicTest> metricsEqualScikitLearns() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode golden : cases()) {
            tests.add(DynamicTest.dynamicTest(golden.path("name").asText(), () -> check(golden)));
        }
        return tests;
    }

    private static void check(JsonNode golden) {
        double[] p = doubles(golden.path("probabilities"));
        double[] y = doubles(golden.path("labels"));
        assertEquals(golden.path("brier").asDouble(), BrierScore.of(p, y), TOLERANCE, "Brier");

        Calibration calibration = Calibration.of(p, y);
        long[] counts = StreamSupport.stream(golden.path("calibrationCounts").spliterator(), false).mapToLong(JsonNode::asLong).toArray();
        assertArrayEquals(counts, calibration.counts(), "rows per bin");
        assertArrayEquals(doubles(golden.path("calibrationMeanProbability")), nonEmpty(calibration.meanProbabilities()), TOLERANCE);
        assertArrayEquals(doubles(golden.path("calibrationPositiveFraction")), nonEmpty(calibration.positiveFractions()), TOLERANCE);
        assertEquals(golden.path("ece").asDouble(), calibration.expectedCalibrationError(), TOLERANCE, "ECE");

        if (golden.has("averagePrecision")) {
            assertEquals(golden.path("rocAuc").asDouble(), RocAuc.of(p, y), TOLERANCE, "ROC AUC");
            PrecisionRecallCurve curve = PrecisionRecallCurve.of(p, y);
            JsonNode expected = golden.path("prCurve");
            assertArrayEquals(doubles(expected.path("recall")), curve.recalls(), TOLERANCE, "recalls");
            assertArrayEquals(doubles(expected.path("precision")), curve.precisions(), TOLERANCE, "precisions");
            double[] thresholds = doubles(expected.path("thresholds"));
            assertArrayEquals(thresholds, java.util.Arrays.copyOfRange(curve.thresholds(), 1, curve.thresholds().length), 0);
            assertEquals(golden.path("averagePrecision").asDouble(), curve.averagePrecision(), TOLERANCE, "average precision");
            Evaluation evaluation = new Scores(0, p, y).evaluation(0.5);
            assertEquals(golden.path("averagePrecision").asDouble(), evaluation.prAuc(), TOLERANCE);
            for (JsonNode goal : golden.path("goals")) {
                checkGoal(goal, p, y);
            }
        }
        for (JsonNode at : golden.path("atThreshold")) {
            ConfusionMatrix matrix = ConfusionMatrix.of(p, y, at.path("threshold").asDouble());
            assertEquals(at.path("balancedAccuracy").asDouble(), matrix.balancedAccuracy(), TOLERANCE, "balanced accuracy");
            assertEquals(at.path("mcc").asDouble(), matrix.matthewsCorrelation(), TOLERANCE, "MCC");
            assertEquals(at.path("f1").asDouble(), matrix.f1(), TOLERANCE, "F1");
        }
    }

    /** The chosen threshold classes the rows as scikit-learn's best curve point does, and sits below that point's lowest score. */
    private static void checkGoal(JsonNode goal, double[] p, double[] y) {
        ThresholdGoal parsed = ThresholdGoal.parse(goal.path("goal").asText());
        Scores scores = new Scores(0, p, y);
        if (goal.path("unreachable").asBoolean()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> parsed.choose(scores));
            assertTrue(error.getMessage().startsWith("no threshold reaches precision"), error.getMessage());
            return;
        }
        DecisionThreshold chosen = parsed.choose(scores);
        ConfusionMatrix matrix = ConfusionMatrix.of(p, y, chosen.value());
        assertEquals(goal.path("precision").asDouble(), matrix.precision(), TOLERANCE, goal + " precision");
        assertEquals(goal.path("recall").asDouble(), matrix.recall(), TOLERANCE, goal + " recall");
        assertTrue(chosen.value() <= goal.path("lowestPositive").asDouble(), chosen + " " + goal);
    }

    private static Iterable<JsonNode> cases() throws IOException {
        try (InputStream in = MetricsGoldenTest.class.getResourceAsStream("/golden/metrics.json")) {
            return new ObjectMapper().readTree(in).path("cases");
        }
    }

    private static double[] doubles(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
    }

    private static double[] nonEmpty(double[] perBin) {
        return java.util.Arrays.stream(perBin).filter(value -> !Double.isNaN(value)).toArray();
    }
}
