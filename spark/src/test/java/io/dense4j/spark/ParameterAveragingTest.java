package io.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Normalization;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.metrics.Evaluation;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.Model;
import io.dense4j.train.Trainer;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.RowSelection;
import io.dense4j.model.Sequential;
import io.dense4j.optim.Adam;
import io.dense4j.optim.SGD;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterAveragingTest {
    @TempDir
    Path folder;

    @Test
    void averagingAfterOneStepOfPlainSgdIsTheExactStep() throws IOException {
        // θ − η Σ (nₚ/N) gₚ = θ − η g: the row-weighted mean of one SGD step per piece is the exact step
        TestRows rows = TestRows.xor(1_000, 4, 5);
        Path file = rows.write(folder.resolve("xor.csv"), 0, 1_000);
        SparkCsvSource source = SparkCsvSource.of(file.toString(), rows.columns()).withMinPartitions(3);
        FitOptions fit = FitOptions.builder().batchSize(128).epochs(3).seed(9).build();
        Trainer exact = new Trainer(model());
        Trainer averaged = new Trainer(model());
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), source)) {
            SparkTrainer trainer = new SparkTrainer(LocalSpark.session(), data);
            trainer.fit(exact, fit, Synchronization.exact());
            trainer.fit(averaged, fit, Synchronization.averaging(1));
        }
        assertArrayEquals(exact.model().parameters().toFloatVector(), averaged.model().parameters().toFloatVector(), 1e-5f);
    }

    @Test
    void averagingEveryEightLocalStepsLearnsTheSpirals() throws IOException {
        Path file = folder.resolve("spirals.csv");
        Synthetic.writeCsv(file, Teacher.SPIRALS, 6_000, 2, 21);
        Path test = folder.resolve("spirals-test.csv");
        Synthetic.writeCsv(test, Teacher.SPIRALS, 2_000, 2, 22);
        Model model = new Sequential(new Normalization(), new Dense(32, new ReLU()), new Dense(32, new ReLU()),
                new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new Adam(0.01), CompileOptions.defaults().withSeed(1));
        FitOptions fit = FitOptions.builder().batchSize(64).epochs(40).seed(2).build();
        History history;
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(),
                SparkCsvSource.of(file.toString(), List.of("x1", "x2", "label")).withMinPartitions(2))) {
            model.adapt(data.statistics(io.dense4j.data.RowSelection.all()));
            Trainer trainer = new Trainer(model);
            history = new SparkTrainer(LocalSpark.session(), data).fit(trainer, fit, Synchronization.averaging(8));
            assertEquals(40 * 94, trainer.optimizerSteps(), "94 steps an epoch, in 12 rounds of 8 local steps");
        }
        assertEquals(40, history.epochs().size());
        Evaluation held = model.evaluate(CsvSource.open(test, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()),
                RowSelection.all(), 0.5);
        assertTrue(held.accuracy() > 0.95, "held-out accuracy " + held.accuracy());
        assertTrue(history.last().loss() < history.epochs().get(0).loss() / 3, "loss " + history.loss()[0] + " → " + history.last().loss());
    }

    @Test
    void averagingAlsoAveragesTheOptimizerState() throws IOException {
        // Adam's moments travel with the weights: two runs from the same start agree, and differ from a run without state
        TestRows rows = TestRows.xor(800, 4, 6);
        Path file = rows.write(folder.resolve("adam.csv"), 0, 800);
        FitOptions fit = FitOptions.builder().batchSize(100).epochs(2).build();
        List<float[]> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Model model = new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                    .compile(4, new BinaryCrossEntropy(), new Adam(0.01), CompileOptions.defaults().withSeed(3));
            Trainer trainer = new Trainer(model);
            SparkTrainer.train(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns()).withMinPartitions(2),
                    trainer, fit, Synchronization.averaging(2));
            runs.add(model.parameters().toFloatVector());
            assertEquals(16, trainer.optimizerSteps()); // 8 steps an epoch × 2
        }
        assertArrayEquals(runs.get(0), runs.get(1), 0f);
    }

    private static Model model() {
        return new Sequential(new Dense(12, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(4, new BinaryCrossEntropy(), new SGD(0.2), CompileOptions.defaults().withSeed(8));
    }
}
