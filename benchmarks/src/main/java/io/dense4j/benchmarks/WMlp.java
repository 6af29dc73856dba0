package io.dense4j.benchmarks;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.graph.Compiler;
import io.dense4j.graph.Graph;
import io.dense4j.graph.Parameters;
import io.dense4j.graph.Plan;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.tensor.NativeArray;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The W-MLP workload of WORKLOADS.md, built through the low-level API that the benchmarks time. */
final class WMlp {
    static final int INPUTS = 100;
    static final int HIDDEN = 256;
    static final long DATA_SEED = 42;
    static final long PARAMETER_SEED = 42;

    private WMlp() {
    }

    /** 100 → Dense 256 ReLU → Dense 256 ReLU → Dense 1 Sigmoid, fused, without the input gradient. */
    static Graph graph() {
        return Compiler.compile(List.of(new Dense(HIDDEN, new ReLU()), new Dense(HIDDEN, new ReLU()),
                new Dense(1, new Sigmoid())), INPUTS, new BinaryCrossEntropy(), true, false);
    }

    /** The graph's float32 parameters, seeded. */
    static Parameters parameters(Graph graph) {
        Parameters parameters = new Parameters(graph, DataType.FLOAT);
        parameters.initialize(PARAMETER_SEED);
        return parameters;
    }

    /** Copies the first {@code rows} rows of the data recipe (linear teacher) into the plan's input and labels. */
    static void fill(Plan plan, int rows) {
        Synthetic data = Synthetic.generate(Teacher.LINEAR, rows, INPUTS, DATA_SEED);
        INDArray features = data.features();
        INDArray labels = data.labels();
        NativeArray input = plan.input();
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < INPUTS; column++) {
                input.set(row * INPUTS + column, features.getDouble(row, column));
            }
            plan.labels().set(row, labels.getDouble(row, 0));
        }
    }
}
