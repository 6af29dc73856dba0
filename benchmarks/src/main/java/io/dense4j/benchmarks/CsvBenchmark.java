package io.dense4j.benchmarks;

import io.dense4j.data.BatchSource;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvReader;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.RowSelection;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.tensor.NativeArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
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
 * W-CSV: passes over a generated CSV (100 features and a label per row, 5 decimals), all from the
 * page cache and in the same run: reading the bytes with no parsing (the {@code cat FILE > /dev/null}
 * baseline); dense4j's reader alone; a {@link CsvSource} opening (parse, check and write the binary
 * cache); an epoch of training-ready batches of 256 rows from the cache (in order and in a full
 * permutation) and from the CSV streamed by the background reader (in order and through the shuffle
 * buffer); and Deeplearning4j's DataVec CSVRecordReader + RecordReaderDataSetIterator making the same
 * batches. The {@code bytes} counter gives CSV bytes/s, {@code rows} rows/s.
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

        Path folder;
        Path file;
        long size;
        BatchSource cachedRows;
        CsvSource streamed;
        NativeArray features;
        NativeArray labels;
        int epoch;

        @Setup(Level.Trial)
        public void write() throws IOException {
            folder = Files.createTempDirectory("w-csv");
            file = folder.resolve("w-csv.csv");
            Synthetic.writeCsv(file, Teacher.LINEAR, rows, 100, 42);
            size = Files.size(file);
            cachedRows = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults())
                    .rows(RowSelection.all(), null, DataType.FLOAT); // one source: each epoch shuffles the last one's order
            streamed = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache());
            features = NativeArray.allocate(DataType.FLOAT, BATCH * 100L);
            labels = NativeArray.allocate(DataType.FLOAT, BATCH);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            try (var files = Files.list(folder)) {
                for (Path path : files.toList()) {
                    Files.deleteIfExists(path);
                }
            }
            Files.deleteIfExists(folder);
        }

        /** One epoch of batches from {@code source}; returns a checksum so nothing is dead code. */
        double epoch(BatchSource source, boolean shuffle, Processed processed) {
            double checksum = 0;
            source.startPass(++epoch, 42, shuffle);
            for (int count; (count = source.next(BATCH, features, labels)) > 0; ) {
                checksum += features.get(0) + labels.get(count - 1);
                processed.rows += count;
            }
            processed.bytes += size;
            return checksum;
        }
    }

    /** Rows per training-ready batch. */
    private static final int BATCH = 256;

    /** Bytes processed, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Processed {
        public long bytes;
        public long rows;
    }

    /** Parses every cell into floats (a handler that keeps one sum, so nothing is dead code). */
    @Benchmark
    public double parse(WCsv csv, Processed processed) {
        double[] sum = new double[1];
        processed.rows += new CsvReader(csv.file, CsvFormat.defaults())
                .read((line, features, label, weight) -> sum[0] += features[0] + label).rows();
        processed.bytes += csv.size;
        return sum[0];
    }

    /** The first pass of training on one thread: parse and check every cell, count the classes, write the binary cache. */
    @Benchmark
    public long openBuildingTheCacheOneThread(WCsv csv, Processed processed) throws IOException {
        return buildCache(csv, processed, 1);
    }

    /** The same on two threads, each parsing half the file into its own part of the cache. */
    @Benchmark
    public long openBuildingTheCacheTwoThreads(WCsv csv, Processed processed) throws IOException {
        return buildCache(csv, processed, 2);
    }

    /** The first pass without a cache, on two threads: parse and check every cell, count the rows and classes. */
    @Benchmark
    public long openCheckingTwoThreads(WCsv csv, Processed processed) {
        CsvSource source = CsvSource.open(csv.file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withoutCache().withFirstPassThreads(2));
        processed.bytes += csv.size;
        processed.rows += source.rows();
        return source.rows();
    }

    private static long buildCache(WCsv csv, Processed processed, int threads) throws IOException {
        Files.deleteIfExists(csv.folder.resolve("w-csv.csv.dense4j-cache"));
        CsvSource source = CsvSource.open(csv.file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withFirstPassThreads(threads));
        processed.bytes += csv.size;
        processed.rows += source.rows();
        return source.rows();
    }

    /** A later epoch from the memory-mapped cache, rows in file order. */
    @Benchmark
    public double cachedEpochInOrder(WCsv csv, Processed processed) {
        return csv.epoch(csv.cachedRows, false, processed);
    }

    /** A later epoch from the memory-mapped cache in a fresh full permutation (random access). */
    @Benchmark
    public double cachedEpochShuffled(WCsv csv, Processed processed) {
        return csv.epoch(csv.cachedRows, true, processed);
    }

    /** An epoch parsed from the CSV by the background reader, in file order. */
    @Benchmark
    public double streamedEpochInOrder(WCsv csv, Processed processed) {
        try (BatchSource rows = csv.streamed.rows(RowSelection.all(), null, DataType.FLOAT)) {
            return csv.epoch(rows, false, processed);
        }
    }

    /** An epoch parsed from the CSV by the background reader through the 65,536-row shuffle buffer. */
    @Benchmark
    public double streamedEpochShuffled(WCsv csv, Processed processed) {
        try (BatchSource rows = csv.streamed.rows(RowSelection.all(), null, DataType.FLOAT)) {
            return csv.epoch(rows, true, processed);
        }
    }

    /** Deeplearning4j's way: DataVec's CSVRecordReader feeding RecordReaderDataSetIterator, batches of 256. */
    @Benchmark
    public double datavec(WCsv csv, Processed processed) throws Exception {
        double checksum = 0;
        try (CSVRecordReader reader = new CSVRecordReader(1, ',')) {
            reader.initialize(new FileSplit(csv.file.toFile()));
            DataSetIterator batches = new RecordReaderDataSetIterator(reader, BATCH, 100, 2);
            while (batches.hasNext()) {
                DataSet batch = batches.next();
                checksum += batch.getFeatures().getDouble(0);
                processed.rows += batch.numExamples();
            }
        }
        processed.bytes += csv.size;
        return checksum;
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
