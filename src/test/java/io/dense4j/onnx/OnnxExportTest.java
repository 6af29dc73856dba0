package io.dense4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Categories;
import io.dense4j.graph.ActivationNode;
import io.dense4j.graph.DropoutNode;
import io.dense4j.graph.LossForm;
import io.dense4j.graph.Node;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Dropout;
import io.dense4j.layer.Linear;
import io.dense4j.layer.Normalization;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.metrics.DecisionThreshold;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import onnx.Onnx.ModelProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exported models scored by ONNX Runtime give dense4j's probabilities (to 1e-6 in float32, 1e-12
 * in float64) and its classes, for every layer kind, both types, with and without normalization,
 * missing-value fill and categorical columns, on thousands of rows.
 */
class OnnxExportTest {
    private static final int ROWS = 4_000;

    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource({"FLOAT,true", "FLOAT,false", "DOUBLE,true", "DOUBLE,false"})
    void everyLayerKindScoresAsDense4jDoes(DataType type, boolean fuse) throws Exception {
        Model model = new Sequential(new Normalization(), new Dense(16), new ReLU(), new Dropout(0.25), new Sigmoid(),
                new Dense(8, new Sigmoid()), new Linear(), new Dense(6, new ReLU()), new Dense(5), new Dense(1), new Sigmoid())
                .compile(5, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withDataType(type).withFusion(fuse));
        List<Node> nodes = model.graph().nodes();
        assertTrue(nodes.stream().anyMatch(node -> node instanceof ActivationNode), "an activation of its own: " + nodes);
        assertTrue(nodes.stream().anyMatch(node -> node instanceof DropoutNode), "a dropout: " + nodes);
        assertEquals(fuse ? LossForm.FROM_LOGITS : LossForm.FROM_PROBABILITIES, model.graph().lossForm());
        double[][] rows = numbers(ROWS, 5, new Random(1));
        model.adapt(Nd4j.createFromArray(rows).castTo(type));
        randomize(model, 2);
        model.setInputSchema(new InputSchema(List.of("a", "b", "c", "d", "e"), List.of("no", "yes")));
        setMedianThreshold(model, Nd4j.createFromArray(rows).castTo(type));

        Path file = folder.resolve("model.onnx");
        OnnxExport.write(model, file);
        OnnxRuntimeScores scores = OnnxRuntimeScores.of(Files.readAllBytes(file), typed(rows, type), Map.of());
        assertScoresMatch(model, model.predictProbability(Nd4j.createFromArray(rows).castTo(type)), scores);
    }

    @ParameterizedTest
    @EnumSource(names = {"FLOAT", "DOUBLE"})
    void missingNumbersAreFilledWithTheTrainingMeans(DataType type) throws Exception {
        Model model = new Sequential(new Normalization(), new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(4, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withDataType(type));
        List<Double> means = List.of(1.5, -2.0, 0.1, 1e4);
        Random random = new Random(3);
        double[][] rows = numbers(ROWS, 4, random);
        model.adapt(Nd4j.createFromArray(rows).castTo(type));
        randomize(model, 4);
        model.setInputSchema(new InputSchema(List.of("a", "b", "c", "d"), List.of("0", "1"), means));
        double[][] filled = new double[ROWS][];
        int missing = 0;
        for (int r = 0; r < ROWS; r++) {
            filled[r] = rows[r].clone();
            for (int j = 0; j < 4; j++) {
                if (random.nextInt(8) == 0) {
                    rows[r][j] = Double.NaN;
                    filled[r][j] = means.get(j);
                    missing++;
                }
            }
        }
        assertTrue(missing > ROWS / 4, "missing cells: " + missing);

        setMedianThreshold(model, Nd4j.createFromArray(filled).castTo(type));
        OnnxRuntimeScores scores = OnnxRuntimeScores.of(OnnxExport.of(model).toByteArray(), typed(rows, type), Map.of());
        assertScoresMatch(model, model.predictProbability(Nd4j.createFromArray(filled).castTo(type)), scores);
    }

    @ParameterizedTest
    @CsvSource({"FLOAT,true", "DOUBLE,true", "FLOAT,false", "DOUBLE,false"})
    void categoricalColumnsAreLookedUpByValue(DataType type, boolean withNumbers) throws Exception {
        Map<String, Categories> categories = new LinkedHashMap<>();
        categories.put("colour", new Categories(List.of("red", "green", "blue")));
        categories.put("size", new Categories(List.of("large")));
        List<String> features = withNumbers ? List.of("x", "colour", "y", "size") : List.of("colour", "size");
        InputSchema schema = new InputSchema(features, List.of("no", "yes"), null, "label", categories);
        Sequential layers = withNumbers ? new Sequential(new Normalization(), new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                : new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()));
        Model model = layers.compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withDataType(type));

        Random random = new Random(5);
        List<String> missingMarks = List.of("", "NA", "n/a", "NaN", "nA", "N/a", "nan");
        double[][] raw = new double[ROWS][features.size()];
        double[][] numbers = new double[ROWS][2];
        Map<String, String[]> strings = new LinkedHashMap<>();
        categories.keySet().forEach(name -> strings.put(name, new String[ROWS]));
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < features.size(); j++) {
                Categories encoding = categories.get(features.get(j));
                if (encoding == null) {
                    double value = 10 * j + (j + 1) * random.nextGaussian();
                    raw[r][j] = value;
                    numbers[r][j == 0 ? 0 : 1] = value;
                } else {
                    int code = random.nextInt(encoding.slots());
                    raw[r][j] = code;
                    strings.get(features.get(j))[r] = code < encoding.other() ? encoding.values().get(code)
                            : code == encoding.other() ? "unseen " + random.nextInt(50)
                            : missingMarks.get(random.nextInt(missingMarks.size()));
                }
            }
        }
        if (withNumbers) {
            model.adapt(Nd4j.createFromArray(raw).castTo(type));
        }
        randomize(model, 6);
        setMedianThreshold(model, Nd4j.createFromArray(raw).castTo(type));

        OnnxRuntimeScores scores = OnnxRuntimeScores.of(OnnxExport.of(model).toByteArray(), withNumbers ? typed(numbers, type) : null,
                strings);
        assertScoresMatch(model, model.predictProbability(Nd4j.createFromArray(raw).castTo(type)), scores);
    }

    @Test
    void aFloat32ProbabilityIsClassedAgainstTheFloat64Threshold() throws Exception {
        // every weight and bias 0: p = σ(0) = 0.5 exactly, in dense4j and in ONNX Runtime alike;
        // the threshold is the float64 just above 0.5, which a float32 rounds down to 0.5 itself
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.1),
                CompileOptions.defaults());
        model.parameters().assign(0);
        model.setInputSchema(new InputSchema(List.of("a", "b"), List.of("no", "yes")));
        model.setThreshold(new DecisionThreshold(Math.nextUp(0.5), "just above one half"));
        OnnxRuntimeScores scores = OnnxRuntimeScores.of(OnnxExport.of(model).toByteArray(), new float[][] {{1, 2}, {-3, 4}}, Map.of());
        assertEquals(0.5, scores.probability()[0]);
        assertEquals(List.of("no", "no"), List.of(scores.label()), "0.5 is below the threshold");
        model.setThreshold(new DecisionThreshold(0.5, "one half"));
        scores = OnnxRuntimeScores.of(OnnxExport.of(model).toByteArray(), new float[][] {{1, 2}, {-3, 4}}, Map.of());
        assertEquals(List.of("yes", "yes"), List.of(scores.label()), "0.5 reaches the threshold");
    }

    @Test
    void describesItsInputsAndClassesInTheModelFile() {
        Map<String, Categories> categories = Map.of("colour", new Categories(List.of("red", "blue")));
        InputSchema schema = new InputSchema(List.of("x", "colour", "y"), List.of("no", "yes"), null, "bought", categories);
        Model model = new Sequential(new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        ModelProto onnx = OnnxExport.of(model);
        Map<String, String> metadata = new LinkedHashMap<>();
        onnx.getMetadataPropsList().forEach(entry -> metadata.put(entry.getKey(), entry.getValue()));
        assertEquals("[\"x\",\"y\"]", metadata.get("numeric_columns"));
        assertEquals("[\"colour\"]", metadata.get("categorical_columns"));
        assertEquals("[\"no\",\"yes\"]", metadata.get("classes"));
        assertEquals("0.5", metadata.get("threshold"));
        assertEquals("bought", metadata.get("label_column"));
        assertEquals(List.of("features", "colour"), onnx.getGraph().getInputList().stream().map(input -> input.getName()).toList());
        assertEquals(List.of("probability", "label"), onnx.getGraph().getOutputList().stream().map(output -> output.getName()).toList());
        assertEquals("dense4j", onnx.getProducerName());
        assertEquals(List.of("", "ai.onnx.ml"), onnx.getOpsetImportList().stream().map(opset -> opset.getDomain()).toList());
    }

    @Test
    void aModelWithoutColumnNamesNumbersItsColumnsAndClasses() throws Exception {
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(3, new BinaryCrossEntropy(), new SGD(0.1),
                CompileOptions.defaults());
        ModelProto onnx = OnnxExport.of(model);
        Map<String, String> metadata = new LinkedHashMap<>();
        onnx.getMetadataPropsList().forEach(entry -> metadata.put(entry.getKey(), entry.getValue()));
        assertEquals("[\"x0\",\"x1\",\"x2\"]", metadata.get("numeric_columns"));
        assertEquals("[\"0\",\"1\"]", metadata.get("classes"));
        float[][] rows = {{1, -2, 3}, {0, 0, 0}, {-4, 5, 0.5f}};
        OnnxRuntimeScores scores = OnnxRuntimeScores.of(onnx.toByteArray(), rows, Map.of());
        INDArray expected = model.predictProbability(Nd4j.createFromArray(rows));
        for (int r = 0; r < rows.length; r++) {
            assertEquals(expected.getDouble(r, 0), scores.probability()[r], 1e-6);
            assertEquals(expected.getDouble(r, 0) >= 0.5 ? "1" : "0", scores.label()[r]);
        }
    }

    @Test
    void refusesACategoricalColumnNamedAsAnotherInputOrOutput() {
        Map<String, Categories> categories = Map.of("features", new Categories(List.of("a", "b")));
        InputSchema schema = new InputSchema(List.of("x", "features"), List.of("no", "yes"), null, null, categories);
        Model model = new Sequential(new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> OnnxExport.of(model));
        assertTrue(error.getMessage().contains("the categorical column \"features\"")
                && error.getMessage().contains("rename the column"), error.getMessage());
        Map<String, Categories> internal = Map.of("dense4j/code_1", new Categories(List.of("a", "b")));
        Model clashing = new Sequential(new Dense(1, new Sigmoid())).compile(new InputSchema(List.of("x", "dense4j/code_1"),
                List.of("no", "yes"), null, null, internal), new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        assertEquals("the categorical column \"dense4j/code_1\" would be an ONNX input of that name, and names starting dense4j/ "
                + "are the export's own; rename the column and train again",
                assertThrows(IllegalArgumentException.class, () -> OnnxExport.of(clashing)).getMessage());
        // an empty header cell, as R's write.csv heads its row names: an input ONNX Runtime refuses to load
        Model unnamed = new Sequential(new Dense(1, new Sigmoid())).compile(new InputSchema(List.of("x", ""), List.of("no", "yes"), null,
                null, Map.of("", new Categories(List.of("a", "b")))), new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OnnxExport.of(unnamed)).getMessage().startsWith(
                "the categorical column with no name in the header (as R's write.csv gives the row names) would be an ONNX input "
                + "named \"\", which ONNX Runtime refuses; "));
    }

    /** A model trained with --missing-values '?': ONNX Runtime reads "?" as the missing slot, as dense4j does, not as "other". */
    @Test
    void aModelsOwnMissingMarkReachesTheMissingSlot() throws Exception {
        Map<String, Categories> categories = Map.of("colour", new Categories(List.of("red", "blue")));
        InputSchema schema = new InputSchema(List.of("colour"), List.of("no", "yes"), null, "bought", categories, List.of("?"));
        Model model = new Sequential(new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        randomize(model, 3);
        ModelProto onnx = OnnxExport.of(model);
        OnnxRuntimeScores scores = OnnxRuntimeScores.of(onnx.toByteArray(), null,
                Map.of("colour", new String[] {"?", "", "green"}));
        assertEquals(scores.probability()[1], scores.probability()[0], 0.0, "? is missing");
        assertTrue(scores.probability()[2] != scores.probability()[0], "green is other, another slot");
        assertTrue(onnx.getGraph().getInput(0).getDocString().contains("empty, NA, N/A, NaN and \"?\" are missing"));
        assertTrue(onnx.getMetadataPropsList().stream().anyMatch(entry -> entry.getKey().equals("missing_values")
                && entry.getValue().equals("[\"?\"]")), "for the numbers a program builds: " + onnx.getMetadataPropsList());
        assertThrows(IllegalArgumentException.class, () -> new InputSchema(List.of("colour"), List.of("no", "yes"), null, null,
                Map.of("colour", new Categories(List.of("?", "red"))), List.of("?")), "a mark is never a category");
    }

    /**
     * A whole-number mark (-9) marks its value in the numbers: ONNX Runtime fills -9 and -9.0 with
     * the training mean, as NaN is, and as dense4j's reader does; -9.5 is a number. Without a fill,
     * -9 gives NaN, as a NaN input does.
     */
    @Test
    void aWholeNumberMarkIsFilledInTheNumbers() throws Exception {
        InputSchema schema = new InputSchema(List.of("x", "z"), List.of("no", "yes"), List.of(0.25, -1.5), "bought", Map.of(),
                List.of("?", "-9", "999"));
        Model model = new Sequential(new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        randomize(model, 5);
        ModelProto onnx = OnnxExport.of(model);
        float[][] rows = {{0.25f, -1.5f}, {-9f, 999f}, {Float.NaN, -9f}, {-9.5f, 998f}, {-9.5f, -1.5f}};
        double[] probability = OnnxRuntimeScores.of(onnx.toByteArray(), rows, Map.of()).probability();
        assertEquals(probability[0], probability[1], 0.0, "-9 and 999 are the means");
        assertEquals(probability[0], probability[2], 0.0, "NaN, and -9 in another column");
        assertTrue(probability[3] != probability[0] && probability[4] != probability[0], "-9.5 and 998 are numbers");
        assertTrue(onnx.getGraph().getInput(0).getDocString().endsWith("x, z; NaN or -9 or 999 where missing, filled with the "
                + "training mean"), onnx.getGraph().getInput(0).getDocString());

        // a float64 model compares in float32 too, as dense4j reads every cell: -9.000000001 is -9 there
        Model wide = new Sequential(new Dense(1, new Sigmoid())).compile(schema, new BinaryCrossEntropy(), new SGD(0.1),
                CompileOptions.defaults().withDataType(DataType.DOUBLE));
        randomize(wide, 5);
        double[] wideProbability = OnnxRuntimeScores.of(OnnxExport.of(wide).toByteArray(),
                new double[][] {{0.25, -1.5}, {-9.000000001, 999}, {-9.5, -1.5}}, Map.of()).probability();
        assertEquals(wideProbability[0], wideProbability[1], 0.0);
        assertTrue(wideProbability[2] != wideProbability[0]);

        Model unfilled = new Sequential(new Dense(1, new Sigmoid())).compile(new InputSchema(List.of("x", "z"), List.of("no", "yes"),
                null, "bought", Map.of(), List.of("-9")), new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        OnnxRuntimeScores refused = OnnxRuntimeScores.of(OnnxExport.of(unfilled).toByteArray(), new float[][] {{-9f, 1f}, {1f, 1f}},
                Map.of());
        assertTrue(Double.isNaN(refused.probability()[0]) && !Double.isNaN(refused.probability()[1]),
                java.util.Arrays.toString(refused.probability()));
        assertEquals("", refused.label()[0], "no class for a row the model cannot score, as predict refuses it");
        assertTrue(List.of("no", "yes").contains(refused.label()[1]));
    }

    /**
     * Marks of one column (--missing-values-in): ONNX Runtime reads x's 0 and -1 as missing, and
     * colour's "unknown" as its missing slot, while z's 0 is a number and "unknown" in shade is
     * "other"; in float32 and float64 models alike, as dense4j reads them.
     */
    @Test
    void aColumnsOwnMarksAreMissingInThatColumnAlone() throws Exception {
        Map<String, Categories> categories = new java.util.LinkedHashMap<>();
        categories.put("colour", new Categories(List.of("red", "blue")));
        categories.put("shade", new Categories(List.of("dark", "light")));
        InputSchema schema = new InputSchema(List.of("x", "colour", "z", "shade"), List.of("no", "yes"), List.of(0.25, 0.0, -1.5, 0.0),
                "bought", categories, List.of("-9"), Map.of("x", List.of("0", "-1"), "colour", List.of("unknown")));
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            Model model = new Sequential(new Dense(1, new Sigmoid()))
                    .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withDataType(type));
            randomize(model, 7);
            ModelProto onnx = OnnxExport.of(model);
            float[][] rows = {{0.25f, -1.5f}, {0f, -1.5f}, {-1f, -1.5f}, {-9f, -9f}, {0.25f, 0f}, {0.5f, -1.5f}};
            Map<String, String[]> strings = Map.of("colour", new String[] {"", "unknown", "", "", "", ""},
                    "shade", new String[] {"dark", "dark", "dark", "dark", "dark", "unknown"});
            double[] probability = type == DataType.FLOAT
                    ? OnnxRuntimeScores.of(onnx.toByteArray(), rows, strings).probability()
                    : OnnxRuntimeScores.of(onnx.toByteArray(), java.util.Arrays.stream(rows).map(row -> new double[] {row[0], row[1]})
                    .toArray(double[][]::new), strings).probability();
            assertEquals(probability[0], probability[1], 0.0, type + ": x's 0 is its mean, colour's unknown its missing slot");
            assertEquals(probability[0], probability[2], 0.0, type + ": x's -1 too");
            assertEquals(probability[0], probability[3], 0.0, type + ": -9 marks every column");
            assertNotEquals(probability[0], probability[4], type + ": z's 0 is a number");
            assertNotEquals(probability[5], probability[0], type + ": shade's unknown is other");
            assertEquals(model.predictProbability(new float[][] {{0.25f, 3f, -1.5f, 0f}})[0], probability[0], 1e-6);
            assertTrue(onnx.getGraph().getInput(0).getDocString().endsWith("x, z; NaN or -9 or x=0 or x=-1 where missing, filled with "
                    + "the training mean"), onnx.getGraph().getInput(0).getDocString());
            assertTrue(onnx.getGraph().getInput(1).getDocString().contains("empty, NA, N/A, NaN, \"-9\" and \"unknown\" are missing"),
                    onnx.getGraph().getInput(1).getDocString());
            assertTrue(onnx.getMetadataPropsList().stream().anyMatch(entry -> entry.getKey().equals("column_missing_values")
                    && entry.getValue().equals("{\"x\":[\"0\",\"-1\"],\"colour\":[\"unknown\"]}")), onnx.getMetadataPropsList().toString());
        }
    }

    @Test
    void theMissingMarksAreDense4jsSpellings() {
        List<String> marks = OnnxExport.missingMarks();
        assertEquals(1 + 4 + 4 + 8, marks.size(), marks.toString()); // "", NA, N/A and NaN in each case
        assertTrue(marks.containsAll(List.of("", "NA", "na", "nA", "N/A", "n/A", "NaN", "nan", "NAN", "nAn")), marks.toString());
        assertEquals(marks.size(), marks.stream().distinct().count());
    }

    /**
     * dense4j's probabilities {@code expected} and ONNX Runtime's agree within float32's or float64's
     * rounding; ONNX Runtime classes its own probabilities exactly at the model's threshold, and as
     * dense4j does wherever rounding cannot tell the two apart.
     */
    private static void assertScoresMatch(Model model, INDArray expected, OnnxRuntimeScores scores) {
        double tolerance = model.dataType() == DataType.FLOAT ? 1e-6 : 1e-12;
        List<String> classes = model.inputSchema().classes();
        double threshold = model.threshold().value();
        assertEquals(expected.rows(), scores.probability().length);
        double worst = 0;
        int closeCalls = 0;
        for (int r = 0; r < expected.rows(); r++) {
            double p = expected.getDouble(r, 0);
            double onnx = scores.probability()[r];
            worst = Math.max(worst, Math.abs(p - onnx));
            assertEquals(classes.get(onnx >= threshold ? 1 : 0), scores.label()[r], "row " + r + ": ONNX p = " + onnx);
            if (Math.abs(p - threshold) > tolerance) {
                assertEquals(classes.get(p >= threshold ? 1 : 0), scores.label()[r], "row " + r + ": dense4j p = " + p);
            } else {
                closeCalls++;
            }
        }
        assertTrue(worst <= tolerance, "largest |Δp| " + worst);
        assertTrue(closeCalls <= expected.rows() / 100, closeCalls + " rows within rounding of the threshold");
        double positive = java.util.stream.IntStream.range(0, expected.rows()).mapToDouble(r -> expected.getDouble(r, 0))
                .map(p -> p >= threshold ? 1 : 0).average().orElseThrow();
        assertTrue(positive > 0.3 && positive < 0.7, "both classes predicted: " + positive);
    }

    /**
     * A threshold between the median probability of {@code rows} and the next larger one, so that
     * both classes occur (rows from a few categories share probabilities); it is no float32, which
     * the export must round so that float32 probabilities are classed as dense4j classes them in
     * float64.
     */
    private static void setMedianThreshold(Model model, INDArray rows) {
        double[] p = model.predictProbability(rows).data().asDouble();
        java.util.Arrays.sort(p);
        int above = p.length / 2;
        while (p[above] == p[p.length / 2]) {
            above++;
        }
        double threshold = (p[p.length / 2] + p[above]) / 2;
        threshold = (float) threshold == threshold ? Math.nextUp(threshold) : threshold;
        assertTrue(threshold < 1 && (float) threshold != threshold, "threshold " + threshold);
        model.setThreshold(new DecisionThreshold(threshold, "a test's choice"));
    }

    /** Rows of numbers whose columns differ in centre and scale. */
    private static double[][] numbers(int rows, int width, Random random) {
        double[][] values = new double[rows][width];
        for (double[] row : values) {
            for (int j = 0; j < width; j++) {
                row[j] = 3 * j - 4 + (j + 1) * random.nextGaussian();
            }
        }
        return values;
    }

    /** Every parameter drawn anew (biases too), so that no exported value goes untested. */
    private static void randomize(Model model, long seed) {
        Random random = new Random(seed);
        INDArray parameters = model.parameters();
        for (long i = 0; i < parameters.length(); i++) {
            parameters.putScalar(i, 0.8 * random.nextGaussian());
        }
    }

    private static Object typed(double[][] rows, DataType type) {
        if (type == DataType.DOUBLE) {
            return rows;
        }
        float[][] floats = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            floats[r] = new float[rows[r].length];
            for (int j = 0; j < rows[r].length; j++) {
                floats[r][j] = (float) rows[r][j];
            }
        }
        return floats;
    }
}
