package io.dense4j.benchmarks;

import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.graph.Compiler;
import io.dense4j.graph.Graph;
import io.dense4j.runtime.Parameters;
import io.dense4j.runtime.Plan;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Dropout;
import io.dense4j.layer.Layer;
import io.dense4j.loss.ClassWeights;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.tensor.NativeArray;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The W-MLP workload of docs/workloads.md, built through the low-level API that the benchmarks time. */
final class WMlp {
    static final int INPUTS = 100;
    static final int HIDDEN = 256;
    static final long DATA_SEED = 42;
    static final long PARAMETER_SEED = 42;

    private WMlp() {
    }

    /** 100 → Dense 256 ReLU → Dense 256 ReLU → Dense 1 Sigmoid, fused, without the input gradient. */
    static Graph graph() {
        return graph("none");
    }

    /**
     * W-MLP with learning controls, joined by '+': "none"; "dropout" (Dropout 0.5 after each
     * hidden layer); "weights" (class weights 0.6 and 3 in the loss); "rows" (a weight per row,
     * which the data carries: see {@link #rowWeighted}); "sigmoid" (Sigmoid in place of ReLU in the
     * hidden layers, the textbook network), e.g. "dropout+weights".
     */
    static Graph graph(String controls) {
        java.util.Set<String> chosen = java.util.Set.of(controls.split("\\+"));
        if (!java.util.Set.of("none", "dropout", "weights", "rows", "sigmoid").containsAll(chosen)) {
            throw new IllegalArgumentException("controls are none, dropout, weights, rows and sigmoid, joined by +, got " + controls);
        }
        boolean dropout = chosen.contains("dropout");
        BinaryCrossEntropy loss = chosen.contains("weights")
                ? new BinaryCrossEntropy().withClassWeights(new ClassWeights(0.6, 3)) : new BinaryCrossEntropy();
        java.util.function.Supplier<Layer> hidden = chosen.contains("sigmoid")
                ? () -> new Dense(HIDDEN, new Sigmoid()) : () -> new Dense(HIDDEN, new ReLU());
        List<Layer> layers = dropout
                ? List.of(hidden.get(), new Dropout(0.5), hidden.get(), new Dropout(0.5), new Dense(1, new Sigmoid()))
                : List.of(hidden.get(), hidden.get(), new Dense(1, new Sigmoid()));
        return Compiler.compile(layers, INPUTS, loss, true, false);
    }

    /** Whether {@code controls} weigh each row: the rows then carry weights from 0 to 2. */
    static boolean rowWeighted(String controls) {
        return java.util.Set.of(controls.split("\\+")).contains("rows");
    }

    /** {@code data} with a weight per row from 0 to 2 in steps of ½, when {@code controls} weigh rows. */
    static io.dense4j.data.Dataset withControls(io.dense4j.data.Dataset data, String controls) {
        if (!rowWeighted(controls)) {
            return data;
        }
        float[] weights = new float[data.rows()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = i * 7 % 5 * 0.5f;
        }
        return data.withWeights(weights);
    }

    /** The same network through the public API, compiled for plain SGD at {@code learningRate}. */
    static Model model(double learningRate) {
        return new Sequential(new Dense(HIDDEN, new ReLU()), new Dense(HIDDEN, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(INPUTS, new BinaryCrossEntropy(), new SGD(learningRate));
    }

    /**
     * The peer: the same network in Deeplearning4j 1.0.0-M2.1 (Xavier-uniform initialization, plain
     * SGD 0.1, float32, sigmoid output with binary cross-entropy), initialized.
     */
    static MultiLayerNetwork dl4jNetwork() {
        MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
                .seed(PARAMETER_SEED)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new Sgd(0.1))
                .list()
                .layer(new DenseLayer.Builder().nIn(INPUTS).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(HIDDEN).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(HIDDEN).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }

    /** The graph's float32 parameters, seeded as compile seeds them. */
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
