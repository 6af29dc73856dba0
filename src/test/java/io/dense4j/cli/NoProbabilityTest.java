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
        assertEquals("dense4j: " + rows + ", line 4: data row 3 has no probability: its values overflow the model's layers, as a value far "
                + "outside what training saw can; check that row", predicted.err().strip());
        assertFalse(Files.exists(out), "no file of NaN probabilities");

        Run evaluated = Run.of("evaluate", "--model", saved.toString(), "--data", rows.toString());
        assertEquals(1, evaluated.exitCode(), evaluated.out());
        assertTrue(evaluated.err().strip().equals("dense4j: " + rows + ", line 4: data row 3 has no probability: its values overflow the "
                + "model's layers, as a value far outside what training saw can; check that row"), evaluated.err());

        // named as a reader finds the row: in its file of a folder, among the rows read when bad ones were skipped
        Path parts = Files.createDirectories(folder.resolve("parts"));
        Files.writeString(parts.resolve("a.csv"), "a,b,label\n0,0,no\n0,0,yes\n");
        Path second = Files.writeString(parts.resolve("b.csv"), "a,b,label\n0,0,no\n10,10,yes\n");
        Run inFolder = Run.of("evaluate", "--model", saved.toString(), "--data", parts.toString());
        assertTrue(inFolder.err().contains(second + ", line 3: data row 2 has no probability"), inFolder.err());
        Path skipping = Files.writeString(folder.resolve("skipping.csv"), "a,b,label\n0,0,no\nx,0,no\n10,10,yes\n");
        Run skipped = Run.of("evaluate", "--model", saved.toString(), "--data", skipping.toString(), "--skip-bad-rows");
        assertTrue(skipped.err().contains(skipping + ", line 4: data row 2 of those read (1 bad row was skipped) has no probability"),
                skipped.err());

        // a quoted cell that holds a line end puts lines and rows apart: the line is the row's own, from a file and a stream
        Path quoted = Files.writeString(folder.resolve("quoted.csv"), "id,a,b,label\n\"x\ny\",0,0,no\n\"z\nw\",10,10,yes\n");
        Run spanned = Run.of("predict", "--model", saved.toString(), "--data", quoted.toString(), "--keep", "id", "--out", "-");
        assertEquals("dense4j: " + quoted + ", line 4: data row 2 has no probability: its values overflow the model's layers, as a "
                + "value far outside what training saw can; check that row", spanned.err().strip());
        Run streamed = Run.withInput(Files.readString(quoted), "predict", "--model", saved.toString(), "--data", "-", "--out", "-");
        assertTrue(streamed.err().contains("dense4j: standard input: data row 2 has no probability"), streamed.err());

        // 10·3e38 alone is an infinite logit: p would read 1, and the log loss of a row labeled 0 NaN
        Path infinite = Files.writeString(folder.resolve("infinite.csv"), "a,b,label\n0,0,no\n10,0,no\n");
        Run loss = Run.of("evaluate", "--model", saved.toString(), "--data", infinite.toString(), "--json");
        assertEquals(1, loss.exitCode(), loss.out());
        assertTrue(loss.err().contains(infinite + ", line 3: data row 2 has no probability"), loss.err());
    }

    /**
     * Trained on columns of 0 and 1e-30 (σ ≈ 5e-31), a validation row of 1e10 standardizes past
     * float32: the first epoch's validation loss is NaN, said at once rather than logged blank
     * and stopped on by early stopping.
     */
    @Test
    void aValidationRowWhoseValuesOverflowStopsTheRun() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int row = 0; row < 200; row++) { // data row 2 (index 1) is a validation row at --validation 0.5 and the default seed
            csv.append(row == 1 ? "1e10,1e10" : (row % 3 == 0 ? "0" : "1e-30") + "," + (row % 5 == 0 ? "0" : "1e-30"))
                    .append(row % 2 == 0 ? ",no\n" : ",yes\n");
        }
        Path rows = Files.writeString(folder.resolve("tiny.csv"), csv);
        Run trained = Run.of("train", "--data", rows.toString(), "--validation", "0.5", "--epochs", "2", "--out",
                folder.resolve("t.zip").toString());
        assertEquals(1, trained.exitCode(), trained.out());
        assertTrue(trained.err().contains("epoch 1's validation loss is NaN: a validation row's values overflow the model's layers"),
                trained.err());
    }
}
