package io.dense4j.data.csv;

import io.dense4j.data.BatchSource;
import io.dense4j.data.Categories;
import io.dense4j.data.DataFileException;
import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.RowSelection;
import io.dense4j.io.AtomicFiles;
import io.dense4j.tensor.NativeArray;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A CSV file to train on, however large. Opening it reads it once, on the caller's thread:
 * every cell is checked (so a bad one stops everything before any weight changes), the rows and
 * classes are counted, and, unless turned off, the rows are written to a binary cache beside the
 * file (or in a chosen folder) that later passes map into memory. An unchanged file with a
 * complete cache is not parsed again at all.
 *
 * <p>{@link #rows} then gives batch sources over any {@link RowSelection}: from the cache, a full
 * permutation per epoch; without one, the file is parsed again on each pass by a background thread,
 * shuffled through a shuffle buffer, in bounded memory.
 *
 * <pre>{@code
 * CsvSource data = CsvSource.open(Path.of("train.csv"), CsvFormat.defaults(),
 *         CsvSource.Options.defaults().fillingMissing());
 * Model model = new Sequential(new Dense(64, new ReLU()), new Dense(1, new Sigmoid()))
 *         .compile(InputSchema.of(data, 100), new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults());
 * model.fit(data, FitOptions.builder().epochs(10).validationSplit(0.1).build());
 * }</pre>
 */
public final class CsvSource {

    /**
     * How to read and keep the file.
     *
     * @param cache             whether to build and use the binary cache
     * @param cacheDirectory    where the cache goes; null for beside the CSV file
     * @param skipBadRows       pass over bad rows instead of stopping (see {@link CsvReader#skippingBadRows()})
     * @param fillMissing       read missing values (empty, NA, NaN) to be filled with the feature's training mean
     * @param shuffleBufferRows rows in the shuffle buffer of a pass without cache
     * @param firstPassThreads  threads parsing the first pass (the check and the cache build) of a
     *                          file of 64 MiB or more, each a range of the file
     * @param classes           the label names meaning class 0 and class 1 (a model's, to score it):
     *                          every label must be one of them, and one class alone is fine; null to
     *                          learn them from the file, which must then hold both
     * @param kinds             which feature columns are categorical (by default, those with text in
     *                          the first rows)
     * @param fallbackCacheDirectory where the cache goes when it belongs beside the file but the
     *                          file's folder cannot be written (a read-only mount, say): by default
     *                          {@link #userCacheDirectory()}; null for no cache then
     */
    public record Options(boolean cache, Path cacheDirectory, boolean skipBadRows, boolean fillMissing,
                          int shuffleBufferRows, int firstPassThreads, List<String> classes, ColumnKinds kinds,
                          Path fallbackCacheDirectory) {

        public Options {
            if (shuffleBufferRows < 1) {
                throw new IllegalArgumentException("the shuffle buffer needs at least 1 row, got " + shuffleBufferRows);
            }
            if (firstPassThreads < 1) {
                throw new IllegalArgumentException("the first pass needs at least 1 thread, got " + firstPassThreads);
            }
            if (classes != null && classes.size() != 2) {
                throw new IllegalArgumentException("a binary classifier has 2 classes, got " + classes);
            }
            Objects.requireNonNull(kinds, "column kinds");
        }

        /**
         * A cache beside the file; bad rows and missing values stop the read; a 65,536-row shuffle
         * buffer; the first pass on as many threads as there are cores, up to 4.
         */
        public static Options defaults() {
            return new Options(true, null, false, false, 65_536, Math.min(4, Runtime.getRuntime().availableProcessors()),
                    null, ColumnKinds.inferred(), userCacheDirectory());
        }

        /**
         * The user's cache folder for dense4j: {@code $XDG_CACHE_HOME/dense4j}, else
         * {@code ~/.cache/dense4j}, as the XDG base directory convention places caches.
         */
        public static Path userCacheDirectory() {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".cache");
            return base.resolve("dense4j");
        }

        /** Where the cache goes when the file's folder cannot be written; null for no cache then. */
        public Options withFallbackCacheDirectory(Path directory) {
            return new Options(cache, cacheDirectory, skipBadRows, fillMissing, shuffleBufferRows, firstPassThreads, classes, kinds,
                    directory);
        }

        public Options withoutCache() {
            return new Options(false, null, skipBadRows, fillMissing, shuffleBufferRows, firstPassThreads, classes, kinds,
                    fallbackCacheDirectory);
        }

        public Options withCacheDirectory(Path directory) {
            return new Options(true, Objects.requireNonNull(directory, "cache directory"), skipBadRows, fillMissing,
                    shuffleBufferRows, firstPassThreads, classes, kinds, fallbackCacheDirectory);
        }

        public Options skippingBadRows() {
            return new Options(cache, cacheDirectory, true, fillMissing, shuffleBufferRows, firstPassThreads, classes, kinds,
                    fallbackCacheDirectory);
        }

        public Options fillingMissing() {
            return new Options(cache, cacheDirectory, skipBadRows, true, shuffleBufferRows, firstPassThreads, classes, kinds,
                    fallbackCacheDirectory);
        }

        public Options withShuffleBuffer(int rows) {
            return new Options(cache, cacheDirectory, skipBadRows, fillMissing, rows, firstPassThreads, classes, kinds,
                    fallbackCacheDirectory);
        }

        /** Labels named as a model names its classes (null: learned from the file). */
        public Options withClasses(List<String> names) {
            return new Options(cache, cacheDirectory, skipBadRows, fillMissing, shuffleBufferRows, firstPassThreads,
                    names == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(names)), kinds,
                    fallbackCacheDirectory);
        }

        /** Which feature columns are read as categories (see {@link ColumnKinds}). */
        public Options withKinds(ColumnKinds newKinds) {
            return new Options(cache, cacheDirectory, skipBadRows, fillMissing, shuffleBufferRows, firstPassThreads, classes,
                    newKinds, fallbackCacheDirectory);
        }

        /** Reads these columns as categories, whatever they hold. */
        public Options withCategorical(List<String> names) {
            return withKinds(kinds.withCategorical(names));
        }

        /** Reads these columns as numbers, whatever the first rows hold. */
        public Options withNumeric(List<String> names) {
            return withKinds(kinds.withNumeric(names));
        }

        public Options withFirstPassThreads(int threads) {
            return new Options(cache, cacheDirectory, skipBadRows, fillMissing, shuffleBufferRows, threads, classes, kinds,
                    fallbackCacheDirectory);
        }
    }

    private final Path file;
    private final Options options;
    private final CsvReader reader;
    private final Fingerprint fingerprint;
    private final CsvCache.Metadata scan;
    private final Path cacheFile;
    private final String cacheStatus;
    private final String labelName;
    private final List<String> classes;
    private final boolean flipped;
    private final FloatBuffer[] mapped;
    private final FileCategories categorical;
    private long[] classTotals;

    private CsvSource(Path file, Options options, CsvReader reader, Fingerprint fingerprint, CsvCache.Metadata scan,
                      Path cacheFile, String cacheStatus, String labelName) {
        this.file = file;
        this.labelName = labelName;
        this.options = options;
        this.reader = reader;
        this.fingerprint = fingerprint;
        this.scan = scan;
        this.cacheFile = cacheFile;
        this.cacheStatus = cacheStatus;
        // mapped now, while the file is the one just checked: another open may rebuild that path later
        this.mapped = cacheFile == null ? null : CsvCache.map(cacheFile, scan);
        this.categorical = new FileCategories(file, scan.categorical());
        LabelMapping seen = LabelMapping.restore(scan.labelNames());
        this.classes = options.classes() != null ? options.classes() : Arrays.asList(seen.classes());
        this.flipped = options.classes() != null ? LabelMapping.classOf(options.classes(), scan.labelNames().get(0)) == 1 : seen.flipped();
    }

    /** Reads and checks {@code file} (or finds its cache up to date), as described above. */
    public static CsvSource open(Path file, CsvFormat format, Options options) {
        if (!format.labeled()) {
            throw new IllegalArgumentException("training and evaluation read a label column: the CSV format has none");
        }
        CsvReader probe = new CsvReader(file, format);
        String labelName = probe.labelColumnName(); // a missing file, a folder, an empty file or a bad header: say so first
        ColumnKinds kinds = options.kinds();
        format = format.withCategorical(kinds.resolve(file, probe.featureNames(),
                kinds.infer() ? probe.textColumns(ColumnKinds.INFERENCE_ROWS) : List.of()));
        CsvReader reader = new CsvReader(file, format);
        if (options.skipBadRows()) {
            reader = reader.skippingBadRows();
        }
        if (options.fillMissing()) {
            reader = reader.allowingMissing();
        }
        Fingerprint fingerprint = Fingerprint.of(file);
        CsvCache.Metadata scan = null;
        Path cacheFile = null;
        String status = "off";
        if (options.cache()) {
            cacheFile = CsvCache.location(file, options.cacheDirectory());
            String[] why = new String[1];
            String[] how = new String[1];
            scan = CsvCache.usable(cacheFile, file, fingerprint, format, options.skipBadRows(), options.fillMissing(), why, how);
            String moved = "";
            if (scan == null && options.cacheDirectory() == null && !AtomicFiles.canCreateFilesIn(cacheFile.getParent())) {
                Path readOnly = cacheFile.getParent();
                Path fallback = options.fallbackCacheDirectory();
                if (fallback != null && AtomicFiles.canCreateFilesIn(fallback)) {
                    cacheFile = CsvCache.fallbackLocation(file, fallback);
                    moved = "; " + readOnly + " cannot be written";
                    scan = CsvCache.usable(cacheFile, file, fingerprint, format, options.skipBadRows(), options.fillMissing(), why,
                            how);
                } else {
                    cacheFile = null;
                    status = "off (" + readOnly + (fallback != null ? " and " + fallback : "") + " cannot be written)";
                }
            }
            if (scan != null) {
                status = "reused " + cacheFile + (how[0] != null ? " (" + how[0] + ")" : "");
            } else if (cacheFile != null) {
                CompletableFuture<String> hashing = ContentHash.inBackground(file, fingerprint.size());
                scan = buildCache(file, format, options, reader, fingerprint, cacheFile, hashing);
                status = "built " + cacheFile + " (" + why[0] + moved + ")";
            }
        }
        if (cacheFile == null) {
            CompletableFuture<String> hashing = ContentHash.inBackground(file, fingerprint.size());
            CsvReader.RowHandler[] checks = new CsvReader.RowHandler[options.firstPassThreads()];
            Arrays.fill(checks, (CsvReader.RowHandler) (line, features, provisionalClass, weight) -> { });
            CsvReader.Summary summary = PartedRead.summary(reader, checks, null, new int[checks.length][][]);
            scan = metadata(file, format, options, fingerprint, hashing, summary != null ? summary
                    : reader.read((line, features, provisionalClass, weight) -> { }));
        }
        if (options.classes() != null) {
            for (String name : scan.labelNames()) {
                if (LabelMapping.classOf(options.classes(), name) < 0) {
                    throw new DataFileException(file, "has the label \"" + name + "\", which is not one of the model's classes "
                            + options.classes(), null);
                }
            }
        } else if (scan.labelNames().size() < 2) {
            throw new DataFileException(file, "has only one label value (" + scan.labelNames().get(0)
                    + ") in its label column; a binary classifier needs two", null);
        }
        return new CsvSource(file, options, reader, fingerprint, scan, cacheFile, status, labelName);
    }

    /** Parses the file into a new cache, in parts on several threads when it is large enough. */
    private static CsvCache.Metadata buildCache(Path file, CsvFormat format, Options options, CsvReader reader,
                                                Fingerprint fingerprint, Path cacheFile, CompletableFuture<String> hashing) {
        CsvCache.Writer[] parts = new CsvCache.Writer[options.firstPassThreads()];
        try {
            for (int k = 0; k < parts.length; k++) {
                parts[k] = new CsvCache.Writer(cacheFile, k, format.weightName() != null);
            }
            boolean[] flipped = new boolean[parts.length];
            int[][][] renumber = new int[parts.length][][];
            CsvReader.Summary summary = PartedRead.summary(reader, parts, flipped, renumber);
            if (summary != null) {
                int[] places = summary.categories().keySet().stream().mapToInt(summary.featureNames()::indexOf).toArray();
                for (int k = 1; k < parts.length; k++) {
                    parts[0].append(parts[k], summary.featureNames().size(), flipped[k], places, renumber[k]);
                }
            } else { // one thread: a small file, or a problem a serial read must report exactly
                for (CsvCache.Writer part : parts) {
                    part.close();
                }
                parts[0] = new CsvCache.Writer(cacheFile, format.weightName() != null);
                summary = reader.read(parts[0]);
            }
            CsvCache.Metadata scan = metadata(file, format, options, fingerprint, hashing, summary);
            parts[0].finish(scan);
            return scan;
        } finally {
            for (CsvCache.Writer part : parts) {
                if (part != null) {
                    part.close();
                }
            }
        }
    }

    private static CsvCache.Metadata metadata(Path file, CsvFormat format, Options options, Fingerprint fingerprint,
                                              CompletableFuture<String> hashing, CsvReader.Summary summary) {
        String content = ContentHash.await(hashing);
        try {
            if (!fingerprint.unchanged(file)) {
                throw new DataFileException(file, "changed while it was being read", null);
            }
        } catch (IOException failed) {
            throw new DataFileException(file, "cannot be read: " + failed.getMessage(), failed);
        }
        return new CsvCache.Metadata(CsvCache.VERSION, fingerprint, content, format, options.skipBadRows(),
                options.fillMissing(), summary.featureNames().size(), summary.rows(), summary.featureNames(),
                Arrays.asList(summary.labels().names()), summary.skippedRows(), summary.firstSkippedLines(),
                summary.missingValues(), summary.categories().entrySet().stream()
                        .map(column -> CsvCache.CategoricalColumn.of(column.getKey(), column.getValue())).toList(),
                0); // the rows' checksum is the cache writer's to fill in
    }

    /**
     * The rows of {@code selection} as batches in the model's {@code type}, each missing value
     * replaced by its feature's entry in {@code fill} (needed exactly when the file has missing
     * values; see {@link #statistics}).
     */
    public BatchSource rows(RowSelection selection, double[] fill, DataType type) {
        return rows(selection, fill, Map.of(), type);
    }

    /**
     * As above, each categorical column's cells as their codes in {@code categories} (a model's,
     * by column name; one for each of {@link #categoricalColumns()}).
     */
    public BatchSource rows(RowSelection selection, double[] fill, Map<String, Categories> categories, DataType type) {
        CategoryCodes codes = categorical.codes(featureNames(), categories);
        if (missingValues() > 0) {
            Objects.requireNonNull(fill, () -> file + " has " + missingValues() + " missing values: give the values to fill them with");
            if (fill.length != width()) {
                throw new IllegalArgumentException("fill values are per feature: expected " + width() + ", got " + fill.length);
            }
        }
        return rawRows(selection, missingValues() > 0 ? fill.clone() : null, codes, type);
    }

    private BatchSource rawRows(RowSelection selection, double[] fill, CategoryCodes codes, DataType type) {
        if (cacheFile == null) {
            long selected = selection.stratified() ? selection.count(classTotals()[0], classTotals()[1]) : selection.count(rows());
            return new StreamedBatches(file, reader, fingerprint, selection, selected, width(), flipped(), weighted(),
                    fill, codes, options.shuffleBufferRows(), type);
        }
        if (rows() > Integer.MAX_VALUE) {
            throw new DataFileException(file, "has " + rows() + " rows; training from the cache handles up to 2^31 − 1", null);
        }
        int[] picked = new int[(int) rows()];
        int count = 0;
        RowSelection.Walker walker = selection.walker();
        for (int row = 0; row < rows(); row++) {
            if (walker.includes(cachedLabel(row))) {
                picked[count++] = row;
            }
        }
        return new CachedBatches(mapped, width(), Arrays.copyOf(picked, count), flipped(), weighted(), fill, codes);
    }

    /** The class of cached row {@code row}. */
    private float cachedLabel(int row) {
        int perSegment = CsvCache.rowsPerSegment(width(), weighted());
        float provisional = mapped[row / perSegment].get((row % perSegment) * CsvCache.rowFloats(width(), weighted()) + width());
        return flipped() ? 1 - provisional : provisional;
    }

    /** Rows of class 0 and of class 1, counted once (a pass over the file when there is no cache), for stratified counts. */
    private long[] classTotals() {
        if (classTotals == null) {
            long[] totals = new long[2];
            if (mapped != null) {
                for (int row = 0; row < rows(); row++) {
                    totals[cachedLabel(row) == 1 ? 1 : 0]++;
                }
            } else {
                reader.read((line, features, provisionalClass, weight) -> totals[(flipped() ? 1 - provisionalClass : provisionalClass) == 1 ? 1 : 0]++);
            }
            classTotals = totals;
        }
        return classTotals;
    }

    /**
     * Each feature's mean and standard deviation over the rows of {@code selection}, missing values
     * left out, and their class counts.
     */
    public FeatureStatistics statistics(RowSelection selection) {
        int chunk = StreamedBatches.blockRows(width());
        FeatureStatistics statistics = new FeatureStatistics(width());
        NativeArray features = NativeArray.allocate(DataType.FLOAT, (long) chunk * width());
        NativeArray labels = NativeArray.allocate(DataType.FLOAT, chunk);
        float[] values = new float[chunk * width()];
        try (BatchSource rows = rawRows(selection, null, CategoryCodes.NONE, DataType.FLOAT)) {
            rows.startPass(0, 0, false);
            for (int count; (count = rows.next(chunk, features, labels)) > 0; ) {
                for (int i = 0; i < count * width(); i++) {
                    values[i] = (float) features.get(i);
                }
                for (int r = 0; r < count; r++) {
                    statistics.add(values, r * width());
                    statistics.addLabel(labels.get(r));
                }
            }
        }
        return statistics;
    }

    public Path file() {
        return file;
    }

    /** The file's fingerprint, taken when it was opened. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The label column's header name, or null for a file without a header. */
    public String labelName() {
        return labelName;
    }

    /** The XXH3-128 of the whole file as it was read (see {@link ContentHash}): what it holds, wherever it lives. */
    public String contentHash() {
        return scan.csvXxh128();
    }

    public List<String> featureNames() {
        return scan.featureNames();
    }

    /** The feature columns read as categories, in feature order (declared, or found holding text in the first rows). */
    public List<String> categoricalColumns() {
        return categorical.names();
    }

    /**
     * Each categorical column's encoding, by name in feature order: its {@code maxCategories} most
     * frequent values in the whole file (ties in first-seen order), the rest as "other". To learn
     * it from the training rows of a split, see {@link #categories(int, RowSelection)}.
     */
    public Map<String, Categories> categories(int maxCategories) {
        return categorical.encodings(maxCategories);
    }

    /**
     * Each categorical column's encoding learned from the rows of {@code selection} alone (a fit's
     * training rows): the {@code maxCategories} values most frequent there, ties in first-seen
     * order. A value found only in other rows is one a model never trains a weight for, so it
     * reads as "other", as a value never seen does. Counting is a pass over the selected rows, from
     * the cache or the file; none when the selection holds every row.
     */
    public Map<String, Categories> categories(int maxCategories, RowSelection selection) {
        if (categorical.names().isEmpty() || selection.everyRow()) {
            return categories(maxCategories);
        }
        try (BatchSource rows = rawRows(selection, null, CategoryCodes.NONE, DataType.FLOAT)) {
            return categorical.encodings(maxCategories, rows, featureNames());
        }
    }

    /** Categorical column {@code name}'s values and their counts, as the first pass found them. */
    public CategoryDictionary categoryCounts(String name) {
        return categorical.counts(name);
    }

    /**
     * Per categorical column, the rows whose value is not among {@code categories} (a model's):
     * values it never saw, or kept as "other". For the note that says how many rows that was.
     */
    public Map<String, Long> unknownCategoryRows(Map<String, Categories> categories) {
        return categorical.unknownRows(categories);
    }

    public int width() {
        return scan.width();
    }

    /** Good data rows (those not skipped). */
    public long rows() {
        return scan.rows();
    }

    /** Whether each row carries a weight for the training loss, read from the format's weight column. */
    public boolean weighted() {
        return scan.format().weightName() != null;
    }

    /** The names meaning class 0 and class 1. */
    public List<String> classes() {
        return classes;
    }

    /** How labels map to classes, for reports: "0 = \"no\", 1 = \"yes\"". */
    public String labels() {
        return "0 = " + (classes.get(0) == null ? "(none)" : "\"" + classes.get(0) + "\"")
                + ", 1 = " + (classes.get(1) == null ? "(none)" : "\"" + classes.get(1) + "\"");
    }

    private boolean flipped() {
        return flipped;
    }

    public long skippedRows() {
        return scan.skippedRows();
    }

    public List<Long> firstSkippedLines() {
        return scan.firstSkippedLines();
    }

    /** Missing feature values found (0 unless missing values are filled). */
    public long missingValues() {
        return scan.missingValues();
    }

    /** The binary cache file, or null when the cache is off. */
    public Path cacheFile() {
        return cacheFile;
    }

    /** What happened to the cache: "off", "reused …", or "built … (why)". */
    public String cacheStatus() {
        return cacheStatus;
    }

    /** Whether missing values are read (to be filled) rather than refused. */
    public boolean fillsMissing() {
        return options.fillMissing();
    }
}
