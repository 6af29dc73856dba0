package io.dense4j.data.csv;

import io.dense4j.data.Categories;
import io.dense4j.data.DataFileException;
import io.dense4j.io.IoReason;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Streams the rows of a CSV file: reads it in large byte chunks and parses each feature cell with
 * FastDoubleParser straight from the bytes, so a row costs no objects. Values are delivered as
 * float32 (a float64 model widens them). Memory stays bounded by the
 * chunk and the longest line, whatever the file's size.
 *
 * <p>Rules: UTF-8 (text in another encoding is turned into it as it is read); lines end in \n or
 * \r\n; blank lines (nothing but spaces and tabs) are skipped; a field may be quoted with double
 * quotes (a doubled quote inside stands for one), and may then hold line ends; spaces and tabs
 * around a number are ignored. Every feature cell must be a finite number. An empty cell, NA, N/A
 * or NaN (any case) is a missing value: an error, unless the reader {@link #allowingMissing()
 * allows them}, when it reads as NaN. Infinity is always an error. Each error names the file, line
 * and column and quotes the cell.
 *
 * <p>This class runs the passes: it splits the file, sends each pass's first line to
 * {@link ColumnLayout} and the data rows to {@link RowParser}, and passes over bad rows when asked.
 * The lines come from {@link LineBuffer}; fields, cells and labels are read by {@link FieldScanner},
 * {@link CellParser} and {@link LabelParser}.
 */
public final class CsvReader {
    /** Hears each row; {@code features} is reused for the next row, so copy what you keep. */
    public interface RowHandler {
        /**
         * @param provisionalClass the label's class in first-seen order, see {@link LabelMapping}
         * @param weight           the row's weight in the training loss: its weight column's value, or 1
         */
        void row(long line, float[] features, int provisionalClass, float weight);
    }

    /**
     * A row handler that also hears the text of the columns a reader {@link #keeping keeps}: for
     * each row, {@link #keptCell} once per kept column in the order named, then {@link #row}.
     */
    public interface KeepingHandler extends RowHandler {
        /** Kept column {@code k}'s cell, unquoted, in {@code bytes[from, to)} (UTF-8), valid until this call returns. */
        void keptCell(int k, byte[] bytes, int from, int to);
    }

    /**
     * What a pass over the file found.
     *
     * @param skippedRows       bad rows passed over (only when reading with bad rows skipped)
     * @param firstSkippedLines the line numbers of the first few of them
     * @param firstSkippedProblem the first one's place and problem ({@code line 9, column 2 ("b"): …}); null for none
     * @param missingByFeature  each feature's missing numbers read as NaN (with missing values allowed), in their order
     */
    public record Summary(List<String> featureNames, long rows, LabelMapping labels, long skippedRows,
                          List<Long> firstSkippedLines, String firstSkippedProblem, long[] missingByFeature, Map<String, CategoryDictionary> categories,
                          Map<String, Long> unknownCategoryRows, LabelRuns labelRuns) {

        /**
         * @param categories          each categorical column's values and counts, by name (empty
         *                            when reading with a model's categories)
         * @param unknownCategoryRows reading with a model's categories: per categorical column, the
         *                            rows whose value the model does not know (empty otherwise)
         * @param labelRuns           how the labels came in runs, by provisional class
         */
        public Summary {
            missingByFeature = missingByFeature.clone();
            categories = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(categories));
            unknownCategoryRows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unknownCategoryRows));
        }

        /**
         * Per categorical column, the values that came once its bound was reached and surely hold
         * more rows than some value it numbered ({@link CategoryDictionary#frequentPastTheBound}):
         * what a second pass reserves. Only the columns that have any.
         */
        public Map<String, List<String>> frequentPastTheBound() {
            Map<String, List<String>> frequent = new java.util.LinkedHashMap<>();
            categories.forEach((column, dictionary) -> {
                List<String> values = dictionary.frequentPastTheBound();
                if (!values.isEmpty()) {
                    frequent.put(column, values);
                }
            });
            return frequent;
        }

        /** Without the labels' runs, which a scoring pass has no use for. */
        public Summary(List<String> featureNames, long rows, LabelMapping labels, long skippedRows, List<Long> firstSkippedLines,
                       long[] missingByFeature, Map<String, CategoryDictionary> categories, Map<String, Long> unknownCategoryRows) {
            this(featureNames, rows, labels, skippedRows, firstSkippedLines, null, missingByFeature, categories, unknownCategoryRows,
                    LabelRuns.NONE);
        }

        @Override
        public long[] missingByFeature() {
            return missingByFeature.clone();
        }

        /** Missing numbers read as NaN in all. */
        public long missingValues() {
            return java.util.Arrays.stream(missingByFeature).sum();
        }

        /** {@code a} and {@code b}, two counts per feature, added feature by feature. */
        public static long[] added(long[] a, long[] b) {
            long[] sum = a.clone();
            for (int j = 0; j < sum.length; j++) {
                sum[j] += b[j];
            }
            return sum;
        }
    }

    /** Bytes read at a time; a longer line grows the buffer. */
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final CsvFormat format;
    private final int chunk;
    private final boolean skipBadRows;
    private final boolean allowMissing;
    private final boolean collectLabels;
    private final List<String> kept;
    /** The model's categories the categorical columns are read with, by name; null to learn them from the file. */
    private final Map<String, Categories> scoring;
    /** Per categorical column, values numbered past its bound too (see {@link #reserving}). */
    private final Map<String, List<String>> reserved;

    /** Whether the file is one of several read as one table, which may hold a header row and no rows. */
    private final boolean partOfASet;
    /** A model's class names, which every label must be one of (by value); null to take the file's. */
    private final List<String> classes;

    /** Distinct label names a reader {@link #collectingLabels() collecting them} accepts. */
    public static final int COLLECTED_LABELS_MAX = 100;

    public CsvReader(Path file, CsvFormat format) {
        this(file, format, CHUNK, false, false);
    }

    /** With a chosen chunk size: tests use tiny ones so that every line crosses chunk boundaries. */
    CsvReader(Path file, CsvFormat format, int chunk, boolean skipBadRows, boolean allowMissing) {
        this(file, format, chunk, skipBadRows, allowMissing, false, List.of(), null, Map.of(), null, false);
    }

    /** Every setting; the public ways to a reader are the constructor above and the methods that give one changed. */
    private CsvReader(Path file, CsvFormat format, int chunk, boolean skipBadRows, boolean allowMissing, boolean collectLabels,
                      List<String> kept, Map<String, Categories> scoring, Map<String, List<String>> reserved, List<String> classes,
                      boolean partOfASet) {
        this.partOfASet = partOfASet;
        this.classes = classes;
        this.kept = List.copyOf(kept);
        this.scoring = scoring;
        this.reserved = reserved;
        this.file = file;
        this.format = format;
        this.chunk = chunk;
        this.skipBadRows = skipBadRows;
        this.allowMissing = allowMissing;
        this.collectLabels = collectLabels;
    }

    /**
     * This reader, but passing over data rows with a bad cell or field count instead of stopping;
     * the summary counts them and names the first few lines. Problems with the file itself, its
     * header or its first row still stop the read.
     */
    public CsvReader skippingBadRows() {
        return new CsvReader(file, format, chunk, true, allowMissing, collectLabels, kept, scoring, reserved, classes, partOfASet);
    }

    /** This reader, but reading a missing feature value as NaN (counted in the summary) instead of stopping. */
    public CsvReader allowingMissing() {
        return new CsvReader(file, format, chunk, skipBadRows, true, collectLabels, kept, scoring, reserved, classes, partOfASet);
    }

    /**
     * This reader, but taking any label names (up to {@link #COLLECTED_LABELS_MAX}) without judging
     * them: each row's provisional class is its name's place in first-seen order, and the summary's
     * mapping lists every name. For a piece of a file, whose names only make sense together with the
     * other pieces' (dense4j-spark judges them all in file order, as one reader would).
     */
    public CsvReader collectingLabels() {
        return new CsvReader(file, format, chunk, skipBadRows, allowMissing, true, kept, scoring, reserved, classes, partOfASet);
    }

    /**
     * This reader, also handing the text of the columns {@code names} (by header name) to a
     * {@link KeepingHandler}, row by row: what {@code predict --keep} copies through.
     */
    public CsvReader keeping(List<String> names) {
        if (!names.isEmpty() && !format.header()) {
            throw new IllegalArgumentException("columns are kept by their header names, and " + file + " is read without a header");
        }
        return new CsvReader(file, format, chunk, skipBadRows, allowMissing, collectLabels, names, scoring, reserved, classes, partOfASet);
    }

    /**
     * This reader, for one of several files read as one table: a file of a header row and no data
     * rows (an empty part, as Spark and Hadoop jobs write them) adds no rows rather than stopping
     * the read. Whether the set holds any rows is the caller's check.
     */
    public CsvReader asPartOfASet() {
        return new CsvReader(file, format, chunk, skipBadRows, allowMissing, collectLabels, kept, scoring, reserved, classes, true);
    }

    /**
     * This reader, but refusing a label that is none of a model's {@code classes} (by value: "0.0"
     * is the class of "0") at its row, naming the line and column: a file to score with the model.
     */
    public CsvReader withClasses(List<String> names) {
        return new CsvReader(file, format, chunk, skipBadRows, allowMissing, collectLabels, kept, scoring, reserved,
                names == null || names.stream().anyMatch(java.util.Objects::isNull) ? null : List.copyOf(names), partOfASet);
    }

    /**
     * This reader, but reading the categorical columns with a model's {@code categories} (by name,
     * one for each of the format's categorical columns): each cell as its category's code, a value
     * the model does not know as "other" (counted in the summary), a missing one as "missing".
     */
    public CsvReader scoring(Map<String, Categories> categories) {
        if (!categories.keySet().equals(new java.util.HashSet<>(format.categorical()))) {
            throw new IllegalArgumentException("the categories given are for " + categories.keySet()
                    + ", and the format reads " + format.categorical() + " as categorical");
        }
        return new CsvReader(file, format, chunk, skipBadRows, allowMissing, collectLabels, kept, Map.copyOf(categories), reserved, classes, partOfASet);
    }

    /**
     * This reader, but numbering {@code values} (by column name) wherever they come in their
     * categorical column, past its bound too (see {@link CategoryDictionary#reserving}): a model's
     * categories, or values a first pass found frequent past the bound.
     */
    public CsvReader reserving(Map<String, List<String>> values) {
        return new CsvReader(file, format, chunk, skipBadRows, allowMissing, collectLabels, kept, scoring, Map.copyOf(values), classes, partOfASet);
    }

    /**
     * This reader reserving, on top of what it reserves already, the values {@code summary}'s pass
     * found frequent past a column's bound; null when it found none.
     */
    CsvReader reservingFrequentPastTheBound(Summary summary) {
        Map<String, List<String>> frequent = summary.frequentPastTheBound();
        if (frequent.isEmpty()) {
            return null;
        }
        Map<String, List<String>> values = new java.util.LinkedHashMap<>(reserved);
        frequent.forEach((column, more) -> {
            List<String> all = new java.util.ArrayList<>(values.getOrDefault(column, List.of()));
            all.addAll(more);
            values.put(column, all);
        });
        return reserving(values);
    }

    /**
     * The feature columns whose cells in the first {@code rows} data rows are more often text
     * than numbers (text: neither a number nor a missing value, such as empty, NA, N/A, NaN), but
     * for a column of numbers whose text is one missing-value mark alone ({@link TextColumns}), and
     * those whose numbers there are mostly dates. What a reader infers categorical columns and
     * columns of dates from, as Polars infers a schema from the first rows.
     */
    public FirstRowKinds firstRowKinds(int rows) {
        return open(in -> TextColumns.find(in, file, format, chunk, rows));
    }

    /**
     * {@link #firstRowKinds(int)} over {@code in}, this file's bytes (decompressed) from elsewhere,
     * such as a distributed file system: the same columns, read as far as one machine reads.
     */
    public FirstRowKinds firstRowKinds(InputStream in, int rows) throws IOException {
        return TextColumns.find(in, file, format, chunk, rows);
    }

    /** The column names (the header's, or "column 1", … without one), from the first line alone. */
    public List<String> columnNames() {
        return open(this::layout).names();
    }

    /** The feature columns' names, in their order; from the first line alone. */
    public List<String> featureNames() {
        return open(this::layout).featureNames();
    }

    /** The feature columns' names that {@code firstLine}, the file's first line, gives (read as {@link #featureNames()} reads it). */
    public List<String> featureNames(byte[] firstLine) {
        try {
            return layout(new ByteArrayInputStream(firstLine)).featureNames();
        } catch (IOException impossible) {
            throw cannotRead(impossible);
        }
    }

    /** The label column's header name, or null without a header or a label column; from the first line alone. */
    public String labelColumnName() {
        ColumnLayout layout = open(this::layout);
        return format.header() && layout.labelColumn() >= 0 ? layout.names().get(layout.labelColumn()) : null;
    }

    /** The column names {@code firstLine}, the file's first line, gives (read as {@link #columnNames()} reads it). */
    public List<String> columnNames(byte[] firstLine) {
        try {
            return layout(new ByteArrayInputStream(firstLine)).names();
        } catch (IOException impossible) {
            throw cannotRead(impossible);
        }
    }

    /** Reads every row into {@code handler}, on the calling thread, and returns what it found. */
    public Summary read(RowHandler handler) {
        return open(in -> pass(in, handler, null, CsvProblems.Input.WHOLE));
    }

    /**
     * As {@link #read(RowHandler)}, from {@code in}: this file's bytes, uncompressed, from a stream
     * that can be read once (standard input), its first line included.
     */
    public Summary read(InputStream in, RowHandler handler) {
        try {
            return pass(in, handler, null, CsvProblems.Input.WHOLE);
        } catch (IOException failed) {
            throw cannotRead(failed);
        }
    }

    /**
     * Reads the file's first {@code bytes} bytes, as {@link #read} reads the whole file: a pass over
     * the file as it was when it was measured, whatever is appended to it meanwhile.
     */
    public Summary readUpTo(long bytes, RowHandler handler) {
        if (Files.isDirectory(file)) {
            throw new DataFileException(file, "is a directory, not a CSV file", null);
        }
        try {
            return readRange(null, 0, bytes, handler);
        } catch (DataFileException problem) {
            if (problem.getCause() instanceof NoSuchFileException missing) {
                throw new DataFileException(file, "no such file", missing);
            }
            throw problem;
        }
    }

    /** What is done with the file's bytes: a pass over them, or reading the first line alone. */
    private interface Reading<T> {
        T from(InputStream in) throws IOException;
    }

    /** Does {@code reading} over the whole file, its problems opening or reading it as a {@link DataFileException}. */
    private <T> T open(Reading<T> reading) {
        if (Files.isDirectory(file)) {
            throw new DataFileException(file, "is a directory, not a CSV file", null);
        }
        try (InputStream raw = Files.newInputStream(file); InputStream in = decompressed(raw)) {
            return reading.from(in);
        } catch (NoSuchFileException missing) {
            throw new DataFileException(file, "no such file", missing);
        } catch (IOException failed) {
            throw cannotRead(failed);
        }
    }

    DataFileException cannotRead(IOException failed) {
        if (failed instanceof TextEncoding.Utf8File) {
            return new DataFileException(file, failed.getMessage(), failed);
        }
        if (failed instanceof Gzip.Damaged) { // a cut-off member, a bad checksum, bytes after the last member
            return new DataFileException(file, "is gzip-compressed but damaged or cut short: " + failed.getMessage(), failed);
        }
        return new DataFileException(file, "cannot be read: " + IoReason.of(failed), failed);
    }

    /**
     * Whether the file is gzip-compressed, by its first two bytes (1F 8B, which no text starts
     * with), whatever its name: it is then read through a decompressor, on one thread.
     */
    boolean gzip() {
        try (InputStream in = Files.newInputStream(file)) {
            return Gzip.starts(in.readNBytes(2));
        } catch (IOException unreadable) {
            return false; // the read that follows says what is wrong
        }
    }

    /**
     * {@code in}, decompressed when the file is gzip: every member of it, refusing bytes after the
     * last. An archive, a file compressed otherwise, or a gzip file holding an archive (a .tar.gz)
     * is refused as what it is.
     */
    private InputStream decompressed(InputStream in) throws IOException {
        InputStream raw = new BufferedInputStream(in, PackedFormat.HEAD_BYTES);
        PackedFormat.refuse(raw, false, problem -> new DataFileException(file, problem, null));
        if (!Gzip.starts(raw)) { // as gzip() asks, of the bytes at hand
            return raw;
        }
        InputStream inside = new BufferedInputStream(Gzip.members(raw), 1 << 16);
        try {
            PackedFormat.refuse(inside, true, problem -> new DataFileException(file, problem, null));
        } catch (IOException | RuntimeException refused) {
            inside.close(); // the decompressor's native memory, now rather than at a collection
            throw refused;
        }
        return inside;
    }

    /**
     * Reads one piece of the file, for callers that split it themselves (dense4j-spark reads one
     * piece per task): {@code piece} holds whole lines and starts at a line start. The piece at
     * byte 0 ({@code firstLine} null) is read as the whole file is, header included; a later piece
     * is all data rows, laid out as {@code firstLine}, the file's first line, says. Line numbers in
     * the summary and in errors count from the piece's start ({@link DataFileException#afterLines}
     * moves an error's). A piece may hold no rows: whether the file has any is the caller's check.
     */
    public Summary readPiece(InputStream piece, byte[] firstLine, RowHandler handler) {
        try {
            ColumnLayout layout = firstLine == null ? null : layout(new ByteArrayInputStream(firstLine));
            return pass(piece, handler, layout, CsvProblems.Input.PIECE);
        } catch (IOException failed) {
            throw cannotRead(failed);
        }
    }

    /**
     * The rows of bytes [from, to) of the file, which start at a line start: read as the whole file
     * is, header included, from byte 0 ({@code layout} null); else data rows laid out as
     * {@code layout} says, their lines counted from the range's start.
     */
    Summary readRange(ColumnLayout layout, long from, long to, RowHandler handler) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            InputStream range = new ByteRanges.Stream(channel, from, to);
            // a range to the file's end ends where the file does; a gzip file is read from 0 only
            return pass(from == 0 ? decompressed(range) : range, handler, layout, to >= channel.size() ? CsvProblems.Input.WHOLE
                    : CsvProblems.Input.PART);
        } catch (IOException failed) {
            throw cannotRead(failed);
        }
    }

    /** The layout the file's first non-blank line gives. */
    ColumnLayout layout() {
        return open(this::layout);
    }

    Path file() {
        return file;
    }

    /** The index of the first '\n' in {@code bytes[from, to)}, or −1 (see {@link LineBuffer#indexOfNewline}). */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        return LineBuffer.indexOfNewline(bytes, from, to);
    }

    /** The layout the first non-blank line of {@code in} gives; nothing after that line is read. */
    private ColumnLayout layout(InputStream in) throws IOException {
        LineBuffer lines = new LineBuffer(format.textEncoding().decoding(in, true), chunk, format.delimiter());
        CsvProblems problems = new CsvProblems(file, lines, format.textEncoding());
        while (lines.next()) {
            if (!format.blankLine(lines.bytes(), lines.start(), lines.end())) {
                return ColumnLayout.read(format, lines.bytes(), afterByteOrderMark(lines.bytes(), lines.start(), lines.end()),
                        lines.end(), problems);
            }
        }
        throw isEmpty();
    }

    /**
     * Where the file's first line starts once a UTF-8 byte order mark (EF BB BF, which spreadsheet
     * programs write) is passed over: it is not part of the first column's name or value.
     */
    static int afterByteOrderMark(byte[] bytes, int from, int to) {
        return to - from >= 3 && bytes[from] == (byte) 0xEF && bytes[from + 1] == (byte) 0xBB && bytes[from + 2] == (byte) 0xBF
                ? from + 3 : from;
    }

    private DataFileException isEmpty() {
        return new DataFileException(file, "is empty: expected " + (format.header() ? "a header row and " : "") + "data rows", null);
    }

    /**
     * One pass over {@code in}, every row to {@code handler}. With {@code layout} null its first
     * line is the file's, to be laid out (and read as a row without a header); otherwise every line
     * is data laid out as {@code layout} says. {@code input} says what {@code in} is: a Spark piece
     * may hold no rows.
     */
    private Summary pass(InputStream in, RowHandler handler, ColumnLayout layout, CsvProblems.Input input) throws IOException {
        boolean piece = input == CsvProblems.Input.PIECE;
        LineBuffer lines = new LineBuffer(format.textEncoding().decoding(in, layout == null), chunk, format.delimiter());
        CsvProblems problems = new CsvProblems(file, lines, format.textEncoding());
        problems.reading(input);
        RowParser parser = layout == null ? null : rowParser(layout, problems, handler);
        long rows = 0;
        SkippedRows skipped = new SkippedRows();
        try {
            while (lines.next()) {
                int from = lines.start();
                int to = lines.end();
                if (format.blankLine(lines.bytes(), from, to)) {
                    continue;
                }
                if (lines.openAtEnd() && input == CsvProblems.Input.PART) { // cut inside a row: the caller reads again from the part's start
                    throw new PartEndsInsideAQuotedField();
                }
                if (parser == null) {
                    from = afterByteOrderMark(lines.bytes(), from, to);
                    layout = ColumnLayout.read(format, lines.bytes(), from, to, problems);
                    parser = rowParser(layout, problems, handler);
                    if (!format.header()) { // the first row is data, never skipped: the file's layout rests on it
                        parser.parse(lines.bytes(), from, to, lines.line());
                        rows++;
                    }
                } else if (!skipBadRows) {
                    parser.parse(lines.bytes(), from, to, lines.line());
                    rows++;
                } else {
                    try {
                        parser.parse(lines.bytes(), from, to, lines.line());
                        rows++;
                    } catch (DataFileException bad) {
                        if (lines.openAtEnd() && piece) {
                            throw bad; // a piece cut inside a row: skipping would read other rows than one machine
                        }
                        if (problems.tookMisshapen() && lines.lastLine() > lines.line()) {
                            lines.restartAfterFirstLine(); // perhaps rows a stray quote ran together: skip its first line alone
                        }
                        skipped.skip(bad, lines.line());
                    }
                }
            }
        } catch (LabelParser.NotTheModels stop) { // not a bad row: skipping it would leave a class out
            throw stop.problem();
        }
        if (parser == null) {
            throw isEmpty();
        }
        if (rows == 0 && skipped.count() > 0 && !piece) {
            throw new DataFileException(file, "has no good data row: all " + skipped.count() + " were bad; the first: "
                    + skipped.first().getMessage(), skipped.first());
        }
        if (rows == 0 && !piece && !partOfASet) {
            throw new DataFileException(file, "has a header row but no data rows", null);
        }
        Map<String, CategoryDictionary> seen = new java.util.LinkedHashMap<>();
        Map<String, Long> unknown = new java.util.LinkedHashMap<>();
        List<String> featureNames = layout.featureNames();
        for (int place = 0; place < featureNames.size(); place++) {
            CategoryCells cells = parser.categoryCells(place);
            if (cells instanceof CategoryDictionary dictionary) {
                seen.put(featureNames.get(place), dictionary);
            } else if (cells instanceof CategoryLookup lookup) {
                unknown.put(featureNames.get(place), lookup.unknownRows());
            }
        }
        return new Summary(featureNames, rows, parser.labels(), skipped.count(), skipped.firstLines(), skipped.firstProblem(),
                parser.missingByFeature(), seen,
                unknown, parser.labelRuns());
    }

    private RowParser rowParser(ColumnLayout layout, CsvProblems problems, RowHandler handler) {
        if (format.header()) {
            problems.nameColumns(layout.names()); // cells are named by the header from here on
        }
        int[] keptColumns = new int[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            keptColumns[k] = layout.names().indexOf(kept.get(k));
            if (keptColumns[k] < 0) {
                throw problems.row("has no column named \"" + kept.get(k) + "\" to keep" + ColumnLayout.namedAlike(kept.get(k),
                        layout.names()) + "; its columns are " + ColumnLayout.listed(layout.names()));
            }
        }
        Map<String, CategoryCells> categories = new java.util.HashMap<>();
        int mostValues = CategoryDictionary.mostValuesEach(format.categorical().size());
        for (String name : format.categorical()) {
            categories.put(name, scoring != null ? new CategoryLookup(scoring.get(name))
                    : CategoryDictionary.reserving(reserved.getOrDefault(name, List.of()), mostValues));
        }
        return new RowParser(layout, format, allowMissing, collectLabels, classes, problems, handler, keptColumns, categories,
                classes != null || scoring != null);
    }
}
