package io.dense4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dense4j.data.Categories;
import io.dense4j.io.AtomicFiles;
import io.dense4j.layer.Activation;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Dropout;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.Layer;
import io.dense4j.layer.LayerVisitor;
import io.dense4j.layer.Linear;
import io.dense4j.layer.Normalization;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.loss.ClassWeights;
import io.dense4j.metrics.DecisionThreshold;
import io.dense4j.optim.Adam;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.SGD;
import io.dense4j.tensor.NativeArray;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A model in one zip file: {@code model.json} (format and library version, layers, loss,
 * optimizer settings, compile options, input schema, and the SHA-256 of each binary entry),
 * {@code parameters.bin} and {@code statistics.bin} (Normalization's μ and 1/σ), as little-endian
 * values in the model's element type, and a digest of them all ({@link ModelArchive}). A checkpoint
 * adds a {@code training} object to {@code model.json} and {@code optimizer-state.bin}. Written
 * atomically and durably. Loading treats the file as untrusted: every size {@code model.json}
 * implies is worked out (overflow is an error) and checked against the entries before the model
 * is built, and nothing beyond the declared sizes is read. Format 1 and 2 files (without the
 * digest; format 1 always held the optimizer's state) still load.
 */
final class ModelFile {
    static final String FORMAT = "dense4j-model";
    static final int FORMAT_VERSION = 3;
    /** The first format whose files must carry the digest. */
    private static final int DIGEST_SINCE = 3;
    static final String LIBRARY_VERSION = "0.1.0";
    private static final String CONFIG = ModelArchive.CONFIG;
    private static final String PARAMETERS = DeclaredSizes.PARAMETERS;
    private static final String OPTIMIZER_STATE = DeclaredSizes.OPTIMIZER_STATE;
    private static final String STATISTICS = DeclaredSizes.STATISTICS;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a file holds: a model, and its training state if it is a checkpoint. */
    record Contents(Model model, TrainingState state) {
    }

    private ModelFile() {
    }

    /**
     * Writes {@code model}, with {@code state} (null for none), to {@code file}.
     *
     * @throws IllegalStateException naming the first value that is not finite (a diverged run),
     *                               before anything is written
     */
    static void save(Path file, Model model, TrainingState state) throws IOException {
        byte[][] content;
        try {
            content = content(model, state); // computed first: a failure here leaves no file
        } catch (IllegalStateException notFinite) {
            throw new IllegalStateException("nothing written to " + file + ": " + notFinite.getMessage(), notFinite);
        }
        AtomicFiles.write(file, out -> write(out, content));
    }

    /** The bytes {@link #save} writes, for shipping a model to other machines. */
    static byte[] toBytes(Model model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, content(model, null));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    /** A model from {@link #toBytes}; {@code name} stands for the file in errors. */
    static Model fromBytes(byte[] content, String name) {
        return read(Path.of(name), new ByteArrayInputStream(content), content.length).model();
    }

    /** The entries' contents: model.json, parameters, statistics, and the optimizer's state if any. */
    private static byte[][] content(Model model, TrainingState state) throws IOException {
        checkFinite(model, state);
        DataType type = model.dataType();
        byte[] parameters = bytes(model.parameterValues().values(), type);
        NativeArray statisticsArray = model.parameterValues().statistics();
        byte[] statistics = statisticsArray == null ? new byte[0] : bytes(statisticsArray, type);
        byte[] optimizerState = state == null ? null : bytes(state.optimizerState(), type);
        ObjectNode root = config(model, state);
        ObjectNode checksums = root.putObject("checksums").put(PARAMETERS, sha256(parameters)).put(STATISTICS, sha256(statistics));
        if (optimizerState != null) {
            checksums.put(OPTIMIZER_STATE, sha256(optimizerState));
        }
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        return new byte[][] {json, parameters, statistics, optimizerState};
    }

    /** A file must never hold a NaN or an infinity: such a model predicts nothing, and a checkpoint only diverges again. */
    private static void checkFinite(Model model, TrainingState state) {
        String problem = firstNonFinite(model, state);
        if (problem != null) {
            throw new IllegalStateException(problem + ": training diverged (try a lower learning rate, or standardized features)");
        }
    }

    /** The first NaN or infinity among the model's parameters, statistics and optimizer state, in words; null if none. */
    private static String firstNonFinite(Model model, TrainingState state) {
        NativeArray values = model.parameterValues().values();
        for (int i = 0; i < values.length(); i++) {
            if (!Double.isFinite(values.get(i))) {
                return model.describeParameter(i) + " is " + values.get(i);
            }
        }
        NativeArray statistics = model.parameterValues().statistics();
        for (int i = 0; statistics != null && i < statistics.length(); i++) {
            if (!Double.isFinite(statistics.get(i))) {
                return "Normalization's statistic " + i + " is " + statistics.get(i);
            }
        }
        double[] optimizerState = state == null ? new double[0] : state.optimizerState();
        for (int i = 0; i < optimizerState.length; i++) {
            if (!Double.isFinite(optimizerState[i])) {
                return "the optimizer's state value " + i + " is " + optimizerState[i];
            }
        }
        return null;
    }

    private static void write(OutputStream out, byte[][] content) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CONFIG, content[0]);
        entries.put(PARAMETERS, content[1]);
        entries.put(STATISTICS, content[2]);
        if (content[3] != null) {
            entries.put(OPTIMIZER_STATE, content[3]);
        }
        ModelArchive.write(out, entries);
    }

    static Contents load(Path file) {
        if (!Files.exists(file)) {
            throw new ModelFileException(file, "no such file", null);
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "is not a file", null);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(file, in, Files.size(file));
        } catch (IOException failed) {
            throw new ModelFileException(file, "cannot be read: " + failed.getMessage(), failed);
        }
    }

    private static Contents read(Path file, InputStream in, long fileBytes) {
        JsonNode[] parsed = new JsonNode[1];
        List<Map<String, Long>> declared = new ArrayList<>(1);
        ModelArchive.Entries read = ModelArchive.read(file, in, fileBytes, json -> {
            parsed[0] = config(file, json);
            declared.add(DeclaredSizes.of(file, parsed[0]));
            return declared.get(0);
        });
        Map<String, byte[]> entries = read.byName();
        JsonNode config = parsed[0];
        int version = config.path("formatVersion").asInt();
        if (version >= DIGEST_SINCE && !read.digested()) {
            throw new ModelFileException(file, "is truncated or corrupt: it has no " + ModelArchive.DIGEST, null);
        }
        for (String name : new String[] {PARAMETERS, STATISTICS}) { // before the model is built: nothing allocated yet
            long expected = declared.get(0).get(name);
            if (entries.get(name) != null && entries.get(name).length != expected) {
                throw new ModelFileException(file, String.format("%s holds %,d bytes; the layers in %s need %,d", name,
                        entries.get(name).length, CONFIG, expected), null);
            }
        }
        JsonNode checksums = config.path("checksums");
        byte[] parameters = checked(file, entries, PARAMETERS, checksums.path(PARAMETERS).asText());
        byte[] statistics = checked(file, entries, STATISTICS, checksums.path(STATISTICS).asText());
        boolean hasState = version == 1 || config.has("training");
        byte[] state = hasState ? checked(file, entries, OPTIMIZER_STATE, checksums.path(OPTIMIZER_STATE).asText()) : null;
        Contents contents;
        try {
            Model model = rebuild(config, parameters, statistics);
            contents = new Contents(model, hasState ? trainingState(config, version, state, model.dataType()) : null);
        } catch (IllegalArgumentException | NullPointerException invalid) {
            throw new ModelFileException(file, CONFIG + " describes no valid model: " + invalid.getMessage(), invalid);
        }
        String notFinite = firstNonFinite(contents.model(), contents.state());
        if (notFinite != null) { // dense4j never writes one: the file was altered or damaged past its checksums
            throw new ModelFileException(file, "holds a value that is not a finite number: " + notFinite
                    + "; such a model would predict NaN", null);
        }
        return contents;
    }

    /** The {@code provenance} object of an untrusted {@code model.json}: every field of its type, or an error naming it. */
    private static Provenance provenance(JsonNode node) {
        for (String text : List.of("library", "trainedAt")) {
            if (!node.path(text).isTextual()) {
                throw new IllegalArgumentException("its provenance needs a text \"" + text + "\"");
            }
        }
        for (String number : List.of("epochs", "batchSize", "seed", "validationSplit", "loss", "accuracy")) {
            if (!node.path(number).isNumber()) {
                throw new IllegalArgumentException("its provenance needs a number \"" + number + "\"");
            }
        }
        for (String flag : List.of("shuffle", "stratified")) {
            if (!node.path(flag).isBoolean()) {
                throw new IllegalArgumentException("its provenance needs a true or false \"" + flag + "\"");
            }
        }
        if (!node.path("epochs").canConvertToInt() || !node.path("batchSize").canConvertToInt()
                || !node.path("seed").canConvertToLong() || node.has("weightsEpoch") && !node.path("weightsEpoch").canConvertToInt()) {
            throw new IllegalArgumentException("its provenance's epochs, batchSize, seed and weightsEpoch are whole numbers");
        }
        int weightsEpoch = node.path("weightsEpoch").asInt(node.get("epochs").asInt());
        if (weightsEpoch < 1 || weightsEpoch > node.get("epochs").asInt()) {
            throw new IllegalArgumentException("its provenance's weightsEpoch " + weightsEpoch + " is none of its "
                    + node.get("epochs").asInt() + " epochs");
        }
        try {
            return new Provenance(node.get("library").asText(), node.get("trainedAt").asText(), node.get("epochs").asInt(),
                    node.get("batchSize").asInt(), node.get("shuffle").asBoolean(), node.get("seed").asLong(),
                    node.get("validationSplit").asDouble(), node.get("stratified").asBoolean(), node.get("loss").asDouble(),
                    node.get("accuracy").asDouble(), node.path("validationLoss").asDouble(Double.NaN),
                    node.path("validationAccuracy").asDouble(Double.NaN), weightsEpoch);
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            throw new IllegalArgumentException("its provenance's trainedAt is not an instant: " + notAnInstant.getParsedString());
        }
    }

    /** The parsed {@code model.json}, of a format this library reads. */
    private static JsonNode config(Path file, byte[] json) {
        JsonNode config;
        try {
            config = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException corrupt) {
            // one line: the parser's own message spans two, the second naming a source it hides, as
            // does a start marker's place within the first
            var at = corrupt.getLocation();
            String message = corrupt.getOriginalMessage().replaceAll("\\[Source: .*?; line: ", "[line: ");
            throw new ModelFileException(file, CONFIG + " is corrupt: " + message
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), corrupt);
        } catch (IOException corrupt) {
            throw new ModelFileException(file, CONFIG + " is corrupt: " + corrupt.getMessage(), corrupt);
        }
        if (config == null || !FORMAT.equals(config.path("format").asText())) {
            throw new ModelFileException(file, "is not a dense4j model file (its format is \""
                    + (config == null ? "" : config.path("format").asText()) + "\")", null);
        }
        int version = config.path("formatVersion").asInt(-1);
        if (version > FORMAT_VERSION) {
            throw new ModelFileException(file, "was written by a newer dense4j (format version " + version
                    + "; this one, " + LIBRARY_VERSION + ", reads up to " + FORMAT_VERSION + ")", null);
        }
        if (version < 1) {
            throw new ModelFileException(file, "has no valid format version in " + CONFIG, null);
        }
        return config;
    }

    // ---- writing ----

    private static ObjectNode config(Model model, TrainingState state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("formatVersion", FORMAT_VERSION).put("library", LIBRARY_VERSION);
        root.put("inputWidth", model.inputWidth());
        CompileOptions options = model.options();
        root.putObject("compile").put("dataType", options.dataType().name()).put("seed", options.seed())
                .put("fuse", options.fuse()).put("inputGradient", options.inputGradient());
        ArrayNode layers = root.putArray("layers");
        for (Layer layer : model.layers()) {
            layer.accept(new LayerJson(layers.addObject().put("type", layer.kind())));
        }
        ObjectNode loss = root.putObject("loss").put("type", "BinaryCrossEntropy").put("fromLogits", model.loss().fromLogits());
        if (model.loss().l2() > 0) {
            loss.put("l2", model.loss().l2());
        }
        if (!model.loss().classWeights().isNone()) {
            loss.putObject("classWeights").put("negative", model.loss().classWeights().negative())
                    .put("positive", model.loss().classWeights().positive());
        }
        ObjectNode optimizer = root.putObject("optimizer");
        if (model.optimizer() instanceof SGD sgd) {
            optimizer.put("type", "SGD").put("learningRate", sgd.learningRate()).put("momentum", sgd.momentum())
                    .put("nesterov", sgd.nesterov());
        } else {
            Adam adam = (Adam) model.optimizer();
            optimizer.put("type", "Adam").put("learningRate", adam.learningRate()).put("beta1", adam.beta1())
                    .put("beta2", adam.beta2()).put("epsilon", adam.epsilon());
            if (adam.weightDecay() > 0) {
                optimizer.put("weightDecay", adam.weightDecay());
            }
        }
        if (model.optimizer().clipNorm() > 0) {
            optimizer.put("clipNorm", model.optimizer().clipNorm());
        }
        TrainingData data = model.trainingData();
        if (data != null) {
            ObjectNode trainedOn = root.putObject("trainedOn").put("file", data.file()).put("bytes", data.bytes())
                    .put("headSha256", data.headSha256()).put("tailSha256", data.tailSha256());
            if (data.contentXxh128() != null) {
                trainedOn.put("contentXxh128", data.contentXxh128());
            }
        }
        Provenance provenance = model.provenance();
        if (provenance != null) {
            ObjectNode node = root.putObject("provenance").put("library", provenance.library())
                    .put("trainedAt", provenance.trainedAt()).put("epochs", provenance.epochs())
                    .put("batchSize", provenance.batchSize()).put("shuffle", provenance.shuffle()).put("seed", provenance.seed())
                    .put("validationSplit", provenance.validationSplit()).put("stratified", provenance.stratified())
                    .put("loss", provenance.loss()).put("accuracy", provenance.accuracy());
            if (provenance.weightsEpoch() != provenance.epochs()) {
                node.put("weightsEpoch", provenance.weightsEpoch());
            }
            if (!Double.isNaN(provenance.validationLoss())) {
                node.put("validationLoss", provenance.validationLoss()).put("validationAccuracy", provenance.validationAccuracy());
            }
        }
        TrainingCommand command = model.trainingCommand();
        if (command != null) {
            ObjectNode node = root.putObject("trainingCommand").put("parts", command.parts());
            command.arguments().forEach(node.putArray("arguments")::add);
        }
        InputSchema schema = model.inputSchema();
        if (schema != null) {
            ObjectNode node = root.putObject("schema");
            schema.featureNames().forEach(node.putArray("features")::add);
            schema.classes().forEach(node.putArray("classes")::add);
            if (schema.labelName() != null) {
                node.put("label", schema.labelName());
            }
            if (schema.missingValueFill() != null) {
                schema.missingValueFill().forEach(node.putArray("missingValueFill")::add);
            }
            if (!schema.categories().isEmpty()) {
                ObjectNode categories = node.putObject("categories");
                schema.categories().forEach((name, encoding) -> encoding.values().forEach(categories.putArray(name)::add));
            }
        }
        if (!model.threshold().equals(DecisionThreshold.DEFAULT)) {
            root.putObject("threshold").put("value", model.threshold().value()).put("chosenBy", model.threshold().chosenBy());
        }
        if (state != null) {
            TrainingState.Progress progress = state.progress();
            root.putObject("training").put("epochsTrained", progress.epochs()).put("batchesInEpoch", progress.batches())
                    .put("epochLossSum", progress.lossSum()).put("epochRows", progress.rows())
                    .put("epochCorrect", progress.correct()).put("optimizerSteps", state.optimizerSteps());
        }
        return root;
    }

    /** A layer's settings, beside its type. */
    private record LayerJson(ObjectNode node) implements LayerVisitor<Void> {

        @Override
        public Void visitDense(Dense dense) {
            node.put("units", dense.units()).put("activation", dense.activation().kind())
                    .put("initializer", dense.initializer().name());
            return null;
        }

        @Override
        public Void visitNormalization(Normalization normalization) {
            return null; // its statistics are in statistics.bin
        }

        @Override
        public Void visitActivation(Activation activation) {
            return null;
        }

        @Override
        public Void visitDropout(Dropout dropout) {
            node.put("rate", dropout.rate());
            return null;
        }
    }

    private static byte[] bytes(NativeArray array, DataType type) {
        return bytes(array.toDoubleArray(), type);
    }

    private static byte[] bytes(double[] values, DataType type) {
        ByteBuffer out = ByteBuffer.allocate(values.length * type.width()).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            if (type == DataType.FLOAT) {
                out.putFloat((float) value);
            } else {
                out.putDouble(value);
            }
        }
        return out.array();
    }

    // ---- reading ----

    private static byte[] checked(Path file, Map<String, byte[]> entries, String name, String expected) {
        byte[] content = entries.get(name);
        if (content == null) {
            throw new ModelFileException(file, "is truncated or corrupt: it has no " + name, null);
        }
        if (!sha256(content).equals(expected)) {
            throw new ModelFileException(file, name + " is corrupt: its SHA-256 does not match the one in " + CONFIG, null);
        }
        return content;
    }

    private static Model rebuild(JsonNode config, byte[] parameters, byte[] statistics) {
        Sequential sequential = new Sequential();
        int index = 0;
        for (JsonNode node : config.path("layers")) {
            try {
                sequential.add(layer(node));
            } catch (IllegalArgumentException invalid) { // which layer, for a file edited or damaged by hand
                throw new IllegalArgumentException("layer " + index + ": " + invalid.getMessage(), invalid);
            }
            index++;
        }
        JsonNode compile = config.path("compile");
        CompileOptions options = CompileOptions.defaults()
                .withDataType(DataType.valueOf(compile.path("dataType").asText()))
                .withSeed(compile.path("seed").asLong(CompileOptions.DEFAULT_SEED))
                .withFusion(compile.path("fuse").asBoolean(true))
                .withInputGradient(compile.path("inputGradient").asBoolean(false));
        InputSchema schema = schema(config.path("schema"));
        int inputWidth = config.path("inputWidth").asInt();
        if (schema != null && schema.featureNames().size() != inputWidth) {
            throw new IllegalArgumentException("its schema names " + schema.featureNames().size() + " features for an input of "
                    + inputWidth);
        }
        Model model = sequential.compile(schema != null ? schema.layout() : io.dense4j.graph.InputLayout.numeric(inputWidth),
                loss(config.path("loss")), optimizer(config.path("optimizer")),
                options);
        fill(model.parameterValues().values(), parameters, options.dataType(), PARAMETERS);
        NativeArray statisticsArray = model.parameterValues().statistics();
        if (statisticsArray == null) {
            if (statistics.length != 0) {
                throw new IllegalArgumentException(STATISTICS + " holds values, but the model has no Normalization layer");
            }
        } else {
            fill(statisticsArray, statistics, options.dataType(), STATISTICS);
        }
        JsonNode trainedOn = config.path("trainedOn");
        if (!trainedOn.isMissingNode()) {
            if (!trainedOn.path("file").isTextual() || !trainedOn.path("bytes").canConvertToLong()
                    || !trainedOn.path("headSha256").isTextual() || !trainedOn.path("tailSha256").isTextual()) {
                throw new IllegalArgumentException("its trainedOn needs a text \"file\", a number \"bytes\" and two SHA-256s");
            }
            JsonNode content = trainedOn.path("contentXxh128");
            if (!content.isMissingNode() && !content.asText().matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("its trainedOn.contentXxh128 is not 32 hexadecimal digits");
            }
            model.setTrainingData(new TrainingData(trainedOn.get("file").asText(), trainedOn.get("bytes").asLong(),
                    trainedOn.get("headSha256").asText(), trainedOn.get("tailSha256").asText(),
                    content.isMissingNode() ? null : content.asText()));
        }
        JsonNode provenance = config.path("provenance");
        if (!provenance.isMissingNode()) {
            model.setProvenance(provenance(provenance));
        }
        if (schema != null) {
            model.setInputSchema(schema);
        }
        JsonNode command = config.path("trainingCommand");
        if (!command.isMissingNode()) {
            model.setTrainingCommand(trainingCommand(command));
        }
        JsonNode threshold = config.path("threshold");
        if (!threshold.isMissingNode()) {
            if (!threshold.path("value").isNumber() || !threshold.path("chosenBy").isTextual()) {
                throw new IllegalArgumentException("its threshold needs a number \"value\" and a text \"chosenBy\"");
            }
            model.setThreshold(new DecisionThreshold(threshold.get("value").asDouble(), threshold.get("chosenBy").asText()));
        }
        return model;
    }

    /** The {@code trainingCommand} object of an untrusted {@code model.json}. */
    private static TrainingCommand trainingCommand(JsonNode node) {
        JsonNode arguments = node.path("arguments");
        if (!arguments.isArray() || !node.path("parts").canConvertToInt() || arguments.size() > TrainingCommand.MOST_ARGUMENTS) {
            throw new IllegalArgumentException("its trainingCommand needs a list \"arguments\" (at most "
                    + TrainingCommand.MOST_ARGUMENTS + ") and a whole number \"parts\"");
        }
        List<String> given = new ArrayList<>();
        for (JsonNode argument : arguments) {
            if (!argument.isTextual()) {
                throw new IllegalArgumentException("its trainingCommand's arguments hold " + argument + ", not a text");
            }
            given.add(argument.asText());
        }
        return new TrainingCommand(given, node.get("parts").asInt());
    }

    /** The schema in {@code schema}, or null when the model file has none. */
    private static InputSchema schema(JsonNode schema) {
        if (!schema.isObject()) {
            return null;
        }
        List<String> features = new ArrayList<>();
        schema.path("features").forEach(name -> features.add(name.asText()));
        List<String> classes = new ArrayList<>();
        schema.path("classes").forEach(name -> classes.add(name.isNull() ? null : name.asText()));
        List<Double> fill = null;
        if (schema.has("missingValueFill")) {
            fill = new ArrayList<>();
            for (JsonNode value : schema.path("missingValueFill")) {
                fill.add(value.asDouble());
            }
        }
        if (schema.has("label") && !schema.get("label").isTextual()) {
            throw new IllegalArgumentException("its schema's label is the label column's name, a text");
        }
        Map<String, Categories> categories = new LinkedHashMap<>();
        JsonNode listed = schema.path("categories");
        if (!listed.isMissingNode() && !listed.isObject()) {
            throw new IllegalArgumentException("its schema's categories are not an object of lists by column name");
        }
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) listed::fields) {
            if (!entry.getValue().isArray()) {
                throw new IllegalArgumentException("its schema's categories of \"" + entry.getKey() + "\" are not a list");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode value : entry.getValue()) {
                if (!value.isTextual()) {
                    throw new IllegalArgumentException("its schema's categories of \"" + entry.getKey() + "\" hold " + value
                            + ", not a text");
                }
                values.add(value.asText());
            }
            categories.put(entry.getKey(), new Categories(values));
        }
        return new InputSchema(features, classes, fill, schema.has("label") ? schema.get("label").asText() : null, categories);
    }

    /** Format 2 keeps progress in {@code training}; format 1 kept epochs at the top and steps with the optimizer. */
    private static TrainingState trainingState(JsonNode config, int version, byte[] state, DataType type) {
        double[] values = doubles(state, type, OPTIMIZER_STATE);
        if (version == 1) {
            return new TrainingState(new TrainingState.Progress(config.path("epochsTrained").asInt(0), 0, 0, 0, 0),
                    config.path("optimizer").path("steps").asLong(0), values);
        }
        JsonNode training = config.path("training");
        for (String key : new String[] {"epochsTrained", "batchesInEpoch", "epochLossSum", "epochRows", "epochCorrect",
                "optimizerSteps"}) {
            if (!training.path(key).isNumber()) {
                throw new IllegalArgumentException("its training state has no number \"" + key + "\"");
            }
        }
        return new TrainingState(new TrainingState.Progress(training.get("epochsTrained").asInt(),
                training.get("batchesInEpoch").asLong(), training.get("epochLossSum").asDouble(),
                training.get("epochRows").asLong(), training.get("epochCorrect").asLong()),
                training.get("optimizerSteps").asLong(), values);
    }

    private static BinaryCrossEntropy loss(JsonNode node) {
        JsonNode weights = node.path("classWeights");
        ClassWeights classWeights = ClassWeights.NONE;
        if (!weights.isMissingNode()) {
            if (!weights.path("negative").isNumber() || !weights.path("positive").isNumber()) {
                throw new IllegalArgumentException("its loss's classWeights need numbers \"negative\" and \"positive\"");
            }
            classWeights = new ClassWeights(weights.get("negative").asDouble(), weights.get("positive").asDouble());
        }
        JsonNode l2 = node.path("l2");
        if (!l2.isMissingNode() && !l2.isNumber()) {
            throw new IllegalArgumentException("its loss's l2 must be a number");
        }
        return new BinaryCrossEntropy(node.path("fromLogits").asBoolean(), classWeights, l2.asDouble(0));
    }

    private static Layer layer(JsonNode node) {
        String type = node.path("type").asText();
        if (type.equals("Dense")) {
            return new Dense(node.path("units").asInt(), activation(node.path("activation").asText()),
                    Initializer.valueOf(node.path("initializer").asText()));
        }
        if (type.equals("Normalization")) {
            return new Normalization();
        }
        if (type.equals("Dropout")) {
            if (!node.path("rate").isNumber()) {
                throw new IllegalArgumentException("its Dropout layer needs a number \"rate\"");
            }
            return new Dropout(node.path("rate").asDouble());
        }
        return activation(type);
    }

    private static Activation activation(String kind) {
        return switch (kind) {
            case "Sigmoid" -> new Sigmoid();
            case "ReLU" -> new ReLU();
            case "Linear" -> new Linear();
            default -> throw new IllegalArgumentException("unknown layer or activation \"" + kind + "\"");
        };
    }

    private static Optimizer optimizer(JsonNode node) {
        String type = node.path("type").asText();
        double clipNorm = node.path("clipNorm").asDouble(0);
        if (type.equals("SGD")) {
            return new SGD(node.path("learningRate").asDouble(), node.path("momentum").asDouble(), node.path("nesterov").asBoolean(),
                    clipNorm);
        }
        if (type.equals("Adam")) {
            return new Adam(node.path("learningRate").asDouble(), node.path("beta1").asDouble(), node.path("beta2").asDouble(),
                    node.path("epsilon").asDouble(), node.path("weightDecay").asDouble(0), clipNorm);
        }
        throw new IllegalArgumentException("unknown optimizer \"" + type + "\"");
    }

    private static void fill(NativeArray array, byte[] content, DataType type, String name) {
        double[] values = doubles(content, type, name);
        if (values.length != array.length()) {
            throw new IllegalArgumentException(String.format("%s holds %d values; the model needs %d", name, values.length,
                    array.length()));
        }
        for (int i = 0; i < values.length; i++) {
            array.set(i, values[i]);
        }
    }

    private static double[] doubles(byte[] content, DataType type, String name) {
        if (content.length % type.width() != 0) {
            throw new IllegalArgumentException(name + " holds " + content.length + " bytes, not a whole number of "
                    + type.name().toLowerCase(java.util.Locale.ROOT) + " values");
        }
        ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[content.length / type.width()];
        for (int i = 0; i < values.length; i++) {
            values[i] = type == DataType.FLOAT ? in.getFloat() : in.getDouble();
        }
        return values;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-256", missing);
        }
    }
}
