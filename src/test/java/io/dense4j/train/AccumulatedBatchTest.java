package io.dense4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.CompiledModel;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A batch larger than one training pass (4,096 rows) is accumulated into exactly the whole batch's step. */
class AccumulatedBatchTest {

    @Test
    void aFullBatchStepOnFortyThousandRowsIsMinusTheLearningRateTimesTheWholeBatchGradient() {
        Synthetic data = Synthetic.generate(Teacher.XOR, 40_000, 3, 8);
        CompiledModel reference = model();
        double loss = reference.lossAndGradients(data.features(), data.labels()); // one pass over all rows
        INDArray expected = reference.parameters().dup().subi(reference.gradients().mul(0.5));

        CompiledModel accumulated = model(); // the same seed: the same starting weights
        History history = accumulated.fit(data.features(), data.labels(),
                FitOptions.builder().fullBatch().epochs(1).shuffle(false).build()); // nine passes of 4,096 rows and one of 3,136

        assertArrayEquals(expected.toDoubleVector(), accumulated.parameters().toDoubleVector(), 1e-12);
        assertEquals(loss, history.epochs().get(0).loss(), 1e-12);
    }

    private static CompiledModel model() {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), new SGD(0.5), CompileOptions.defaults().withDataType(DataType.DOUBLE));
    }
}
