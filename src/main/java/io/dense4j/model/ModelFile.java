package io.dense4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dense4j.layer.Activation;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.Layer;
import io.dense4j.layer.Linear;
import io.dense4j.layer.Normalization;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.Adam;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.SGD;
import io.dense4j.optim.Updater;
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
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A model in one zip file: {@code model.json} (format and library version, layers, loss,
 * optimizer, compile options, input schema, and the SHA-256 of each binary entry),
 * {@code parameters.bin}, {@code optimizer-state.bin} and {@code statistics.bin} (Normalization's
 * μ and 1/σ), as little-endian values in the model's element type. Written to a temporary file and renamed, so a crash never leaves half a model
 * under the name; checked entry by entry when loaded.
 */
final class ModelFile {
    static final String FORMAT = "dense4j-model";
    static final int FORMAT_VERSION = 1;
    static final String LIBRARY_VERSION = "0.1.0";
    private static final String CONFIG = "model.json";
    private static final String PARAMETERS = "parameters.bin";
    private static final String OPTIMIZER_STATE = "optimizer-state.bin";
    private static final String STATISTICS = "statistics.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    static void save(CompiledModel model, Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, file.getFileName().toString(), ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                write(model, out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The model file's bytes, as {@link #save} would write them. */
    static byte[] toBytes(CompiledModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(model, out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    private static void write(CompiledModel model, OutputStream out) throws IOException {
        byte[] parameters = bytes(List.of(model.parameterStore().values()), model.dataType());
        byte[] state = bytes(model.updater().state(), model.dataType());
        byte[] statistics = bytes(model.parameterStore().statistics(), model.dataType());
        byte[] config = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config(model, parameters, state, statistics));
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, CONFIG, config);
            entry(zip, PARAMETERS, parameters);
            entry(zip, OPTIMIZER_STATE, state);
            entry(zip, STATISTICS, statistics);
        }
    }

    static CompiledModel load(Path file) {
        if (!Files.exists(file)) {
            throw new ModelFileException(file, "no such file", null);
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "is not a file", null);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(file, in);
        } catch (IOException failed) {
            throw new ModelFileException(file, "cannot be read: " + failed.getMessage(), failed);
        }
    }

    /** A model from the bytes {@link #toBytes} gave; {@code name} stands for the file in errors. */
    static CompiledModel fromBytes(byte[] content, Path name) {
        return read(name, new ByteArrayInputStream(content));
    }

    private static CompiledModel read(Path file, InputStream in) {
        Map<String, byte[]> entries = readZip(file, in);
        byte[] json = entries.get(CONFIG);
        if (json == null) {
            throw new ModelFileException(file, "is not a dense4j model file: it has no " + CONFIG, null);
        }
        JsonNode config;
        try {
            config = JSON.readTree(json);
        } catch (IOException corrupt) {
            throw new ModelFileException(file, CONFIG + " is corrupt: " + corrupt.getMessage(), corrupt);
        }
        if (!FORMAT.equals(config.path("format").asText())) {
            throw new ModelFileException(file, "is not a dense4j model file (its format is \"" + config.path("format").asText() + "\")", null);
        }
        int version = config.path("formatVersion").asInt(-1);
        if (version > FORMAT_VERSION) {
            throw new ModelFileException(file, "was written by a newer dense4j (format version " + version
                    + "; this one, " + LIBRARY_VERSION + ", reads up to " + FORMAT_VERSION + ")", null);
        }
        if (version < 1) {
            throw new ModelFileException(file, "has no valid format version in " + CONFIG, null);
        }
        byte[] parameters = checked(file, entries, PARAMETERS, config.path("checksums").path(PARAMETERS).asText());
        byte[] state = checked(file, entries, OPTIMIZER_STATE, config.path("checksums").path(OPTIMIZER_STATE).asText());
        byte[] statistics = checked(file, entries, STATISTICS, config.path("checksums").path(STATISTICS).asText());
        try {
            return rebuild(config, parameters, state, statistics);
        } catch (IllegalArgumentException | NullPointerException invalid) {
            throw new ModelFileException(file, CONFIG + " describes no valid model: " + invalid.getMessage(), invalid);
        }
    }

    // ---- writing ----

    private static ObjectNode config(CompiledModel model, byte[] parameters, byte[] state, byte[] statistics) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("formatVersion", FORMAT_VERSION).put("library", LIBRARY_VERSION);
        root.put("inputWidth", model.inputWidth()).put("epochsTrained", model.epochsTrained());
        if (model.roundsTrained() > 0) {
            root.put("roundsTrained", model.roundsTrained());
        }
        CompileOptions options = model.options();
        root.putObject("compile").put("dataType", options.dataType().name()).put("seed", options.seed())
                .put("fuse", options.fuse()).put("inputGradient", options.inputGradient());
        ArrayNode layers = root.putArray("layers");
        for (Layer layer : model.layers()) {
            ObjectNode node = layers.addObject().put("type", layer.kind());
            if (layer instanceof Dense dense) {
                node.put("units", dense.units()).put("activation", dense.activation().kind())
                        .put("initializer", dense.initializer().name());
            }
        }
        root.putObject("loss").put("type", "BinaryCrossEntropy").put("fromLogits", model.loss().fromLogits());
        ObjectNode optimizer = root.putObject("optimizer");
        if (model.optimizer() instanceof SGD sgd) {
            optimizer.put("type", "SGD").put("learningRate", sgd.learningRate()).put("momentum", sgd.momentum())
                    .put("nesterov", sgd.nesterov());
        } else {
            Adam adam = (Adam) model.optimizer();
            optimizer.put("type", "Adam").put("learningRate", adam.learningRate()).put("beta1", adam.beta1())
                    .put("beta2", adam.beta2()).put("epsilon", adam.epsilon());
        }
        optimizer.put("steps", model.updater().steps());
        InputSchema schema = model.inputSchema();
        if (schema != null) {
            ObjectNode node = root.putObject("schema");
            schema.featureNames().forEach(node.putArray("features")::add);
            schema.classes().forEach(node.putArray("classes")::add);
            if (schema.missingValueFill() != null) {
                schema.missingValueFill().forEach(node.putArray("missingValueFill")::add);
            }
        }
        root.putObject("checksums").put(PARAMETERS, sha256(parameters)).put(OPTIMIZER_STATE, sha256(state))
                .put(STATISTICS, sha256(statistics));
        return root;
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] bytes(List<NativeArray> arrays, DataType type) {
        int count = arrays.stream().mapToInt(NativeArray::length).sum();
        ByteBuffer out = ByteBuffer.allocate(count * type.width()).order(ByteOrder.LITTLE_ENDIAN);
        for (NativeArray array : arrays) {
            for (int i = 0; i < array.length(); i++) {
                if (type == DataType.FLOAT) {
                    out.putFloat((float) array.get(i));
                } else {
                    out.putDouble(array.get(i));
                }
            }
        }
        return out.array();
    }

    // ---- reading ----

    private static Map<String, byte[]> readZip(Path file, InputStream in) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes()); // a bad CRC or a cut-off entry throws here
            }
        } catch (ZipException | java.io.EOFException damaged) {
            throw new ModelFileException(file, "is truncated or corrupt: " + damaged.getMessage(), damaged);
        } catch (IOException failed) {
            throw new ModelFileException(file, "cannot be read: " + failed.getMessage(), failed);
        }
        if (entries.isEmpty()) {
            throw new ModelFileException(file, "is not a dense4j model file: not a zip archive, or an empty one", null);
        }
        return entries;
    }

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

    private static CompiledModel rebuild(JsonNode config, byte[] parameters, byte[] state, byte[] statistics) {
        Sequential sequential = new Sequential();
        for (JsonNode node : config.path("layers")) {
            sequential.add(layer(node));
        }
        JsonNode compile = config.path("compile");
        CompileOptions options = CompileOptions.defaults()
                .withDataType(DataType.valueOf(compile.path("dataType").asText()))
                .withSeed(compile.path("seed").asLong(CompileOptions.DEFAULT_SEED))
                .withFusion(compile.path("fuse").asBoolean(true))
                .withInputGradient(compile.path("inputGradient").asBoolean(false));
        CompiledModel model = sequential.compile(config.path("inputWidth").asInt(),
                new BinaryCrossEntropy(config.path("loss").path("fromLogits").asBoolean()), optimizer(config.path("optimizer")),
                options);
        List<NativeArray> parameterArrays = List.of(model.parameterStore().values());
        fill(parameterArrays, parameters, options.dataType(), PARAMETERS);
        Updater updater = model.updater();
        fill(updater.state(), state, options.dataType(), OPTIMIZER_STATE);
        updater.restoreSteps(config.path("optimizer").path("steps").asLong(0));
        model.restoreEpochsTrained(config.path("epochsTrained").asInt(0));
        model.restoreRoundsTrained(config.path("roundsTrained").asLong(0));
        fill(model.parameterStore().statistics(), statistics, options.dataType(), STATISTICS);
        JsonNode schema = config.path("schema");
        if (schema.isObject()) {
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
            model.setInputSchema(new InputSchema(features, classes, fill));
        }
        return model;
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
        return activation(type);
    }

    private static Activation activation(String kind) {
        switch (kind) {
            case "Sigmoid" -> {
                return new Sigmoid();
            }
            case "ReLU" -> {
                return new ReLU();
            }
            case "Linear" -> {
                return new Linear();
            }
            default -> throw new IllegalArgumentException("unknown layer or activation \"" + kind + "\"");
        }
    }

    private static Optimizer optimizer(JsonNode node) {
        String type = node.path("type").asText();
        if (type.equals("SGD")) {
            return new SGD(node.path("learningRate").asDouble(), node.path("momentum").asDouble(), node.path("nesterov").asBoolean());
        }
        if (type.equals("Adam")) {
            return new Adam(node.path("learningRate").asDouble(), node.path("beta1").asDouble(), node.path("beta2").asDouble(),
                    node.path("epsilon").asDouble());
        }
        throw new IllegalArgumentException("unknown optimizer \"" + type + "\"");
    }

    private static void fill(List<NativeArray> arrays, byte[] content, DataType type, String name) {
        int expected = arrays.stream().mapToInt(NativeArray::length).sum();
        if (content.length != (long) expected * type.width()) {
            throw new IllegalArgumentException(String.format("%s holds %d values; the model needs %d",
                    name, content.length / type.width(), expected));
        }
        ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        for (NativeArray array : arrays) {
            for (int i = 0; i < array.length(); i++) {
                array.set(i, type == DataType.FLOAT ? in.getFloat() : in.getDouble());
            }
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-256", missing);
        }
    }
}
