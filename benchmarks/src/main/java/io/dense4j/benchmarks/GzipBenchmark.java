package io.dense4j.benchmarks;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.data.csv.Gzip;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
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
 * Decompressing a gzip-compressed W-CSV file, the first pass's cost for a {@code .csv.gz}: the JDK's
 * {@code GZIPInputStream} against commons-compress's reader of every member ({@link Gzip}), which
 * dense4j uses since it refuses a damaged member or trailing bytes where the JDK's stops quietly.
 * The {@code bytes} counter gives decompressed bytes/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class GzipBenchmark {

    /** The file, compressed once per trial. */
    @State(Scope.Benchmark)
    public static class WCsvGz {
        @Param({"50000"})
        long rows;

        Path folder;
        Path file;

        @Setup(Level.Trial)
        public void write() throws IOException {
            folder = Files.createTempDirectory("w-csv-gz");
            Path plain = folder.resolve("w-csv.csv");
            Synthetic.writeCsv(plain, Teacher.LINEAR, rows, 100, 42);
            file = folder.resolve("w-csv.csv.gz");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
                Files.copy(plain, out);
            }
            Files.delete(plain);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
    }

    /** Decompressed bytes, summed over the iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;
    }

    private static long drain(InputStream in, Bytes counted) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (in) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                total += read;
            }
        }
        counted.bytes += total;
        return total;
    }

    @Benchmark
    public long jdk(WCsvGz data, Bytes counted) throws IOException {
        return drain(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(data.file), 1 << 16), 1 << 16), counted);
    }

    @Benchmark
    public long commonsCompress(WCsvGz data, Bytes counted) throws IOException {
        return drain(Gzip.members(Files.newInputStream(data.file)), counted);
    }
}
