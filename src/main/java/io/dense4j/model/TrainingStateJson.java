package io.dense4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint's {@code training} object in {@code model.json}, both ways ({@link TrainingState}):
 * where training stood, how the fit chose its batches, the learning rate in effect and the
 * callbacks' states. Read as untrusted text, as {@link ModelJson} reads the rest.
 */
final class TrainingStateJson {

    private TrainingStateJson() {
    }

    /**
     * Writes {@code state} into {@code training}; the optimizer's state and callbacks' weights are
     * entries of their own. Throws, as {@link #check} does, for a state no reader would take.
     */
    static void write(TrainingState state, ObjectNode training) {
        TrainingState.Progress progress = state.progress();
        training.put("epochsTrained", progress.epochs())
                .put("batchesInEpoch", progress.batches()).put("epochLossSum", progress.lossSum()).put("epochRows", progress.rows())
                .put("epochCorrect", progress.correct()).put("optimizerSteps", state.optimizerSteps());
        TrainingState.Batching batching = state.batching();
        if (batching != null) {
            ObjectNode node = training.putObject("batching").put("batchSize", batching.batchSize())
                    .put("shuffle", batching.shuffle()).put("seed", batching.seed())
                    .put("validationSplit", batching.validationSplit()).put("stratified", batching.stratified());
            if (batching.shuffleBuffer() != TrainingState.Batching.UNKNOWN) {
                node.put("shuffleBuffer", batching.shuffleBuffer());
            }
            if (batching.cluster() != null) {
                node.put("cluster", batching.cluster());
            }
        }
        if (!Double.isNaN(state.learningRate())) {
            training.put("learningRate", state.learningRate());
        }
        if (!state.callbacks().isEmpty()) {
            var callbacks = training.putArray("callbacks");
            for (CallbackState callback : state.callbacks()) {
                ObjectNode node = callbacks.addObject().put("name", callback.name());
                callback.numbers().forEach(node.putObject("numbers")::put);
                node.put("weights", callback.weights() != null); // in callback-weights.bin, one copy after another
            }
        }
        check(training);
    }

    /**
     * A checkpoint's progress, with the optimizer's state read from its own entry. Format 2 keeps
     * progress in {@code training}; format 1 kept epochs at the top and steps with the optimizer.
     */
    static TrainingState read(JsonNode config, int version, double[] values, double[] callbackWeights) {
        if (version == 1) {
            return new TrainingState(new TrainingState.Progress(config.path("epochsTrained").asInt(0), 0, 0, 0, 0),
                    config.path("optimizer").path("steps").asLong(0), values);
        }
        JsonNode training = version == 2 ? withEpochSums(config.path("training")) : config.path("training");
        check(training);
        return new TrainingState(new TrainingState.Progress(training.get("epochsTrained").asInt(),
                training.get("batchesInEpoch").asLong(), training.get("epochLossSum").asDouble(),
                training.get("epochRows").asLong(), training.get("epochCorrect").asLong()),
                training.get("optimizerSteps").asLong(), values, batching(training.path("batching")), null,
                learningRate(training.path("learningRate")), callbacks(training.path("callbacks"), callbackWeights));
    }

    /**
     * A format 2 state as the first ones were written, without the sums of the epoch in progress,
     * given them where no batch of it was done: then they are 0, as a reader today takes them. (A
     * state written mid-epoch without them cannot say what its epoch's loss was, and stays refused.)
     */
    private static JsonNode withEpochSums(JsonNode training) {
        if (!(training instanceof ObjectNode given) || !training.path("batchesInEpoch").isNumber()
                || training.get("batchesInEpoch").asLong() != 0) {
            return training;
        }
        ObjectNode summed = given.deepCopy();
        for (String key : new String[] {"epochLossSum", "epochRows", "epochCorrect"}) {
            if (!summed.has(key)) {
                summed.put(key, 0);
            }
        }
        return summed;
    }

    /**
     * Throws unless {@code training} is a state a reader takes: what {@link #read} checks, and what
     * {@link #write} checks of the state it wrote, so that no file is written that no reader reads
     * (a state set by hand through the API, say).
     */
    static void check(JsonNode training) {
        for (String key : new String[] {"epochsTrained", "batchesInEpoch", "epochLossSum", "epochRows", "epochCorrect",
                "optimizerSteps"}) {
            if (!training.path(key).isNumber()) {
                throw new IllegalArgumentException("its training state has no number \"" + key + "\"");
            }
        }
        checkCounts(training);
        checkEpochRows(training, batching(training.path("batching")));
        learningRate(training.path("learningRate"));
        callbacksWithWeights(training.path("callbacks"));
    }

    /**
     * The rows of the epoch in progress fill its batches, as a fit reads them: every batch but the
     * epoch's last full, at the recorded batch size, and the last holding a row at least; no rows,
     * no loss. Otherwise a resumed fit would blame its own options for the file's numbers, or
     * report a loss no rows had.
     */
    private static void checkEpochRows(JsonNode training, TrainingState.Batching batching) {
        long batches = training.get("batchesInEpoch").asLong();
        long rows = training.get("epochRows").asLong();
        boolean fill = batching == null ? rows >= batches
                : batches == 0 ? rows == 0 : rows > (batches - 1) * (double) batching.batchSize()
                && rows <= batches * (double) batching.batchSize(); // in doubles: the product of two counts may pass a long
        if (!fill) {
            throw new IllegalArgumentException("its training state counts " + rows + " rows in " + batches + " batches"
                    + (batching == null ? "" : batching.batchSize() == Integer.MAX_VALUE ? " (full batches)" : " of " + batching.batchSize())
                    + " of the epoch in progress");
        }
        if (rows == 0 && training.get("epochLossSum").asDouble() != 0) {
            throw new IllegalArgumentException("its training state sums a loss of " + training.get("epochLossSum")
                    + " over no rows of the epoch in progress");
        }
    }

    /** The most steps a checkpoint may count: past 2^53 a double no longer counts them one by one. */
    private static final long MOST_STEPS = 1L << 53;

    /**
     * Counts are whole numbers ≥ 0 of their range (epochs an int, steps up to 2^53), at most as
     * many rows right as read; the epoch's loss sum is finite and ≥ 0, as a sum of losses is. A
     * resumed run starts from these, so a value no run writes would reach the model it saves.
     */
    private static void checkCounts(JsonNode training) {
        for (String key : new String[] {"epochsTrained", "batchesInEpoch", "epochRows", "epochCorrect", "optimizerSteps"}) {
            JsonNode count = training.get(key);
            boolean fits = key.equals("epochsTrained") ? count.canConvertToInt() : count.canConvertToLong();
            if (!count.isIntegralNumber() || !fits || count.asLong() < 0 || key.equals("optimizerSteps") && count.asLong() > MOST_STEPS) {
                throw new IllegalArgumentException("its training state's " + key + " is " + count + ", not a whole number from 0 to "
                        + (key.equals("epochsTrained") ? Integer.MAX_VALUE : key.equals("optimizerSteps") ? MOST_STEPS : Long.MAX_VALUE));
            }
        }
        if (training.get("epochCorrect").asLong() > training.get("epochRows").asLong()) {
            throw new IllegalArgumentException("its training state counts " + training.get("epochCorrect") + " rows classed right of "
                    + training.get("epochRows") + " read");
        }
        double lossSum = training.get("epochLossSum").asDouble();
        if (!(lossSum >= 0) || Double.isInfinite(lossSum)) {
            throw new IllegalArgumentException("its training state's epochLossSum is " + training.get("epochLossSum")
                    + ", not a finite number >= 0");
        }
    }

    private static double learningRate(JsonNode node) {
        if (node.isMissingNode()) {
            return Double.NaN;
        }
        if (!node.isNumber() || !(node.asDouble() > 0) || Double.isInfinite(node.asDouble())) { // as a trainer takes a rate
            throw new IllegalArgumentException("its training state's learningRate is " + node + ", not a finite number > 0");
        }
        return node.asDouble();
    }

    /**
     * The callbacks' states, each with its copy of the parameters from {@code weights} (the
     * copies one after another, as {@link #callbacksWithWeights} counts them).
     */
    private static List<CallbackState> callbacks(JsonNode node, double[] weights) {
        List<CallbackState> states = new ArrayList<>();
        int copies = callbacksWithWeights(node);
        int length = copies == 0 ? 0 : weights.length / copies;
        int copy = 0;
        for (JsonNode callback : node) {
            Map<String, Double> numbers = new java.util.TreeMap<>();
            var fields = callback.path("numbers").fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!field.getValue().isNumber()) {
                    throw new IllegalArgumentException("its training state's callback \"" + callback.path("name").asText()
                            + "\" holds " + field.getValue() + " as \"" + field.getKey() + "\", not a number");
                }
                numbers.put(field.getKey(), field.getValue().asDouble());
            }
            double[] kept = callback.path("weights").asBoolean()
                    ? java.util.Arrays.copyOfRange(weights, copy * length, ++copy * length) : null;
            states.add(new CallbackState(callback.path("name").asText(), numbers, kept));
        }
        return states;
    }

    /**
     * How many callbacks in a checkpoint's {@code training.callbacks} keep a copy of the parameters;
     * throws unless it is a list of at most {@link #MOST_CALLBACKS} objects, each named.
     */
    static int callbacksWithWeights(JsonNode node) {
        if (node.isMissingNode()) {
            return 0;
        }
        if (!node.isArray() || node.size() > MOST_CALLBACKS) {
            throw new IllegalArgumentException("its training state's callbacks are not a list of at most " + MOST_CALLBACKS);
        }
        int copies = 0;
        for (JsonNode callback : node) {
            if (!callback.path("name").isTextual() || !callback.path("numbers").isObject() || !callback.path("weights").isBoolean()) {
                throw new IllegalArgumentException("each of its training state's callbacks needs a text \"name\", an object "
                        + "\"numbers\" and a boolean \"weights\"");
            }
            copies += callback.get("weights").asBoolean() ? 1 : 0;
        }
        return copies;
    }

    /** The most callbacks a checkpoint keeps the state of: a fit has a handful. */
    static final int MOST_CALLBACKS = 16;

    /** A checkpoint's batching ({@link TrainingState.Batching}), or null for one written before they were recorded. */
    private static TrainingState.Batching batching(JsonNode node) {
        if (node.isMissingNode()) {
            return null;
        }
        if (!node.path("batchSize").isIntegralNumber() || !node.path("batchSize").canConvertToInt()
                || !node.path("seed").isIntegralNumber() || !node.path("seed").canConvertToLong()
                || !node.path("validationSplit").isNumber() || !(node.path("validationSplit").asDouble() >= 0
                && node.path("validationSplit").asDouble() < 1)
                || !node.path("shuffle").isBoolean() || !node.path("stratified").isBoolean()) {
            throw new IllegalArgumentException("its training state's batching needs numbers \"batchSize\", \"seed\" and "
                    + "\"validationSplit\" (in [0, 1)) and booleans \"shuffle\" and \"stratified\"");
        }
        if (node.get("batchSize").asInt() < 1) { // a fit's batches hold a row at least; a full batch is the most an int holds
            throw new IllegalArgumentException("its training state's batching has batchSize " + node.get("batchSize")
                    + ", not a whole number >= 1");
        }
        JsonNode buffer = node.path("shuffleBuffer");
        if (!buffer.isMissingNode() && (!buffer.canConvertToInt() || buffer.asInt() < 0)) {
            throw new IllegalArgumentException("its training state's batching has shuffleBuffer " + buffer + ", not a whole number >= 0");
        }
        JsonNode cluster = node.path("cluster");
        if (!cluster.isMissingNode() && !(cluster.isTextual() && TrainingState.Batching.isStepsRecord(cluster.asText()))) {
            throw new IllegalArgumentException("its training state's batching has cluster " + cluster + ", not \""
                    + TrainingState.Batching.EXACT + "\", \"" + TrainingState.Batching.EXACT_ON_CLUSTER + "\" or \""
                    + TrainingState.Batching.averaging(4, 2) + "\" (any counts)");
        }
        return new TrainingState.Batching(node.get("batchSize").asInt(), node.get("shuffle").asBoolean(), node.get("seed").asLong(),
                node.get("validationSplit").asDouble(), node.get("stratified").asBoolean(),
                buffer.isMissingNode() ? TrainingState.Batching.UNKNOWN : buffer.asInt(),
                cluster.isMissingNode() ? null : cluster.asText());
    }
}
