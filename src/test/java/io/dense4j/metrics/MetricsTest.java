package io.dense4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void metricsRefuseRowsThatDoNotPairUpAndScoresThatAreNoNumbers() {
        IllegalArgumentException lengths = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RocAuc.of(new double[] {0.1, 0.2, 0.3}, new double[] {0, 1}));
        assertEquals("the scores and labels are per row: got 3 scores and 2 labels", lengths.getMessage());
        assertEquals("row 1's score is NaN, not a number", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> RocAuc.of(new double[] {0.1, Double.NaN}, new double[] {0, 1})).getMessage());
        assertEquals("row 0's score is 2.0, not a probability in [0, 1]", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Calibration.of(new double[] {2, 0.5}, new double[] {0, 1})).getMessage());
        assertEquals("a threshold is a probability in [0, 1], got 7.0", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ConfusionMatrix.of(new double[] {0.2}, new double[] {1}, 7)).getMessage());
    }

    @Test
    void thresholdsReadInSixDigitsAndTinyOnesWithAnExponent() {
        assertEquals("0.5", DecisionThreshold.format(0.5));
        assertEquals("0.333333", DecisionThreshold.format(1.0 / 3));
        assertEquals("0", DecisionThreshold.format(0));
        assertEquals("0.0001", DecisionThreshold.format(1e-4));
        assertEquals("1E-300", DecisionThreshold.format(1e-300), "not 300 zeros");
        assertEquals("1.23457E-7", DecisionThreshold.format(1.2345678901234e-7));
        // typed by hand, it reads back as typed: 0.5 would say rows of probability 0.50000005 are class 1, which they are not
        assertEquals("0.5000001", DecisionThreshold.format(0.5000001));
        assertEquals("1.234567E-7", DecisionThreshold.format(1.234567e-7));
        assertEquals("0.123456789", DecisionThreshold.format(0.123456789));
        // halfway between two rows' probabilities, as a tuned threshold is, it has 17 digits and is rounded
        assertEquals("0.312785", DecisionThreshold.format(((double) 0.3127849f + (double) 0.3127851f) / 2));
        // a threshold below 1 never reads as 1, which would class no row below it positive
        assertEquals("0.999999999999", DecisionThreshold.format(0.999999999999));
        assertEquals("0.9999999999999999", DecisionThreshold.format(Math.nextDown(1.0)));
    }

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

    @Test
    void balancedAccuracyAndMatthewsCorrelationByHand() {
        ConfusionMatrix matrix = new ConfusionMatrix(2, 1, 1, 1);
        assertEquals((2.0 / 3 + 1.0 / 2) / 2, matrix.balancedAccuracy(), 1e-15);
        assertEquals((2.0 * 1 - 1.0 * 1) / Math.sqrt(3 * 3 * 2 * 2), matrix.matthewsCorrelation(), 1e-15);
        assertEquals(0, new ConfusionMatrix(0, 0, 5, 3).matthewsCorrelation(), "always negative: no correlation");
        assertEquals(0.5, new ConfusionMatrix(0, 0, 95, 5).balancedAccuracy(), "the majority class scores one half");
        // rows of one class only: the mean of the recalls there are, as scikit-learn's (tn 44, fp 6 gives 0.88, not 0.44)
        assertEquals(44.0 / 50, new ConfusionMatrix(0, 6, 44, 0).balancedAccuracy(), 1e-15);
        assertEquals(30.0 / 50, new ConfusionMatrix(30, 0, 0, 20).balancedAccuracy(), 1e-15);
    }

    @Test
    void calibrationErrorIsTheRowWeightedGapPerBin() {
        // bin (0.1, 0.2]: 0.15, 0.15 with labels 0, 1: mean 0.15, positives 0.5, gap 0.35;
        // bin (0.8, 0.9]: 0.85 with label 1: gap 0.15; ECE = (2·0.35 + 1·0.15) / 3
        Calibration calibration = Calibration.of(new double[] {0.15, 0.15, 0.85}, new double[] {0, 1, 1});
        assertEquals((2 * 0.35 + 0.15) / 3, calibration.expectedCalibrationError(), 1e-15);
        assertEquals(2, calibration.counts()[1]);
        assertEquals(1, calibration.counts()[8]);
        assertEquals(0.0, BrierScore.of(new double[] {1, 0}, new double[] {1, 0}));
        assertEquals((0.25 + 0.04) / 2, BrierScore.of(new double[] {0.5, 0.2}, new double[] {1, 0}), 1e-15);
    }

    @Test
    void chosenThresholdSitsHalfwayBelowTheLowestPositiveScore() {
        // thresholds 0.9: P 1, R ½, F1 ⅔; 0.6: P ½, R ½, F1 ½; 0.4: P ⅔, R 1, F1 0.8 (best): halfway to 0.1 is 0.25
        Scores scores = new Scores(0, new double[] {0.9, 0.6, 0.4, 0.1}, new double[] {1, 0, 1, 0});
        assertEquals(0.25, ThresholdGoal.f1().choose(scores).value(), 1e-15);
        assertEquals(0.75, ThresholdGoal.precision(1).choose(scores).value(), 1e-15);
        assertEquals(0.25, ThresholdGoal.recall(0.9).choose(scores).value(), 1e-15);
        assertEquals("best F1 on 4 validation rows, 2 of class 1: precision 0.6667, recall 1.0000",
                ThresholdGoal.f1().choose(scores).chosenBy());
    }

    @Test
    void thresholdGoalsParseAsTheCommandLineWritesThem() {
        assertEquals(ThresholdGoal.precision(0.9), ThresholdGoal.parse("precision=0.9"));
        assertEquals(ThresholdGoal.recall(0.75), ThresholdGoal.parse(" Recall=0.75 "));
        assertEquals(ThresholdGoal.Kind.F1, ThresholdGoal.parse("F1").kind());
        assertEquals("a threshold goal is f1, precision=P or recall=R, got \"accuracy\"",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> ThresholdGoal.parse("accuracy")).getMessage());
        assertEquals("precision goal must be in (0, 1], got 1.5", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ThresholdGoal.parse("precision=1.5")).getMessage());
        assertEquals("recall= takes a number in (0, 1], got \"high\"", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ThresholdGoal.parse("recall=high")).getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ThresholdGoal.f1().choose(new Scores(0, new double[] {0.2, 0.3}, new double[] {0, 0})));
    }
}
