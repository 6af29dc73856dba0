package io.dense4j.scorer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * Reads a dense4j model file as untrusted input into what a {@link Scorer} needs: every size its
 * {@code model.json} implies is worked out and bounded before anything is allocated, the entries
 * are checked against the file's digest, and the values must be finite.
 */
final class ModelReader {
    static final String FORMAT = "dense4j-model";
    /** The model file format this scorer reads; dense4j 0.1.0 writes it. */
    // 4: a checkpoint may hold callback-weights.bin; 5: a schema may hold missing-value marks; 6: whole-number marks;
    // 7: marks of one column
    static final int FORMAT_VERSION = 8;
    /** The oldest format read: 3 has the digest every file is checked against. */
    private static final int OLDEST_VERSION = 3;
    static final String VERSION = "0.1.0";
    private static final String PARAMETERS = "parameters.bin";
    private static final String STATISTICS = "statistics.bin";
    private static final String OPTIMIZER_STATE = "optimizer-state.bin";
    private static final String CALLBACK_WEIGHTS = "callback-weights.bin";
    private static final int MOST_CALLBACKS = 16;
    private static final long MOST_VALUES = Integer.MAX_VALUE - 8;

    private final Path file;
    private JSONObject config;
    private int valueBytes;
    private long parameterCount;
    private long statisticCount;

    private ModelReader(Path file) {
        this.file = file;
    }

    static Scorer read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file, Files.exists(file) ? "is not a file" : "no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new ModelReader(file).read(in, Files.size(file));
        } catch (IOException failed) {
            throw ModelFormatException.unreadable(file, failed);
        }
    }

    private Scorer read(InputStream in, long fileBytes) {
        Map<String, byte[]> entries = ModelArchive.read(file, in, fileBytes, this::declaredSizes);
        JSONObject checksums = config.optJSONObject("checksums");
        for (String name : entries.keySet()) {
            if (!name.equals(ModelArchive.CONFIG) && (checksums == null || !ModelArchive.sha256(entries.get(name)).equals(checksums.optString(name)))) {
                // as dense4j checks them: a file whose digest was redone over altered values is refused there too
                throw new ModelFormatException(file, name + " is corrupt: its SHA-256 does not match the one in " + ModelArchive.CONFIG);
            }
        }
        for (String name : List.of(PARAMETERS, STATISTICS)) {
            if (!entries.containsKey(name)) {
                throw new ModelFormatException(file, "is truncated or corrupt: it has no " + name);
            }
            long expected = (name.equals(PARAMETERS) ? parameterCount : statisticCount) * valueBytes;
            if (entries.get(name).length != expected) { // short: the values missing would read as zeros
                throw new ModelFormatException(file, String.format(java.util.Locale.ROOT, "%s holds %,d bytes; the layers in %s need %,d", name,
                        entries.get(name).length, ModelArchive.CONFIG, expected));
            }
        }
        try {
            return build(values(entries.get(PARAMETERS), PARAMETERS), values(entries.get(STATISTICS), STATISTICS));
        } catch (IllegalArgumentException | JSONException | ClassCastException | IndexOutOfBoundsException invalid) {
            throw new ModelFormatException(file, ModelArchive.CONFIG + " describes no valid model: " + invalid.getMessage(), invalid);
        }
    }

    /** The configuration's format, checked, and the byte size of each entry it implies. */
    private Map<String, Long> declaredSizes(byte[] json) {
        try {
            config = new JSONObject(new String(json, StandardCharsets.UTF_8));
        } catch (JSONException corrupt) {
            throw new ModelFormatException(file, ModelArchive.CONFIG + " is corrupt: " + corrupt.getMessage());
        }
        if (!FORMAT.equals(config.optString("format"))) {
            throw new ModelFormatException(file, "is not a dense4j model file (its format is \"" + config.optString("format") + "\")");
        }
        int version = config.opt("formatVersion") instanceof Integer given ? given : -1; // "3" or 3.5 is none dense4j writes
        if (version > FORMAT_VERSION) {
            throw new ModelFormatException(file, "was written by a newer dense4j (format version " + version + "; this scorer, "
                    + VERSION + ", reads up to " + FORMAT_VERSION + ")");
        }
        if (version < 1) {
            throw new ModelFormatException(file, "has no valid format version in " + ModelArchive.CONFIG);
        }
        if (version < OLDEST_VERSION) {
            throw new ModelFormatException(file, "has format version " + version + ", older than this scorer reads (" + OLDEST_VERSION
                    + " to " + FORMAT_VERSION + "); dense4j's Java API writes it anew in a format it reads: Model.load(file).save(newFile)");
        }
        try {
            valueBytes = switch (config.getJSONObject("compile").getString("dataType")) {
                case "FLOAT" -> Float.BYTES;
                case "DOUBLE" -> Double.BYTES;
                default -> throw new IllegalArgumentException("its compile.dataType is neither FLOAT nor DOUBLE");
            };
            countValues();
        } catch (IllegalArgumentException | JSONException | ArithmeticException invalid) {
            throw new ModelFormatException(file, ModelArchive.CONFIG + " describes no valid model: " + invalid.getMessage());
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put(PARAMETERS, parameterCount * valueBytes);
        sizes.put(STATISTICS, statisticCount * valueBytes);
        if (config.has("training")) { // a checkpoint: its optimizer state is read for the digest, then unused
            sizes.put(OPTIMIZER_STATE, 2 * parameterCount * valueBytes); // at most: none for SGD, one per parameter for momentum
            sizes.put(CALLBACK_WEIGHTS, callbackCopies() * parameterCount * valueBytes); // early stopping's best weights
        }
        return sizes;
    }

    /** How many of a checkpoint's callbacks keep a copy of the parameters (read for the digest, then unused). */
    private long callbackCopies() {
        Object callbacks = config.optJSONObject("training") == null ? null : config.getJSONObject("training").opt("callbacks");
        if (callbacks == null) {
            return 0;
        }
        if (!(callbacks instanceof org.json.JSONArray list) || list.length() > MOST_CALLBACKS) {
            throw new ModelFormatException(file, "its training state's callbacks are not a list of at most " + MOST_CALLBACKS);
        }
        long copies = 0;
        for (int i = 0; i < list.length(); i++) {
            JSONObject callback = list.optJSONObject(i);
            if (callback == null || !(callback.opt("weights") instanceof Boolean weights)) {
                throw new ModelFormatException(file, "its training state's callback " + i + " has no boolean \"weights\"");
            }
            copies += weights ? 1 : 0;
        }
        return copies;
    }

    /** Parameters and statistics the layers hold, from the widths alone, every sum checked. */
    private void countValues() {
        int columns = positive(whole(config, "inputWidth", "inputWidth"), "inputWidth");
        JSONObject categories = config.optJSONObject("schema") == null ? null : config.getJSONObject("schema").optJSONObject("categories");
        long numbers = columns - (categories == null ? 0 : categories.length());
        long width = numbers;
        if (categories != null) {
            for (String name : categories.keySet()) {
                width += categories.getJSONArray(name).length() + 2L;
            }
        }
        if (numbers < 0 || width > MOST_VALUES) {
            throw new IllegalArgumentException("its categorical columns do not fit its " + columns + " input columns");
        }
        JSONArray layers = config.getJSONArray("layers");
        boolean dense = false;
        for (int index = 0; index < layers.length(); index++) {
            JSONObject layer = layers.getJSONObject(index);
            String type = layer.getString("type");
            if (type.equals("Dense")) {
                long units = positive(whole(layer, "units", "layer " + index + "'s units"), "layer " + index + "'s units");
                parameterCount = Math.addExact(parameterCount, Math.addExact(Math.multiplyExact(width, units), units));
                width = units;
                dense = true;
            } else if (type.equals("Normalization")) {
                statisticCount = Math.addExact(statisticCount, 2 * (dense ? width : numbers));
            }
            if (parameterCount > MOST_VALUES || statisticCount > MOST_VALUES) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "its layers up to layer %d hold %,d values", index,
                        Math.max(parameterCount, statisticCount)));
            }
        }
    }

    private static int positive(int count, String what) {
        if (count < 1) {
            throw new IllegalArgumentException("its " + what + " is " + count + ", not a whole number from 1");
        }
        return count;
    }

    /** {@code object}'s {@code key} as dense4j writes it, a JSON whole number: not 6.5 or "6", which org.json would make 6. */
    private static int whole(JSONObject object, String key, String what) {
        Object value = object.opt(key);
        if (!(value instanceof Integer number)) {
            throw new IllegalArgumentException("its " + what + " is " + value + ", not a whole number");
        }
        return number;
    }

    /** The entry's values as float32, each finite. */
    private float[] values(byte[] content, String name) {
        ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[content.length / valueBytes];
        for (int i = 0; i < values.length; i++) {
            double value = valueBytes == Float.BYTES ? in.getFloat() : in.getDouble();
            values[i] = (float) value;
            if (!Float.isFinite(values[i])) {
                throw new ModelFormatException(file, name + " holds " + value + " at value " + i
                        + (Double.isFinite(value) ? ", beyond float32's range, which the scorer computes in" : "; such a model would predict NaN"));
            }
        }
        return values;
    }

    /** The scorer of the configuration's layers and schema, with these values. */
    private Scorer build(float[] parameters, float[] statistics) {
        JSONObject schema = config.optJSONObject("schema");
        int inputWidth = config.getInt("inputWidth");
        List<String> names = new ArrayList<>();
        List<String> classes = List.of("0", "1");
        Map<String, List<String>> categories = new LinkedHashMap<>();
        double[] fill = null;
        List<String> marks = List.of();
        Map<String, List<String>> columnMarks = new LinkedHashMap<>();
        List<String> dates = List.of();
        if (schema != null) {
            // each value of the type dense4j writes, never coerced, as dense4j reads them
            if (schema.optJSONArray("features") == null || schema.optJSONArray("classes") == null) {
                throw new IllegalArgumentException("its schema has no list of " + (schema.optJSONArray("features") == null
                        ? "features (the feature columns' names)" : "classes"));
            }
            names.addAll(texts(schema.getJSONArray("features"), "features"));
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (String name : names) {
                if (!distinct.add(name)) {
                    throw new IllegalArgumentException("its features name \"" + name + "\" twice");
                }
            }
            List<String> named = texts(schema.getJSONArray("classes"), "classes");
            if (named.size() != 2 || named.get(0).equals(named.get(1))) {
                throw new IllegalArgumentException("its classes are " + named + ", not two names");
            }
            classes = List.copyOf(named);
            if (schema.has("categories") && !(schema.get("categories") instanceof JSONObject)) {
                throw new IllegalArgumentException("its categories are " + schema.get("categories") + ", not lists by column");
            }
            JSONObject listed = schema.optJSONObject("categories");
            for (String name : listed == null ? java.util.Set.<String>of() : listed.keySet()) {
                if (!names.contains(name)) { // dense4j refuses such a file; left out here, the column would read as a number
                    throw new IllegalArgumentException("its categories are listed for \"" + name + "\", which is not a feature");
                }
            }
            for (String name : names) {
                if (listed != null && listed.has(name)) {
                    categories.put(name, texts(listed.getJSONArray(name), "categories of \"" + name + "\""));
                }
            }
            if (schema.has("missingValueFill") && !(schema.get("missingValueFill") instanceof JSONArray)) {
                throw new IllegalArgumentException("its missing-value fill is " + schema.get("missingValueFill")
                        + ", not a list of numbers");
            }
            if (schema.has("missingMarks")) {
                if (!(schema.get("missingMarks") instanceof JSONArray listedMarks) || listedMarks.length() > 32) {
                    throw new IllegalArgumentException("its missing-value marks are " + schema.get("missingMarks")
                            + ", not a list of at most 32 texts");
                }
                marks = texts(listedMarks, "missing-value marks");
            }
            if (schema.has("columnMissingMarks")) {
                if (!(schema.get("columnMissingMarks") instanceof JSONObject byColumn) || byColumn.length() > Math.min(names.size(), 10_000)) {
                    throw new IllegalArgumentException("its missing-value marks of one column are not an object of at most one list per "
                            + "feature, for at most 10000 columns"); // the object itself may be megabytes: not in the message
                }
                for (String name : byColumn.keySet()) {
                    if (!(byColumn.get(name) instanceof JSONArray listedMarks) || listedMarks.length() > 32) {
                        throw new IllegalArgumentException("its missing-value marks of \"" + name + "\" are " + byColumn.get(name)
                                + ", not a list of at most 32 texts");
                    }
                    columnMarks.put(name, texts(listedMarks, "missing-value marks of \"" + name + "\""));
                }
            }
            if (schema.has("dates")) {
                if (!(schema.get("dates") instanceof JSONArray listedDates) || listedDates.length() > names.size()) {
                    throw new IllegalArgumentException("its columns of dates are not a list of at most one name per feature");
                }
                dates = texts(listedDates, "columns of dates");
            }
            JSONArray fills = schema.optJSONArray("missingValueFill");
            if (fills != null) {
                if (fills.length() != inputWidth) {
                    throw new IllegalArgumentException("its missing-value fill has " + fills.length() + " values for " + inputWidth
                            + " features");
                }
                fill = new double[fills.length()];
                for (int i = 0; i < fill.length; i++) {
                    if (!(fills.get(i) instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                        throw new IllegalArgumentException("its missing-value fill holds " + fills.get(i) + ", not a finite number");
                    }
                    fill[i] = number.doubleValue();
                }
            }
        } else {
            for (int j = 0; j < inputWidth; j++) {
                names.add("x" + j);
            }
        }
        if (names.size() != inputWidth) {
            throw new IllegalArgumentException("its schema names " + names.size() + " features for an input of " + inputWidth);
        }
        Columns columns = new Columns(names, categories, fill, marks, columnMarks, dates);
        Network network = network(columns, parameters, statistics);
        if (config.has("threshold") && !(config.get("threshold") instanceof JSONObject)) { // not read as the default 0.5
            throw new IllegalArgumentException("its threshold is " + config.get("threshold") + ", not an object with a value");
        }
        JSONObject threshold = config.optJSONObject("threshold");
        if (threshold != null && !(threshold.opt("value") instanceof Number)) {
            throw new IllegalArgumentException("its threshold's value is " + threshold.opt("value") + ", not a number");
        }
        double cut = threshold == null ? 0.5 : threshold.getDouble("value");
        if (!(cut >= 0 && cut <= 1)) {
            throw new IllegalArgumentException("its threshold " + cut + " is not a probability");
        }
        return new Scorer(columns, network, classes, cut);
    }

    /** The array's values, each a text (a name, a category), or an error naming {@code what}. */
    private static List<String> texts(JSONArray array, String what) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < array.length(); i++) {
            if (!(array.get(i) instanceof String text)) {
                throw new IllegalArgumentException("its " + what + " hold " + array.get(i) + ", not a text");
            }
            texts.add(text);
        }
        return texts;
    }

    /** The layers as steps over these values, laid out as dense4j lays them out: layer by layer, weights row-major then bias. */
    private Network network(Columns columns, float[] parameters, float[] statistics) {
        List<Network.Step> steps = new ArrayList<>();
        JSONArray layers = config.getJSONArray("layers");
        int width = columns.numbers();
        int[] slots = columns.slots();
        boolean gathers = columns.categorical() > 0;
        int parameterAt = 0;
        int statisticAt = 0;
        for (int index = 0; index < layers.length(); index++) {
            JSONObject layer = layers.getJSONObject(index);
            switch (layer.getString("type")) {
                case "Dense" -> {
                    int units = layer.getInt("units");
                    int rows = width;
                    int[] slotRows = null;
                    if (gathers) {
                        slotRows = new int[slots.length];
                        for (int c = 0; c < slots.length; c++) {
                            slotRows[c] = rows;
                            rows += slots[c];
                        }
                        gathers = false;
                    }
                    float[][] weights = new float[rows][];
                    for (int row = 0; row < rows; row++, parameterAt += units) {
                        weights[row] = java.util.Arrays.copyOfRange(parameters, parameterAt, parameterAt + units);
                    }
                    float[] bias = java.util.Arrays.copyOfRange(parameters, parameterAt, parameterAt + units);
                    parameterAt += units;
                    steps.add(new Network.Affine(width, units, weights, bias, Network.Activation.of(layer.getString("activation")),
                            slotRows));
                    width = units;
                }
                case "Normalization" -> {
                    float[] mean = java.util.Arrays.copyOfRange(statistics, statisticAt, statisticAt + width);
                    float[] scale = java.util.Arrays.copyOfRange(statistics, statisticAt + width, statisticAt + 2 * width);
                    statisticAt += 2 * width;
                    steps.add(new Network.Standardize(mean, scale));
                }
                case "Dropout" -> {
                    // the identity when predicting; its rate is checked as dense4j checks it
                    double rate = layer.getDouble("rate");
                    if (!(rate >= 0 && rate < 1)) {
                        throw new IllegalArgumentException("layer " + index + "'s dropout rate " + rate + " is not in [0, 1)");
                    }
                }
                default -> {
                    Network.Activation activation = Network.Activation.of(layer.getString("type"));
                    if (activation != Network.Activation.LINEAR) {
                        steps.add(new Network.Activate(activation, width));
                    }
                }
            }
            if (gathers && !steps.isEmpty() && !(steps.get(steps.size() - 1) instanceof Network.Standardize)) {
                throw new IllegalArgumentException("layer " + index + " would read the categorical columns' codes");
            }
        }
        if (width != 1 || steps.isEmpty()) {
            throw new IllegalArgumentException("its last layer gives " + width + " values per row, not one probability");
        }
        return new Network(steps, columns.numbers(), config.getJSONObject("loss").optBoolean("fromLogits"));
    }
}
