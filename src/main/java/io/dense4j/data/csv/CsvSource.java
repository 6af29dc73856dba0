package io.dense4j.data.csv;

import io.dense4j.data.BatchSource;
import io.dense4j.data.Categories;
import io.dense4j.data.DataFileException;
import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.Printable;
import io.dense4j.data.RowSelection;
import io.dense4j.tensor.NativeArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A CSV file to train on, however large, or several read as one table ({@link CsvFiles}: a folder
 * or a glob, each file checked and cached on its own). Opening it reads it once, on the caller's thread:
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
public final class CsvSource implements CategoricalRows {

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
                          Path fallbackCacheDirectory, Map<String, List<String>> reserved) {

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
            reserved = Map.copyOf(reserved);
        }

        /**
         * A cache beside the file; bad rows and missing values stop the read; a 65,536-row shuffle
         * buffer; the first pass on as many threads as there are cores, up to 4.
         */
        public static Options defaults() {
            return new Options(true, null, false, false, 65_536, Math.min(4, Runtime.getRuntime().availableProcessors()),
                    null, ColumnKinds.inferred(), userCacheDirectory(), Map.of());
        }

        /**
         * The user's cache folder for dense4j: {@code $XDG_CACHE_HOME/dense4j}, else
         * {@code $HOME/.cache/dense4j}, as the XDG base directory convention places caches; Java's
         * {@code user.home} (from the user database) only without {@code $HOME}.
         */
        public static Path userCacheDirectory() {
            String xdg = System.getenv("XDG_CACHE_HOME");
            String home = System.getenv("HOME");
            Path base = absolute(xdg) ? Path.of(xdg)
                    : Path.of(absolute(home) ? home : System.getProperty("user.home"), ".cache");
            return base.resolve("dense4j");
        }

        private static boolean absolute(String path) {
            return path != null && !path.isBlank() && Path.of(path).isAbsolute();
        }

        /** Where the cache goes when the file's folder cannot be written; null for no cache then. */
        public Options withFallbackCacheDirectory(Path directory) {
            return new Options(cache, cacheDirectory, skipBadRows, fillMissing, shuffleBufferRows, firstPassThreads, classes, kinds,
                    directory, reserved);
        }

        public Options withoutCache() {
            return new Options(false, null, skipBadRows, fillMissing, shuffleBufferRows, firstPassThreads, classes, kinds,
                    fallbackCacheDirectory, reserved);
        }

        public Options withCacheDirectory(Path directory) {
            return new Options(true, Objects.requireNonNull(directory, "cache directory"), skipBadRows, fillMissing,
                    shuffleBufferRows, firstPassThreads, classes, kinds, fallbackCacheDirectory, reserved);
        }

        public Options skippingBadRows() {
            return new Options(cache, cacheDirectory, true, fillMissing, shuffleBufferRows, firstPassThreads, classes, kinds,
                    fallbackCacheDirectory, reserved);
        }

        public Options fillingMissing() {
            return new Options(cache, cacheDirectory, skipBadRows, true, shuffleBufferRows, firstPassThreads, classes, kinds,
                    fallbackCacheDirectory, reserved);
        }

        public Options withShuffleBuffer(int rows) {
            return new Options(cache, cacheDirectory, skipBadRows, fillMissing, rows, firstPassThreads, classes, kinds,
                    fallbackCacheDirectory, reserved);
        }

        /** Labels named as a model names its classes (null: learned from the file). */
        public Options withClasses(List<String> names) {
            return new Options(cache, cacheDirectory, skipBadRows, fillMissing, shuffleBufferRows, firstPassThreads,
                    names == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(names)), kinds,
                    fallbackCacheDirectory, reserved);
        }

        /** Which feature columns are read as categories (see {@link ColumnKinds}). */
        public Options withKinds(ColumnKinds newKinds) {
            return new Options(cache, cacheDirectory, skipBadRows, fillMissing, shuffleBufferRows, firstPassThreads, classes,
                    newKinds, fallbackCacheDirectory, reserved);
        }

        /** Reads these columns as categories, whatever they hold. */
        public Options withCategorical(List<String> names) {
            return withKinds(kinds.withCategorical(names));
        }

        /** Reads these columns as numbers, whatever the first rows hold. */
        public Options withNumeric(List<String> names) {
            return withKinds(kinds.withNumeric(names));
        }

        /** Reserves numbers for a model's {@code categories} in each of their columns, as scoring with the model wants. */
        public Options reserving(Map<String, io.dense4j.data.Categories> categories) {
            Map<String, List<String>> values = new java.util.HashMap<>();
            categories.forEach((column, encoding) -> values.put(column, encoding.values()));
            return new Options(cache, cacheDirectory, skipBadRows, fillMissing, shuffleBufferRows, firstPassThreads, classes, kinds,
                    fallbackCacheDirectory, values);
        }

        public Options withFirstPassThreads(int threads) {
            return new Options(cache, cacheDirectory, skipBadRows, fillMissing, shuffleBufferRows, threads, classes, kinds,
                    fallbackCacheDirectory, reserved);
        }
    }

    private final CsvFiles names;
    private final Options options;
    private final List<CsvFile> files;
    private final String labelName;
    private final List<String> classes;
    private final FileCategories categorical;
    private final List<String> rowNumberColumns;
    private long[] classTotals;

    private CsvSource(CsvFiles names, Options options, List<CsvFile> files, String labelName, List<String> classes,
                      List<String> rowNumberColumns) {
        this.names = names;
        this.options = options;
        this.files = List.copyOf(files);
        this.labelName = labelName;
        this.classes = classes;
        this.rowNumberColumns = List.copyOf(rowNumberColumns);
        this.categorical = new FileCategories(names.toString(), files.stream().map(CsvFile::categorical).toList());
    }

    /** Reads and checks {@code file} (or finds its cache up to date), as described above. */
    public static CsvSource open(Path file, CsvFormat format, Options options) {
        return open(CsvFiles.of(java.util.Objects.requireNonNull(file, "file")), format, options);
    }

    /**
     * Reads and checks each of {@code files} as above, each with its own cache, and serves them as
     * one table, their rows in file order. Their headers must give the same feature and label
     * columns; together they hold two labels at most (one file alone may hold one), which map to
     * classes as one file's would; each categorical column's values are counted over them all.
     */
    public static CsvSource open(CsvFiles files, CsvFormat format, Options options) {
        java.util.Objects.requireNonNull(files, "files");
        java.util.Objects.requireNonNull(options, "options");
        if (!java.util.Objects.requireNonNull(format, "format").labeled()) {
            throw new IllegalArgumentException("training and evaluation read a label column: the CSV format has none");
        }
        List<CsvReader> probes = new ArrayList<>();
        for (Path file : files.paths()) {
            CsvReader probe = new CsvReader(file, format);
            probe.labelColumnName(); // a missing file, a folder, an empty file or a bad header: say so first
            probes.add(probe);
        }
        CsvReader first = probes.get(0);
        for (int k = 1; k < probes.size(); k++) {
            FileSetRules.checkSameColumns(files.paths().get(0), first, files.paths().get(k), probes.get(k));
        }
        ColumnKinds kinds = options.kinds();
        if (!format.categorical().isEmpty()) { // declared in the format (CsvFormat.withCategorical) as well as in the options
            List<String> declared = new ArrayList<>(kinds.categorical());
            format.categorical().stream().filter(name -> !declared.contains(name)).forEach(declared::add);
            kinds = kinds.withCategorical(declared);
        }
        List<String> withText = new ArrayList<>();
        List<String> withDates = new ArrayList<>();
        List<String> rowNumbers = new ArrayList<>();
        if (kinds.infer()) { // a column with text in any file's first rows holds categories
            for (CsvReader probe : probes) {
                FirstRowKinds found = probe.firstRowKinds(ColumnKinds.INFERENCE_ROWS);
                found.withText().stream().filter(name -> !withText.contains(name)).forEach(withText::add);
                found.withDates().stream().filter(name -> !withDates.contains(name)).forEach(withDates::add);
                found.rowNumbers().stream().filter(name -> !rowNumbers.contains(name)).forEach(rowNumbers::add);
            }
        }
        CsvFormat settled = format.withCategorical(kinds.resolve(files.paths().get(0), first.featureNames(), withText));
        format.dates().stream().filter(name -> !withDates.contains(name)).forEach(withDates::add); // a model's, to score or resume
        withDates.removeAll(settled.categorical());
        settled = settled.withDates(first.featureNames().stream().filter(withDates::contains).toList());
        rowNumbers.removeAll(settled.categorical());
        rowNumbers.removeAll(settled.dates());
        List<CsvFile> opened = new ArrayList<>();
        for (Path file : files.paths()) {
            try {
                opened.add(CsvFile.open(file, settled, options, files.paths().size() > 1));
            } catch (DataFileException problem) {
                throw kinds.explained(problem);
            }
        }
        // each file of a set may be an empty part, not all of them; one file's cache built as part of a set may hold no rows
        if (opened.stream().mapToLong(CsvFile::rows).sum() == 0) {
            throw new DataFileException(files.paths().get(0), (opened.size() > 1 ? "and the files after it hold" : "has")
                    + " a header row but no data rows", null);
        }
        return new CsvSource(files, options, opened, first.labelColumnName(),
                FileSetRules.classes(opened, options.classes(), first.labelColumnName(), format.labelChoiceNote()), rowNumbers);
    }

    /** Each file's rows as a pass reads them, its categorical cells coded by {@code codes(k)}. */
    private FileRows[] parts(java.util.function.IntFunction<CategoryCodes> codes) {
        FileRows[] parts = new FileRows[files.size()];
        for (int k = 0; k < parts.length; k++) {
            List<String> labels = files.get(k).labelNames();
            boolean flipped = !labels.isEmpty() && LabelMapping.classOf(classes, labels.get(0)) == 1;
            parts[k] = new FileRows(files.get(k), flipped, codes.apply(k));
        }
        return parts;
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
        FileRows[] parts = parts(k -> categorical.codes(k, featureNames(), categories));
        if (missingValues() > 0) {
            if (fill == null) { // the data's condition, not a programming slip: an argument error naming it
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s has %,d missing value%s, and no values "
                        + "were given to fill them with (a model fills them only if it was trained so); read it without "
                        + "fillingMissing() to have the first one named by line and column", names, missingValues(),
                        missingValues() == 1 ? "" : "s"));
            }
            if (fill.length != width()) {
                throw new IllegalArgumentException("fill values are per feature: expected " + width() + ", got " + fill.length);
            }
        }
        return rawRows(selection, missingValues() > 0 ? fill.clone() : null, parts, type);
    }

    /**
     * How a pass shuffles this source's rows: 0 when all at once (every file has its cache), else
     * the rows of the buffer they stream through (as a checkpoint records it, to resume alike).
     */
    public int shuffleBuffer() {
        return files.stream().anyMatch(file -> file.mapped() == null) ? options.shuffleBufferRows() : 0;
    }

    /**
     * When the rows stream through a shuffle buffer and their labels come in a run of one label
     * longer than the buffer and far longer than chance gives (a file sorted by its label, a set
     * of files split by it, or rows in a time order along which the labels come in blocks; a share
     * that drifts slowly makes no long runs, and is not noted): the longest run, for
     * a note; else 0. Batches then hold one class for long stretches. Runs go on across the files
     * of a set, as the stream reads them; a file whose cache was reused had no pass over its text
     * to count them, and breaks the runs.
     */
    public long labelRunPastTheShuffleBuffer() {
        int buffer = shuffleBuffer();
        if (buffer == 0) {
            return 0;
        }
        long longest = 0;
        LabelRuns joined = LabelRuns.NONE;
        for (CsvFile file : files) {
            LabelRuns runs = file.labelRuns();
            if (runs == null) {
                longest = Math.max(longest, joined.beyondChanceAndLongerThan(buffer) ? joined.longest() : 0);
                joined = LabelRuns.NONE;
                continue;
            }
            List<String> names = file.labelNames(); // this file's provisional classes, in the set's classes
            boolean flipped = !names.isEmpty() && LabelMapping.classOf(classes, names.get(0)) == 1;
            joined = joined.then(flipped ? runs.flipped() : runs);
        }
        return Math.max(longest, joined.beyondChanceAndLongerThan(buffer) ? joined.longest() : 0);
    }

    private BatchSource rawRows(RowSelection selection, double[] fill, FileRows[] parts, DataType type) {
        if (shuffleBuffer() > 0) {
            long[] totals = selection.stratified() ? classTotals() : null; // one copy of the counts, now that they are public
            long selected = totals != null ? selection.count(totals[0], totals[1]) : selection.count(rows());
            return new StreamedBatches(parts, selection, selected, width(), weighted(), fill, options.shuffleBufferRows(), type);
        }
        if (rows() > Integer.MAX_VALUE) {
            throw new DataFileException(files.get(0).path(), (files.size() > 1 ? "and the files after it hold " : "has ") + rows()
                    + " rows; training from the cache handles up to 2^31 − 1", null);
        }
        int[] picked = new int[(int) rows()];
        int count = 0;
        RowSelection.Walker walker = selection.walker();
        int row = 0;
        for (FileRows part : parts) {
            for (int local = 0; local < part.file().rows(); local++, row++) {
                if (walker.includes(part.label(part.file().cachedProvisionalClass(local)))) {
                    picked[count++] = row;
                }
            }
        }
        return new CachedBatches(parts, width(), Arrays.copyOf(picked, count), weighted(), fill);
    }

    /** Rows of class 0 and of class 1, counted once (from the caches, or a pass over the files), for stratified counts. */
    public long[] classTotals() {
        if (classTotals == null) {
            classTotals = classCounts(List.of(RowSelection.all()))[0];
        }
        return classTotals.clone();
    }

    /**
     * The rows of class 0 and of class 1 that each of {@code selections} holds ({@code [s][c]}), in
     * one pass over the labels (from the caches, or the files): for cross-validation, whose folds
     * are checked for rows of each class to train on before the first one trains.
     */
    public long[][] classCounts(List<RowSelection> selections) {
        long[][] counts = new long[selections.size()][2];
        RowSelection.Walker[] walkers = selections.stream().map(RowSelection::walker).toArray(RowSelection.Walker[]::new);
        java.util.function.IntConsumer count = label -> {
            for (int s = 0; s < walkers.length; s++) {
                if (walkers[s].includes(label)) {
                    counts[s][label]++;
                }
            }
        };
        for (FileRows part : parts(k -> CategoryCodes.NONE)) {
            if (part.file().mapped() != null) {
                for (int row = 0; row < part.file().rows(); row++) {
                    count.accept((int) part.label(part.file().cachedProvisionalClass(row)));
                }
            } else {
                part.file().reader().read((line, features, provisionalClass, weight) -> count.accept((int) part.label(provisionalClass)));
            }
        }
        return counts;
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
        NativeArray weights = NativeArray.allocate(DataType.FLOAT, chunk);
        float[] values = new float[chunk * width()];
        // categorical cells as the set numbers their values: as one file holding all the rows would read them
        try (BatchSource rows = rawRows(selection, null, parts(k -> categorical.setNumbers(k, featureNames())), DataType.FLOAT)) {
            rows.startPass(0, 0, false);
            for (int count; (count = rows.next(chunk, features, labels, weights)) > 0; ) {
                for (int i = 0; i < count * width(); i++) {
                    values[i] = (float) features.get(i);
                }
                for (int r = 0; r < count; r++) {
                    statistics.add(values, r * width());
                    statistics.addLabel(labels.get(r), weights.get(r));
                }
            }
        }
        return statistics;
    }

    /** The files, and what they were asked for as. */
    public CsvFiles files() {
        return names;
    }

    /** The file, or the folder or glob and how many files it holds: for messages. */
    @Override
    public String name() {
        return names.toString();
    }

    /**
     * Data row {@code row} (from 0, through the files) in words a reader finds it by: "b.csv, line
     * 3: data row 2", counting the rows read, and saying so where bad rows were skipped. The file
     * is read again up to the row for its line, which only a pass can tell: for messages.
     */
    public String describeRow(long row) {
        long before = 0;
        for (CsvFile file : files) {
            if (row < before + file.rows()) {
                return String.format(java.util.Locale.ROOT, "%s%s: data row %,d%s", file.path(), lineOf(file, row - before + 1),
                        row - before + 1, file.skippedRows() == 0 ? "" : String.format(java.util.Locale.ROOT,
                        " of those read (%,d bad row%s skipped)", file.skippedRows(), file.skippedRows() == 1 ? " was" : "s were"));
            }
            before += file.rows();
        }
        return String.format(java.util.Locale.ROOT, "%s: data row %,d", name(), row + 1);
    }

    /** ", line L" for data row {@code row} (from 1) of {@code file}, read again to find it; empty if it cannot be. */
    private static String lineOf(CsvFile file, long row) {
        try {
            long line = DataRowLine.of(file.reader(), row);
            return line < 0 ? "" : String.format(java.util.Locale.ROOT, ", line %,d", line);
        } catch (RuntimeException unreadable) { // changed or gone since: the row's place among the rows read still names it
            return "";
        }
    }

    /** The files' fingerprints, taken when they were opened, in file order. */
    public List<Fingerprint> fingerprints() {
        return files.stream().map(CsvFile::fingerprint).toList();
    }

    /** The label column's header name, or null for a file without a header. */
    public String labelName() {
        return labelName;
    }

    /**
     * The XXH3-128 of the whole file as it was read (see {@link ContentHash}): what it holds,
     * wherever it lives. For several files, the XXH3-128 of their hashes in file order, in hex,
     * each followed by a newline (what {@code xxhsum -H2 FILES | cut -d' ' -f1 | xxhsum -H2} prints).
     */
    public String contentHash() {
        return ContentHash.combined(files.stream().map(CsvFile::contentHash).toList());
    }

    public List<String> featureNames() {
        return files.get(0).featureNames();
    }

    /**
     * The number feature columns of dates ({@code 2020-03-14}), each read as its days since
     * 1970-01-01: those whose first rows hold mostly dates, and a model's.
     */
    public List<String> dateColumns() {
        return format().dates();
    }

    /**
     * The number feature columns whose first rows in some file count up by one, row by row, as a
     * row number does ({@link FirstRowKinds#rowNumbers}); none when every column's kind is declared.
     */
    public List<String> rowNumberColumns() {
        return rowNumberColumns;
    }

    /** The feature columns read as categories, in feature order (declared, or found holding text in the first rows). */
    @Override
    public List<String> categoricalColumns() {
        return categorical.names();
    }

    /**
     * Each categorical column's encoding, by name in feature order: its {@code maxCategories} most
     * frequent values in all the rows (ties in first-seen order), the rest as "other". To learn
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
     * the cache or the files; none when the selection holds every row.
     */
    @Override
    public Map<String, Categories> categories(int maxCategories, RowSelection selection) {
        if (categorical.names().isEmpty() || selection.everyRow()) {
            return categories(maxCategories);
        }
        try (BatchSource rows = rawRows(selection, null, parts(k -> categorical.setNumbers(k, featureNames())), DataType.FLOAT)) {
            return categorical.encodings(maxCategories, rows, featureNames());
        }
    }

    /** Categorical column {@code name}'s values and their counts, as the first passes found them. */
    @Override
    public CategoryDictionary categoryCounts(String name) {
        return categorical.counts(name);
    }

    /**
     * Per categorical column, the rows whose value is not among {@code categories} (a model's):
     * values it never saw, or kept as "other". For the note that says how many rows that was.
     */
    @Override
    public Map<String, Long> unknownCategoryRows(Map<String, Categories> categories) {
        return categorical.unknownRows(categories);
    }

    public int width() {
        return featureNames().size();
    }

    /** Good data rows (those not skipped). */
    @Override
    public long rows() {
        return files.stream().mapToLong(CsvFile::rows).sum();
    }

    /** The layout the files were read with (their decimal and thousands separators, say). */
    public CsvFormat format() {
        return files.get(0).format();
    }

    /** Whether each row carries a weight for the training loss, read from the format's weight column. */
    public boolean weighted() {
        return files.get(0).weighted();
    }

    /**
     * This source with {@code name} as class 1 and the other label as class 0, whichever the labels'
     * own order ({@link LabelMapping}) made class 1: for rare positives whose name sorts first
     * ("fraud" beside "ok"). Nothing is read again.
     *
     * @throws IllegalArgumentException when {@code name} is neither label
     */
    public CsvSource withPositiveClass(String name) {
        List<String> ordered = LabelMapping.withPositive(classes, name);
        return ordered == classes ? this : new CsvSource(names, options, files, labelName, ordered, rowNumberColumns);
    }

    /** The names meaning class 0 and class 1. */
    public List<String> classes() {
        return classes;
    }

    /** How labels map to classes, for reports: "0 = \"no\", 1 = \"yes\"". */
    public String labels() {
        return "0 = " + (classes.get(0) == null ? "(none)" : "\"" + Printable.whole(classes.get(0)) + "\"")
                + ", 1 = " + (classes.get(1) == null ? "(none)" : "\"" + Printable.whole(classes.get(1)) + "\"");
    }

    public long skippedRows() {
        return files.stream().mapToLong(CsvFile::skippedRows).sum();
    }

    /** The rows skipped in {@code file}, one of these files. */
    public long skippedRows(Path file) {
        return files.stream().filter(read -> read.path().equals(file)).mapToLong(CsvFile::skippedRows).sum();
    }

    /** The rows read from {@code file}, one of these files, those skipped left out. */
    public long rows(Path file) {
        return files.stream().filter(read -> read.path().equals(file)).mapToLong(CsvFile::rows).sum();
    }

    /** Per file with skipped rows, the line numbers of its first ones (up to the first pass's bound). */
    public Map<Path, List<Long>> firstSkippedLines() {
        Map<Path, List<Long>> lines = new java.util.LinkedHashMap<>();
        files.stream().filter(file -> file.skippedRows() > 0).forEach(file -> lines.put(file.path(), file.firstSkippedLines()));
        return lines;
    }

    /**
     * The first skipped row of {@code file}, one of these files: its place and problem as the
     * command line shows them ({@code line 9, column 2 ("b"): …}); null when none was skipped, or
     * the cache was written before it kept them.
     */
    public String firstSkippedProblem(Path file) {
        return files.stream().filter(read -> read.path().equals(file) && read.skippedRows() > 0).map(CsvFile::firstSkippedProblem)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /**
     * Each feature column's missing numbers over these files, by name in the features' order, the
     * columns without any left out; null when a file's cache was written before it kept them.
     */
    public Map<String, Long> missingByColumn() {
        long[] sum = new long[featureNames().size()];
        for (CsvFile file : files) {
            List<Long> counts = file.missingByFeature();
            if (counts == null || counts.size() != sum.length) {
                return null;
            }
            for (int j = 0; j < sum.length; j++) {
                sum[j] += counts.get(j);
            }
        }
        Map<String, Long> byColumn = new java.util.LinkedHashMap<>();
        for (int j = 0; j < sum.length; j++) {
            if (sum[j] > 0) {
                byColumn.put(featureNames().get(j), sum[j]);
            }
        }
        return byColumn;
    }

    /** Missing feature values found (0 unless missing values are filled). */
    public long missingValues() {
        return files.stream().mapToLong(CsvFile::missingValues).sum();
    }

    /** The binary cache file of one file, or null when the cache is off (for several files, see {@link #cacheStatus()}). */
    public Path cacheFile() {
        return files.size() == 1 ? files.get(0).cacheFile() : null;
    }

    /**
     * What happened to the cache: "off", "reused …", or "built … (why)"; for several files, how
     * many caches were built and reused, and the first one's status otherwise.
     */
    public String cacheStatus() {
        if (files.size() == 1) {
            return files.get(0).cacheStatus();
        }
        long built = files.stream().filter(file -> file.cacheStatus().startsWith("built")).count();
        long reused = files.stream().filter(file -> file.cacheStatus().startsWith("reused")).count();
        long off = files.size() - built - reused;
        List<String> parts = new ArrayList<>();
        if (built > 0) {
            parts.add(built + " built");
        }
        if (reused > 0) {
            parts.add(reused + " reused");
        }
        if (off > 0) {
            parts.add(off + " " + files.stream().map(CsvFile::cacheStatus).filter(status -> status.startsWith("off")).findFirst()
                    .orElse("off"));
        }
        return String.join(", ", parts) + (off == 0 ? " (one per file, beside it or in "
                + files.get(0).cacheFile().getParent() + ")" : "");
    }

    /** Whether missing values are read (to be filled) rather than refused. */
    public boolean fillsMissing() {
        return options.fillMissing();
    }
}
