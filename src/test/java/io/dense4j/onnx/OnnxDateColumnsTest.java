package io.dense4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.layer.Dense;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import java.util.List;
import java.util.Map;
import onnx.Onnx.ModelProto;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A column of dates takes no whole-number mark in the exported model, as in dense4j's reader: its
 * days 0 and -1 (1970-01-01 and 1969-12-31) are dates, not missing values, while the same marks
 * still mark the numbers of the other columns.
 */
class OnnxDateColumnsTest {
    @Test
    void aWholeNumberMarkMarksNoDay() throws Exception {
        // x is a number, birth a column of dates; -1 marks every column, 0 marks x and birth by their own marks
        InputSchema schema = new InputSchema(List.of("x", "birth"), List.of("no", "yes"), List.of(0.25, 18000.0), "bought", Map.of(),
                List.of("-1"), Map.of("x", List.of("0"), "birth", List.of("0")), List.of("birth"));
        Model model = new Sequential(new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        model.setWeights(0, Nd4j.createFromArray(new float[][] {{0.5f}, {0.0001f}}));
        model.setBias(0, Nd4j.createFromArray(-1.5f));
        ModelProto onnx = OnnxExport.of(model);
        float[][] rows = {{0.25f, 0f}, {0.25f, -1f}, {0.25f, Float.NaN}, {0f, 5f}, {-1f, 5f}, {0.25f, 5f}};
        double[] probability = OnnxRuntimeScores.of(onnx.toByteArray(), rows, Map.of()).probability();
        // z = 0.5·x + 0.0001·birth − 1.5, by hand: the dates 0 and −1 are read as days
        assertEquals(sigmoid(0.125 - 1.5), probability[0], 1e-7, "1970-01-01 is day 0, not missing");
        assertEquals(sigmoid(0.125 - 0.0001 - 1.5), probability[1], 1e-7, "1969-12-31 is day -1, not missing");
        assertEquals(sigmoid(0.125 + 1.8 - 1.5), probability[2], 1e-7, "a missing date is the training mean, day 18,000");
        assertNotEquals(probability[2], probability[0]);
        assertEquals(probability[5], probability[3], 0.0, "x's own mark 0 is missing there");
        assertEquals(probability[5], probability[4], 0.0, "and -1, the mark of every column");
        double[] dense4j = model.predictProbability(new float[][] {rows[0], rows[1]});
        assertEquals(dense4j[0], probability[0], 1e-7);
        assertEquals(dense4j[1], probability[1], 1e-7);
        String described = onnx.getGraph().getInput(0).getDocString();
        assertTrue(described.endsWith("x, birth; NaN or -1 (not in columns of dates) or x=0 where missing, filled with the training "
                + "mean"), described);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
