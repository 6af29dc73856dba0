package io.dense4j.spark;

import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.Model;
import io.dense4j.train.Trainer;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import io.dense4j.train.EpochMetrics;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Spark training throughput on W-MLP (docs/workloads.md: 100 → 256 ReLU → 256 ReLU → 1, SGD
 * 0.1, float32, linear teacher) against single-machine training on the same rows in the same run:
 * training samples/s and rounds/s (median over the epochs after the first), in local[2] and on a
 * loopback standalone cluster of two workers with one core each. Not JMH: a round is a Spark job,
 * timed over whole epochs.
 *
 * <p>Usage: SparkThroughput OUT_DIR [ROWS] [EPOCHS]; writes OUT_DIR/spark.jsonl and prints a table.
 */
public final class SparkThroughput {

    private record Config(String mode, int batch, int localSteps) {
        String batchName() {
            return batch == Integer.MAX_VALUE ? "full" : String.valueOf(batch);
        }

        Synchronization sync() {
            return mode.equals("exact") ? Synchronization.exact() : Synchronization.averaging(localSteps);
        }

        FitOptions fit(int epochs) {
            FitOptions.Builder builder = FitOptions.builder().epochs(epochs).seed(1);
            return batch == Integer.MAX_VALUE ? builder.fullBatch().build() : builder.batchSize(batch).build();
        }
    }

    private static final List<Config> CONFIGS = List.of(new Config("exact", 4096, 1),
            new Config("exact", Integer.MAX_VALUE, 1), new Config("averaging", 256, 16), new Config("averaging", 4096, 8));

    public static void main(String[] args) throws Exception {
        Path out = Files.createDirectories(Path.of(args[0]));
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path data = Files.createTempDirectory("dense4j-spark-throughput");
        Path csv = data.resolve("w-mlp.csv");
        Synthetic.writeCsv(csv, Teacher.LINEAR, rows, 100, 42);
        List<String> results = new ArrayList<>();

        var dataset = CsvSource.open(csv, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(data));
        for (Config config : CONFIGS) {
            if (config.mode().equals("exact")) {
                History history = model().fit(dataset, config.fit(epochs));
                results.add(record("one machine", config, rows, history, Double.NaN));
            }
        }
        try (SparkSession local = SparkSession.builder().master("local[2]").appName("dense4j spark throughput")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate()) {
            results.addAll(measure(local, "local[2]", csv, rows, epochs));
        }
        try (StandaloneCluster cluster = new StandaloneCluster(Files.createDirectories(data.resolve("spark-home")), 2, 1, "2g")) {
            String classes = Path.of("target/test-classes").toAbsolutePath() + File.pathSeparator
                    + Path.of("target/classes").toAbsolutePath();
            try (SparkSession spark = SparkSession.builder().master(cluster.masterUrl()).appName("dense4j spark throughput")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false").config("spark.executor.memory", "1g")
                    .config("spark.executor.cores", "1").config("spark.executor.extraClassPath", classes).getOrCreate()) {
                results.addAll(measure(spark, "2 workers x 1 core", csv, rows, epochs));
            }
        }
        Files.write(out.resolve("spark.jsonl"), results, StandardCharsets.UTF_8);
        try (PrintStream table = new PrintStream(Files.newOutputStream(out.resolve("spark.txt")), true, StandardCharsets.UTF_8)) {
            for (PrintStream stream : new PrintStream[] {System.out, table}) {
                stream.printf("W-MLP, %,d rows, %d epochs (median of epochs 2..%d)%n", rows, epochs, epochs);
                results.forEach(stream::println);
            }
        }
        for (File file : data.toFile().listFiles((dir, name) -> name.endsWith(".csv") || name.endsWith(".dense4j-cache"))) {
            Files.delete(file.toPath());
        }
    }

    private static List<String> measure(SparkSession spark, String where, Path csv, int rows, int epochs) {
        List<String> results = new ArrayList<>();
        try (SparkCsvData data = SparkCsvData.load(spark, SparkCsvSource.of(csv.toString(), List.of()).withMinPartitions(2))) {
            for (Config config : CONFIGS) {
                History history = new SparkTrainer(spark, data).fit(new Trainer(model()), config.fit(epochs), config.sync());
                long steps = config.batch == Integer.MAX_VALUE ? 1 : (rows + config.batch - 1) / config.batch;
                double roundsPerEpoch = Math.ceil((double) steps / config.localSteps());
                results.add(record(where, config, rows, history, roundsPerEpoch));
            }
        }
        return results;
    }

    private static String record(String where, Config config, int rows, History history, double roundsPerEpoch) {
        double[] seconds = history.epochs().stream().skip(1).mapToDouble(EpochMetrics::seconds).sorted().toArray();
        double median = seconds.length % 2 == 1 ? seconds[seconds.length / 2]
                : (seconds[seconds.length / 2 - 1] + seconds[seconds.length / 2]) / 2;
        return String.format(Locale.ROOT, "{\"workload\":\"W-MLP\",\"system\":\"dense4j\",\"where\":\"%s\",\"mode\":\"%s\","
                        + "\"localSteps\":%d,\"batch\":%s,\"samplesPerSecond\":%.0f,\"roundsPerSecond\":%s,\"epochSeconds\":%s,"
                        + "\"finalLoss\":%.5f}",
                where, config.mode(), config.localSteps(), config.batch == Integer.MAX_VALUE ? "\"full\"" : config.batchName(),
                rows / median, Double.isNaN(roundsPerEpoch) ? "null" : String.format(Locale.ROOT, "%.2f", roundsPerEpoch / median),
                Arrays.toString(Arrays.stream(history.epochs().stream().mapToDouble(EpochMetrics::seconds).toArray())
                        .map(s -> Math.round(s * 1000) / 1000.0).toArray()), history.last().loss());
    }

    private static Model model() {
        return new Sequential(new Dense(256, new ReLU()), new Dense(256, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(100, new BinaryCrossEntropy(), new SGD(0.1));
    }
}
