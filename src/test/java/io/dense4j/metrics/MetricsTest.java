package io.dense4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void rocAucCountsOrderedPairsWithTiesAsHalf() {
        // positives score {0.9, 0.5}, negatives {0.5, 0.1}: pairs (0.9 > 0.5) 1, (0.9 > 0.1) 1, (0.5 = 0.5) ½, (0.5 > 0.1) 1
        // AUC = 3.5 / 4
        double auc = RocAuc.of(new double[] {0.9, 0.5, 0.5, 0.1}, new double[] {1, 1, 0, 0});
        assertEquals(0.875, auc, 1e-15);
        assertEquals(1.0, RocAuc.of(new double[] {0.2, 0.8}, new double[] {0, 1}), 0);
        assertEquals(0.0, RocAuc.of(new double[] {0.8, 0.2}, new double[] {0, 1}), 0);
        assertTrue(Double.isNaN(RocAuc.of(new double[] {0.3, 0.4}, new double[] {1, 1})));
    }

    @Test
    void confusionMatrixAndItsRates() {
        // predictions at 0.5: [1, 1, 0, 0, 1] vs labels [1, 0, 1, 0, 1]: tp 2, fp 1, fn 1, tn 1
        ConfusionMatrix matrix = ConfusionMatrix.of(new double[] {0.9, 0.6, 0.4, 0.1, 0.5}, new double[] {1, 0, 1, 0, 1}, 0.5);
        assertEquals(new ConfusionMatrix(2, 1, 1, 1), matrix);
        assertEquals(0.6, matrix.accuracy(), 1e-15);
        assertEquals(2.0 / 3, matrix.precision(), 1e-15);
        assertEquals(2.0 / 3, matrix.recall(), 1e-15);
        assertEquals(2.0 / 3, matrix.f1(), 1e-15);
    }

    @Test
    void precisionIsZeroWhenNothingIsPredictedPositive() {
        ConfusionMatrix matrix = ConfusionMatrix.of(new double[] {0.1, 0.2}, new double[] {1, 0}, 0.5);
        assertEquals(0, matrix.precision());
        assertEquals(0, matrix.f1());
        assertEquals(0.5, matrix.accuracy());
    }

    @Test
    void rocCurveStepsThroughTheThresholdsAndItsAreaIsTheAuc() {
        // scores 0.9 (pos), 0.5 (pos), 0.5 (neg), 0.1 (neg): thresholds give (0, 0), (0, ½), (½, 1), (1, 1)
        double[] scores = {0.9, 0.5, 0.5, 0.1};
        double[] labels = {1, 1, 0, 0};
        RocCurve curve = RocCurve.of(scores, labels);
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, curve.falsePositiveRates(), 0);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, curve.truePositiveRates(), 0);
        double area = 0;
        for (int i = 1; i < curve.falsePositiveRates().length; i++) {
            area += (curve.falsePositiveRates()[i] - curve.falsePositiveRates()[i - 1])
                    * (curve.truePositiveRates()[i] + curve.truePositiveRates()[i - 1]) / 2;
        }
        assertEquals(RocAuc.of(scores, labels), area, 1e-15);
    }
}
