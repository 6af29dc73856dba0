package io.dense4j.model;

import io.dense4j.graph.Compiler;
import io.dense4j.graph.Graph;
import io.dense4j.graph.InputLayout;
import io.dense4j.layer.Layer;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A model as a list of layers, as in Keras, compiled into a {@link Model}:
 *
 * <pre>{@code
 * Model model = new Sequential(new Dense(64, new ReLU()), new Dense(1, new Sigmoid()))
 *         .compile(20, new BinaryCrossEntropy(), new SGD(0.1));
 * }</pre>
 *
 * Holds specs only; {@link #compile} checks them and makes the model.
 */
public final class Sequential {
    private final List<Layer> layers = new ArrayList<>();

    public Sequential(Layer... layers) {
        Arrays.stream(layers).forEach(this::add);
    }

    /** Appends a layer; returns this model. */
    public Sequential add(Layer layer) {
        layers.add(Objects.requireNonNull(layer, "layer " + layers.size()));
        return this;
    }

    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    /** Compiles with float32 and the default seed. */
    public Model compile(int inputWidth, BinaryCrossEntropy loss, Optimizer optimizer) {
        return compile(inputWidth, loss, optimizer, CompileOptions.defaults());
    }

    /**
     * Checks the model and compiles it into a static graph for rows of {@code inputWidth} features.
     *
     * @throws IllegalArgumentException naming the layer, what it expects and what it got
     */
    public Model compile(int inputWidth, BinaryCrossEntropy loss, Optimizer optimizer, CompileOptions options) {
        return compile(InputLayout.numeric(inputWidth), loss, optimizer, options);
    }

    /**
     * Compiles for rows laid out as {@code schema} says, and gives the model that schema: with
     * categorical columns (such as {@link InputSchema#of(io.dense4j.data.csv.CsvSource, int)} finds), the first Dense layer reads each
     * one's code as its one-hot vector, by gathering a weight row.
     *
     * <pre>{@code
     * CsvSource data = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
     * Model model = new Sequential(new Dense(32, new ReLU()), new Dense(1, new Sigmoid()))
     *         .compile(InputSchema.of(data, 100), new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
     * }</pre>
     */
    public Model compile(InputSchema schema, BinaryCrossEntropy loss, Optimizer optimizer, CompileOptions options) {
        Model model = compile(schema.layout(), loss, optimizer, options);
        model.setInputSchema(schema);
        return model;
    }

    Model compile(InputLayout input, BinaryCrossEntropy loss, Optimizer optimizer, CompileOptions options) {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(options, "options");
        List<Layer> specs = layers();
        Graph graph = Compiler.compile(specs, input, loss, options.fuse(), options.inputGradient());
        return new Model(specs, graph, loss, optimizer, options);
    }
}
