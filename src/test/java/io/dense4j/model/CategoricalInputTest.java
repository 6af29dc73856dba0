package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.check.GradientCheckResult;
import io.dense4j.check.GradientChecker;
import io.dense4j.data.Categories;
import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Dropout;
import io.dense4j.layer.Layer;
import io.dense4j.layer.Normalization;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A row with categorical columns, read by the first Dense layer as one-hot vectors by gathering
 * weight rows: the same outputs and gradients as a Dense layer multiplying the one-hot rows, and
 * backpropagation agreeing with central differences.
 */
class CategoricalInputTest {
    /** Columns: x (number), colour (3 categories → 5 slots), y (number), size (1 category → 3 slots). */
    private static final List<String> FEATURES = List.of("x", "colour", "y", "size");
    private static final Map<String, Categories> CATEGORIES = categories();
    private static final int ROWS = 7;

    private static Map<String, Categories> categories() {
        Map<String, Categories> categories = new LinkedHashMap<>();
        categories.put("colour", new Categories(List.of("red", "green", "blue")));
        categories.put("size", new Categories(List.of("large")));
        return categories;
    }

    private static InputSchema schema() {
        return new InputSchema(FEATURES, List.of("no", "yes"), null, "label", CATEGORIES);
    }

    /** Raw rows: numbers, and codes covering every slot of both columns (other and missing included). */
    private static INDArray rawRows() {
        double[][] rows = {
            {0.5, 0, -1.25, 0}, {-2.0, 1, 0.75, 1}, {1.5, 2, 0.0, 2}, {0.25, 3, 2.5, 0},
            {-0.75, 4, -0.5, 1}, {3.0, 0, 1.0, 2}, {-1.0, 2, -2.0, 0}};
        return Nd4j.createFromArray(rows).castTo(DataType.DOUBLE);
    }

    private static INDArray labels() {
        return Nd4j.createFromArray(new double[] {1, 0, 1, 1, 0, 0, 1}).reshape(ROWS, 1);
    }

    /** The rows as a plain Dense reads them: x, y, then colour's 5 one-hot slots, then size's 3. */
    private static INDArray oneHot(INDArray raw) {
        INDArray encoded = Nd4j.zeros(DataType.DOUBLE, raw.rows(), 2 + 5 + 3);
        for (int r = 0; r < raw.rows(); r++) {
            encoded.putScalar(r, 0, raw.getDouble(r, 0));
            encoded.putScalar(r, 1, raw.getDouble(r, 2));
            encoded.putScalar(r, 2 + raw.getInt(r, 1), 1);
            encoded.putScalar(r, 7 + raw.getInt(r, 3), 1);
        }
        return encoded;
    }

    private static CompileOptions float64() {
        return CompileOptions.defaults().withDataType(DataType.DOUBLE).withSeed(11);
    }

    /** The first layer is 6 units wide, its rows added by a Java loop, or 70, added by BLAS's axpy (see RowAdder). */
    private static Layer[] network(boolean normalize, int firstUnits) {
        List<Layer> layers = new ArrayList<>();
        if (normalize) {
            layers.add(new Normalization());
        }
        layers.add(new Dense(firstUnits, new ReLU()));
        layers.add(new Dense(4, new Sigmoid()));
        layers.add(new Dense(1, new Sigmoid()));
        return layers.toArray(Layer[]::new);
    }

    @Test
    void unseenSlotsAndConstantFeaturesStartAtZeroAndTheRestAtRandom() {
        Model model = new Sequential(new Normalization(), new Dense(4, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(schema(), new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withSeed(3));
        INDArray weights = model.weights(1); // encoded rows: x, y, colour's 5 slots (2..6), size's 3 (7..9)
        for (int row = 0; row < 10; row++) {
            boolean unseen = row == 5 || row == 6 || row == 8 || row == 9; // each column's "other" and "missing"
            assertEquals(unseen, weights.getRow(row).amaxNumber().doubleValue() == 0, "row " + row);
        }
        io.dense4j.data.FeatureStatistics statistics = new io.dense4j.data.FeatureStatistics(4);
        statistics.add(new float[] {0.5f, 1, 7, 0});
        statistics.add(new float[] {-1.5f, 2, 7, 0});
        // y (input column 2, encoded row 1) holds 7 on every row: its row is set to 0, x's is left
        assertEquals(List.of("feature \"y\""), model.startConstantFeaturesAtZero(statistics));
        assertEquals(0, weights.getRow(1).amaxNumber().doubleValue());
        assertTrue(weights.getRow(0).amaxNumber().doubleValue() > 0);
    }

    @Test
    void gatheringEqualsMultiplyingTheOneHotRowsForwardAndBackward() {
        for (int firstUnits : new int[] {6, 70}) {
            for (boolean normalize : new boolean[] {false, true}) {
                Model gathering = new Sequential(network(normalize, firstUnits)).compile(schema(), new BinaryCrossEntropy(), new SGD(0.1),
                        float64());
                Model multiplying = new Sequential(network(normalize, firstUnits)).compile(10, new BinaryCrossEntropy(), new SGD(0.1),
                        float64());
                multiplying.parameters().assign(gathering.parameters()); // the same shapes: one weight row per encoded value
                if (normalize) {
                    gathering.adapt(rawRows());
                    INDArray statistics = multiplying.parameterValues().statistics().view(2, 10);
                    statistics.assign(0);
                    statistics.getRow(1).assign(1); // identity on the one-hot slots
                    for (int j = 0; j < 2; j++) {
                        statistics.putScalar(0, j, gathering.parameterValues().statistics().get(j));
                        statistics.putScalar(1, j, gathering.parameterValues().statistics().get(2 + j));
                    }
                }
                assertArrayEquals(multiplying.predictProbability(oneHot(rawRows())).toDoubleVector(),
                        gathering.predictProbability(rawRows()).toDoubleVector(), 1e-14, "normalize " + normalize);
                double[] gathered = gradient(gathering, rawRows());
                double[] multiplied = gradient(multiplying, oneHot(rawRows()));
                assertArrayEquals(multiplied, gathered, 1e-14, "normalize " + normalize);
                assertTrue(java.util.Arrays.stream(gathered).filter(g -> g != 0).count() > gathered.length / 2,
                        "the gradients are not trivially zero");
            }
        }
    }

    private static double[] gradient(Model model, INDArray x) {
        Trainer trainer = new Trainer(model, model.optimizer(), ExecutionPolicy.ofThreads(1));
        return trainer.objectiveGradient(new DatasetBatches(Dataset.of(x, labels(), DataType.DOUBLE)));
    }

    @Test
    void backwardMatchesFiniteDifferencesWithTheInputGradient() {
        for (boolean normalize : new boolean[] {false, true}) {
            Model model = new Sequential(network(normalize, normalize ? 70 : 6)).compile(schema(), new BinaryCrossEntropy(),
                    new SGD(0.1), float64().withInputGradient(true));
            if (normalize) {
                model.adapt(rawRows());
            }
            GradientCheckResult result = GradientChecker.check(model, rawRows(), labels());
            assertTrue(result.passed(), "normalize " + normalize + ": " + result);
            assertEquals(ROWS * 4, result.inputsChecked());
        }
    }

    @Test
    void aCodeAddsItsSlotsWeightRowByHand() {
        // 1 number and colour (5 slots): z = w_x·x + W[1 + code] + b, p = σ(z)
        InputSchema schema = new InputSchema(List.of("x", "colour"), List.of("no", "yes"), null, null,
                Map.of("colour", CATEGORIES.get("colour")));
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(schema, new BinaryCrossEntropy(), new SGD(0.1), float64());
        model.setWeights(0, Nd4j.createFromArray(new double[][] {{2.0}, {0.5}, {-1.0}, {0.25}, {3.0}, {-0.75}}));
        model.setBias(0, Nd4j.createFromArray(0.1));
        INDArray rows = Nd4j.createFromArray(new double[][] {{1.0, 0}, {-0.5, 2}, {0.0, 4}});
        // z = 2·1 + 0.5 + 0.1 = 2.6;  2·(−0.5) + 0.25 + 0.1 = −0.65;  0 + (−0.75) + 0.1 = −0.65
        double[] z = {2.6, -0.65, -0.65};
        double[] p = model.predictProbability(rows).toDoubleVector();
        for (int i = 0; i < z.length; i++) {
            assertEquals(1 / (1 + Math.exp(-z[i])), p[i], 1e-15);
        }
    }

    @Test
    void rejectsACodeOutsideItsColumnsSlots() {
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(schema(), new BinaryCrossEntropy(), new SGD(0.1), float64());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> model.predictProbability(Nd4j.createFromArray(new double[][] {{0.0, 5, 0.0, 0}})));
        assertTrue(bad.getMessage().contains("input column 1 is categorical with 5 slots"), bad.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> model.predictProbability(Nd4j.createFromArray(new double[][] {{0.0, 1.5, 0.0, 0}})));
        assertTrue(fraction.getMessage().contains("holds 1.5 there"), fraction.getMessage());
        IllegalArgumentException later = assertThrows(IllegalArgumentException.class, () -> model.predictProbability(
                Nd4j.createFromArray(new double[][] {{0.5, 0, -1.25, 0}, {-2.0, 1, 0.75, 3}})));
        assertTrue(later.getMessage().contains("input column 3 is categorical with 3 slots, but row 1 of the batch holds 3.0 there"),
                later.getMessage());
    }

    @Test
    void onlyADenseLayerReadsCategoricalColumns() {
        IllegalArgumentException dropout = assertThrows(IllegalArgumentException.class, () -> new Sequential(new Dropout(0.2),
                new Dense(1, new Sigmoid())).compile(schema(), new BinaryCrossEntropy(), new SGD(0.1), float64()));
        assertTrue(dropout.getMessage().startsWith("layer 0 (Dropout) would read the input's categorical columns"), dropout.getMessage());
        InputSchema allCategorical = new InputSchema(List.of("colour"), List.of("no", "yes"), null, null,
                Map.of("colour", CATEGORIES.get("colour")));
        IllegalArgumentException normalization = assertThrows(IllegalArgumentException.class, () -> new Sequential(
                new Normalization(), new Dense(1, new Sigmoid())).compile(allCategorical, new BinaryCrossEntropy(), new SGD(0.1),
                float64()));
        assertTrue(normalization.getMessage().contains("every input column is categorical"), normalization.getMessage());
    }

    @Test
    void theGraphPictureDrawsTheInputStageBeforeTheFirstDense() {
        Model model = new Sequential(network(true, 6)).compile(schema(), new BinaryCrossEntropy(), new SGD(0.1), float64());
        String dot = model.toDot();
        assertTrue(dot.contains("label=\"input stage\\n2 numeric, 2 categorical (one-hot)\\ncolour: 3 + other + missing"
                + "\\nsize: 1 + other + missing\"]"), dot);
        assertTrue(dot.contains("x -> input;") && dot.contains("input -> op0 [label=\"numbers\"];"), "to the Normalization: " + dot);
        assertTrue(dot.contains("op0 -> op1;") && dot.contains("input -> op1 [label=\"codes\"];"), "to the gathering Dense: " + dot);
        assertTrue(dot.contains("W1 [10, 6]"), "2 numbers and 5 + 3 slots: " + dot);
        // the backward pass ends at the first Dense: nothing trainable lies before the Normalization, so no gradient reaches it
        assertTrue(dot.contains("label=\"∂ Dense(gather)+ReLU\"") && !dot.contains("∂ Normalization") && !dot.contains("dL/dh0"), dot);

        InputSchema quoted = new InputSchema(List.of("x", "plan \"B\""), List.of("no", "yes"), null, null,
                Map.of("plan \"B\"", CATEGORIES.get("colour")));
        String named = new Sequential(new Dense(1, new Sigmoid())).compile(quoted, new BinaryCrossEntropy(), new SGD(0.1), float64())
                .toDot();
        assertTrue(named.contains("\\nplan \\\"B\\\": 3 + other + missing"), named);
        assertTrue(named.contains("input -> op0 [label=\"numbers, codes\"];"), named);
        Model numeric = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        assertFalse(numeric.toDot().contains("input stage"), "all numbers: no input stage");
    }

    @Test
    void theSummaryNamesTwentyCategoricalColumnsThenCountsTheRest() {
        Map<String, Categories> categories = new LinkedHashMap<>();
        for (int column = 0; column < 1_025; column++) {
            categories.put("c" + column, new Categories(List.of("a", "b")));
        }
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(new io.dense4j.model.InputSchema(
                List.copyOf(categories.keySet()), List.of("no", "yes"), null, "label", categories), new BinaryCrossEntropy(),
                new SGD(0.1), io.dense4j.model.CompileOptions.defaults());
        String input = model.summary().lines().filter(line -> line.startsWith("Input: ")).findFirst().orElseThrow();
        assertEquals("Input: 0 numeric, 1,025 categorical (one-hot, read by gathering weight rows): c0 2+2, c1 2+2, c2 2+2, c3 2+2, "
                + "c4 2+2, c5 2+2, c6 2+2, c7 2+2, c8 2+2, c9 2+2, c10 2+2, c11 2+2, c12 2+2, c13 2+2, c14 2+2, c15 2+2, c16 2+2, "
                + "c17 2+2, c18 2+2, c19 2+2 and 1,005 more", input);
        assertTrue(model.summary().startsWith("Model: Sequential, 1,025 inputs, float32"), model.summary());
        Model large = new Sequential(new Dense(1_000, new ReLU()), new Dense(1, new Sigmoid())).compile(1_000,
                new BinaryCrossEntropy(), new SGD(0.1));
        // 1,000 × 1,000 + 1,000 + 1,000 + 1 parameters of 4 bytes: 4,008,004 bytes
        assertTrue(large.summary().contains("Total params: 1,002,001 (3.8 MB)"), large.summary());
    }

    @Test
    void aSavedModelKeepsItsCategoriesAndPredictsTheSame(@TempDir Path folder) throws Exception {
        Model model = new Sequential(network(true, 6)).compile(schema(), new BinaryCrossEntropy(), new SGD(0.1), float64());
        model.adapt(rawRows());
        model.fit(rawRows(), labels(), io.dense4j.train.FitOptions.builder().epochs(3).batchSize(3).seed(5).build());
        Path file = folder.resolve("model.zip");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals(CATEGORIES, loaded.inputSchema().categories());
        assertEquals(List.of("colour", "size"), List.copyOf(loaded.inputSchema().categories().keySet()));
        assertArrayEquals(model.predictProbability(rawRows()).toDoubleVector(), loaded.predictProbability(rawRows()).toDoubleVector(), 0);
        assertTrue(loaded.summary().contains("Input: 2 numeric, 2 categorical (one-hot, read by gathering weight rows): colour 3+2, size 1+2"),
                loaded.summary());
        assertTrue(loaded.summary().contains("Dense(gather)+ReLU"), loaded.summary());
    }

    @Test
    void aModelCompiledWithAFilesSchemaLearnsItsTextColumns(@TempDir Path folder) throws Exception {
        // the label is "yes" exactly for plan gold or city Oslo: only the text columns tell
        StringBuilder text = new StringBuilder("noise,plan,city,label\n");
        Random random = new Random(7);
        String[] plans = {"gold", "basic", "silver"};
        String[] cities = {"Oslo", "Lima", "Pune", "Rome"};
        for (int i = 0; i < 600; i++) {
            String plan = plans[random.nextInt(3)];
            String city = cities[random.nextInt(4)];
            text.append(random.nextGaussian()).append(',').append(plan).append(',').append(city).append(',')
                    .append(plan.equals("gold") || city.equals("Oslo") ? "yes" : "no").append('\n');
        }
        Path file = java.nio.file.Files.writeString(folder.resolve("shop.csv"), text);
        io.dense4j.data.csv.CsvSource data = io.dense4j.data.csv.CsvSource.open(file, io.dense4j.data.csv.CsvFormat.defaults(),
                io.dense4j.data.csv.CsvSource.Options.defaults());
        InputSchema schema = InputSchema.of(data, 100);
        assertEquals(List.of("plan", "city"), List.copyOf(schema.categories().keySet()));
        Model model = new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.5), CompileOptions.defaults().withSeed(3));
        model.fit(data, io.dense4j.train.FitOptions.builder().epochs(30).batchSize(32).seed(3).build());
        assertEquals(1.0, model.evaluate(data, io.dense4j.data.RowSelection.all(), 0.5).accuracy(), 1e-12);

        Model numeric = new Sequential(new Dense(1, new Sigmoid())).compile(3, new BinaryCrossEntropy(), new SGD(0.1));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> numeric.fit(data, io.dense4j.train.FitOptions.builder().epochs(1).build()));
        assertTrue(refused.getMessage().endsWith("has categorical columns [plan, city], and the model was compiled for numbers "
                + "only: compile it with InputSchema.of(data, maxCategories)"), refused.getMessage());
    }

    @Test
    void aSchemaThatDoesNotMatchTheCompiledInputIsRefused() {
        Model numeric = new Sequential(new Dense(1, new Sigmoid())).compile(4, new BinaryCrossEntropy(), new SGD(0.1), float64());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> numeric.setInputSchema(schema()));
        assertTrue(bad.getMessage().contains("compile with the schema"), bad.getMessage());
    }

    @Test
    void mostFrequentKeepsTheCommonestInFirstSeenOrderOnTies() {
        Categories kept = Categories.mostFrequent(List.of("a", "b", "c", "d", "e"), new long[] {3, 9, 3, 0, 5}, 3);
        assertEquals(List.of("b", "e", "a"), kept.values());
        assertEquals(3, kept.other());
        assertEquals(4, kept.missing());
        assertEquals(3, kept.code("c"));
        assertEquals(3, kept.code("never seen"));
        assertEquals(1, kept.code("e"));
    }

}
