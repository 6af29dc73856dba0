package io.dense4j.model;

import io.dense4j.benchmarks.Jvm;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvReader;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code predict}'s loop without the JVM start: W-MLP scoring a W-CSV file (100 features and a
 * label, 5 decimals) from the page cache, its lines written to a stream that drops them, with the
 * file parsed by 1 thread or in 8 MiB chunks by several ({@code RowBlocks.Parallelism}); and the
 * parsing stage alone. In the
 * package of {@code CsvPredictions}, whose parallelism is package-private.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 5)
public class PredictBenchmark {

    /** The file and the model, made once per trial. */
    @State(Scope.Benchmark)
    public static class Data {
        @Param({"200000"})
        long rows;

        @Param({"1", "2", "3"})
        int parsers;

        Path folder;
        Path file;
        Model model;

        @Setup(Level.Trial)
        public void write() throws IOException {
            folder = Files.createTempDirectory("w-csv-predict");
            file = folder.resolve("w-csv.csv");
            Synthetic.writeCsv(file, Teacher.LINEAR, rows, 100, 42);
            model = new Sequential(new Dense(256, new ReLU()), new Dense(256, new ReLU()), new Dense(1, new Sigmoid()))
                    .compile(100, new BinaryCrossEntropy(), new SGD(0.1)); // W-MLP
            model.setInputSchema(new InputSchema(new CsvReader(file, CsvFormat.defaults()).featureNames(), List.of("0", "1")));
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
    }

    /** Rows predicted, for rows/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Predicted {
        public long rows;
    }

    @Benchmark
    public long predict(Data data, Predicted predicted) throws IOException {
        long rows = CsvPredictions.written(data.model, CsvFiles.of(data.file), CsvFormat.defaults(), 0.5, List.of(),
                OutputStream.nullOutputStream(), new RowBlocks.Parallelism(data.parsers, 0, 8L << 20)).rows();
        predicted.rows += rows;
        return rows;
    }

    /** The parsing stage alone: the same rows in blocks of 1,024, handed over in file order and dropped. */
    @Benchmark
    public long parseOnly(Data data, Predicted predicted) throws IOException {
        CsvReader reader = new CsvReader(data.file, CsvFormat.defaults().withoutLabel().withFeatures(data.model.inputSchema().featureNames()));
        long rows = 0;
        try (RowBlocks blocks = RowBlocks.of(reader, false, 1024, 100, null, new RowBlocks.Parallelism(data.parsers, 0, 8L << 20),
                Files.size(data.file))) {
            for (RowBlocks.Block block = blocks.next(); block != null; block = blocks.next()) {
                rows += block.rows;
                blocks.recycle(block);
            }
        }
        predicted.rows += rows;
        return rows;
    }
}
