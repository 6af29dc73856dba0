package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.metrics.Evaluation;
import io.dense4j.optim.SGD;
import io.dense4j.train.EarlyStopping;
import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.RowSelection;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import io.dense4j.train.TrainingDivergedException;
import io.dense4j.train.Callback;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelTest {
    private static final Synthetic DATA = Synthetic.generate(Teacher.XOR, 200, 3, 5);

    private static Model mlp(long seed) {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withSeed(seed));
    }

    private static <T extends Throwable> String message(Class<T> type, org.junit.jupiter.api.function.Executable call) {
        return assertThrows(type, call).getMessage();
    }

    @Test
    void rejectsInputOfWrongWidth() {
        String message = message(IllegalArgumentException.class, () -> mlp(1).predictProbability(Nd4j.zeros(4, 5)));
        assertTrue(message.contains("layer 0 (Dense) expects 3 features per row, got 5"), message);
    }

    @Test
    void rejectsLabelsOfTheWrongShapeOrValue() {
        Model model = mlp(1);
        INDArray x = DATA.features();
        String shape = message(IllegalArgumentException.class, () -> model.fit(x, Nd4j.zeros(200, 2), FitOptions.builder().build()));
        assertTrue(shape.contains("labels must have shape [200] or [200, 1]") && shape.contains("[200, 2]"), shape);
        INDArray soft = DATA.labels().dup();
        soft.putScalar(7, 0.3);
        String value = message(IllegalArgumentException.class, () -> model.fit(x, soft, FitOptions.builder().build()));
        assertTrue(value.contains("labels must be 0 or 1, but row 7 is 0.3"), value);
    }

    @Test
    void rejectsNonFiniteFeaturesNamingRowAndColumn() {
        INDArray x = DATA.features().dup();
        x.putScalar(4, 2, Double.NaN);
        String message = message(IllegalArgumentException.class, () -> mlp(1).fit(x, DATA.labels(), FitOptions.builder().build()));
        assertTrue(message.contains("row 4, column 2 is NaN"), message);
    }

    @Test
    void rejectsADatasetOfAnotherElementType() {
        io.dense4j.data.Dataset doubles = io.dense4j.data.Dataset.of(DATA.features(), DATA.labels(), DataType.DOUBLE);
        String message = message(IllegalArgumentException.class, () -> mlp(1).fit(doubles, FitOptions.builder().build()));
        assertTrue(message.contains("the model computes in FLOAT but the dataset holds DOUBLE"), message);
    }

    @Test
    void acceptsLabelsAsAVectorOrAColumn() {
        Model model = mlp(1);
        INDArray column = DATA.labels();
        INDArray vector = column.reshape(200);
        assertEquals(model.evaluate(DATA.features(), column).logLoss(), model.evaluate(DATA.features(), vector).logLoss(), 0.0);
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndTheSameTrajectory() {
        Model first = mlp(9);
        Model second = mlp(9);
        assertEquals(first.parameters(), second.parameters());
        assertNotEquals(first.parameters(), mlp(10).parameters());
        FitOptions options = FitOptions.builder().epochs(3).batchSize(16).build();
        first.fit(DATA.features(), DATA.labels(), options);
        second.fit(DATA.features(), DATA.labels(), options);
        assertArrayEquals(first.parameters().toFloatVector(), second.parameters().toFloatVector(), 0f);
    }

    @Test
    void stopsWithTheEpochAndStepWhenTheLossDiverges() {
        Model model = new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), new SGD(1e30));
        TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                () -> model.fit(DATA.features(), DATA.labels(), FitOptions.builder().epochs(5).batchSize(20).build()));
        assertTrue(error.getMessage().matches("training diverged: the loss is (NaN|Infinity) at epoch \\d+, step \\d+ of 10;.*"),
                error.getMessage());
        assertTrue(error.epoch() >= 1 && error.step() >= 1 && error.step() <= 10);
    }

    @Test
    void coversEveryRowWithAShortFinalBatch() {
        AtomicInteger batches = new AtomicInteger();
        Callback counter = new Callback() {
            @Override
            public void onBatchEnd(int epoch, int batch, int total, double loss) {
                batches.incrementAndGet();
                assertEquals(3, total); // 10 rows in batches of 4, 4 and 2
            }
        };
        History history = mlp(1).fit(DATA.features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10)),
                DATA.labels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10)),
                FitOptions.builder().batchSize(4).callbacks(counter).build());
        assertEquals(3, batches.get());
        assertEquals(10, history.last().samples());
    }

    @Test
    void holdsOutRowsChosenByTheSeedForValidationAndScoresThemAfterEachEpoch() {
        Model model = mlp(1);
        History history = model.fit(DATA.features(), DATA.labels(),
                FitOptions.builder().epochs(2).validationSplit(0.25).seed(7).build());
        long training = RowSelection.training(0.25, 7).count(200);
        assertEquals(training, history.last().samples());
        assertTrue(training > 120 && training < 180, "about 150 of 200 rows train: " + training);
        assertTrue(history.last().hasValidation());
        Dataset all = Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT);
        double validationLoss = model.scores(new DatasetBatches(all, RowSelection.validation(0.25, 7))).logLoss();
        assertEquals(validationLoss, history.last().validationLoss(), 1e-6);
    }

    @Test
    void scoresGivenValidationRowsAfterEachEpoch() {
        Synthetic validation = Synthetic.generate(Teacher.XOR, 40, 3, 6);
        Model model = mlp(1);
        DatasetBatches train = new DatasetBatches(Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT));
        DatasetBatches held = new DatasetBatches(Dataset.of(validation.features(), validation.labels(), DataType.FLOAT));
        History history = model.fit(train, held, FitOptions.builder().epochs(2).build());
        assertEquals(200, history.last().samples());
        assertEquals(model.evaluate(validation.features(), validation.labels()).logLoss(), history.last().validationLoss(), 1e-6);
        String both = message(IllegalArgumentException.class, () -> model.fit(train, held,
                FitOptions.builder().validationSplit(0.1).build()));
        assertTrue(both.contains("takes its validation rows as a second source"), both);
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        Model model = new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), new SGD(3.0)); // too large a step: the loss wanders
        EarlyStopping stopping = EarlyStopping.onValidationLoss(2);
        History history = model.fit(DATA.features(), DATA.labels(), FitOptions.builder().epochs(40).batchSize(8)
                .validationSplit(0.25).callbacks(stopping).build());
        double best = history.epochs().get(stopping.bestEpoch() - 1).validationLoss();
        for (var epoch : history.epochs()) {
            assertTrue(epoch.validationLoss() >= best);
        }
        assertTrue(history.stoppedEarly(), "SGD at 3.0 wanders: the run stops early, so an earlier epoch's weights are restored");
        assertEquals(stopping.bestEpoch() + 2, history.epochs().size());
        Dataset all = Dataset.of(DATA.features(), DATA.labels(), DataType.FLOAT);
        assertEquals(best, model.scores(new DatasetBatches(all, RowSelection.validation(0.25, FitOptions.DEFAULT_SEED))).logLoss(),
                1e-6);
        // the model file describes the weights it holds: the restored epoch's, with its metrics
        assertEquals(stopping.bestEpoch(), history.restoredEpoch());
        Provenance provenance = model.provenance();
        assertEquals(history.epochs().size(), provenance.epochs());
        assertEquals(stopping.bestEpoch(), provenance.weightsEpoch());
        assertEquals(best, provenance.validationLoss());
        assertEquals(history.epochs().get(stopping.bestEpoch() - 1).loss(), provenance.loss());
        assertEquals(stopping.bestEpoch() < provenance.epochs(),
                provenance.toString().contains("; the weights of epoch " + stopping.bestEpoch() + ", restored at the end: loss "),
                provenance.toString());
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("early-stopped", ".zip");
            model.save(file);
            assertEquals(provenance, Model.load(file).provenance());
            java.nio.file.Files.delete(file);
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }

    @Test
    void earlyStoppingOnValidationNeedsValidationData() {
        String message = message(IllegalArgumentException.class, () -> mlp(1).fit(DATA.features(), DATA.labels(),
                FitOptions.builder().callbacks(EarlyStopping.onValidationLoss(2)).build()));
        assertTrue(message.contains("no validation data"), message);
    }

    @Test
    void predictsProbabilitiesClassesAndEvaluatesAtAThreshold() {
        // One input, w = 1, b = 0: p = σ(x). Rows x = [−2, −0.5, 0.5, 2] give p = [0.119, 0.378, 0.622, 0.881].
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(1, new BinaryCrossEntropy(), new SGD(0.1));
        model.setWeights(0, Nd4j.create(new float[][] {{1}}));
        INDArray x = Nd4j.create(new float[] {-2, -0.5f, 0.5f, 2}, new long[] {4, 1});
        INDArray y = Nd4j.create(new float[] {0, 1, 0, 1});

        INDArray p = model.predictProbability(x);
        assertArrayEquals(new long[] {4, 1}, p.shape());
        assertEquals(0.6224593, p.getDouble(2), 1e-6);
        assertArrayEquals(new int[] {0, 0, 1, 1}, model.predictClass(x));
        assertArrayEquals(new int[] {0, 1, 1, 1}, model.predictClass(x, 0.3));

        Evaluation at05 = model.evaluate(x, y);
        // classes [0, 0, 1, 1] vs labels [0, 1, 0, 1]: tp 1 (x = 2), fp 1 (x = 0.5), tn 1, fn 1
        assertEquals(1, at05.confusion().tp());
        assertEquals(1, at05.confusion().fp());
        assertEquals(0.5, at05.accuracy(), 0);
        assertEquals(0.5, at05.f1(), 1e-12);
        // positives score 0.378 and 0.881, negatives 0.119 and 0.622: 3 of 4 pairs ordered right
        assertEquals(0.75, at05.rocAuc(), 1e-12);
        // log loss = mean(−log(1 − 0.119), −log 0.378, −log(1 − 0.622), −log 0.881)
        double expected = (Math.log1p(Math.exp(-2)) + Math.log1p(Math.exp(0.5)) + Math.log1p(Math.exp(0.5))
                + Math.log1p(Math.exp(-2))) / 4;
        assertEquals(expected, at05.logLoss(), 1e-6);

        Evaluation at03 = model.evaluate(Dataset.of(x, y, DataType.FLOAT), 0.3);
        assertEquals(2, at03.confusion().tp());
        assertEquals(1.0, at03.recall(), 0);
    }

    @Test
    void threadsSharingOneModelPredictWhatOneThreadPredicts() throws Exception {
        Model model = mlp(3);
        model.fit(DATA.features(), DATA.labels(), FitOptions.builder().epochs(2).build());
        Synthetic rows = Synthetic.generate(Teacher.XOR, 3_000, 3, 9); // three plans' worth of rows per call
        Dataset data = Dataset.of(rows.features(), null, DataType.FLOAT); // read-only: shared by all threads
        double[] expected = model.predictProbability(data);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<double[]>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(pool.submit(() -> model.predictProbability(data)));
            }
            for (var call : calls) {
                assertArrayEquals(expected, call.get(), 0.0);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void exposesLiveWeightViewsAndChecksShapesWhenSet() {
        Model model = mlp(1);
        assertArrayEquals(new long[] {3, 8}, model.weights(0).shape());
        assertArrayEquals(new long[] {8}, model.bias(0).shape());
        assertArrayEquals(new long[] {8, 1}, model.weights(1).shape());
        model.setBias(1, Nd4j.create(new float[] {2.5f}));
        assertEquals(2.5, model.parameters().getDouble(3 * 8 + 8 + 8), 0); // after W0, b0 and W1
        String shape = message(IllegalArgumentException.class, () -> model.setWeights(0, Nd4j.zeros(DataType.FLOAT, 8, 3)));
        assertTrue(shape.contains("layer 0 (Dense) expects weights of shape [3, 8], got [8, 3]"), shape);
        Model withLayer = new Sequential(new Dense(2), new ReLU(), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), new SGD(0.1));
        String none = message(IllegalArgumentException.class, () -> withLayer.weights(1));
        assertTrue(none.contains("layer 1 (ReLU) has no parameters"), none);
    }

    @Test
    void describesItselfAsATableAndAsAGraph() {
        Model model = new Sequential(new Dense(256, new ReLU()), new Dense(256, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(100, new BinaryCrossEntropy(), new SGD(0.1));
        String summary = model.summary();
        assertTrue(summary.contains("0 Dense (ReLU)") && summary.contains("(None, 256)") && summary.contains("25,856"), summary);
        assertTrue(summary.contains("65,792") && summary.contains("Total params: 91,905"), summary);
        assertTrue(summary.contains("x → Dense+ReLU → Dense+ReLU → Dense → cross-entropy from logits"), summary);
        String dot = model.toDot();
        assertTrue(dot.startsWith("digraph dense4j {") && dot.contains("op2 -> loss") && dot.contains("color=red"), dot);
        assertTrue(dot.contains("W0 [100, 256]"), dot);
        assertFalse(dot.contains("dx"), "no input gradient is computed in training");
        assertTrue(dot.contains("loss -> grad2 [label=\"(σ(z) − y)/B\"]") && !dot.contains("w_y"), dot);
        // class weights scale each row's loss and its gradient: dℓ/dz = w_y·(σ(z) − y), as summary says they are there
        String weighted = new Sequential(new Dense(1, new Sigmoid())).compile(3, new BinaryCrossEntropy()
                .withClassWeights(new io.dense4j.loss.ClassWeights(0.5, 2)), new SGD(0.1)).toDot();
        assertTrue(weighted.contains("each row × w_y, its class's weight\\n(class weights 0: 0.500000, 1: 2.00000)")
                && weighted.contains("loss -> grad0 [label=\"w_y·(σ(z) − y)/B\"]"), weighted);
    }
}
