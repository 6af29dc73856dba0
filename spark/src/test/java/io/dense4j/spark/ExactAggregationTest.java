package io.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dense4j.data.CsvFormat;
import io.dense4j.data.CsvSource;
import io.dense4j.data.Dataset;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.CompiledModel;
import io.dense4j.model.Sequential;
import io.dense4j.optim.Adam;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.SGD;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Exact gradient aggregation on local[2] gives the weights one machine gets on the same batches (float32, to 1e-5). */
class ExactAggregationTest {
    @TempDir
    Path folder;

    @Test
    void fullBatchOnSevenPiecesMatchesOneMachine() throws IOException {
        TestRows rows = TestRows.xor(3_000, 4, 1);
        Path file = rows.write(folder.resolve("xor.csv"), 0, 3_000);
        FitOptions fit = FitOptions.builder().fullBatch().epochs(8).shuffle(false).build();

        CompiledModel single = model(new Adam(0.02));
        History expected = single.fit(Dataset.of(rows.x, rows.y, DataType.FLOAT), fit);

        CompiledModel distributed = model(new Adam(0.02));
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(7))) {
            assertEquals(7, data.pieces());
            History history = new SparkTrainer(LocalSpark.session(), data).fit(distributed, fit, Synchronization.exact());
            assertEquals(expected.last().loss(), history.last().loss(), 1e-6);
            assertEquals(expected.last().accuracy(), history.last().accuracy(), 1e-12);
        }
        assertArrayEquals(single.parameters().toFloatVector(), distributed.parameters().toFloatVector(), 1e-5f);
        assertEquals(8, distributed.epochsTrained());
        assertEquals(8, distributed.roundsTrained());
    }

    @Test
    void miniBatchesFromTwoFilesMatchOneMachineOnTheSameBatches() throws IOException {
        // two files of 200 rows, one piece each; batch 100 → 4 steps an epoch, each taking rows
        // [50s, 50s + 50) of each file, in file order (no shuffle): one machine sees the same batches
        // when the rows are interleaved 50 by 50
        TestRows rows = TestRows.xor(400, 4, 2);
        rows.write(folder.resolve("part-0.csv"), 0, 200);
        rows.write(folder.resolve("part-1.csv"), 200, 400);
        float[][] x = new float[400][];
        float[] y = new float[400];
        for (int step = 0, at = 0; step < 4; step++) {
            for (int file = 0; file < 2; file++) {
                for (int i = 0; i < 50; i++, at++) {
                    x[at] = rows.x[file * 200 + step * 50 + i];
                    y[at] = rows.y[file * 200 + step * 50 + i];
                }
            }
        }
        FitOptions fit = FitOptions.builder().batchSize(100).epochs(5).shuffle(false).build();
        CompiledModel single = model(new SGD(0.3, 0.9, false));
        single.fit(Dataset.of(x, y, DataType.FLOAT), fit);

        CompiledModel distributed = model(new SGD(0.3, 0.9, false));
        SparkTrainer.train(LocalSpark.session(), SparkCsvSource.of(folder.resolve("part-*.csv").toString(), rows.columns()),
                distributed, fit, Synchronization.exact());
        assertArrayEquals(single.parameters().toFloatVector(), distributed.parameters().toFloatVector(), 1e-5f);
        assertEquals(20, distributed.roundsTrained());
    }

    @Test
    void aValidationSplitHoldsOutTheRowsOneMachineHoldsOut() throws IOException {
        TestRows rows = TestRows.xor(2_000, 3, 3);
        Path file = rows.write(folder.resolve("split.csv"), 0, 2_000);
        FitOptions fit = FitOptions.builder().fullBatch().epochs(4).validationSplit(0.25).seed(11).build();

        CompiledModel single = model3(new SGD(0.5));
        History expected = single.fit(CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()), fit);
        CompiledModel distributed = model3(new SGD(0.5));
        History history = SparkTrainer.train(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(3), distributed, fit, Synchronization.exact());
        assertArrayEquals(single.parameters().toFloatVector(), distributed.parameters().toFloatVector(), 1e-5f);
        assertEquals(expected.last().validationLoss(), history.last().validationLoss(), 1e-5);
        assertEquals(expected.last().samples(), history.last().samples());
        assertEquals(single.inputSchema(), distributed.inputSchema());
    }

    private static CompiledModel model(Optimizer optimizer) {
        return new Sequential(new Dense(16, new ReLU()), new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(4, new BinaryCrossEntropy(), optimizer, CompileOptions.defaults().withSeed(3));
    }

    private static CompiledModel model3(Optimizer optimizer) {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), optimizer, CompileOptions.defaults().withSeed(4));
    }
}
