package io.dense4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * The byte sizes a model file's {@code model.json} implies for its binary entries, worked out
 * from the input width, the categorical columns' category counts and the layers alone, before
 * anything is allocated: the parameters (each Dense layer's inputs × units weights and units
 * biases, a categorical column counting as its one-hot slots), Normalization's statistics (two
 * per number), at most two optimizer values per parameter (Adam's moments), and a copy of the
 * parameters for each callback that keeps one (early stopping's best weights). Every product and
 * sum is checked for overflow, and no array may exceed what one ND4J buffer holds.
 */
final class DeclaredSizes {
    static final String PARAMETERS = "parameters.bin";
    static final String STATISTICS = "statistics.bin";
    static final String OPTIMIZER_STATE = "optimizer-state.bin";
    static final String CALLBACK_WEIGHTS = "callback-weights.bin";
    /** The most values one native array of dense4j's holds (its lengths are ints). */
    private static final long MOST_VALUES = Integer.MAX_VALUE - 8;

    private DeclaredSizes() {
    }

    /**
     * The most layers a model file may have: far more than a dense classifier uses, and few enough
     * that building them takes no time to speak of (a file of 120,000 layers took minutes).
     */
    static final int MOST_LAYERS = 1_000;

    /**
     * Entry name to size in bytes: exact for the parameters, statistics and callbacks' weights, an
     * upper bound for the optimizer's state (a checkpoint's alone).
     *
     * @throws ModelFileException naming what in {@code config} is not a size, or too large
     */
    static Map<String, Long> of(Path file, JsonNode config) {
        long width = switch (config.path("compile").path("dataType").asText()) {
            case "FLOAT" -> Float.BYTES;
            case "DOUBLE" -> Double.BYTES;
            default -> throw problem(file, "its compile.dataType is \"" + config.path("compile").path("dataType").asText()
                    + "\", not FLOAT or DOUBLE");
        };
        if (config.path("layers").size() > MOST_LAYERS) {
            throw problem(file, String.format(java.util.Locale.ROOT, "it has %,d layers; a model has at most %,d",
                    config.path("layers").size(), MOST_LAYERS));
        }
        long columns = count(file, config.path("inputWidth"), "inputWidth");
        long numbers = columns;
        long inputs = columns;
        JsonNode categories = config.path("schema").path("categories");
        if (categories.isObject()) { // a categorical column is read as its one-hot slots: its categories, other, missing
            inputs = columns - categories.size();
            numbers = inputs;
            for (JsonNode listed : categories) {
                inputs += listed.size() + 2L;
            }
            if (numbers < 0 || inputs > MOST_VALUES) {
                throw problem(file, "its schema lists " + categories.size() + " categorical columns with " + inputs
                        + " categories in all, for " + columns + " input columns");
            }
        }
        long parameters = 0;
        long statistics = 0;
        int index = 0;
        try {
            for (JsonNode layer : config.path("layers")) {
                String type = layer.path("type").asText();
                if (type.equals("Dense")) {
                    long units = count(file, layer.path("units"), "layer " + index + "'s units");
                    parameters = Math.addExact(parameters, Math.addExact(Math.multiplyExact(inputs, units), units));
                    inputs = units;
                } else if (type.equals("Normalization")) {
                    statistics = Math.addExact(statistics, Math.multiplyExact(2, index == 0 ? numbers : inputs));
                }
                if (parameters > MOST_VALUES || statistics > MOST_VALUES) {
                    throw problem(file, String.format(java.util.Locale.ROOT, "its layers up to layer %d hold %,d parameters; dense4j holds at most %,d",
                            index, Math.max(parameters, statistics), MOST_VALUES));
                }
                index++;
            }
        } catch (ArithmeticException overflow) {
            throw problem(file, "its layer " + index + " makes the parameter count overflow");
        }
        boolean checkpoint = config.has("training") || config.path("formatVersion").asInt() == 1; // format 1 always had state
        if (!checkpoint) {
            return Map.of(PARAMETERS, parameters * width, STATISTICS, statistics * width);
        }
        int copies;
        try {
            copies = TrainingStateJson.callbacksWithWeights(config.path("training").path("callbacks"));
        } catch (IllegalArgumentException invalid) {
            throw problem(file, invalid.getMessage());
        }
        return Map.of(PARAMETERS, parameters * width, STATISTICS, statistics * width, OPTIMIZER_STATE, 2 * parameters * width,
                CALLBACK_WEIGHTS, copies * parameters * width);
    }

    /** A whole number ≥ 1 that fits an int. */
    private static long count(Path file, JsonNode node, String what) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            throw problem(file, "its " + what + " is " + node + ", not a whole number from 1 to " + Integer.MAX_VALUE);
        }
        return node.asInt();
    }

    private static ModelFileException problem(Path file, String what) {
        return new ModelFileException(file, ModelArchive.CONFIG + " describes no valid model: " + what, null);
    }
}
