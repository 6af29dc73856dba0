package io.dense4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dense4j.data.Categories;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What a model file's {@code model.json} says, both ways: the tree written for a model, and the
 * pieces a model is rebuilt from when a file is read. The text read is untrusted: a field missing
 * or of the wrong type is an {@link IllegalArgumentException} naming it, which {@link ModelFile}
 * reports with the file. The binary entries, their sizes and checksums are {@link ModelFile}'s.
 */
final class ModelJson {

    private ModelJson() {
    }

    /** The tree of {@code model}, with the progress in {@code state} (null for none); {@link ModelFile} adds the checksums. */
    static ObjectNode of(Model model, TrainingState state) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        boolean callbackWeights = state != null && state.callbacks().stream().anyMatch(callback -> callback.weights() != null);
        List<String> marks = model.inputSchema() == null ? List.of() : model.inputSchema().missingMarks();
        boolean columnMarks = model.inputSchema() != null && !model.inputSchema().columnMissingMarks().isEmpty();
        boolean dates = model.inputSchema() != null && !model.inputSchema().dates().isEmpty();
        root.put("format", ModelFile.FORMAT).put("formatVersion", dates ? ModelFile.DATES_SINCE
                : columnMarks ? ModelFile.COLUMN_MARKS_SINCE
                : marks.stream().anyMatch(io.dense4j.data.csv.CsvFormat::isNumberMark) ? ModelFile.NUMBER_MARKS_SINCE
                : !marks.isEmpty() ? ModelFile.MISSING_MARKS_SINCE
                : callbackWeights ? ModelFile.CALLBACK_WEIGHTS_SINCE : ModelFile.PLAIN_VERSION).put("library", ModelFile.LIBRARY_VERSION);
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
        // the optimizer that stepped the weights: a checkpoint resumes with it (a Trainer may use another than compile's)
        Optimizer trainedWith = state != null && state.optimizer() != null ? state.optimizer() : model.optimizer();
        ObjectNode optimizer = root.putObject("optimizer");
        if (trainedWith instanceof SGD sgd) {
            optimizer.put("type", "SGD").put("learningRate", sgd.learningRate()).put("momentum", sgd.momentum())
                    .put("nesterov", sgd.nesterov());
        } else {
            Adam adam = (Adam) trainedWith;
            optimizer.put("type", "Adam").put("learningRate", adam.learningRate()).put("beta1", adam.beta1())
                    .put("beta2", adam.beta2()).put("epsilon", adam.epsilon());
            if (adam.weightDecay() > 0) {
                optimizer.put("weightDecay", adam.weightDecay());
            }
        }
        if (trainedWith.clipNorm() > 0) {
            optimizer.put("clipNorm", trainedWith.clipNorm());
        }
        TrainingData data = model.trainingData();
        if (data != null) {
            ObjectNode trainedOn = root.putObject("trainedOn").put("file", data.file()).put("bytes", data.bytes())
                    .put("headSha256", data.headSha256()).put("tailSha256", data.tailSha256());
            if (data.contentXxh128() != null) {
                trainedOn.put("contentXxh128", data.contentXxh128());
            }
            if (!data.encoding().equals(io.dense4j.data.csv.TextEncoding.UTF_8)) { // as most files are: left out
                trainedOn.put("encoding", data.encoding());
            }
            if (data.decimal() != '.' || data.thousands() != 0) { // as most files are: left out
                trainedOn.put("decimal", String.valueOf(data.decimal()));
                if (data.thousands() != 0) {
                    trainedOn.put("thousands", String.valueOf(data.thousands()));
                }
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
        if (model.trainingCommand() != null) {
            TrainingCommandJson.write(model.trainingCommand(), root.putObject("trainingCommand"));
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
            if (!schema.missingMarks().isEmpty()) {
                schema.missingMarks().forEach(node.putArray("missingMarks")::add);
            }
            if (!schema.columnMissingMarks().isEmpty()) {
                ObjectNode byColumn = node.putObject("columnMissingMarks");
                schema.columnMissingMarks().forEach((name, own) -> own.forEach(byColumn.putArray(name)::add));
            }
            if (!schema.dates().isEmpty()) {
                schema.dates().forEach(node.putArray("dates")::add);
            }
        }
        if (!model.threshold().equals(DecisionThreshold.DEFAULT)) {
            root.putObject("threshold").put("value", model.threshold().value()).put("chosenBy", model.threshold().chosenBy());
        }
        if (state != null) {
            TrainingStateJson.write(state, root.putObject("training"));
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

    // ---- reading ----

    /** The layers, in order; an error names the layer. */
    static List<Layer> layers(JsonNode config) {
        List<Layer> layers = new ArrayList<>();
        for (JsonNode node : config.path("layers")) {
            try {
                layers.add(layer(node));
            } catch (IllegalArgumentException invalid) { // which layer, for a file edited or damaged by hand
                throw new IllegalArgumentException("layer " + layers.size() + ": " + invalid.getMessage(), invalid);
            }
        }
        return layers;
    }

    static CompileOptions options(JsonNode config) {
        JsonNode compile = config.path("compile");
        if (compile.has("seed") && !(compile.get("seed").isIntegralNumber() && compile.get("seed").canConvertToLong())
                || compile.has("fuse") && !compile.get("fuse").isBoolean()
                || compile.has("inputGradient") && !compile.get("inputGradient").isBoolean()) {
            throw new IllegalArgumentException("its compile options need a whole-number seed and booleans fuse and inputGradient");
        }
        return CompileOptions.defaults()
                .withDataType(named(DataType.class, compile.path("dataType"), "its compile options' dataType"))
                .withSeed(compile.path("seed").asLong(CompileOptions.DEFAULT_SEED))
                .withFusion(compile.path("fuse").asBoolean(true))
                .withInputGradient(compile.path("inputGradient").asBoolean(false));
    }

    /** The encoding a model's data was read in: UTF-8 where the file says none (all did before others were read). */
    private static String encoding(JsonNode encoding) {
        if (encoding.isMissingNode()) {
            return null;
        }
        if (!encoding.isTextual()) {
            throw new IllegalArgumentException("its trainedOn.encoding is not a text");
        }
        try {
            return io.dense4j.data.csv.TextEncoding.named(encoding.asText()).name();
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("its trainedOn.encoding: " + unknown.getMessage(), unknown);
        }
    }

    /** Gives {@code model} what the file says beside its layers and values: where and how it was trained, its schema and threshold. */
    static void describe(Model model, JsonNode config, InputSchema schema) {
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
            String decimal = trainedOn.path("decimal").asText(".");
            String thousands = trainedOn.path("thousands").asText("");
            if (!decimal.matches("[.,]") || !thousands.matches("[.,]?") || decimal.equals(thousands)) {
                throw new IllegalArgumentException("its trainedOn.decimal and .thousands are not two of '.' and ','");
            }
            model.setTrainingData(new TrainingData(trainedOn.get("file").asText(), trainedOn.get("bytes").asLong(),
                    trainedOn.get("headSha256").asText(), trainedOn.get("tailSha256").asText(),
                    content.isMissingNode() ? null : content.asText(), decimal.charAt(0), thousands.isEmpty() ? 0 : thousands.charAt(0),
                    encoding(trainedOn.path("encoding"))));
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
            model.setTrainingCommand(TrainingCommandJson.read(command));
        }
        JsonNode threshold = config.path("threshold");
        if (!threshold.isMissingNode()) {
            if (!threshold.path("value").isNumber() || !threshold.path("chosenBy").isTextual()) {
                throw new IllegalArgumentException("its threshold needs a number \"value\" and a text \"chosenBy\"");
            }
            model.setThreshold(new DecisionThreshold(threshold.get("value").asDouble(), threshold.get("chosenBy").asText()));
        }
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
        if (!(node.get("loss").asDouble() >= 0) || Double.isInfinite(node.get("loss").asDouble())
                || !(node.get("accuracy").asDouble() >= 0 && node.get("accuracy").asDouble() <= 1)) {
            throw new IllegalArgumentException("its provenance's loss " + node.get("loss") + " and accuracy " + node.get("accuracy")
                    + " are none a run records (a finite loss >= 0, an accuracy from 0 to 1)");
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

    /** The input schema, or null when the model file has none. */
    static InputSchema schema(JsonNode config) {
        JsonNode schema = config.path("schema");
        if (!schema.isObject()) {
            return null;
        }
        // each value of the type written, never coerced: "x" or true read as a fill of 0 or 1 would score rows silently
        if (!schema.path("features").isArray()) {
            throw new IllegalArgumentException("its schema has no list of features (the feature columns' names)");
        }
        List<String> features = new ArrayList<>();
        for (JsonNode name : schema.path("features")) {
            if (!name.isTextual()) {
                throw new IllegalArgumentException("its schema's features hold " + name + ", not a column name");
            }
            features.add(name.asText());
        }
        List<String> classes = new ArrayList<>();
        for (JsonNode name : schema.path("classes")) {
            if (!name.isTextual() && !name.isNull()) {
                throw new IllegalArgumentException("its schema's classes hold " + name + ", not a label");
            }
            classes.add(name.isNull() ? null : name.asText());
        }
        List<Double> fill = null;
        if (schema.has("missingValueFill")) {
            if (!schema.get("missingValueFill").isArray()) {
                throw new IllegalArgumentException("its schema's missing-value fill is " + schema.get("missingValueFill")
                        + ", not a list of numbers");
            }
            fill = new ArrayList<>();
            for (JsonNode value : schema.path("missingValueFill")) {
                if (!value.isNumber()) {
                    throw new IllegalArgumentException("its schema's missing-value fill holds " + value + ", not a number");
                }
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
        List<String> marks = new ArrayList<>();
        JsonNode markList = schema.path("missingMarks");
        if (!markList.isMissingNode() && (!markList.isArray() || markList.size() > io.dense4j.data.csv.CsvFormat.MOST_MISSING_MARKS)) {
            throw new IllegalArgumentException("its schema's missing-value marks are not a list of at most "
                    + io.dense4j.data.csv.CsvFormat.MOST_MISSING_MARKS + " texts");
        }
        for (JsonNode mark : markList) {
            if (!mark.isTextual()) {
                throw new IllegalArgumentException("its schema's missing-value marks hold " + mark + ", not a text");
            }
            marks.add(mark.asText());
        }
        io.dense4j.data.csv.CsvFormat.checkMissingMarks(marks); // the format's rules: one line for a mark it refuses
        InputSchema read = new InputSchema(features, classes, fill, schema.has("label") ? schema.get("label").asText() : null,
                categories, marks, columnMarks(schema.path("columnMissingMarks"), features.size()), dateColumns(schema.path("dates")));
        if (features.size() != config.path("inputWidth").asInt()) {
            throw new IllegalArgumentException("its schema names " + features.size() + " features for an input of "
                    + config.path("inputWidth").asInt());
        }
        return read;
    }

    /** The schema's columns of dates: a list of texts, at most one per feature (the schema checks which). */
    private static List<String> dateColumns(JsonNode listed) {
        if (listed.isMissingNode()) {
            return List.of();
        }
        if (!listed.isArray()) {
            throw new IllegalArgumentException("its schema's dates are not a list of column names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : listed) {
            if (!name.isTextual()) {
                throw new IllegalArgumentException("its schema's dates hold " + name + ", not a column name");
            }
            names.add(name.asText());
        }
        return names;
    }

    /** The schema's marks of one column each: an object of lists of texts, a key per feature at most; InputSchema checks the rest. */
    private static Map<String, List<String>> columnMarks(JsonNode listed, int features) {
        Map<String, List<String>> marks = new LinkedHashMap<>();
        if (listed.isMissingNode()) {
            return marks;
        }
        if (!listed.isObject() || listed.size() > Math.min(features, io.dense4j.data.csv.CsvFormat.MOST_MARKED_COLUMNS)) {
            throw new IllegalArgumentException("its schema's missing-value marks of one column are not an object of at most one list per "
                    + "feature, for at most " + io.dense4j.data.csv.CsvFormat.MOST_MARKED_COLUMNS + " columns");
        }
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) listed::fields) {
            JsonNode list = entry.getValue();
            if (!list.isArray() || list.size() > io.dense4j.data.csv.CsvFormat.MOST_MISSING_MARKS) {
                throw new IllegalArgumentException("its schema's missing-value marks of \"" + io.dense4j.data.Printable.of(entry.getKey())
                        + "\" are not a list of at most " + io.dense4j.data.csv.CsvFormat.MOST_MISSING_MARKS + " texts");
            }
            List<String> own = new ArrayList<>();
            for (JsonNode mark : list) {
                if (!mark.isTextual()) {
                    throw new IllegalArgumentException("its schema's missing-value marks of \"" + io.dense4j.data.Printable.of(
                            entry.getKey()) + "\" hold " + mark + ", not a text");
                }
                own.add(mark.asText());
            }
            marks.put(entry.getKey(), own);
        }
        return marks;
    }

    static BinaryCrossEntropy loss(JsonNode config) {
        JsonNode node = config.path("loss");
        if (!"BinaryCrossEntropy".equals(node.path("type").asText(null)) || !node.path("fromLogits").isBoolean()) {
            throw new IllegalArgumentException("its loss is " + node + ", where dense4j writes type \"BinaryCrossEntropy\" and a "
                    + "boolean fromLogits");
        }
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
                    named(Initializer.class, node.path("initializer"), "its Dense layer's initializer"));
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

    /** The constant of {@code type} that {@code node} names, or an error saying which {@code what} names none. */
    private static <E extends Enum<E>> E named(Class<E> type, JsonNode node, String what) {
        for (E constant : type.getEnumConstants()) {
            if (node.isTextual() && constant.name().equals(node.asText())) {
                return constant;
            }
        }
        throw new IllegalArgumentException(what + " is " + (node.isMissingNode() ? "missing" : node.toString())
                + ", where dense4j writes one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    private static Activation activation(String kind) {
        return switch (kind) {
            case "Sigmoid" -> new Sigmoid();
            case "ReLU" -> new ReLU();
            case "Linear" -> new Linear();
            default -> throw new IllegalArgumentException("unknown layer or activation \"" + kind + "\"");
        };
    }

    static Optimizer optimizer(JsonNode config) {
        JsonNode node = config.path("optimizer");
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
}
