package io.dense4j.benchmarks;

import io.dense4j.data.CsvFormat;
import io.dense4j.data.CsvReader;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * W-CSV: one pass of {@link CsvReader} over a generated CSV (100 features and a label per row,
 * 5 decimals), against reading the same bytes with no parsing, the {@code cat FILE > /dev/null}
 * baseline, in the same run and from the page cache. The {@code bytes} counter gives bytes/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class CsvBenchmark {

    /** The file, written once per trial. W-CSV proper is 1,000,000 rows (about 0.85 GB). */
    @State(Scope.Benchmark)
    public static class WCsv {
        @Param({"200000"})
        long rows;

        Path file;
        long size;

        @Setup(Level.Trial)
        public void write() throws IOException {
            file = Files.createTempFile("w-csv", ".csv");
            Synthetic.writeCsv(file, Teacher.LINEAR, rows, 100, 42);
            size = Files.size(file);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /** Bytes processed, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Processed {
        public long bytes;
    }

    /** Parses every cell into floats (a handler that keeps one sum, so nothing is dead code). */
    @Benchmark
    public double parse(WCsv csv, Processed processed) {
        double[] sum = new double[1];
        new CsvReader(csv.file, CsvFormat.defaults()).read((line, features, label) -> sum[0] += features[0] + label);
        processed.bytes += csv.size;
        return sum[0];
    }

    /** Reads the bytes in 1 MiB chunks and touches one per chunk: the floor any parser starts from. */
    @Benchmark
    public long readBytes(WCsv csv, Processed processed) throws IOException {
        long checksum = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(csv.file, StandardOpenOption.READ)) {
            while (channel.read(buffer) > 0) {
                checksum += buffer.get(0);
                buffer.clear();
            }
        }
        processed.bytes += csv.size;
        return checksum;
    }
}
