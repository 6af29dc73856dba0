package io.dense4j.onnx;

import io.dense4j.data.Categories;
import io.dense4j.graph.ActivationNode;
import io.dense4j.graph.DenseNode;
import io.dense4j.graph.DropoutNode;
import io.dense4j.graph.Graph;
import io.dense4j.graph.InputLayout;
import io.dense4j.graph.LossForm;
import io.dense4j.graph.NodeVisitor;
import io.dense4j.graph.NormalizationNode;
import io.dense4j.io.AtomicFiles;
import io.dense4j.layer.Activation;
import io.dense4j.layer.ActivationVisitor;
import io.dense4j.layer.Linear;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.metrics.DecisionThreshold;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.runtime.Parameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import onnx.Onnx.ModelProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Writes a model as an ONNX model that scores rows as {@link Model#predictProbability} does, from
 * the same columns as a CSV file gives them:
 * <ul>
 * <li>input {@value #FEATURES}: the numeric feature columns, in the model's order, [N, k], float32
 *     (float64 for a float64 model); NaN marks a missing value, filled with the training mean when
 *     the model fills missing values;</li>
 * <li>one string input [N] per categorical column, named as the column: the cell without its quotes
 *     and the spaces and tabs around it, inside the quotes or outside, as dense4j reads it; an
 *     empty cell, NA, N/A or NaN is missing, and a value the model does not know takes the slot for other values;</li>
 * <li>output {@value #PROBABILITY}, P(class 1) [N, 1], and output {@value #LABEL}, the class's
 *     name [N, 1] at the model's decision threshold.</li>
 * </ul>
 * The graph uses ONNX opset {@value #OPSET} and {@code ai.onnx.ml} opset {@value #ML_OPSET} (for
 * {@code LabelEncoder}, only with categorical columns); a categorical column's weight rows are
 * gathered by code, as dense4j's first layer does, so its one-hot vector is never built.
 *
 * <pre>{@code
 * Model model = Model.load(Path.of("model.zip"));
 * OnnxExport.write(model, Path.of("model.onnx"));
 * }</pre>
 */
public final class OnnxExport {
    /** The input holding the numeric columns. */
    public static final String FEATURES = "features";
    /** The output holding P(class 1). */
    public static final String PROBABILITY = "probability";
    /** The output holding the class name. */
    public static final String LABEL = "label";
    public static final int OPSET = 13;
    public static final int ML_OPSET = 2;
    /** What each categorical column's input takes, as its description says, for a model with its own marks of a missing value. */
    public static String stringInputs(List<String> ownMarks) {
        List<String> missing = new java.util.ArrayList<>(List.of("empty", "NA", "N/A", "NaN"));
        ownMarks.forEach(mark -> missing.add("\"" + mark + "\""));
        return "the cell without its quotes and the spaces around it, inside the quotes too; "
                + String.join(", ", missing.subList(0, missing.size() - 1)) + " and " + missing.get(missing.size() - 1)
                + " are missing, and a value the model does not know takes the slot for other values";
    }
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** The IR version of opset 13. */
    static final long IR_VERSION = 7;

    private OnnxExport() {
    }

    /** Writes {@code model} to {@code file} as ONNX, atomically and durably; returns what it wrote. */
    public static ModelProto write(Model model, Path file) throws IOException {
        ModelProto onnx = of(model);
        AtomicFiles.write(file, onnx::writeTo);
        return onnx;
    }

    /** The ONNX model of {@code model}'s prediction pipeline. */
    public static ModelProto of(Model model) {
        Graph graph = model.graph();
        InputLayout layout = graph.input();
        InputSchema schema = model.inputSchema();
        if (schema == null && !layout.allNumeric()) {
            throw new IllegalArgumentException("the model reads categorical columns but has no input schema with their categories");
        }
        TensorProto.DataType real = model.dataType() == DataType.DOUBLE ? TensorProto.DataType.DOUBLE : TensorProto.DataType.FLOAT;
        OnnxGraph onnx = new OnnxGraph("dense4j", real);
        List<String> features = schema != null ? schema.featureNames() : unnamed(layout.width());
        int[] numeric = layout.numericColumns();
        int[] categorical = layout.categoricalColumns();
        checkNames(features, categorical);

        String numbers = numeric.length == 0 ? null : NumberInput.of(onnx, schema, features, numeric, real);
        List<String> codes = new ArrayList<>();
        for (int column : categorical) {
            String name = features.get(column);
            Categories categories = schema.categories().get(name);
            onnx.input(name, TensorProto.DataType.STRING, 0, stringInputs(schema.missingMarksOf(name)));
            codes.add(onnx.node(OnnxGraph.ML_DOMAIN, "LabelEncoder", "code_" + column, List.of(name),
                    lookup(categories, schema.missingMarksOf(name))));
        }

        Layers layers = new Layers(onnx, model.parameterValues(), layout, codes);
        String last = numbers;
        for (int i = 0; i < graph.nodes().size(); i++) {
            last = layers.add(i, last);
        }
        String probability = graph.lossForm() == LossForm.FROM_LOGITS
                ? onnx.output("Sigmoid", PROBABILITY, List.of(last)) : onnx.output("Identity", PROBABILITY, List.of(last));
        onnx.declareOutput(probability, real, 1, "P(" + className(schema, 1) + ")");

        double threshold = model.threshold().value();
        String positive = onnx.node("GreaterOrEqual", "positive", List.of(probability,
                onnx.constant("threshold", new double[] {reachable(threshold, real)})));
        List<String> classes = List.of(positive, onnx.constant("class_1", className(schema, 1)), onnx.constant("class_0",
                className(schema, 0)));
        // a missing number the model does not fill makes the probability NaN, which is no class: dense4j's predict refuses the row
        String label = numbers == null ? onnx.output("Where", LABEL, classes)
                : onnx.output("Where", LABEL, List.of(onnx.node("IsNaN", "unscored", List.of(probability)),
                        onnx.constant("no_class", ""), onnx.node("Where", "class", classes)));
        onnx.declareOutput(label, TensorProto.DataType.STRING, 1, String.format(Locale.ROOT, "%s where probability >= %s (%s), else %s%s",
                className(schema, 1), DecisionThreshold.format(threshold), model.threshold().chosenBy(), className(schema, 0),
                numbers == null ? "" : "; empty where probability is NaN"));

        ModelProto.Builder built = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("dense4j")
                .setProducerVersion(io.dense4j.model.Provenance.thisLibrary())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setDocString("A dense4j binary classifier: " + model.layers().size() + " layers, " + model.parameterCount()
                        + " parameters")
                .setGraph(onnx.build());
        if (categorical.length > 0) {
            built.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(OnnxGraph.ML_DOMAIN).setVersion(ML_OPSET));
        }
        metadata(built, "numeric_columns", json(picked(features, numeric)));
        metadata(built, "categorical_columns", json(picked(features, categorical)));
        if (schema != null && !schema.dates().isEmpty()) { // a program gives their days since 1970-01-01 in features
            metadata(built, "date_columns", json(schema.dates()));
        }
        metadata(built, "classes", json(List.of(className(schema, 0), className(schema, 1))));
        metadata(built, "threshold", Double.toString(threshold));
        if (schema != null && schema.labelName() != null) {
            metadata(built, "label_column", schema.labelName());
        }
        if (schema != null && !schema.missingMarks().isEmpty()) { // a program turns them into NaN for the numbers it builds
            metadata(built, "missing_values", json(schema.missingMarks()));
        }
        if (schema != null && !schema.columnMissingMarks().isEmpty()) { // and these in their own columns
            try {
                metadata(built, "column_missing_values", JSON.writeValueAsString(schema.columnMissingMarks()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException cannot) {
                throw new IllegalStateException(cannot);
            }
        }
        if (model.provenance() != null) {
            metadata(built, "provenance", model.provenance().toString());
        }
        return built.build();
    }

    /** The graph of each compiled node, in order: each takes the last value's name and gives its own output's. */
    private static final class Layers {
        private final OnnxGraph onnx;
        private final Parameters values;
        private final InputLayout layout;
        private final List<String> codes;

        Layers(OnnxGraph onnx, Parameters values, InputLayout layout, List<String> codes) {
            this.onnx = onnx;
            this.values = values;
            this.layout = layout;
            this.codes = codes;
        }

        String add(int index, String input) {
            return values.graph().nodes().get(index).accept(new NodeVisitor<String>() {
                @Override
                public String visitDense(DenseNode dense) {
                    String prefix = "layer" + dense.layerIndex();
                    int units = dense.outputWidth();
                    String bias = onnx.constant(prefix + "_bias", values.bias(index), 0, units, units);
                    String sum;
                    if (!dense.gathers()) {
                        String weights = onnx.constant(prefix + "_weights", values.weights(index), 0, dense.weightCount(),
                                dense.inputWidth(), units);
                        sum = onnx.node("Gemm", prefix + "_affine", List.of(input, weights, bias));
                    } else {
                        // rows [0, k) weigh the numbers; then each categorical column's slots, one row per code
                        int numbers = layout.numericCount();
                        sum = bias;
                        if (numbers > 0) {
                            String weights = onnx.constant(prefix + "_weights", values.weights(index), 0, numbers * units, numbers, units);
                            sum = onnx.node("Gemm", prefix + "_affine", List.of(input, weights, bias));
                        }
                        int[] offsets = layout.slotOffsets();
                        int[] columns = layout.categoricalColumns();
                        for (int c = 0; c < columns.length; c++) {
                            int slots = layout.slots(columns[c]);
                            String rows = onnx.constant(prefix + "_rows_" + columns[c], values.weights(index), offsets[c] * units,
                                    slots * units, slots, units);
                            String gathered = onnx.node("Gather", prefix + "_gathered_" + columns[c], List.of(rows, codes.get(c)));
                            sum = onnx.node("Add", prefix + "_sum_" + columns[c], List.of(sum, gathered));
                        }
                    }
                    return activation(dense.activation(), sum, prefix);
                }

                @Override
                public String visitActivation(ActivationNode activation) {
                    return activation(activation.activation(), input, "layer" + activation.layerIndex());
                }

                @Override
                public String visitNormalization(NormalizationNode normalization) {
                    String prefix = "layer" + normalization.layerIndex();
                    int width = normalization.width();
                    String centred = onnx.node("Sub", prefix + "_centred", List.of(input,
                            onnx.constant(prefix + "_mean", values.mean(index), 0, width, width)));
                    return onnx.node("Mul", prefix + "_standardized", List.of(centred,
                            onnx.constant(prefix + "_inverse_deviation", values.scale(index), 0, width, width)));
                }

                @Override
                public String visitDropout(DropoutNode dropout) {
                    return input; // the identity when predicting
                }
            });
        }

        private String activation(Activation activation, String input, String prefix) {
            return activation.accept(new ActivationVisitor<String>() {
                @Override
                public String visitSigmoid(Sigmoid sigmoid) {
                    return onnx.node("Sigmoid", prefix + "_sigmoid", List.of(input));
                }

                @Override
                public String visitReLU(ReLU relu) {
                    return onnx.node("Relu", prefix + "_relu", List.of(input));
                }

                @Override
                public String visitLinear(Linear linear) {
                    return input;
                }
            });
        }
    }

    /**
     * LabelEncoder attributes: each category to its slot, each missing mark (those dense4j always
     * reads, and the model's own) to the missing slot, the rest to "other".
     */
    private static onnx.Onnx.AttributeProto[] lookup(Categories categories, List<String> ownMarks) {
        List<String> keys = new ArrayList<>(categories.values());
        List<Long> slots = new ArrayList<>();
        for (int code = 0; code < keys.size(); code++) {
            slots.add((long) code);
        }
        List<String> marks = missingMarks();
        ownMarks.stream().filter(mark -> !marks.contains(mark)).forEach(marks::add);
        for (String mark : marks) {
            keys.add(mark);
            slots.add((long) categories.missing());
        }
        return new onnx.Onnx.AttributeProto[] {OnnxGraph.strings("keys_strings", keys), OnnxGraph.integers("values_int64s", slots),
                OnnxGraph.attribute("default_int64", categories.other())};
    }

    /** The cells dense4j reads as missing: empty, and NA, N/A and NaN in any case. */
    static List<String> missingMarks() {
        List<String> marks = new ArrayList<>(List.of(""));
        for (String mark : List.of("na", "n/a", "nan")) {
            List<String> spellings = new ArrayList<>(List.of(""));
            for (char letter : mark.toCharArray()) {
                List<String> longer = new ArrayList<>();
                for (String start : spellings) {
                    longer.add(start + letter);
                    if (Character.isLetter(letter)) {
                        longer.add(start + Character.toUpperCase(letter));
                    }
                }
                spellings = longer;
            }
            marks.addAll(spellings);
        }
        return marks;
    }

    /**
     * The threshold as the graph's real type holds it, rounded up where needed: a float32 probability
     * p reaches the float64 threshold t exactly when it reaches the least float32 ≥ t.
     */
    private static double reachable(double threshold, TensorProto.DataType real) {
        if (real == TensorProto.DataType.DOUBLE) {
            return threshold;
        }
        float rounded = (float) threshold;
        return rounded < threshold ? Math.nextUp(rounded) : rounded;
    }

    private static void checkNames(List<String> features, int[] categorical) {
        for (int column : categorical) {
            String name = features.get(column);
            if (name.isEmpty()) { // ONNX Runtime refuses a graph input named "" as having no type
                throw new IllegalArgumentException("the categorical column with no name in the header (as R's write.csv gives the "
                        + "row names) would be an ONNX input named \"\", which ONNX Runtime refuses; name the column, or leave it out "
                        + "with --drop '' if it only names the rows, and train again");
            }
            if (name.equals(FEATURES) || name.equals(PROBABILITY) || name.equals(LABEL)) {
                throw new IllegalArgumentException("the categorical column \"" + name + "\" would be an ONNX input of that name, "
                        + "which the export gives to its " + (name.equals(FEATURES) ? "numeric columns" : "output")
                        + "; rename the column and train again");
            }
            if (name.startsWith(OnnxGraph.INTERNAL)) {
                throw new IllegalArgumentException("the categorical column \"" + io.dense4j.data.Printable.of(name) + "\" would be "
                        + "an ONNX input of that name, and names starting " + OnnxGraph.INTERNAL + " are the export's own; rename the "
                        + "column and train again");
            }
        }
    }

    private static String className(InputSchema schema, int index) {
        return schema != null ? schema.classes().get(index) : Integer.toString(index);
    }

    private static List<String> unnamed(int width) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            names.add("x" + j);
        }
        return names;
    }

    static List<String> picked(List<String> features, int[] columns) {
        List<String> picked = new ArrayList<>();
        for (int column : columns) {
            picked.add(features.get(column));
        }
        return picked;
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void metadata(ModelProto.Builder model, String key, String value) {
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
    }
}
