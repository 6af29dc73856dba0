package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default command line on a public table whose features span 0.0008 to 4,254 (Breast Cancer
 * Wisconsin, as python3-sklearn ships it; src/test/resources/data/README.md). Unscaled, such
 * features wreck gradient descent; the defaults standardize them, and a run that still ends worse
 * than always predicting the base rate says so and exits 1.
 */
class UnscaledRealDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private static String data(String file) throws Exception {
        return Path.of(UnscaledRealDataTest.class.getResource("/data/" + file).toURI()).toString();
    }

    @Test
    void theDefaultsStandardizeAndScoreWithinReachOfScikitLearnsPipeline() throws Exception {
        JsonNode reference = JSON.readTree(UnscaledRealDataTest.class.getResource("/golden/breast-cancer-reference.json"));
        Path model = folder.resolve("model.zip");
        Run trained = Run.of("train", "--data", data("breast-cancer-train.csv"), "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertFalse(trained.err().contains("Warning"), trained.err());
        assertTrue(trained.out().contains("Normalization"), trained.out());
        // 400 rows make 13 batches of 32 an epoch: ⌈1,000 / 13⌉ = 77 epochs make the default's 1,000 steps
        assertTrue(trained.out().contains("\nEpochs: 77, the default for 400 training rows in batches of 32: 13 steps an epoch, 1,000 "
                + "steps at least (--epochs N sets them)\n"), trained.out());
        String summary = Run.of("summary", "--model", model.toString()).out();
        assertTrue(summary.matches("(?s).*\nTrained by: dense4j 0\\.1\\.0, 20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ; 77 epochs, "
                + "batches of \\d+, shuffled, seed 42, no validation split; last epoch: loss 0\\.\\d{4}, accuracy 0\\.9\\d{3}\n.*"), summary);

        Run scored = Run.of("evaluate", "--model", model.toString(), "--data", data("breast-cancer-test.csv"), "--json");
        assertEquals(0, scored.exitCode(), scored.err());
        JsonNode test = JSON.readTree(scored.out());
        // StandardScaler + LogisticRegression on the same 400 / 169 rows: ROC AUC 0.9990, accuracy 0.9704
        assertTrue(test.get("rocAuc").asDouble() >= reference.get("test_roc_auc").asDouble() - 0.01, scored.out());
        assertTrue(test.get("accuracy").asDouble() >= reference.get("test_accuracy").asDouble() - 0.03, scored.out());
    }

    @Test
    void unscaledFeaturesThatEndWorseThanTheBaseRateAreSaidAndExitOne() throws Exception {
        Path model = Files.writeString(folder.resolve("unscaled.zip"), "an earlier model");
        Run unscaled = Run.of("train", "--data", data("breast-cancer-train.csv"), "--no-standardize", "--out", model.toString());
        assertEquals(1, unscaled.exitCode(), unscaled.out() + unscaled.err());
        // 227 of the 400 training rows are benign: the constant 0.5675 has loss −(0.5675 ln 0.5675 + 0.4325 ln 0.4325) = 0.6840
        assertTrue(unscaled.err().contains("is worse than always predicting the base rate (loss 0.6840, 56.8% positive); the features "
                + "are read unscaled (--no-standardize): leave that flag out to standardize them, or lower --lr"), unscaled.err());
        // epoch 1's mean loss is 16,700, far past twice the base rate's: said at once, not after epoch 2
        assertTrue(unscaled.err().lines().anyMatch(line -> line.startsWith("Warning: epoch 1's training loss 16700.9")), unscaled.err());
        assertTrue(unscaled.err().lines().anyMatch(line -> line.startsWith("dense4j: epoch 77's training loss")
                && line.endsWith(model + " was not written (a model there is left as it was); --accept-worse-than-base-rate writes "
                + "it and exits 0")), unscaled.err());
        assertEquals("an earlier model", Files.readString(model), "a run that fails leaves --out as it was");
        Path both = folder.resolve("both.zip"); // --out is the checkpoint too, which the run wrote as it went: said so
        Run checkpointed = Run.of("train", "--data", data("breast-cancer-train.csv"), "--no-standardize", "--epochs", "2", "--checkpoint",
                both.toString(), "--out", both.toString());
        assertEquals(1, checkpointed.exitCode(), checkpointed.err());
        assertTrue(checkpointed.err().contains(both + " holds the run's last checkpoint, being --checkpoint too"), checkpointed.err());
        // resumed with nothing left to train, the failed run is judged again on the epoch its model holds: it does not pass
        Path separate = folder.resolve("separate.zip");
        Path checkpoint = folder.resolve("checkpoint.zip");
        String[] failing = {"train", "--data", data("breast-cancer-train.csv"), "--no-standardize", "--epochs", "2", "--checkpoint",
                checkpoint.toString(), "--resume", "--out", separate.toString()};
        assertEquals(1, Run.of(failing).exitCode());
        Run again = Run.of(failing);
        assertEquals(1, again.exitCode(), again.out() + again.err());
        assertTrue(again.err().contains("dense4j: epoch 2's training loss"), again.err());
        assertFalse(Files.exists(separate), "a failed run resumed writes no model either");

        Run accepted = Run.of("train", "--data", data("breast-cancer-train.csv"), "--no-standardize", "--accept-worse-than-base-rate",
                "--out", model.toString());
        assertEquals(0, accepted.exitCode(), accepted.err());
        assertTrue(accepted.err().startsWith("Warning: epoch 1's training loss"), accepted.err());
    }
}
