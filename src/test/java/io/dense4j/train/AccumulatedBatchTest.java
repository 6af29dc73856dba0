package io.dense4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.data.Dataset;
import io.dense4j.model.CompileOptions;
import io.dense4j.runtime.Gradients;
import io.dense4j.runtime.Plan;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A batch larger than one training pass (4,096 rows or more) is accumulated into exactly the whole batch's step. */
class AccumulatedBatchTest {

    /** 0 is the command line's full batch; in Java a batch size is at least 1, and the message names fullBatch(). */
    @Test
    void aBatchSizeOfZeroNamesTheFullBatch() {
        assertEquals("fit expects a batch size >= 1, got 0 (for a full batch, FitOptions.builder().fullBatch(); --batch-size 0 on the "
                + "command line)", org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FitOptions.builder().batchSize(0).build()).getMessage());
    }

    @Test
    void aFullBatchStepOnFortyThousandRowsIsMinusTheLearningRateTimesTheWholeBatchGradient() {
        Synthetic data = Synthetic.generate(Teacher.XOR, 40_000, 3, 8);
        Model reference = model();
        // the reference: one plan over all 40,000 rows at once, no passes, no parts
        Dataset rows = Dataset.of(data.features(), data.labels(), DataType.DOUBLE);
        Gradients gradients = new Gradients(reference.graph(), DataType.DOUBLE);
        Plan whole = new Plan(reference.parameterValues(), gradients, rows.rows());
        rows.copyRows(0, rows.rows(), whole.input(), whole.labels(), null);
        double loss = whole.trainingStep(rows.rows(), rows.rows()) / rows.rows();
        double[] expected = reference.parameters().toDoubleVector();
        for (int i = 0; i < expected.length; i++) {
            expected[i] -= 0.5 * gradients.values().get(i);
        }

        Model accumulated = model(); // the same seed: the same starting weights
        History history = accumulated.fit(data.features(), data.labels(),
                FitOptions.builder().fullBatch().epochs(1).shuffle(false).build()); // passes of 4,096 rows or more

        assertArrayEquals(expected, accumulated.parameters().toDoubleVector(), 1e-12);
        assertEquals(loss, history.epochs().get(0).loss(), 1e-12);
    }

    private static Model model() {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), new SGD(0.5), CompileOptions.defaults().withDataType(DataType.DOUBLE));
    }
}
