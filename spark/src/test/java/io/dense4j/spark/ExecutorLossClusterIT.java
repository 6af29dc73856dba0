package io.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Dataset;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.Adam;
import io.dense4j.train.FitOptions;
import io.dense4j.train.Callback;
import io.dense4j.train.Trainer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A real multi-process cluster on loopback (a master, two workers, an executor each): one executor
 * is killed with SIGKILL mid-training; Spark recomputes its cached pieces from the files and reruns
 * its tasks, and training ends with the weights one machine gets.
 */
@Tag("cluster")
class ExecutorLossClusterIT {
    @TempDir
    Path folder;

    @Test
    void killingAnExecutorMidTrainingStillGivesTheRightWeights() throws Exception {
        TestRows rows = TestRows.xor(8_000, 4, 40);
        Path file = rows.write(folder.resolve("rows.csv"), 0, 8_000);
        FitOptions fit = FitOptions.builder().fullBatch().epochs(30).shuffle(false).build();
        Model single = model();
        single.fit(Dataset.of(rows.x, rows.y, DataType.FLOAT), fit);

        try (StandaloneCluster cluster = new StandaloneCluster(Files.createDirectories(folder.resolve("spark-home")), 2, 1, "1g")) {
            String classes = Path.of("target/test-classes").toAbsolutePath() + File.pathSeparator
                    + Path.of("target/classes").toAbsolutePath();
            SparkSession spark = SparkSession.builder().master(cluster.masterUrl()).appName("dense4j executor loss")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.executor.memory", "768m")
                    .config("spark.executor.cores", "1")
                    .config("spark.executor.extraClassPath", classes)
                    .config("spark.task.maxFailures", "4")
                    .getOrCreate();
            try {
                awaitExecutors(cluster, 2);
                AtomicLong killed = new AtomicLong();
                FitOptions killing = FitOptions.builder().fullBatch().epochs(30).shuffle(false).callbacks(new Callback() {
                    @Override
                    public void onBatchEnd(int epoch, int step, int steps, double loss) {
                        if (epoch == 10) {
                            ProcessHandle victim = cluster.executors().get(0);
                            killed.set(victim.pid());
                            victim.destroyForcibly(); // SIGKILL: no goodbye to the driver
                        }
                    }
                }).build();
                Trainer distributed = new Trainer(model());
                SparkTrainer.train(spark, SparkCsvSource.of(file.toString(), rows.columns()).withMinPartitions(4),
                        distributed, killing, Synchronization.exact());

                assertTrue(killed.get() > 0);
                assertTrue(cluster.executors().stream().noneMatch(executor -> executor.pid() == killed.get()));
                assertEquals(30, distributed.epochsTrained());
                assertArrayEquals(single.parameters().toFloatVector(), distributed.model().parameters().toFloatVector(), 1e-5f);
            } finally {
                spark.stop();
            }
        }
    }

    private static void awaitExecutors(StandaloneCluster cluster, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (cluster.executors().size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(count, cluster.executors().size(), "executors running");
    }

    private static Model model() {
        return new Sequential(new Dense(16, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(4, new BinaryCrossEntropy(), new Adam(0.01), CompileOptions.defaults().withSeed(12));
    }
}
