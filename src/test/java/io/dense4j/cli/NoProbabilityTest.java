package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.layer.Dense;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finite values that a model's float32 layers take to NaN or an infinite logit (here 10·3e38 − 10·3e38; in use, a value
 * far outside the training range after standardization by a tiny deviation) give no probability:
 * predict and evaluate stop at that row, naming the file and the row, rather than write NaN with
 * the class of a row below the threshold, or print a NaN log loss with exit 0.
 */
class NoProbabilityTest {
    @TempDir
    Path folder;

    @Test
    void aRowWhoseValuesOverflowTheLayersStopsPredictAndEvaluate() throws Exception {
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(new InputSchema(List.of("a", "b"), List.of("no", "yes")),
                new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        model.parameters().putScalar(0, 3e38).putScalar(1, -3e38).putScalar(2, 0);
        Path saved = folder.resolve("m.zip");
        model.save(saved);
        Path rows = Files.writeString(folder.resolve("rows.csv"), "a,b,label\n1e-38,0,yes\n0,0,no\n10,10,yes\n");

        Path out = folder.resolve("p.csv");
        Run predicted = Run.of("predict", "--model", saved.toString(), "--data", rows.toString(), "--out", out.toString());
        assertEquals(1, predicted.exitCode(), predicted.out());
        assertEquals("dense4j: " + rows + ": data row 3 has no probability: its values overflow the model's layers, as a value far "
                + "outside what training saw can; check that row", predicted.err().strip());
        assertFalse(Files.exists(out), "no file of NaN probabilities");

        Run evaluated = Run.of("evaluate", "--model", saved.toString(), "--data", rows.toString());
        assertEquals(1, evaluated.exitCode(), evaluated.out());
        assertTrue(evaluated.err().strip().equals("dense4j: " + rows + ": data row 3 has no probability: its values overflow the "
                + "model's layers, as a value far outside what training saw can; check that row"), evaluated.err());

        // 10·3e38 alone is an infinite logit: p would read 1, and the log loss of a row labeled 0 NaN
        Path infinite = Files.writeString(folder.resolve("infinite.csv"), "a,b,label\n0,0,no\n10,0,no\n");
        Run loss = Run.of("evaluate", "--model", saved.toString(), "--data", infinite.toString(), "--json");
        assertEquals(1, loss.exitCode(), loss.out());
        assertTrue(loss.err().contains(infinite + ": data row 2 has no probability"), loss.err());
    }
}
