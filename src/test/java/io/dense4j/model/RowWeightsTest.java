package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Dataset;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.csv.InMemoryCsv;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.loss.ClassWeights;
import io.dense4j.optim.SGD;
import io.dense4j.train.FitOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Training with a weight per row: the same on every path, and the same as class weights where the rows say so. */
class RowWeightsTest {
    @TempDir
    Path folder;

    private static Model model(BinaryCrossEntropy loss) {
        return new Sequential(new Dense(8, new ReLU(), Initializer.HE_NORMAL), new Dense(1, new Sigmoid()))
                .compile(2, loss, new SGD(0.1, 0.9, false));
    }

    /** An XOR file with a column w after the features: {@code weight} of the row's number and label. */
    private Path weightedXor(String name, WeightOf weight) throws IOException {
        Path plain = folder.resolve("plain-" + name);
        Synthetic.writeCsv(plain, Teacher.XOR, 1_500, 2, 3);
        List<String> lines = Files.readAllLines(plain);
        StringBuilder out = new StringBuilder("x1,x2,w,label\n");
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int cut = line.lastIndexOf(',');
            int label = Integer.parseInt(line.substring(cut + 1).trim());
            out.append(line, 0, cut).append(',').append(weight.of(i, label)).append(',').append(label).append('\n');
        }
        return Files.writeString(folder.resolve(name), out);
    }

    private interface WeightOf {
        double of(int row, int label);
    }

    @Test
    void aWeightOfThreeOnEveryPositiveRowTrainsExactlyAsPosWeightThree() throws IOException {
        Path file = weightedXor("three.csv", (row, label) -> label == 1 ? 3 : 1);
        FitOptions options = FitOptions.builder().epochs(2).batchSize(16).seed(5).build();
        Model byRows = model(new BinaryCrossEntropy());
        byRows.fit(CsvSource.open(file, CsvFormat.defaults().withWeightColumn("w"), CsvSource.Options.defaults()), options);
        Model byClass = model(new BinaryCrossEntropy().withClassWeights(ClassWeights.positive(3)));
        byClass.fit(CsvSource.open(file, CsvFormat.defaults().withoutColumns(List.of("w")), CsvSource.Options.defaults()
                .withCacheDirectory(folder.resolve("other-cache"))), options);
        // s·(w₁·y·a + w₀·(1 − y)·b) with s = 3, w = 1 rounds exactly as s = 1, w₁ = 3: the same bits
        assertArrayEquals(byClass.parameters().toFloatVector(), byRows.parameters().toFloatVector(), 0f);
    }

    @Test
    void weightedRowsTrainTheSameWeightsInMemoryFromTheCacheAndStreamed() throws IOException {
        Path file = weightedXor("mixed.csv", (row, label) -> (row * 7 % 5) * 0.5); // 0, 0.5, … 2: zero weights too
        CsvFormat format = CsvFormat.defaults().withWeightColumn("w");
        BinaryCrossEntropy loss = new BinaryCrossEntropy().withClassWeights(new ClassWeights(0.8, 1.7));
        FitOptions shuffled = FitOptions.builder().epochs(2).batchSize(32).seed(8).build();
        Model inMemory = model(loss);
        inMemory.fit(InMemoryCsv.read(file, format, DataType.FLOAT), shuffled);
        Model cached = model(loss);
        cached.fit(CsvSource.open(file, format, CsvSource.Options.defaults()), shuffled);
        assertArrayEquals(inMemory.parameters().toFloatVector(), cached.parameters().toFloatVector(), 0f);

        FitOptions inOrder = FitOptions.builder().epochs(2).batchSize(32).shuffle(false).seed(8).build();
        Model cachedInOrder = model(loss);
        cachedInOrder.fit(CsvSource.open(file, format, CsvSource.Options.defaults()), inOrder);
        Model streamed = model(loss);
        streamed.fit(CsvSource.open(file, format, CsvSource.Options.defaults().withoutCache()), inOrder);
        assertArrayEquals(cachedInOrder.parameters().toFloatVector(), streamed.parameters().toFloatVector(), 0f);

        Model unweighted = model(loss);
        unweighted.fit(CsvSource.open(file, CsvFormat.defaults().withoutColumns(List.of("w")), CsvSource.Options.defaults()
                .withCacheDirectory(folder.resolve("other-cache"))), shuffled);
        assertTrue(maxDifference(unweighted.parameters().toFloatVector(), cached.parameters().toFloatVector()) > 1e-3,
                "the weights changed what was learned");
    }

    @Test
    void theObjectiveIsTheRowWeightedMeanLoss() {
        // a logistic regression with zero weights predicts ½ everywhere: each row's loss is log 2, so the
        // objective is log 2 · Σ s / n = log 2 · (2 + 0 + 0.5 + 1.5) / 4
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(),
                new SGD(0.1), CompileOptions.defaults().withDataType(DataType.DOUBLE));
        model.parameters().assign(0);
        Dataset data = Dataset.of(new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}}, new float[] {1, 0, 0, 1}, DataType.DOUBLE)
                .withWeights(new float[] {2, 0, 0.5f, 1.5f});
        assertEquals(Math.log(2) * 4 / 4, model.objective(new io.dense4j.data.DatasetBatches(data)), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> data.withWeights(new float[] {1, 1, -1, 1}));
        assertThrows(IllegalArgumentException.class, () -> data.withWeights(new float[] {1, Float.NaN, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> data.withWeights(new float[] {1, 1, 1}));
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
