package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.Adam;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.SGD;
import io.dense4j.train.FitOptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The hooks data-parallel training builds on: gradient sums that add up across pieces, and state that travels. */
class DataParallelTest {

    @Test
    void gradientSumsOfTwoPiecesStepExactlyAsOneFullBatchStep() {
        Synthetic data = Synthetic.generate(Teacher.XOR, 3_000, 3, 8);
        Dataset all = Dataset.of(data.features(), data.labels(), DataType.DOUBLE);
        CompiledModel reference = model(new Adam(0.01));
        reference.fit(all, FitOptions.builder().fullBatch().epochs(3).shuffle(false).build());

        CompiledModel pieces = model(new Adam(0.01));
        for (int round = 0; round < 3; round++) {
            double[] sums = new double[DataParallel.sumLength(pieces)];
            DataParallel.addGradientSum(pieces, new DatasetBatches(all.slice(0, 1_100)), sums);
            DataParallel.addGradientSum(pieces, new DatasetBatches(all.slice(1_100, 1_900)), sums);
            assertEquals(3_000, sums[pieces.parameterCount() + DataParallel.ROWS]);
            DataParallel.step(pieces, sums);
        }
        assertArrayEquals(reference.parameters().toDoubleVector(), pieces.parameters().toDoubleVector(), 1e-12);
    }

    @Test
    void theSummedLossAndCountsAreThoseOfTheRows() {
        Synthetic data = Synthetic.generate(Teacher.XOR, 500, 3, 9);
        CompiledModel model = model(new SGD(0.1));
        double[] sums = new double[DataParallel.sumLength(model)];
        DataParallel.addGradientSum(model, new DatasetBatches(Dataset.of(data.features(), data.labels(), DataType.DOUBLE)), sums);
        int p = model.parameterCount();
        assertEquals(model.loss(data.features(), data.labels()) * 500, sums[p + DataParallel.LOSS], 1e-9);
        assertEquals(500, sums[p + DataParallel.ROWS]);
        assertEquals(model.evaluate(data.features(), data.labels()).accuracy() * 500, sums[p + DataParallel.CORRECT], 1e-9);
    }

    @Test
    void stateAndBytesCarryParametersAndOptimizerStateExactly() {
        Synthetic data = Synthetic.generate(Teacher.XOR, 400, 3, 10);
        CompiledModel trained = model(new Adam(0.01));
        trained.fit(data.features(), data.labels(), FitOptions.builder().batchSize(50).epochs(2).build());
        double[] state = DataParallel.state(trained);
        assertEquals(3 * trained.parameterCount(), state.length); // Adam: parameters, m and v

        CompiledModel copy = DataParallel.fromBytes(DataParallel.toBytes(model(new Adam(0.01))), "fresh");
        DataParallel.restoreState(copy, state);
        DataParallel.restoreOptimizerSteps(copy, DataParallel.optimizerSteps(trained));
        assertArrayEquals(state, DataParallel.state(copy), 0);

        FitOptions more = FitOptions.builder().batchSize(50).epochs(1).shuffle(false).build();
        trained.fit(data.features(), data.labels(), more);
        copy.fit(data.features(), data.labels(), more);
        assertArrayEquals(trained.parameters().toDoubleVector(), copy.parameters().toDoubleVector(), 0);
    }

    @Test
    void roundsTrainedIsSavedWithTheModel() {
        CompiledModel model = model(new SGD(0.1));
        DataParallel.setRoundsTrained(model, 17);
        assertEquals(17, DataParallel.fromBytes(DataParallel.toBytes(model), "m").roundsTrained());
    }

    private static CompiledModel model(Optimizer optimizer) {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), optimizer, CompileOptions.defaults().withDataType(DataType.DOUBLE).withSeed(5));
    }
}
