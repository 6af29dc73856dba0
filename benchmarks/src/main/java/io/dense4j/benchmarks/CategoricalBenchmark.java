package io.dense4j.benchmarks;

import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvReader;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.graph.Compiler;
import io.dense4j.graph.Graph;
import io.dense4j.graph.InputLayout;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import io.dense4j.optim.Updater;
import io.dense4j.runtime.BlasThreads;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.runtime.Gradients;
import io.dense4j.runtime.Parameters;
import io.dense4j.runtime.StepRunner;
import io.dense4j.runtime.Workers;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
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
 * Categorical columns against numbers, in the same run (docs/workloads.md, W-CSV-CAT): a CSV of
 * 100 feature columns and a label, 10 of the columns categorical with 20 to 1,000 levels (text
 * such as {@code c417}, drawn with a skew toward low levels), beside the same file with those 10
 * columns written as numbers. Parsing, and the first pass that writes the cache, in CSV bytes/s
 * and rows/s; and the W-MLP training step (256 → 256 → 1) on 100 numbers against 90 numbers and
 * 10 categorical columns, so the gathering first layer's cost shows as the ratio of the two: the
 * columns as the workload's file has them (each column's 100 most frequent levels, plus other and
 * missing), and, harder, codes spread evenly over 102 slots in every column.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class CategoricalBenchmark {
    /** The levels of the 10 categorical columns, from 20 to 1,000. */
    static final int[] LEVELS = {20, 40, 80, 120, 200, 300, 450, 600, 800, 1000};
    /** The categorical columns are every tenth, c0, c10, …, c90. */
    static final int EVERY = 10;
    static final int COLUMNS = 100;
    /** The categories a column keeps: the command line's default cap. */
    static final int KEPT = 100;

    /** The two files, written once per trial: the same rows, categorical cells as text or as numbers. */
    @State(Scope.Benchmark)
    public static class Files2 {
        @Param({"200000"})
        long rows;

        Path folder;
        Path numbers;
        Path categories;
        long numbersSize;
        long categoriesSize;
        List<String> categorical = new ArrayList<>();

        @Setup(Level.Trial)
        public void write() throws IOException {
            folder = Files.createTempDirectory("w-csv-cat");
            numbers = folder.resolve("numbers.csv");
            categories = folder.resolve("categories.csv");
            for (int c = 0; c < LEVELS.length; c++) {
                categorical.add("x" + c * EVERY);
            }
            writeCsv(numbers, rows, false);
            writeCsv(categories, rows, true);
            numbersSize = Files.size(numbers);
            categoriesSize = Files.size(categories);
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

        CsvFormat categoricalFormat() {
            return CsvFormat.defaults().withCategorical(categorical);
        }
    }

    /**
     * The file with 10 categorical columns, its categories past ASCII ({@code é417}), written in
     * UTF-8 and in Windows-1252: the same text, which the second reads through
     * {@code --encoding windows-1252}'s table (one byte of it per categorical cell, 0xE9).
     */
    @State(Scope.Benchmark)
    public static class Encoded {
        @Param({"200000"})
        long rows;

        Path folder;
        Path utf8;
        Path windows1252;
        long utf8Size;
        long windows1252Size;
        List<String> categorical = new ArrayList<>();

        @Setup(Level.Trial)
        public void write() throws IOException {
            folder = Files.createTempDirectory("w-csv-cat-encoded");
            utf8 = folder.resolve("utf8.csv");
            windows1252 = folder.resolve("windows-1252.csv");
            for (int c = 0; c < LEVELS.length; c++) {
                categorical.add("x" + c * EVERY);
            }
            writeCsv(utf8, rows, "é", java.nio.charset.StandardCharsets.UTF_8);
            writeCsv(windows1252, rows, "é", java.nio.charset.Charset.forName("windows-1252"));
            utf8Size = Files.size(utf8);
            windows1252Size = Files.size(windows1252);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(utf8);
            Files.deleteIfExists(windows1252);
            Files.deleteIfExists(folder);
        }
    }

    /**
     * Rows of 100 features and a 0/1 label; the categorical columns' cells are {@code c<level>}
     * (text) or the level with 5 decimals (a number), the other cells numbers with 5 decimals.
     */
    static void writeCsv(Path file, long rows, boolean text) throws IOException {
        writeCsv(file, rows, text ? "c" : null, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The same, the categorical cells {@code prefix<level>} (null: numbers), in {@code charset}. */
    static void writeCsv(Path file, long rows, String prefix, java.nio.charset.Charset charset) throws IOException {
        boolean text = prefix != null;
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, charset)) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < COLUMNS; j++) {
                line.append('x').append(j).append(',');
            }
            out.write(line.append("label\n").toString());
            for (long r = 0; r < rows; r++) {
                line.setLength(0);
                for (int j = 0; j < COLUMNS; j++) {
                    if (j % EVERY == 0) {
                        int levels = LEVELS[j / EVERY];
                        int level = level(levels, random);
                        if (text) {
                            line.append(prefix).append(level);
                        } else {
                            line.append(level).append(".00000");
                        }
                    } else {
                        line.append(String.format(java.util.Locale.ROOT, "%.5f", random.nextGaussian()));
                    }
                    line.append(',');
                }
                out.write(line.append(random.nextBoolean() ? '1' : '0').append('\n').toString());
            }
        }
    }

    /** Parses every cell of the all-numbers file (the baseline). */
    @Benchmark
    public double parseNumbers(Files2 files, CsvBenchmark.Processed processed) {
        return parse(files.numbers, CsvFormat.defaults(), files.numbersSize, processed);
    }

    /** Parses every cell of the file with 10 categorical columns, each looked up in its dictionary. */
    @Benchmark
    public double parseCategories(Files2 files, CsvBenchmark.Processed processed) {
        return parse(files.categories, files.categoricalFormat(), files.categoriesSize, processed);
    }

    /** Parses the file whose categories are past ASCII, written in UTF-8 (the baseline of the next). */
    @Benchmark
    public double parseEncodedUtf8(Encoded files, CsvBenchmark.Processed processed) {
        return parse(files.utf8, CsvFormat.defaults().withCategorical(files.categorical), files.utf8Size, processed);
    }

    /** The same text written in Windows-1252, read with --encoding windows-1252. */
    @Benchmark
    public double parseEncodedWindows1252(Encoded files, CsvBenchmark.Processed processed) {
        return parse(files.windows1252, CsvFormat.defaults().withCategorical(files.categorical).withEncoding("windows-1252"),
                files.windows1252Size, processed);
    }

    private static double parse(Path file, CsvFormat format, long size, CsvBenchmark.Processed processed) {
        double[] sum = new double[1];
        processed.rows += new CsvReader(file, format).read((line, features, label, weight) -> sum[0] += features[0] + label).rows();
        processed.bytes += size;
        return sum[0];
    }

    /** The first pass of training on two threads, writing the cache, of the all-numbers file. */
    @Benchmark
    public long openNumbers(Files2 files, CsvBenchmark.Processed processed) throws IOException {
        return open(files, files.numbers, files.numbersSize, processed);
    }

    /** The same for the file with 10 categorical columns (inferred: they hold text). */
    @Benchmark
    public long openCategories(Files2 files, CsvBenchmark.Processed processed) throws IOException {
        return open(files, files.categories, files.categoriesSize, processed);
    }

    private static long open(Files2 files, Path file, long size, CsvBenchmark.Processed processed) throws IOException {
        Files.deleteIfExists(files.folder.resolve(file.getFileName() + ".dense4j-cache"));
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withFirstPassThreads(2));
        processed.bytes += size;
        processed.rows += source.rows();
        return source.rows();
    }

    /** A W-MLP training step on 100 numbers, or on 90 numbers and 10 categorical columns. */
    @State(Scope.Thread)
    public static class Step {
        @Param({"32", "256"})
        int batch;

        /**
         * "numbers": 100 numeric inputs. "w-csv-cat": 90 numbers and the workload's 10 categorical
         * columns as the model encodes them, each level drawn as the file draws it (⌊levels · u²⌋)
         * and kept in its slot if among the 100 most frequent (the levels below 100), else in
         * "other". "categories": 90 numbers and 10 columns of {@link #slots} slots each, the codes
         * spread evenly, so that a batch reads as many weight rows as it can: harder than the file.
         */
        @Param({"numbers", "w-csv-cat", "categories"})
        String input;

        /** Slots per column for "categories": 102 is the cap of 100 categories, plus other and missing. */
        @Param({"102"})
        int slots;

        StepRunner runner;
        Updater updater;
        Workers workers;
        BlasThreads blas;

        @Setup
        public void setUp() {
            int[] slots = new int[COLUMNS];
            boolean file = input.equals("w-csv-cat");
            if (input.equals("categories") || file) {
                for (int j = 0; j < COLUMNS; j += EVERY) {
                    slots[j] = file ? Math.min(LEVELS[j / EVERY], KEPT) + 2 : this.slots;
                }
            } else if (!input.equals("numbers")) {
                throw new IllegalArgumentException("input is numbers, w-csv-cat or categories, got " + input);
            }
            Graph graph = Compiler.compile(List.of(new Dense(WMlp.HIDDEN, new ReLU()), new Dense(WMlp.HIDDEN, new ReLU()),
                    new Dense(1, new Sigmoid())), new InputLayout(slots), new BinaryCrossEntropy(), true, false);
            Parameters parameters = new Parameters(graph, DataType.FLOAT);
            parameters.initialize(WMlp.PARAMETER_SEED);
            Gradients gradients = new Gradients(graph, DataType.FLOAT);
            ExecutionPolicy policy = ExecutionPolicy.forThisMachine();
            workers = new Workers(policy.threads());
            updater = Updater.create(new SGD(0.1), parameters.values(), gradients.values(), parameters.allWeights(),
                    gradients.nonzeroRows(), (count, piece) -> runner.runOnStepThreads(count, piece)); // as Trainer does
            runner = new StepRunner(parameters, gradients, policy, batch, workers);
            Random random = new Random(WMlp.DATA_SEED);
            float[][] x = new float[batch][COLUMNS];
            float[] y = new float[batch];
            for (int r = 0; r < batch; r++) {
                for (int j = 0; j < COLUMNS; j++) {
                    x[r][j] = slots[j] == 0 ? (float) random.nextGaussian()
                            : file ? fileCode(LEVELS[j / EVERY], random) : random.nextInt(slots[j]);
                }
                y[r] = random.nextBoolean() ? 1 : 0;
            }
            DatasetBatches source = new DatasetBatches(Dataset.of(Nd4j.createFromArray(x), Nd4j.createFromArray(y).reshape(batch, 1),
                    DataType.FLOAT));
            source.startPass(0, 0, false);
            runner.load(source, batch);
            blas = BlasThreads.exactly(1);
            workers.start();
        }

        @TearDown
        public void tearDown() {
            workers.stop();
            blas.close();
        }
    }

    /** A cell's level in a column of {@code levels} levels: ⌊levels · u²⌋, so low levels are common. */
    static int level(int levels, Random random) {
        return (int) (levels * Math.pow(random.nextDouble(), 2));
    }

    /**
     * A code of a W-CSV-CAT column of {@code levels} levels as the model encodes it: the level is
     * its own slot among the {@link #KEPT} most frequent (the lowest levels), else the "other" slot
     * after them.
     */
    static int fileCode(int levels, Random random) {
        return Math.min(level(levels, random), Math.min(levels, KEPT));
    }

    /** One step: forward, loss, backward, SGD update. Returns the loss, so the step is not dead code. */
    @Benchmark
    public double step(Step step) {
        double loss = step.runner.run(step.batch, step.updater.takesUnsummedSlots()); // as Trainer does: plain SGD sums the slot rows
        step.updater.step();
        return loss;
    }
}
