package io.dense4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dense4j.graph.InputLayout;
import io.dense4j.io.AtomicFiles;
import io.dense4j.io.IoReason;
import io.dense4j.tensor.NativeArray;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A model in one zip file: {@code model.json} (format and library version, layers, loss,
 * optimizer settings, compile options, input schema, and the SHA-256 of each binary entry),
 * {@code parameters.bin} and {@code statistics.bin} (Normalization's μ and 1/σ), as little-endian
 * values in the model's element type, and a digest of them all ({@link ModelArchive}). A checkpoint
 * adds a {@code training} object to {@code model.json} and {@code optimizer-state.bin}, and
 * {@code callback-weights.bin} when a callback keeps a copy of the parameters. Written
 * atomically and durably. Loading treats the file as untrusted: every size {@code model.json}
 * implies is worked out (overflow is an error) and checked against the entries before the model
 * is built, and nothing beyond the declared sizes is read. Format 1 and 2 files (without the
 * digest; format 1 always held the optimizer's state) still load. The fields of {@code model.json}
 * are {@link ModelJson}'s.
 */
final class ModelFile {
    static final String FORMAT = "dense4j-model";
    /** The newest format this library reads; it writes the oldest that holds a file's content. */
    static final int FORMAT_VERSION = 8;
    /** The format of files without callback weights. */
    static final int PLAIN_VERSION = 3;
    /** The first format whose checkpoints may hold {@code callback-weights.bin}: older readers refuse the entry. */
    static final int CALLBACK_WEIGHTS_SINCE = 4;
    /**
     * The first format whose schema may hold missing-value marks: an older reader, which knows no
     * such key, would read a "?" as a category's "other" rather than as missing, so it must refuse.
     */
    static final int MISSING_MARKS_SINCE = 5;
    /**
     * The first format whose marks may be whole numbers ("-9"), which mark their value in number
     * cells: an older reader would take the value as a number, so it must refuse.
     */
    static final int NUMBER_MARKS_SINCE = 6;
    /**
     * The first format whose schema may hold marks of one column ({@code columnMissingMarks}): an
     * older reader would read a glucose of 0 as a value, so it must refuse.
     */
    static final int COLUMN_MARKS_SINCE = 7;
    /**
     * The first format whose schema may name columns of dates ({@code dates}): an older reader would
     * refuse their cells as no numbers, or score a file whose column is text without them.
     */
    static final int DATES_SINCE = 8;
    /** The first format whose files must carry the digest. */
    private static final int DIGEST_SINCE = 3;
    static final String LIBRARY_VERSION = "0.1.0";
    private static final String CONFIG = ModelArchive.CONFIG;
    private static final String PARAMETERS = DeclaredSizes.PARAMETERS;
    private static final String OPTIMIZER_STATE = DeclaredSizes.OPTIMIZER_STATE;
    private static final String STATISTICS = DeclaredSizes.STATISTICS;
    private static final String CALLBACK_WEIGHTS = DeclaredSizes.CALLBACK_WEIGHTS;
    /** A key given twice would let a hand-edited file pass a check with one value and be read with the other. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

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
        } catch (IllegalArgumentException tooLarge) {
            throw new IllegalArgumentException("nothing written to " + file + ": " + tooLarge.getMessage(), tooLarge);
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
        model.checkAdapted("writing it"); // read back, its statistics could not be told from a set identity
        DataType type = model.dataType();
        byte[] parameters = bytes(model.parameterValues().values(), type);
        NativeArray statisticsArray = model.parameterValues().statistics();
        byte[] statistics = statisticsArray == null ? new byte[0] : bytes(statisticsArray, type);
        byte[] optimizerState = state == null ? null : bytes(state.optimizerState(), type);
        byte[] callbackWeights = state == null ? null : bytes(callbackWeights(state, parameters.length / type.width()), type);
        ObjectNode root = ModelJson.of(model, state);
        ObjectNode checksums = root.putObject("checksums").put(PARAMETERS, sha256(parameters)).put(STATISTICS, sha256(statistics));
        if (optimizerState != null) {
            checksums.put(OPTIMIZER_STATE, sha256(optimizerState));
        }
        if (callbackWeights != null && callbackWeights.length > 0) {
            checksums.put(CALLBACK_WEIGHTS, sha256(callbackWeights));
        } else {
            callbackWeights = null;
        }
        byte[] json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        checkConfigurationSize(model, json.length);
        return new byte[][] {json, parameters, statistics, optimizerState, callbackWeights};
    }

    /** The callbacks' copies of the parameters, one after another; each must be one whole copy. */
    private static double[] callbackWeights(TrainingState state, int parameters) {
        List<double[]> copies = state.callbacks().stream().map(CallbackState::weights).filter(java.util.Objects::nonNull).toList();
        double[] all = new double[copies.size() * parameters];
        for (int i = 0; i < copies.size(); i++) {
            if (copies.get(i).length != parameters) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "a callback kept %d weights, not the model's %d", copies.get(i).length,
                        parameters));
            }
            System.arraycopy(copies.get(i), 0, all, i * parameters, parameters);
        }
        return all;
    }

    /** Room a checkpoint's training state and the checksums take in model.json beyond the model's own fields. */
    private static final int STATE_ROOM = 64 << 10;

    /**
     * Refuses a model whose model.json would not be read back: one whose categorical columns keep
     * so many categories, or such long ones, that it passes the limit every reader holds files to.
     * Asked before training, with room for a checkpoint's state, as well as when saving.
     */
    static void checkConfigurationSize(Model model) {
        long categories = categoryBytes(model.inputSchema());
        if (categories > ModelArchive.CONFIG_LIMIT) { // refused from the count: thousands of columns' JSON would not fit in memory
            checkConfigurationSize(model, categories, true);
        }
        try {
            checkConfigurationSize(model, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(ModelJson.of(model, null)).length
                    + STATE_ROOM);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** The least bytes the categories take in model.json: each value's UTF-8 bytes, its quotes and a comma. */
    private static long categoryBytes(InputSchema schema) {
        if (schema == null) {
            return 0;
        }
        long bytes = 0;
        for (io.dense4j.data.Categories column : schema.categories().values()) {
            for (String value : column.values()) {
                bytes += value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 3;
            }
        }
        return bytes;
    }

    private static void checkConfigurationSize(Model model, long bytes) {
        checkConfigurationSize(model, bytes, false);
    }

    private static void checkConfigurationSize(Model model, long bytes, boolean atLeast) {
        if (model.layers().size() > DeclaredSizes.MOST_LAYERS) { // a file no load would read
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the model has %,d layers; a model file holds at "
                    + "most %,d", model.layers().size(), DeclaredSizes.MOST_LAYERS));
        }
        if (bytes <= ModelArchive.CONFIG_LIMIT) {
            return;
        }
        InputSchema schema = model.inputSchema();
        var most = schema == null ? null : schema.categories().entrySet().stream()
                .max(java.util.Comparator.comparingLong(column -> column.getValue().values().stream()
                        .mapToLong(value -> value.length() + 8L).sum())).orElse(null);
        String largest = null;
        if (most != null && schema.categories().size() == 1) {
            largest = String.format(java.util.Locale.ROOT, "; \"%s\" keeps %,d categories", io.dense4j.data.Printable.of(most.getKey()),
                    most.getValue().values().size());
        } else if (most != null) { // the sum is what is too large, not one column
            largest = String.format(java.util.Locale.ROOT, "; its %,d categorical columns keep %,d categories in all (\"%s\" the most, "
                    + "%,d)", schema.categories().size(), schema.categories().values().stream().mapToLong(column -> column.values().size())
                    .sum(), io.dense4j.data.Printable.of(most.getKey()), most.getValue().values().size());
        }
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the model's model.json would take %s%,d bytes, more "
                + "than the %,d a model file may hold%s", atLeast ? "at least " : "", bytes, ModelArchive.CONFIG_LIMIT, largest == null
                ? ": keep fewer or shorter column names" : largest + ": keep fewer categories (--max-categories), or leave out a "
                + "column that names each row"));
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
        Provenance provenance = model.provenance();
        if (provenance != null && !(Double.isFinite(provenance.loss()) && Double.isFinite(provenance.accuracy()))) {
            return "the training loss " + provenance.loss() + " and accuracy " + provenance.accuracy() + " it records";
        }
        if (state != null && !Double.isFinite(state.progress().lossSum())) {
            return "the training state's epoch loss sum is " + state.progress().lossSum();
        }
        double[] optimizerState = state == null ? new double[0] : state.optimizerState();
        for (int i = 0; i < optimizerState.length; i++) {
            if (!Double.isFinite(optimizerState[i])) {
                return "the optimizer's state value " + i + " is " + optimizerState[i];
            }
        }
        for (CallbackState callback : state == null ? List.<CallbackState>of() : state.callbacks()) {
            double[] weights = callback.weights() == null ? new double[0] : callback.weights();
            for (int i = 0; i < weights.length; i++) {
                if (!Double.isFinite(weights[i])) {
                    return callback.name() + "'s copy of " + model.describeParameter(i) + " is " + weights[i];
                }
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
        if (content[4] != null) {
            entries.put(CALLBACK_WEIGHTS, content[4]);
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
            throw new ModelFileException(file, "cannot be read: " + IoReason.of(failed), failed);
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
        for (String name : new String[] {PARAMETERS, STATISTICS, CALLBACK_WEIGHTS}) { // before the model is built: nothing allocated yet
            Long expected = declared.get(0).get(name);
            if (expected != null && entries.get(name) != null && entries.get(name).length != expected) {
                throw new ModelFileException(file, String.format(java.util.Locale.ROOT, "%s holds %,d bytes; the layers in %s need %,d", name,
                        entries.get(name).length, CONFIG, expected), null);
            }
        }
        JsonNode checksums = config.path("checksums");
        byte[] parameters = checked(file, entries, PARAMETERS, checksums.path(PARAMETERS).asText());
        // the first format 1 files, written before the Normalization layer, have no statistics to hold, nor the entry
        boolean noStatistics = version == 1 && entries.get(STATISTICS) == null && !checksums.has(STATISTICS)
                && Long.valueOf(0).equals(declared.get(0).get(STATISTICS));
        byte[] statistics = noStatistics ? new byte[0] : checked(file, entries, STATISTICS, checksums.path(STATISTICS).asText());
        // format 1 always held the optimizer's state, but its first files not the epochs: those read as a model without state
        boolean hasState = version == 1 ? config.path("epochsTrained").isNumber() : config.has("training");
        byte[] state = hasState ? checked(file, entries, OPTIMIZER_STATE, checksums.path(OPTIMIZER_STATE).asText()) : null;
        boolean hasCallbackWeights = hasState && declared.get(0).get(CALLBACK_WEIGHTS) != null && declared.get(0).get(CALLBACK_WEIGHTS) > 0;
        byte[] callbackWeights = hasCallbackWeights ? checked(file, entries, CALLBACK_WEIGHTS, checksums.path(CALLBACK_WEIGHTS).asText())
                : new byte[0];
        Contents contents;
        try {
            Model model = rebuild(config, parameters, statistics);
            contents = new Contents(model, hasState ? TrainingStateJson.read(config, version, doubles(state, model.dataType(),
                    OPTIMIZER_STATE), doubles(callbackWeights, model.dataType(), CALLBACK_WEIGHTS)) : null);
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

    /** The parsed {@code model.json}, of a format this library reads. */
    private static JsonNode config(Path file, byte[] json) {
        JsonNode config;
        try {
            config = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException corrupt) {
            // one line: the parser's own message spans two, the second naming a source it hides, as
            // does a start marker's place within the first
            var at = corrupt.getLocation();
            String message = corrupt.getOriginalMessage().replaceAll("\\[Source: .*?; line: ", "[line: ")
                    // the parser's advice is a programmer's (enable ALLOW_NON_NUMERIC_NUMBERS); a reader can act on this
                    .replaceAll("^Non-standard token '([^']*)':.*", "it holds $1, which is no JSON number (dense4j never writes one)")
                    .replaceAll("^Document nesting depth \\((\\d+)\\) exceeds the maximum allowed.*",
                            "it nests $1 levels deep, past the parser's limit (a model file nests a few)")
                    .replaceAll("^Duplicate field '(.*)'$", "it gives \"$1\" twice");
            throw new ModelFileException(file, CONFIG + " is corrupt: " + message
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), corrupt);
        } catch (IOException corrupt) {
            throw new ModelFileException(file, CONFIG + " is corrupt: " + corrupt.getMessage(), corrupt);
        }
        if (config == null || !FORMAT.equals(config.path("format").asText())) {
            throw new ModelFileException(file, "is not a dense4j model file (its format is \""
                    + (config == null ? "" : config.path("format").asText()) + "\")", null);
        }
        JsonNode given = config.path("formatVersion");
        int version = given.isIntegralNumber() && given.canConvertToInt() ? given.asInt() : -1; // "3" or 3.5 is none dense4j writes
        if (version > FORMAT_VERSION) {
            throw new ModelFileException(file, "was written by a newer dense4j (format version " + version
                    + "; this one, " + LIBRARY_VERSION + ", reads up to " + FORMAT_VERSION + ")", null);
        }
        if (version < 1) {
            throw new ModelFileException(file, "has no valid format version in " + CONFIG, null);
        }
        return config;
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
        ModelJson.layers(config).forEach(sequential::add);
        CompileOptions options = ModelJson.options(config);
        InputSchema schema = ModelJson.schema(config);
        InputLayout layout = schema != null ? schema.layout() : InputLayout.numeric(config.path("inputWidth").asInt());
        Model model = sequential.compile(layout, ModelJson.loss(config), ModelJson.optimizer(config), options);
        fill(model.parameterValues().values(), parameters, options.dataType(), PARAMETERS);
        NativeArray statisticsArray = model.parameterValues().statistics();
        if (statisticsArray == null) {
            if (statistics.length != 0) {
                throw new IllegalArgumentException(STATISTICS + " holds values, but the model has no Normalization layer");
            }
        } else {
            fill(statisticsArray, statistics, options.dataType(), STATISTICS);
            model.statisticsSet();
        }
        ModelJson.describe(model, config, schema);
        return model;
    }

    private static void fill(NativeArray array, byte[] content, DataType type, String name) {
        double[] values = doubles(content, type, name);
        if (values.length != array.length()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s holds %d values; the model needs %d", name, values.length,
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
