package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.loss.ClassWeights;
import io.dense4j.metrics.Scores;
import io.dense4j.train.EpochMetrics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that does worse on its validation rows than always predicting the training rows' base
 * rate is said to: it learned the training rows, not what carries to new ones.
 */
class HeldOutWarningTest {
    @TempDir
    Path folder;

    @Test
    void theValidationLossIsJudgedAgainstTheTrainingBaseRateOnTheValidationLabels() {
        RunJudgement judgement = new RunJudgement(10, 32, true, new PrintStream(PrintStream.nullOutputStream()));
        judgement.baseRate().expect(3, 1, ClassWeights.NONE); // 25% positive: −(0.25 ln 0.25 + 0.75 ln 0.75) = 0.5623 on them
        judgement.baseRate().onEpochEnd(new EpochMetrics(10, 0.2, 0.9, 0.8, 0.5, 0, 0));
        double[] labels = {1, 0, 0, 0, 1};
        // always 0.25 on 2 positives and 3 negatives: −(2 ln 0.25 + 3 ln 0.75) / 5 = 0.72713
        double constant = -(2 * Math.log(0.25) + 3 * Math.log(0.75)) / 5;
        assertEquals(0.727127, constant, 1e-6);
        String worse = "Warning: on the validation rows the log loss 0.8000 is worse than always predicting the training rows' base "
                + "rate (loss 0.7271 there, 25.0% positive): ";
        // 0.5623 − 0.2 gained on the training rows, 0.8 − 0.7271 lost on new ones
        assertEquals(worse + "the model's probabilities fit the training rows (loss 0.2000 against the base rate's 0.5623), not new "
                + "ones; try fewer --epochs, --early-stopping 3 (it keeps the epoch of least validation loss), --l2 or --dropout, or "
                + "more rows", judgement.heldOutWarning(new Scores(0.8, new double[5], labels), false, false));
        assertEquals(worse + "the model's probabilities fit the training rows (loss 0.2000 against the base rate's 0.5623), not new "
                + "ones; early stopping kept the epoch of least validation loss, so try --l2 or --dropout, smaller --layers, or more "
                + "rows", judgement.heldOutWarning(new Scores(0.8, new double[5], labels), false, true));
        assertNull(judgement.heldOutWarning(new Scores(0.727, new double[5], labels), false, false), "better than the constant");
        assertNull(judgement.heldOutWarning(new Scores(0.8, new double[5], labels), true, false), "a weighted loss: the log loss is not");

        // far more lost on new rows (1.5 − 0.7271) than gained on the training rows (0.5623 − 0.2): still learned by heart
        assertTrue(judgement.heldOutWarning(new Scores(1.5, new double[5], labels), false, false).contains("the model's "
                + "probabilities fit the training rows (loss 0.2000 against the base rate's 0.5623), not new ones"));

        judgement.baseRate().onEpochEnd(new EpochMetrics(11, 0.55, 0.75, 0.8, 0.5, 0, 0)); // 0.0123 gained: under a tenth of 0.5623
        assertEquals(worse + "on the training rows too it is little better than the base rate (loss 0.5500 against 0.5623), so what "
                + "it learned does not carry to new rows; the features may hold little that predicts the label",
                judgement.heldOutWarning(new Scores(0.8, new double[5], labels), false, true));
    }

    /** 300 rows of 400 features of noise, and a label that one of them and more noise decide: 210 rows learn it by heart. */
    private Path wideNoise() throws Exception {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < 400; j++) {
            text.append('f').append(j).append(',');
        }
        text.append("label\n");
        for (int i = 0; i < 300; i++) {
            double first = 0;
            for (int j = 0; j < 400; j++) {
                double value = random.nextGaussian();
                first = j == 0 ? value : first;
                text.append(String.format(Locale.ROOT, "%.4f,", value));
            }
            text.append(first + 2 * random.nextGaussian() > 0 ? 1 : 0).append('\n');
        }
        return Files.writeString(folder.resolve("wide.csv"), text);
    }

    @Test
    void aWideTableLearnedByHeartIsWarnedOfAndWrittenAndAModelThatCarriesIsNot() throws Exception {
        Path wide = wideNoise();
        Path model = folder.resolve("wide.zip");
        Run overfit = Run.of("train", "--data", wide.toString(), "--validation", "0.3", "--epochs", "30", "--out", model.toString());
        assertEquals(0, overfit.exitCode(), overfit.err());
        assertTrue(overfit.err().matches("(?s)Warning: on the validation rows the log loss \\d\\.\\d{4} is worse than always predicting the "
                + "training rows' base rate \\(loss 0\\.6\\d{3} there, \\d\\d\\.\\d% positive\\): the model's probabilities fit the "
                + "training rows \\(loss 0\\.0\\d{3} against the base rate's 0\\.69\\d\\d\\), not new ones; try fewer --epochs, .*"), overfit.err());
        assertTrue(Files.exists(model), "a warning, not a failure");
        Run stopped = Run.of("train", "--data", wide.toString(), "--validation", "0.3", "--epochs", "30", "--early-stopping", "2",
                "--out", model.toString());
        assertTrue(stopped.err().contains("not new ones; early stopping kept the epoch of least validation loss, so try --l2"),
                "not advised again: " + stopped.err());
        Run weighted = Run.of("train", "--data", wide.toString(), "--validation", "0.3", "--epochs", "30", "--class-weight", "balanced",
                "--out", model.toString());
        assertFalse(weighted.err().contains("on the validation rows"), weighted.err());

        Path cancer = Path.of(HeldOutWarningTest.class.getResource("/data/breast-cancer-train.csv").toURI());
        Run carries = Run.of("train", "--data", cancer.toString(), "--validation", "0.2", "--out", folder.resolve("c.zip").toString());
        assertEquals(0, carries.exitCode(), carries.err());
        assertTrue(carries.out().contains("On the validation rows: log loss 0.0"), carries.out());
        assertFalse(carries.err().contains("Warning"), carries.err());
    }
}
