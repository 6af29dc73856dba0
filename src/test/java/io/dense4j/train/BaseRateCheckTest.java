package io.dense4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.loss.ClassWeights;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BaseRateCheckTest {

    private static EpochMetrics epoch(int epoch, double loss) {
        return new EpochMetrics(epoch, loss, 0.5, Double.NaN, Double.NaN, 100, 1);
    }

    @Test
    void theConstantPredictionsLossIsTheBaseRatesEntropyUnderTheClassWeights() {
        // 3 negatives, 1 positive: q = 1/4, loss = −(ln 1/4 + 3 ln 3/4) / 4 = (1.386294 + 0.863046) / 4
        assertEquals(0.5623351446, BaseRateCheck.constantPredictionLoss(3, 1, ClassWeights.NONE), 1e-9);
        // the positive weighs 3: W₀ = W₁ = 3, q = 1/2, loss = −(3 ln 1/2 + 3 ln 1/2) / 4 = 1.5 ln 2
        assertEquals(1.5 * Math.log(2), BaseRateCheck.constantPredictionLoss(3, 1, ClassWeights.positive(3)), 1e-12);
        assertEquals(Math.log(2), BaseRateCheck.constantPredictionLoss(50, 50, ClassWeights.NONE), 1e-12);
        // its logit: ln(1 / 3), and 0 once the positive weighs 3
        assertEquals(Math.log(1.0 / 3), BaseRateCheck.constantPredictionLogit(3, 1, ClassWeights.NONE), 1e-12);
        assertEquals(0, BaseRateCheck.constantPredictionLogit(3, 1, ClassWeights.positive(3)), 1e-12);
        // a positive weighing 1e30: W₁ ln q → −3 and W₀ ln(1 − q) = 3 (ln 3 − 30 ln 10), so the loss is
        // (3 + 3 (30 ln 10 − ln 3)) / 4, finite, where q rounds to 1 and ln(1 − q) would be −∞
        assertEquals((3 + 3 * (30 * Math.log(10) - Math.log(3))) / 4, BaseRateCheck.constantPredictionLoss(3, 1,
                ClassWeights.positive(1e30)), 1e-9);
        // row weights: three negatives weighing 1.5 in all, a positive weighing 0.5, still over 4 rows: q = 1/4,
        // loss = −(0.5 ln 1/4 + 1.5 ln 3/4) / 4
        assertEquals(-(0.5 * Math.log(0.25) + 1.5 * Math.log(0.75)) / 4, BaseRateCheck.constantPredictionLoss(1.5, 0.5, 4,
                ClassWeights.NONE), 1e-12);
        assertEquals(Math.log(0.5 / 1.5), BaseRateCheck.constantPredictionLogit(1.5, 0.5, ClassWeights.NONE), 1e-12);
    }

    @Test
    void warnsOnceAfterTheFirstWorseEpochButEpochOneAndJudgesTheLast() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        BaseRateCheck check = new BaseRateCheck(4, new PrintStream(said, true, StandardCharsets.UTF_8), "try this");
        check.onEpochEnd(epoch(1, 9.0)); // not judged before expect: a resumed run
        assertFalse(check.worseAtEnd());
        check.expect(3, 1, ClassWeights.NONE);
        check.onEpochEnd(epoch(1, 0.9)); // epoch 1's mean includes the untrained start
        assertEquals("", said.toString(StandardCharsets.UTF_8));
        check.onEpochEnd(epoch(2, 0.8));
        check.onEpochEnd(epoch(3, Double.NaN));
        assertEquals("Warning: epoch 2's training loss 0.8000 is worse than always predicting the base rate (loss 0.5623, "
                + "25.0% positive); try this\n", said.toString(StandardCharsets.UTF_8));
        assertTrue(check.worseAtEnd(), "a NaN loss is never better");
        check.onEpochEnd(epoch(4, 0.5));
        assertFalse(check.worseAtEnd());
    }

    /** Mini-batches: an epoch still worse but falling by more than the gap passes the base rate within the next. */
    @Test
    void anEpochClosingOnTheBaseRateFastIsNotWarnedYet() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        BaseRateCheck check = new BaseRateCheck(5, new PrintStream(said, true, StandardCharsets.UTF_8), "try this");
        check.expect(3, 1, ClassWeights.NONE); // base rate loss 0.5623
        check.onEpochEnd(epoch(1, 0.75));
        check.onEpochEnd(epoch(2, 0.60)); // fell 0.15, still 0.0377 worse: below it within an epoch at that pace
        check.onEpochEnd(epoch(3, 0.55));
        assertEquals("", said.toString(StandardCharsets.UTF_8));
        check.onEpochEnd(epoch(4, 0.65)); // grew
        check.onEpochEnd(epoch(5, 0.64)); // fell 0.01, still 0.0777 worse
        assertEquals("Warning: epoch 4's training loss 0.6500 is worse than always predicting the base rate (loss 0.5623, "
                + "25.0% positive); try this\n", said.toString(StandardCharsets.UTF_8));
        check = new BaseRateCheck(3, new PrintStream(said, true, StandardCharsets.UTF_8), "try this");
        check.expect(3, 1, ClassWeights.NONE);
        check.onEpochEnd(epoch(1, 0.90));
        check.onEpochEnd(epoch(2, 0.70)); // fell 0.20, but 0.1377 worse is less than that: still closing
        check.onEpochEnd(epoch(3, 0.65)); // fell 0.05, 0.0877 worse
        assertTrue(said.toString(StandardCharsets.UTF_8).endsWith("Warning: epoch 3's training loss 0.6500 is worse than always "
                + "predicting the base rate (loss 0.5623, 25.0% positive); try this\n"));
    }

    /**
     * A full batch: each epoch's loss is of the weights before its one step, so a loss above the base
     * rate that still falls is training under way; a step that does not help is said, and the end judged.
     */
    @Test
    void aFullBatchIsWarnedOnlyWhenAStepDidNotHelp() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        BaseRateCheck check = new BaseRateCheck(6, new PrintStream(said, true, StandardCharsets.UTF_8), "more epochs", true);
        check.expect(3, 1, ClassWeights.NONE); // base rate loss 0.5623
        check.onEpochEnd(epoch(1, 0.82));
        check.onEpochEnd(epoch(2, 0.80));
        check.onEpochEnd(epoch(3, 0.75));
        assertEquals("", said.toString(StandardCharsets.UTF_8), "falling");
        assertTrue(check.worseAtEnd(), "still worse than the base rate, if the run ended here");
        check.onEpochEnd(epoch(4, 0.79));
        assertEquals("Warning: epoch 4's training loss 0.7900 is worse than always predicting the base rate (loss 0.5623, "
                + "25.0% positive); more epochs\n", said.toString(StandardCharsets.UTF_8));
        check.onEpochEnd(epoch(5, 0.60));
        check.onEpochEnd(epoch(6, 0.50));
        assertFalse(check.worseAtEnd());

        // the last epoch's loss is of the weights before its step: the loss after it judges the end
        BaseRateCheck twoSteps = new BaseRateCheck(2, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                "more epochs", true);
        twoSteps.expect(3, 1, ClassWeights.NONE);
        twoSteps.onEpochEnd(epoch(1, 1.29));
        twoSteps.onEpochEnd(epoch(2, 0.86));
        assertTrue(twoSteps.worseAtEnd());
        twoSteps.afterLastStep(0.55);
        assertFalse(twoSteps.worseAtEnd(), "0.55 after the last step beats the base rate's 0.5623");
        twoSteps.afterLastStep(0.60);
        assertEquals("the training loss after epoch 2's step 0.6000 is worse than always predicting the base rate (loss 0.5623, "
                + "25.0% positive); more epochs", twoSteps.verdict());
    }

    /** Unscaled features: 16,700 against a base rate's 0.56 after epoch 1 is no untrained start; it is said at once. */
    @Test
    void anEpochOneFarWorseThanTheBaseRateIsSaidAtOnce() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        BaseRateCheck check = new BaseRateCheck(3, new PrintStream(said, true, StandardCharsets.UTF_8), "try this");
        check.expect(3, 1, ClassWeights.NONE); // the base rate's loss: 0.5623
        check.onEpochEnd(epoch(1, 1.25)); // over twice that, but within ln 2 of it: the untrained start may explain it
        assertEquals("", said.toString(StandardCharsets.UTF_8));
        check = new BaseRateCheck(3, new PrintStream(said, true, StandardCharsets.UTF_8), "try this");
        check.expect(97, 3, ClassWeights.NONE); // rare positives: the base rate's loss is 0.1347, and an untrained 50% gives ln 2
        check.onEpochEnd(epoch(1, 0.6931));
        assertEquals("", said.toString(StandardCharsets.UTF_8));
        check = new BaseRateCheck(3, new PrintStream(said, true, StandardCharsets.UTF_8), "try this");
        check.expect(3, 1, ClassWeights.NONE);
        check.onEpochEnd(epoch(1, 16_700.9));
        assertEquals("Warning: epoch 1's training loss 16700.9000 is worse than always predicting the base rate (loss 0.5623, "
                + "25.0% positive); try this\n", said.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theEpochWhoseWeightsEarlyStoppingKeptIsTheOneJudged() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        BaseRateCheck check = new BaseRateCheck(5, new PrintStream(said, true, StandardCharsets.UTF_8), "try this");
        check.expect(3, 1, ClassWeights.NONE); // the base rate's loss: 0.5623
        io.dense4j.model.Model model = new io.dense4j.model.Sequential(new io.dense4j.layer.Dense(1, new io.dense4j.layer.Sigmoid()))
                .compile(2, new io.dense4j.loss.BinaryCrossEntropy(), new io.dense4j.optim.SGD(0.1));
        TrainingRun run = new TrainingRun(new Trainer(model), 1, 5, 4, false);
        check.onTrainBegin(run);
        check.onEpochEnd(epoch(1, 0.40));
        check.onEpochEnd(epoch(2, 0.70));
        check.onEpochEnd(epoch(3, 0.80));
        assertTrue(check.worseAtEnd(), "the last epoch was worse");
        run.restoredWeightsOf(epoch(1, 0.40)); // early stopping's end, before or after this check's in the callbacks' order
        assertFalse(check.worseAtEnd(), "but the model holds epoch 1's weights, better than the base rate");
    }

    @Test
    void aOneEpochRunIsJudgedOnItsOnlyEpoch() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        BaseRateCheck check = new BaseRateCheck(1, new PrintStream(said, true, StandardCharsets.UTF_8), "try this");
        check.expect(1, 1, ClassWeights.NONE);
        check.onEpochEnd(epoch(1, 0.7));
        assertTrue(said.toString(StandardCharsets.UTF_8).startsWith("Warning: epoch 1's training loss 0.7000"));
        assertEquals("epoch 1's training loss 0.7000 is worse than always predicting the base rate (loss 0.6931, 50.0% positive); "
                + "try this", check.verdict());
        // a loss a hair above the base rate's: as many decimals as tell them apart (ln 2 = 0.693147…)
        BaseRateCheck close = new BaseRateCheck(1, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "");
        close.expect(1, 1, ClassWeights.NONE);
        close.onEpochEnd(epoch(1, 0.693148));
        assertTrue(close.verdict().startsWith("epoch 1's training loss 0.693148 is worse than always predicting the base rate (loss "
                + "0.693147, 50.0% positive)"), close.verdict());
    }
}
