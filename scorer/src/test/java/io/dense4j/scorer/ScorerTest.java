package io.dense4j.scorer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Categories;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The scorer gives the probabilities and classes of dense4j's own ND4J path (to 1e-6) for models
 * dense4j saved: every layer kind, both types, logits or not, missing-value fill and categorical
 * columns, by array and by column name, one row at a time or in batches, on several threads.
 */
class ScorerTest {
    private static final int ROWS = 3_000;
    /** Whether this JVM has the Vector API: surefire runs these tests with it and without it (pom.xml). */
    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource({"FLOAT,false", "DOUBLE,false", "FLOAT,true", "DOUBLE,true"})
    void everyLayerKindScoresAsDense4jDoes(DataType type, boolean fromLogits) throws Exception {
        Sequential layers = new Sequential(new Normalization(), new Dense(16), new ReLU(), new Dropout(0.25), new Sigmoid(),
                new Dense(8, new Sigmoid()), new Linear(), new Dense(6, new ReLU()), new Dense(5), new Dense(1));
        if (!fromLogits) {
            layers.add(new Sigmoid());
        }
        Model model = layers.compile(5, new BinaryCrossEntropy(fromLogits), new SGD(0.1), CompileOptions.defaults().withDataType(type));
        double[][] rows = numbers(ROWS, 5, new Random(1));
        model.adapt(Nd4j.createFromArray(rows).castTo(type));
        randomize(model, 2);
        model.setInputSchema(new InputSchema(List.of("a", "b", "c", "d", "e"), List.of("no", "yes")));
        Scorer scorer = saveAndLoad(model);

        double[] expected = model.predictProbability(Nd4j.createFromArray(rows).castTo(type)).data().asDouble();
        float[][] floats = floats(rows);
        double[] single = new double[ROWS];
        for (int r = 0; r < ROWS; r++) {
            single[r] = scorer.probability(floats[r]);
        }
        assertClose(expected, single);
        assertEquals(VECTOR_API, scorer.usesVectorApi());
        double[] batch = scorer.probabilities(floats);
        assertClose(expected, batch);
        assertBatchAsSingleRows(single, batch);
        assertEquals(List.of("a", "b", "c", "d", "e"), scorer.featureNames());
        assertEquals(List.of("no", "yes"), scorer.classes());
    }

    /** With a hidden layer, and without: then the first layer has one output, the scorer's dot-product path. */
    @ParameterizedTest
    @CsvSource({"FLOAT,true", "DOUBLE,true", "FLOAT,false", "DOUBLE,false"})
    void categoricalColumnsAndMissingNumbersByName(DataType type, boolean hidden) throws Exception {
        Map<String, Categories> categories = new LinkedHashMap<>();
        categories.put("colour", new Categories(List.of("red", "green", "blue")));
        categories.put("size", new Categories(List.of("large")));
        List<String> features = List.of("x", "colour", "y", "size");
        List<Double> means = List.of(0.5, 0.0, -3.0, 0.0);
        InputSchema schema = new InputSchema(features, List.of("stay", "leave"), means, "churn", categories);
        Sequential layers = hidden ? new Sequential(new Normalization(), new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                : new Sequential(new Normalization(), new Dense(1, new Sigmoid()));
        Model model = layers.compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withDataType(type));
        Random random = new Random(5);
        double[][] raw = new double[ROWS][4];
        List<Map<String, Object>> named = new ArrayList<>();
        List<String> missingMarks = List.of("", "NA", "n/a", "NaN", " NA ", "  ");
        for (int r = 0; r < ROWS; r++) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", r); // a column the model does not read
            for (int j = 0; j < 4; j++) {
                String name = features.get(j);
                Categories encoding = categories.get(name);
                if (encoding == null) {
                    boolean missing = random.nextInt(10) == 0;
                    double value = 5 * j + (j + 1) * random.nextGaussian();
                    raw[r][j] = missing ? means.get(j) : value;
                    row.put(name, missing ? (random.nextBoolean() ? null : missingMarks.get(random.nextInt(missingMarks.size())))
                            : (Object) (float) value);
                } else {
                    int code = random.nextInt(encoding.slots());
                    raw[r][j] = code;
                    row.put(name, code < encoding.other() ? encoding.values().get(code)
                            : code == encoding.other() ? "unseen " + random.nextInt(9)
                            : random.nextBoolean() ? null : missingMarks.get(random.nextInt(missingMarks.size())));
                }
            }
            named.add(row);
        }
        model.adapt(Nd4j.createFromArray(raw).castTo(type));
        randomize(model, 6);
        model.setThreshold(new DecisionThreshold(0.4, "a test's choice"));
        Scorer scorer = saveAndLoad(model);

        double[] expected = model.predictProbability(Nd4j.createFromArray(raw).castTo(type)).data().asDouble();
        double[] byName = named.stream().mapToDouble(scorer::probability).toArray();
        assertClose(expected, byName);
        assertEquals(0.4, scorer.threshold());
        for (int r = 0; r < ROWS; r++) {
            if (Math.abs(expected[r] - 0.4) > 1e-6) {
                assertEquals(expected[r] >= 0.4 ? "leave" : "stay", scorer.label(byName[r]), "row " + r);
            }
        }
        // arrays hold codes: the same rows, the same probabilities
        float[][] coded = new float[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            Map<String, Object> row = named.get(r);
            coded[r] = new float[] {row.get("x") instanceof Float x ? x : Float.NaN, scorer.code("colour", (String) row.get("colour")),
                row.get("y") instanceof Float y ? y : Float.NaN, scorer.code("size", (String) row.get("size"))};
        }
        assertBatchAsSingleRows(byName, scorer.probabilities(coded));
        assertEquals(2, scorer.code("colour", "blue"));
        assertEquals(3, scorer.code("colour", "purple"));
        assertEquals(4, scorer.code("colour", null));
        assertEquals(4, scorer.code("colour", "N/A"));
        // as dense4j reads a cell: the spaces and tabs around a value are not part of it
        assertEquals(2, scorer.code("colour", " blue\t"));
        int known = 0;
        while (!categories.get("colour").contains(String.valueOf(named.get(known).get("colour")))) {
            known++;
        }
        Map<String, Object> spaced = new HashMap<>(named.get(known));
        spaced.put("colour", " " + spaced.get("colour") + "\t");
        assertEquals(byName[known], scorer.probability(spaced));
    }

    /** A float32 value, as dense4j's probability of a float32 model: a threshold chosen on dense4j's classes rows alike here. */
    @Test
    void aProbabilityIsAFloat32ValueAsDense4jGivesIt() throws Exception {
        Model model = new Sequential(new Dense(4, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        Scorer scorer = saveAndLoad(model);
        double[][] rows = numbers(200, 3, new Random(5));
        float[][] floats = floats(rows);
        double[] dense4j = model.predictProbability(floats);
        for (int r = 0; r < rows.length; r++) {
            double p = scorer.probability(floats[r]);
            assertEquals((float) p, p, 0.0, "row " + r);
            assertEquals((float) dense4j[r], dense4j[r], 0.0, "dense4j's, row " + r);
            assertEquals(dense4j[r], p, 2.4e-7, "row " + r);
        }
    }

    /** Layers wide enough that a block of rows takes their weights in several tiles (32 KB each). */
    @Test
    void wideLayersScoreAsDense4jDoes() throws Exception {
        Model model = new Sequential(new Normalization(), new Dense(300, new ReLU()), new Dense(200, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(40, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        double[][] rows = numbers(1_000, 40, new Random(11));
        model.adapt(Nd4j.createFromArray(rows).castTo(DataType.FLOAT));
        // the layers' own initialization: with weights drawn as randomize does, sums over 300
        // inputs grow so large that float32 rounding in another order moved p by up to 1.9e-5
        Scorer scorer = saveAndLoad(model);
        float[][] floats = floats(rows);
        double[] single = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            single[r] = scorer.probability(floats[r]);
        }
        double[] batch = scorer.probabilities(floats);
        assertClose(model.predictProbability(Nd4j.createFromArray(rows).castTo(DataType.FLOAT)).data().asDouble(), batch);
        assertBatchAsSingleRows(single, batch);
    }

    @Test
    void threadsSharingOneScorerGetTheirOwnRowsProbabilities() throws Exception {
        Model model = new Sequential(new Dense(32, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(10, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        randomize(model, 8);
        Scorer scorer = saveAndLoad(model);
        float[][] rows = floats(numbers(2_000, 10, new Random(9)));
        double[] alone = scorer.probabilities(rows);
        double[] aloneSingly = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            aloneSingly[r] = scorer.probability(rows[r]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                boolean batch = t % 2 == 0;
                results.add(pool.submit(() -> {
                    double[] p = new double[rows.length];
                    for (int round = 0; round < 5; round++) {
                        if (batch) {
                            scorer.probabilities(rows, p);
                        } else {
                            for (int r = 0; r < rows.length; r++) {
                                p[r] = scorer.probability(rows[r]);
                            }
                        }
                    }
                    return p;
                }));
            }
            for (int t = 0; t < results.size(); t++) { // each path gives the same bits on every thread
                assertArrayEquals(t % 2 == 0 ? alone : aloneSingly, results.get(t).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A model trained with --missing-values '?': "?" is missing in a number (filled) and in a category (its slot), as in dense4j. */
    @Test
    void aModelsOwnMissingMarkIsAMissingValue() throws Exception {
        Map<String, Categories> categories = Map.of("plan", new Categories(List.of("basic", "pro")));
        InputSchema schema = new InputSchema(List.of("usage", "plan"), List.of("no", "yes"), List.of(2.5, 0.0), null, categories,
                List.of("?"));
        Model model = new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        randomize(model, 12);
        Scorer scorer = saveAndLoad(model);
        Map<String, Object> missing = new HashMap<>();
        missing.put("usage", "");
        missing.put("plan", "");
        double expected = scorer.probability(missing);
        assertEquals(expected, scorer.probability(Map.of("usage", "?", "plan", "?")), 0.0);
        assertEquals(expected, scorer.probability(Map.of("usage", " ? ", "plan", " ? ")), 0.0, "without the blanks, as dense4j reads a cell");
        assertEquals(scorer.probability(Map.of("usage", 2.5, "plan", "?")), scorer.probability(Map.of("usage", "?", "plan", "")), 0.0);
        assertTrue(scorer.probability(Map.of("usage", 2.5, "plan", "gold")) != scorer.probability(Map.of("usage", 2.5, "plan", "?")),
                "another value is 'other', not missing");
    }

    /** Finite values the layers take to NaN (10·3e38 − 10·3e38) give no probability: refused, as dense4j refuses the row. */
    @Test
    void aRowWhoseValuesOverflowTheLayersHasNoProbability() throws Exception {
        // standardized by a deviation of 1e-30 (1/σ = 1e30), 10 is 1e31 and 1e10 is beyond float32: inf − inf in the Dense layer
        Model model = new Sequential(new io.dense4j.layer.Normalization(), new Dense(1, new Sigmoid())).compile(
                new InputSchema(List.of("a", "b"), List.of("no", "yes")), new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        model.parameters().putScalar(0, 1).putScalar(1, -1).putScalar(2, 0);
        io.dense4j.tensor.NativeArray statistics = model.parameterValues().statistics(); // μ, then 1/σ
        statistics.set(0, 0);
        statistics.set(1, 0);
        statistics.set(2, 1e30);
        statistics.set(3, 1e30);
        Scorer scorer = saveAndLoad(model);
        assertEquals("the row has no probability: its values overflow the model's float32 layers, as a value far outside what "
                + "training saw can; check the row", assertThrows(IllegalArgumentException.class,
                () -> scorer.probability(new float[] {1e10f, 1e10f})).getMessage());
        assertTrue(scorer.probability(new float[] {0, 0}) == 0.5);
    }

    /**
     * A whole-number mark (--missing-values -9) marks its value in a number column, as a Number,
     * as text and in a row of floats (-9.0 too), and its text in a categorical one, as dense4j
     * reads them; -9.5 is a number, and a model of this format is 6, which older scorers refuse.
     */
    @Test
    void aWholeNumberMarkMarksItsValueInANumberColumn() throws Exception {
        Map<String, Categories> categories = Map.of("plan", new Categories(List.of("basic", "pro")));
        InputSchema schema = new InputSchema(List.of("usage", "plan"), List.of("no", "yes"), List.of(2.5, 0.0), null, categories,
                List.of("-9"));
        Model model = new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        randomize(model, 13);
        Scorer scorer = saveAndLoad(model);
        double filled = scorer.probability(Map.of("usage", 2.5, "plan", "basic"));
        assertEquals(filled, scorer.probability(Map.of("usage", -9, "plan", "basic")), 0.0);
        assertEquals(filled, scorer.probability(Map.of("usage", "-9.0", "plan", "basic")), 0.0);
        assertEquals(filled, scorer.probability(new float[] {-9f, scorer.code("plan", "basic")}), 0.0);
        assertTrue(filled != scorer.probability(Map.of("usage", -9.5, "plan", "basic")), "-9.5 is a number");
        assertEquals(scorer.probability(Map.of("usage", 2.5, "plan", "")), scorer.probability(Map.of("usage", 2.5, "plan", "-9")), 0.0,
                "the mark's text is a missing category");
    }

    @Test
    void aRowAllocatesNothingOnceItsThreadIsWarm() throws Exception {
        Map<String, Categories> categories = Map.of("plan", new Categories(List.of("basic", "pro")));
        InputSchema schema = new InputSchema(List.of("usage", "plan", "tenure"), List.of("no", "yes"), null, null, categories);
        Model model = new Sequential(new Dense(64, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        randomize(model, 10);
        Scorer scorer = saveAndLoad(model);
        float[] array = {3.5f, 1, 12};
        Map<String, Object> named = Map.of("usage", 3.5, "plan", "pro", "tenure", 12);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        double sum = 0;
        for (int i = 0; i < 50_000; i++) { // compiled by the JIT, and its escape analysis done
            sum += scorer.probability(array) + scorer.probability(named);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 10_000; i++) {
            sum += scorer.probability(array) + scorer.probability(named);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 2_000, allocated + " bytes for 20,000 rows");
        assertEquals(scorer.probability(array), scorer.probability(named));
        assertTrue(sum > 0);
    }

    /** A batch's blocks, tiled or through the Vector API, allocate nothing once warm either. */
    @Test
    void aBatchAllocatesNothingOnceItsThreadIsWarm() throws Exception {
        Model model = new Sequential(new Dense(64, new ReLU()), new Dense(32, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(10, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
        model.setInputSchema(new InputSchema(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "x" + i).toList(), List.of("no", "yes")));
        randomize(model, 13);
        Scorer scorer = saveAndLoad(model);
        float[][] rows = floats(numbers(64, 10, new Random(14)));
        double[] out = new double[rows.length];
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 3_000; i++) { // compiled by the JIT, and its escape analysis done
            scorer.probabilities(rows, out);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1_000; i++) {
            scorer.probabilities(rows, out);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 2_000, allocated + " bytes for 64,000 rows in batches");
    }

    /** A checkpoint holds its optimizer's state: none for plain SGD, one value per parameter with momentum, two with Adam. */
    @ParameterizedTest
    @CsvSource({"sgd", "momentum", "adam"})
    void checkpointsOfEveryOptimizerLoad(String optimizer) throws Exception {
        io.dense4j.optim.Optimizer chosen = switch (optimizer) {
            case "sgd" -> new SGD(0.1);
            case "momentum" -> new SGD(0.1, 0.9, false, 0);
            default -> new io.dense4j.optim.Adam(0.01);
        };
        Model model = new Sequential(new Dense(4, new ReLU()), new Dense(1, new Sigmoid())).compile(3, new BinaryCrossEntropy(), chosen);
        Random random = new Random(8);
        double[][] rows = new double[64][3];
        double[] labels = new double[64];
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < 3; j++) {
                rows[r][j] = random.nextGaussian();
            }
            labels[r] = rows[r][0] + rows[r][1] > 0 ? 1 : 0;
        }
        io.dense4j.train.Trainer trainer = new io.dense4j.train.Trainer(model);
        trainer.fit(io.dense4j.data.Dataset.of(Nd4j.createFromArray(rows), Nd4j.createFromArray(labels), DataType.FLOAT),
                io.dense4j.train.FitOptions.builder().epochs(2).batchSize(16).build());
        Path file = folder.resolve(optimizer + "-checkpoint.zip");
        trainer.saveCheckpoint(file); // what train writes to --out and --checkpoint
        double[] expected = model.predictProbability(Nd4j.createFromArray(rows).castTo(DataType.FLOAT)).data().asDouble();
        float[][] floats = new float[rows.length][3];
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < 3; j++) {
                floats[r][j] = (float) rows[r][j];
            }
        }
        assertClose(expected, Scorer.load(file).probabilities(floats));
    }

    /** A checkpoint of a run with early stopping holds a copy of the best weights, which the scorer reads past. */
    @Test
    void aCheckpointWithEarlyStoppingsBestWeightsLoads() throws Exception {
        Model model = new Sequential(new Dense(4, new ReLU()), new Dense(1, new Sigmoid())).compile(3, new BinaryCrossEntropy(),
                new SGD(0.1));
        Random random = new Random(9);
        double[][] rows = new double[64][3];
        double[] labels = new double[64];
        float[][] floats = new float[rows.length][3];
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < 3; j++) {
                rows[r][j] = random.nextGaussian();
                floats[r][j] = (float) rows[r][j];
            }
            labels[r] = rows[r][0] - rows[r][2] > 0 ? 1 : 0;
        }
        Path file = folder.resolve("early-stopping-checkpoint.zip");
        new io.dense4j.train.Trainer(model).fit(io.dense4j.data.Dataset.of(Nd4j.createFromArray(rows), Nd4j.createFromArray(labels),
                DataType.FLOAT), io.dense4j.train.FitOptions.builder().epochs(2).batchSize(16).callbacks(
                io.dense4j.train.EarlyStopping.onTrainingLoss(5), io.dense4j.train.ModelCheckpoint.everyEpochs(file, 2)).build());
        assertEquals(1, io.dense4j.model.Checkpoint.load(file).state().callbacks().size());
        double[] expected = io.dense4j.model.Model.load(file).predictProbability(Nd4j.createFromArray(rows).castTo(DataType.FLOAT))
                .data().asDouble();
        assertClose(expected, Scorer.load(file).probabilities(floats));
    }

    private Scorer saveAndLoad(Model model) throws Exception {
        Path file = folder.resolve("model-" + System.nanoTime() + ".zip");
        model.save(file);
        return Scorer.load(file);
    }

    /**
     * A batch's probabilities are the single rows': the same bits from the tiled blocks, and within
     * float32 rounding through the Vector API, which adds in another order.
     */
    static void assertBatchAsSingleRows(double[] single, double[] batch) {
        if (!VECTOR_API) {
            assertArrayEquals(single, batch);
            return;
        }
        double worst = 0;
        for (int r = 0; r < single.length; r++) {
            worst = Math.max(worst, Math.abs(batch[r] - single[r]));
        }
        assertTrue(worst <= 1e-6, "a batch scores each row as one row alone does, to float32 rounding: " + worst);
    }

    /** Within float32 rounding of dense4j's probabilities, which differ from row to row. */
    static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int r = 0; r < expected.length; r++) {
            worst = Math.max(worst, Math.abs(expected[r] - actual[r]));
        }
        assertTrue(worst <= 1e-6, "largest |Δp| " + worst);
        var spread = java.util.Arrays.stream(expected).summaryStatistics();
        assertTrue(spread.getMax() - spread.getMin() > 0.05, "probabilities from " + spread.getMin() + " to " + spread.getMax());
    }

    static double[][] numbers(int rows, int width, Random random) {
        double[][] values = new double[rows][width];
        for (double[] row : values) {
            for (int j = 0; j < width; j++) {
                row[j] = 3 * j - 4 + (j + 1) * random.nextGaussian();
            }
        }
        return values;
    }

    static float[][] floats(double[][] rows) {
        float[][] floats = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            floats[r] = new float[rows[r].length];
            for (int j = 0; j < rows[r].length; j++) {
                floats[r][j] = (float) rows[r][j];
            }
        }
        return floats;
    }

    /** Every parameter drawn anew (biases too), so that no value goes untested. */
    static void randomize(Model model, long seed) {
        Random random = new Random(seed);
        var parameters = model.parameters();
        for (long i = 0; i < parameters.length(); i++) {
            parameters.putScalar(i, 0.6 * random.nextGaussian());
        }
    }
}
