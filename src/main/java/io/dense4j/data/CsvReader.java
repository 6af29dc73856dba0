package io.dense4j.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Streams the rows of a CSV file: reads it in large byte chunks and parses each feature cell with
 * FastDoubleParser straight from the bytes, so a row costs no objects. Values are delivered as
 * float32 (a float64 model widens them). Memory stays bounded by the
 * chunk and the longest line, whatever the file's size.
 *
 * <p>Rules: UTF-8; lines end in \n or \r\n; blank lines are skipped; a field may be quoted with
 * double quotes (a doubled quote inside stands for one) but may not span lines; spaces and tabs
 * around a number are ignored. Every feature cell must be a finite number. An empty cell, NA, N/A
 * or NaN (any case) is a missing value: an error, unless the reader {@link #allowingMissing()
 * allows them}, when it reads as NaN. Infinity is always an error. Each error names the file, line
 * and column and quotes the cell.
 */
public final class CsvReader {
    /** Hears each row; {@code features} is reused for the next row, so copy what you keep. */
    public interface RowHandler {
        /** @param provisionalClass the label's class in first-seen order, see {@link LabelMapping} */
        void row(long line, float[] features, int provisionalClass);
    }

    /**
     * What a pass over the file found.
     *
     * @param skippedRows       bad rows passed over (only when reading with bad rows skipped)
     * @param firstSkippedLines the line numbers of the first few of them
     */
    public record Summary(List<String> featureNames, long rows, LabelMapping labels, long skippedRows,
                          List<Long> firstSkippedLines, long missingValues) {
    }

    /** How many skipped lines a summary names. */
    private static final int SKIPPED_LINES_NAMED = 5;

    /** Bytes read at a time; a longer line grows the buffer. */
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final CsvFormat format;
    private final int chunk;
    private final boolean skipBadRows;
    private final boolean allowMissing;
    private final boolean collectLabels;

    /** Distinct label names a reader {@link #collectingLabels() collecting them} accepts. */
    public static final int COLLECTED_LABELS_MAX = 100;

    public CsvReader(Path file, CsvFormat format) {
        this(file, format, CHUNK, false, false);
    }

    /** With a chosen chunk size: tests use tiny ones so that every line crosses chunk boundaries. */
    CsvReader(Path file, CsvFormat format, int chunk, boolean skipBadRows, boolean allowMissing) {
        this(file, format, chunk, skipBadRows, allowMissing, false);
    }

    private CsvReader(Path file, CsvFormat format, int chunk, boolean skipBadRows, boolean allowMissing, boolean collectLabels) {
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
        return new CsvReader(file, format, chunk, true, allowMissing, collectLabels);
    }

    /** This reader, but reading a missing feature value as NaN (counted in the summary) instead of stopping. */
    public CsvReader allowingMissing() {
        return new CsvReader(file, format, chunk, skipBadRows, true, collectLabels);
    }

    /**
     * This reader, but taking any label names (up to {@link #COLLECTED_LABELS_MAX}) without judging
     * them: each row's provisional class is its name's place in first-seen order, and the summary's
     * mapping lists every name. For a piece of a file, whose names only make sense together with the
     * other pieces' (dense4j-spark judges them all in file order, as one reader would).
     */
    public CsvReader collectingLabels() {
        return new CsvReader(file, format, chunk, skipBadRows, allowMissing, true);
    }

    /** The column names (the header's, or "column 1", … without one), from the first line alone. */
    public List<String> columnNames() {
        return open(null).columnNames;
    }

    /** The column names {@code firstLine}, the file's first line, gives (read as {@link #columnNames()} reads it). */
    public List<String> columnNames(byte[] firstLine) {
        try {
            Pass layout = new Pass(new ByteArrayInputStream(firstLine), null);
            layout.run();
            return layout.columnNames;
        } catch (IOException impossible) {
            throw new DataFileException(file, "cannot be read: " + impossible.getMessage(), impossible);
        }
    }

    /** Reads every row into {@code handler}, on the calling thread, and returns what it found. */
    public Summary read(RowHandler handler) {
        return open(handler).summary;
    }

    /** A pass over the file: the whole file with a handler, the first line alone without one. */
    private Pass open(RowHandler handler) {
        if (Files.isDirectory(file)) {
            throw new DataFileException(file, "is a directory, not a CSV file", null);
        }
        try (InputStream in = Files.newInputStream(file)) {
            Pass pass = new Pass(in, handler);
            pass.run();
            return pass;
        } catch (NoSuchFileException missing) {
            throw new DataFileException(file, "no such file", missing);
        } catch (IOException failed) {
            throw new DataFileException(file, "cannot be read: " + failed.getMessage(), failed);
        }
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
            Pass layout = null;
            if (firstLine != null) {
                layout = new Pass(new ByteArrayInputStream(firstLine), null);
                layout.run();
            }
            Pass pass = new Pass(piece, handler, layout);
            pass.piece = true;
            pass.run();
            return pass.summary;
        } catch (IOException failed) {
            throw new DataFileException(file, "cannot be read: " + failed.getMessage(), failed);
        }
    }

    /** Files smaller than this are read on one thread: splitting them gains little. */
    static final long PARALLEL_MINIMUM_BYTES = 64L << 20;

    /**
     * Reads the file as {@code handlers.length} byte ranges at once, split at line ends, range
     * {@code k}'s rows going in order to {@code handlers[k]} on a thread of its own (range 0 on the
     * caller's). Line numbers, and so the summaries' skipped lines, count from each range's start,
     * and each range maps its own labels in its own first-seen order. Meant for the common case of
     * a good file: the caller merges the summaries, and on any exception reads the file again on
     * one thread for the exact message. Returns null for a file too small to split.
     */
    Summary[] readInParts(RowHandler[] handlers) {
        Pass layout = open(null);
        long[] bounds = splitPoints(handlers.length);
        if (bounds == null) {
            return null;
        }
        Summary[] summaries = new Summary[handlers.length];
        Throwable[] failures = new Throwable[handlers.length];
        Runnable[] reads = new Runnable[handlers.length];
        for (int k = 0; k < handlers.length; k++) {
            int part = k;
            reads[k] = () -> {
                try {
                    summaries[part] = readRange(part == 0 ? null : layout, bounds[part], bounds[part + 1], handlers[part]);
                } catch (RuntimeException | Error failed) {
                    failures[part] = failed;
                }
            };
        }
        Thread[] threads = new Thread[handlers.length - 1];
        for (int k = 1; k < handlers.length; k++) {
            threads[k - 1] = new Thread(reads[k], "dense4j-csv-part-" + k);
            threads[k - 1].setDaemon(true);
            threads[k - 1].start();
        }
        reads[0].run(); // range 0 on the caller's thread, while the others run
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + file, interrupted);
            }
        }
        for (Throwable failure : failures) {
            if (failure instanceof RuntimeException problem) {
                throw problem;
            }
            if (failure != null) {
                throw new IllegalStateException("a reader thread failed: " + failure, failure);
            }
        }
        return summaries;
    }

    /** Byte offsets of the ranges: 0, the line starts after each k/n of the file, the size; null if it cannot be split. */
    private long[] splitPoints(int parts) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (parts < 2 || size < PARALLEL_MINIMUM_BYTES) {
                return null;
            }
            long[] bounds = new long[parts + 1];
            bounds[parts] = size;
            long previous = nextLineStart(channel, 0); // after the first line, which range 0 reads as header or data
            for (int k = 1; k < parts; k++) {
                long start = nextLineStart(channel, size / parts * k);
                if (start < 0 || start <= previous || start >= size) {
                    return null;
                }
                bounds[k] = previous = start;
            }
            return bounds;
        } catch (IOException failed) {
            throw new DataFileException(file, "cannot be read: " + failed.getMessage(), failed);
        }
    }

    /** The offset just after the first '\n' at or after {@code from} (within 1 MiB), or −1. */
    private static long nextLineStart(FileChannel channel, long from) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(1 << 20);
        channel.read(window, from);
        int found = indexOfNewline(window.array(), 0, window.position());
        return found < 0 ? -1 : from + found + 1;
    }

    private Summary readRange(Pass layout, long from, long to, RowHandler handler) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Pass pass = new Pass(new RangeStream(channel, from, to), handler, layout);
            pass.run();
            return pass.summary;
        } catch (IOException failed) {
            throw new DataFileException(file, "cannot be read: " + failed.getMessage(), failed);
        }
    }

    /** The bytes {@code [from, to)} of a file. */
    private static final class RangeStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        RangeStream(FileChannel channel, long from, long to) {
            this.channel = channel;
            this.position = from;
            this.end = to;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (position >= end) {
                return -1;
            }
            int read = channel.read(ByteBuffer.wrap(bytes, offset, (int) Math.min(length, end - position)), position);
            if (read > 0) {
                position += read;
            }
            return read;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the first '\n' in {@code bytes[from, to)}, or −1: eight bytes at a time, a byte
     * equal to '\n' found as a zero byte of word ^ 0x0A… (the lowest flagged byte is always a true
     * match, so the first match is exact).
     */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        int at = from;
        for (; at + Long.BYTES <= to; at += Long.BYTES) {
            long word = (long) LONGS.get(bytes, at) ^ NEWLINES;
            long zeros = (word - ONES) & ~word & HIGHS;
            if (zeros != 0) {
                return at + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; at < to; at++) {
            if (bytes[at] == '\n') {
                return at;
            }
        }
        return -1;
    }

    /** One pass over the file: the buffer, the line being read, and the columns. */
    private final class Pass {
        private final InputStream in;
        private final RowHandler handler;
        private byte[] buffer = new byte[chunk];
        private int start;      // first unread byte
        private int end;        // end of the bytes read so far
        private boolean exhausted;
        private long line;
        private List<String> columnNames;
        private int columns = -1;
        private int labelColumn;
        private int[] featureOf;  // each column's place among the features, or −1 (the label, a left-out column)
        private long missing;
        private long rowMissing; // the row being read's, counted in only once the row is good
        private float[] features;
        private final LabelMapping labels = collectLabels ? LabelMapping.collecting(COLLECTED_LABELS_MAX) : new LabelMapping();
        private final int[] fieldBounds = new int[2];
        private final PlainDecimal plain = new PlainDecimal();
        private Summary summary;
        private long skipped;
        private final List<Long> firstSkippedLines = new ArrayList<>();
        private DataFileException firstProblem;
        private boolean piece; // one piece of a file: having no rows is not an error here

        Pass(InputStream in, RowHandler handler) {
            this.in = in;
            this.handler = handler;
        }

        /** A pass over a range in the middle of the file: every line is data, laid out as {@code layout} found. */
        Pass(InputStream in, RowHandler handler, Pass layout) {
            this(in, handler);
            if (layout != null) {
                columnNames = layout.columnNames;
                columns = layout.columns;
                labelColumn = layout.labelColumn;
                featureOf = layout.featureOf;
                features = new float[layout.features.length];
            }
        }

        void run() throws IOException {
            long rows = 0;
            for (int lineEnd = nextLine(); lineEnd >= 0; lineEnd = nextLine()) {
                int contentEnd = lineEnd > start && buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                if (contentEnd > start) {
                    if (columns < 0) {
                        firstLine(start, contentEnd);
                        if (handler == null) {
                            return; // only the column names were asked for
                        }
                        if (!format.header()) {
                            rows++; // the first line was already a data row
                        }
                    } else if (!skipBadRows) {
                        dataRow(start, contentEnd);
                        rows++;
                    } else {
                        try {
                            dataRow(start, contentEnd);
                            rows++;
                        } catch (DataFileException bad) {
                            if (skipped++ == 0) {
                                firstProblem = bad;
                            }
                            if (firstSkippedLines.size() < SKIPPED_LINES_NAMED) {
                                firstSkippedLines.add(line);
                            }
                        }
                    }
                }
                start = lineEnd + 1;
            }
            if (columns < 0) {
                throw new DataFileException(file, "is empty: expected " + (format.header() ? "a header row and " : "") + "data rows", null);
            }
            if (rows == 0 && skipped > 0 && !piece) {
                throw new DataFileException(file, "has no good data row: all " + skipped + " were bad; the first: "
                        + firstProblem.getMessage(), firstProblem);
            }
            if (rows == 0 && !piece) {
                throw new DataFileException(file, "has a header row but no data rows", null);
            }
            summary = new Summary(featureNames(), rows, labels, skipped, List.copyOf(firstSkippedLines), missing);
        }

        /** Finds the end (index of '\n', or the end of the data) of the line at {@code start}, reading more as needed; −1 at the end. */
        private int nextLine() throws IOException {
            int scanned = start;
            while (true) {
                int found = indexOfNewline(buffer, scanned, end);
                if (found >= 0) {
                    line++;
                    return found;
                }
                scanned = end;
                if (exhausted) {
                    if (start < end) { // a last line without a final newline
                        line++;
                        buffer = Arrays.copyOf(buffer, Math.max(buffer.length, end + 1));
                        buffer[end] = '\n';
                        return end++;
                    }
                    return -1;
                }
                scanned -= fill();
            }
        }

        /** Moves the unread bytes to the front, grows the buffer for a long line, reads more; returns how far bytes moved. */
        private int fill() throws IOException {
            int moved = start;
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            if (end == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                exhausted = true;
            } else {
                end += read;
            }
            return moved;
        }

        private void firstLine(int from, int to) {
            byte[] original = format.header() ? null : Arrays.copyOfRange(buffer, from, to); // field() unescapes in place
            List<String> cells = new ArrayList<>();
            for (int at = from, column = 1; at <= to; column++) {
                int next = field(at, to, column);
                cells.add(decode(fieldBounds[0], fieldBounds[1], column));
                at = next + 1;
            }
            columns = cells.size();
            if (columns < (format.labeled() ? 2 : 1)) {
                throw new DataFileException(file, line, "found 1 column; a CSV for training needs at least one feature and a label"
                        + (format.delimiter() != ',' ? "" : " (is the delimiter a comma?)"));
            }
            if (format.header()) {
                columnNames = cells;
            } else {
                columnNames = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    columnNames.add("column " + i);
                }
            }
            labelColumn = format.labeled() ? resolveLabelColumn() : -1;
            featureOf = resolveFeatureColumns();
            features = new float[featureNames().size()];
            if (!format.header() && handler != null) {
                System.arraycopy(original, 0, buffer, from, to - from);
                dataRow(from, to);
            }
        }

        private int resolveLabelColumn() {
            if (format.labelName() != null) {
                int index = columnNames.indexOf(format.labelName());
                if (index < 0) {
                    throw new DataFileException(file, line, "has no column named \"" + format.labelName()
                            + "\"; its columns are " + String.join(", ", columnNames));
                }
                return index;
            }
            int index = format.labelIndex() < 0 ? columns - 1 : format.labelIndex();
            if (index >= columns) {
                throw new DataFileException(file, line, "has " + columns + " columns, so no label column " + index
                        + " (counting from 0)");
            }
            return index;
        }

        /** Which columns are features, and where each goes: the chosen ones in their order, or all but the dropped and the label. */
        private int[] resolveFeatureColumns() {
            for (String name : format.features() == null ? format.dropped() : format.features()) {
                if (!columnNames.contains(name)) {
                    throw new DataFileException(file, line, "has no column named \"" + name + "\" to "
                            + (format.features() == null ? "leave out" : "read") + "; its columns are " + String.join(", ", columnNames));
                }
                if (columnNames.indexOf(name) == labelColumn) {
                    throw new DataFileException(file, line, "column \"" + name + "\" is the label; it cannot also be "
                            + (format.features() == null ? "left out" : "a feature"));
                }
            }
            int[] places = new int[columns];
            int next = 0;
            for (int column = 0; column < columns; column++) {
                String name = columnNames.get(column);
                if (column == labelColumn) {
                    places[column] = -1;
                } else if (format.features() != null) {
                    places[column] = format.features().indexOf(name);
                } else {
                    places[column] = format.dropped().contains(name) ? -1 : next++;
                }
            }
            if (format.features() == null && next == 0) {
                throw new DataFileException(file, line, "has no feature column left once the label and the dropped columns are taken out");
            }
            return places;
        }

        private List<String> featureNames() {
            if (format.features() != null) {
                return format.features();
            }
            List<String> names = new ArrayList<>();
            for (int column = 0; column < columns; column++) {
                if (featureOf[column] >= 0) {
                    names.add(columnNames.get(column));
                }
            }
            return names;
        }

        private void dataRow(int from, int to) {
            rowMissing = 0;
            int labelFrom = -1;
            int labelTo = -1;
            int column = 1;
            int at = from;
            while (true) {
                if (column > columns) {
                    throw new DataFileException(file, line, "has more than " + columns + " fields; the "
                            + (format.header() ? "header has " : "first row has ") + columns);
                }
                int place = featureOf[column - 1];
                if (place >= 0) { // the common case first: a plain number read as the field is scanned
                    double value = plain.parseField(buffer, at, to, format.delimiter());
                    float rounded = (float) value;
                    if (value == value && !Float.isInfinite(rounded)) {
                        features[place] = rounded;
                        int next = plain.end();
                        if (next >= to) {
                            break;
                        }
                        at = next + 1;
                        column++;
                        continue;
                    }
                }
                int next = field(at, to, column);
                if (place >= 0) {
                    features[place] = number(fieldBounds[0], fieldBounds[1], column);
                } else if (column - 1 == labelColumn) {
                    labelFrom = fieldBounds[0]; // read once the row's field count is known good
                    labelTo = fieldBounds[1];
                }
                if (next >= to) {
                    break;
                }
                at = next + 1;
                column++;
            }
            if (column < columns) {
                throw new DataFileException(file, line, "has " + column + " fields; the "
                        + (format.header() ? "header has " : "first row has ") + columns);
            }
            int provisionalClass = labelColumn < 0 ? -1 : label(labelFrom, labelTo, labelColumn + 1);
            handler.row(line, features, provisionalClass);
            missing += rowMissing;
        }

        /**
         * Finds the field starting at {@code at}: its content goes to {@code fieldBounds} (quotes and
         * surrounding blanks removed); returns the index of the delimiter after it, or {@code to}.
         */
        private int field(int at, int to, int column) {
            int delimiter = format.delimiter();
            int first = skipBlanks(at, to);
            if (first < to && buffer[first] == '"') {
                int write = first + 1; // unescape "" in place: the content only shrinks
                int read = first + 1;
                while (true) {
                    if (read >= to) {
                        throw cell(column, "a quoted field has no closing quote on its line");
                    }
                    byte b = buffer[read];
                    if (b == '"') {
                        if (read + 1 < to && buffer[read + 1] == '"') {
                            buffer[write++] = '"';
                            read += 2;
                            continue;
                        }
                        break;
                    }
                    buffer[write++] = b;
                    read++;
                }
                fieldBounds[0] = first + 1;
                fieldBounds[1] = write;
                int after = skipBlanks(read + 1, to);
                if (after < to && buffer[after] != delimiter) {
                    throw cell(column, "unexpected text after a quoted field: \""
                            + text(after, Math.min(to, after + 20)) + "\"");
                }
                return after;
            }
            int stop = first;
            while (stop < to && buffer[stop] != delimiter) {
                stop++;
            }
            int last = stop;
            while (last > first && isBlank(buffer[last - 1])) {
                last--;
            }
            fieldBounds[0] = first;
            fieldBounds[1] = last;
            return stop;
        }

        /** Skips spaces and tabs, unless one of them is the delimiter. */
        private int skipBlanks(int at, int to) {
            while (at < to && isBlank(buffer[at])) {
                at++;
            }
            return at;
        }

        private boolean isBlank(byte b) {
            return (b == ' ' || b == '\t') && b != format.delimiter();
        }

        private float number(int from, int to, int column) {
            if (from == to) {
                return missing(column, "empty cell (a missing value); expected a number");
            }
            double value = PlainDecimal.parse(buffer, from, to);
            if (value != value) { // not the plain common case: the full parser, and its special values
                try {
                    value = JavaDoubleParser.parseDouble(buffer, from, to - from);
                } catch (NumberFormatException notANumber) {
                    if (isMissingMark(from, to)) {
                        return missing(column, "\"" + text(from, to) + "\" is a missing value; expected a number");
                    }
                    throw cell(column, "expected a number, got \"" + text(from, to) + "\"");
                }
                if (Double.isNaN(value)) {
                    return missing(column, "\"" + text(from, to) + "\" is a missing value; expected a number");
                }
                if (Double.isInfinite(value)) {
                    throw cell(column, "\"" + text(from, to) + "\" is infinite; expected a finite number");
                }
            }
            float rounded = (float) value;
            if (Float.isInfinite(rounded)) {
                throw cell(column, "\"" + text(from, to) + "\" is beyond float32's range (±3.4e38)");
            }
            return rounded;
        }

        /** NaN for a missing value when they are allowed; otherwise the error, with a hint at the way out. */
        private float missing(int column, String problem) {
            if (!allowMissing) {
                throw cell(column, problem + " (or fill missing values with the column mean)");
            }
            rowMissing++;
            return Float.NaN;
        }

        /** NA, N/A or NaN, in any case (the parser reads "NaN" itself, but not "nan"). Only on the error path, so it may allocate. */
        private boolean isMissingMark(int from, int to) {
            if (to - from < 2 || to - from > 3) {
                return false;
            }
            String mark = new String(buffer, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            return mark.equals("na") || mark.equals("n/a") || mark.equals("nan");
        }

        private int label(int from, int to, int column) {
            if (from == to) {
                throw cell(column, "empty label cell (a missing value)");
            }
            int seenBefore = labels.seen();
            int provisional = labels.provisionalClass(buffer, from, to);
            if (provisional < 0) {
                String[] names = labels.names();
                throw cell(column, collectLabels ? "label \"" + text(from, to) + "\" makes more than " + COLLECTED_LABELS_MAX
                        + " distinct labels; a binary classifier has two"
                        : "label \"" + text(from, to) + "\" is a third class; the labels so far are \""
                        + names[0] + "\" and \"" + names[1] + "\"");
            }
            if (labels.seen() > seenBefore) {
                decode(from, to, column); // a new name must be valid UTF-8
                String problem = collectLabels ? null : labels.problem();
                if (problem != null) {
                    labels.keepFirst(seenBefore); // the rejected name must not count if the row is skipped
                    throw cell(column, problem);
                }
            }
            return provisional;
        }

        /** A bad cell, named by its header when the file has one. */
        private DataFileException cell(int column, String problem) {
            String name = format.header() && columnNames != null ? columnNames.get(column - 1) : null;
            return new DataFileException(file, line, column, name, problem);
        }

        /** Strict UTF-8, for names and labels. */
        private String decode(int from, int to, int column) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(buffer, from, to - from)).toString();
            } catch (CharacterCodingException notUtf8) {
                throw cell(column, "not valid UTF-8: \"" + text(from, to) + "\"");
            }
        }

        /** The bytes as text for a message: UTF-8 where valid, \xNN escapes where not. */
        private String text(int from, int to) {
            StringBuilder text = new StringBuilder();
            for (int i = from; i < to; i++) {
                int b = buffer[i] & 0xff;
                if (b >= 0x20 && b < 0x7f) {
                    text.append((char) b);
                } else {
                    text.append(String.format("\\x%02X", b));
                }
            }
            return text.toString();
        }
    }
}
