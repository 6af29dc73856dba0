package io.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.CompiledModel;
import io.dense4j.model.Sequential;
import io.dense4j.optim.Adam;
import io.dense4j.train.FitOptions;
import io.dense4j.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's checkpoints: a run stopped mid-epoch resumes from the last one and ends with the uninterrupted run's weights. */
class CheckpointTest {
    @TempDir
    Path folder;

    @Test
    void aRunStoppedInRoundSeventeenResumesFromRoundFourteen() throws IOException {
        TestRows rows = TestRows.xor(1_000, 4, 30);
        Path file = rows.write(folder.resolve("rows.csv"), 0, 1_000);
        Path checkpoint = folder.resolve("checkpoint.zip");
        FitOptions fit = FitOptions.builder().batchSize(100).epochs(3).seed(5).build(); // 10 rounds an epoch
        Synchronization sync = Synchronization.exact().withCheckpoint(checkpoint, 7);

        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(2))) {
            SparkTrainer trainer = new SparkTrainer(LocalSpark.session(), data);
            CompiledModel uninterrupted = model();
            trainer.fit(uninterrupted, fit, Synchronization.exact());

            FitOptions crashing = FitOptions.builder().batchSize(100).epochs(3).seed(5).listener(new TrainingListener() {
                @Override
                public void onBatchEnd(int epoch, int step, int steps, double loss) {
                    if (epoch == 2 && step == 7) {
                        throw new IllegalStateException("crash in round 17");
                    }
                }
            }).build();
            assertThrows(IllegalStateException.class, () -> trainer.fit(model(), crashing, sync));

            CompiledModel resumed = CompiledModel.load(checkpoint);
            assertEquals(14, resumed.roundsTrained());
            assertEquals(1, resumed.epochsTrained());
            var history = trainer.fit(resumed, fit, sync);
            assertEquals(2, history.epochs().size()); // the rest of epoch 2, then epoch 3
            assertEquals(30, resumed.roundsTrained());
            assertArrayEquals(uninterrupted.parameters().toFloatVector(), resumed.parameters().toFloatVector(), 1e-6f);
            assertEquals(28, CompiledModel.load(checkpoint).roundsTrained()); // the last multiple of 7
        }
    }

    private static CompiledModel model() {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(4, new BinaryCrossEntropy(), new Adam(0.01), CompileOptions.defaults().withSeed(6));
    }
}
