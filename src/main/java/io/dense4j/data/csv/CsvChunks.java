package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import java.io.IOException;
import java.nio.file.Files;

/**
 * A CSV file cut at line ends into chunks of about a given size, to be parsed on several threads
 * and used in order (what {@code predict} reads a large file with). Each chunk is read on its
 * own, from any thread; a problem names its line counted from the file's start, as a serial read
 * would. A line end inside a quoted field may cut a row: the chunk before then says so, and its
 * reader reads on from that chunk's start, which is a row's.
 */
public final class CsvChunks {
    private final CsvReader reader;
    private final ColumnLayout layout;
    private final long[] bounds;

    private CsvChunks(CsvReader reader, ColumnLayout layout, long[] bounds) {
        this.reader = reader;
        this.layout = layout;
        this.bounds = bounds;
    }

    /**
     * {@code reader}'s file cut into about {@code bytes}-long chunks; null for a gzip file, one
     * shorter than two chunks, or one whose lines are too long to find a cut.
     */
    public static CsvChunks of(CsvReader reader, long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a chunk holds at least 1 byte, got " + bytes);
        }
        long[] bounds;
        try {
            long size = Files.size(reader.file());
            if (reader.gzip() || size < 2 * bytes) {
                return null;
            }
            bounds = ByteRanges.splitPoints(reader.file(), (int) Math.min(Integer.MAX_VALUE - 1, (size + bytes - 1) / bytes), 0);
        } catch (IOException failed) {
            throw reader.cannotRead(failed);
        }
        return bounds == null ? null : new CsvChunks(reader, reader.layout(), bounds);
    }

    public int count() {
        return bounds.length - 1;
    }

    /**
     * Reads chunk {@code k}'s rows, in order, into {@code handler} (chunk 0 reads the header too).
     * Throws {@link PartEndsInsideAQuotedField} when the chunk's last row goes on in the
     * next chunk (a quoted field holds line ends there): read on from this chunk with {@link #readOn}.
     */
    public CsvReader.Summary read(int k, CsvReader.RowHandler handler) {
        return readRange(k, bounds[k + 1], handler);
    }

    /** Reads the rows from chunk {@code k}'s start to the file's end, into {@code handler}. */
    public CsvReader.Summary readOn(int k, CsvReader.RowHandler handler) {
        return readRange(k, bounds[bounds.length - 1], handler);
    }

    private CsvReader.Summary readRange(int k, long to, CsvReader.RowHandler handler) {
        try {
            return reader.readRange(k == 0 ? null : layout, bounds[k], to, handler);
        } catch (DataFileException problem) {
            throw k == 0 ? problem : problem.afterLines(linesBefore(bounds[k]));
        }
    }

    /** The lines before the one starting at byte {@code bytes}. */
    private long linesBefore(long bytes) {
        try {
            return ByteRanges.lineEnds(reader.file(), bytes);
        } catch (IOException failed) {
            throw reader.cannotRead(failed);
        }
    }
}
