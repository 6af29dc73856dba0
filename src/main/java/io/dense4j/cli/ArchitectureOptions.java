package io.dense4j.cli;

import io.dense4j.layer.Activation;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Dropout;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.Layer;
import io.dense4j.layer.Normalization;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The network's layers as train and cv take them: hidden widths, their activation, Dropout, standardization. */
final class ArchitectureOptions {
    /** The most values one array holds (ND4J's and dense4j's lengths are ints). */
    private static final long MOST_VALUES = Integer.MAX_VALUE - 8;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--layers", split = ",",
            description = "Hidden layer widths, e.g. 64,32 (default: none, i.e. logistic regression).")
    List<String> layers = List.of();

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout after each hidden layer: the share of its "
            + "values dropped in training, in [0, 1) (default: ${DEFAULT-VALUE}, none).")
    double dropout;

    @Option(names = "--activation", defaultValue = "relu", description = "Hidden activation: relu or sigmoid (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--standardize", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Standardize each feature by the training rows' mean and standard deviation (a Normalization layer, "
            + "saved with the model and applied when it predicts); on by default, --no-standardize reads features as they are.")
    boolean standardize;

    /** Checks the widths and the Dropout rate before any data is read. */
    void check() {
        for (String width : layers) {
            positive(width);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new ParameterException(spec.commandLine(), "--dropout is the share of values dropped, in [0, 1), got " + dropout);
        }
        if (dropout > 0 && layers.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--dropout acts after hidden layers, and there are none: give --layers");
        }
    }

    Activation hiddenActivation() {
        return switch (activation.toLowerCase(Locale.ROOT)) {
            case "relu" -> new ReLU();
            case "sigmoid" -> new Sigmoid();
            default -> throw new ParameterException(spec.commandLine(), "--activation must be relu or sigmoid, got " + activation);
        };
    }

    /** The layers the flags ask for: Normalization if standardizing, each hidden Dense (and Dropout), the output. */
    List<Layer> layers(Activation hidden) {
        return layers(hidden, true);
    }

    /** As above; Normalization only when the input has {@code numbers} to standardize. */
    List<Layer> layers(Activation hidden, boolean numbers) {
        List<Layer> specs = new ArrayList<>();
        if (standardize && numbers) {
            specs.add(new Normalization());
        }
        for (String width : layers) {
            specs.add(new Dense(positive(width), hidden, hidden instanceof ReLU ? Initializer.HE_NORMAL : Initializer.GLOROT_UNIFORM));
            if (dropout > 0) {
                specs.add(new Dropout(dropout));
            }
        }
        specs.add(new Dense(1, new Sigmoid()));
        return specs;
    }

    /** Refuses, naming the layer, widths whose weights could not be held over {@code inputWidth} inputs, before anything is allocated. */
    void checkSizes(int inputWidth) {
        long inputs = inputWidth;
        long parameters = 0;
        for (int i = 0; i < layers.size(); i++) {
            long units = positive(layers.get(i));
            parameters += inputs * units + units; // each term below 2^62: no overflow
            if (parameters > MOST_VALUES) {
                throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, "--layers: hidden layer %d (%,d units "
                        + "after %,d inputs) brings the model to %,d parameters; dense4j holds at most %,d", i + 1, units, inputs,
                        parameters, MOST_VALUES));
            }
            inputs = units;
        }
    }

    private int positive(String value) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--layers takes positive whole numbers, got \"" + value + "\"");
    }
}
