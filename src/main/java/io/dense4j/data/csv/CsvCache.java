package io.dense4j.data.csv;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dense4j.io.IoReason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * A CSV file's binary cache: its good rows as little-endian float32 (each row's features, then its
 * label's provisional class, then its weight when the format has a weight column; NaN where a
 * value was missing; a categorical cell as its value's place among the column's values, which the
 * metadata lists), then JSON metadata, then a 24-byte footer (the metadata's length, its
 * CRC-32C, and a magic number). Later epochs map it into memory instead of parsing text again.
 *
 * <p>It is written under a temporary name and renamed into place once complete, so a process
 * killed while writing never leaves a file that looks like a cache. On opening, the footer, the
 * metadata's CRC-32C, the size, the metadata's version, the CSV's {@link Fingerprint} and reading
 * settings, and the rows' CRC-32C are all checked; any mismatch means the cache is rebuilt.
 */
final class CsvCache {
    static final String SUFFIX = ".dense4j-cache";
    /** What follows a cache's name in its writers' temporary files. */
    static final String PARTIAL = ".partial-";
    static final long MAGIC = 0x444E53344A434332L; // "DNS4JCC2"
    /** The magic number of version 5 and before, whose 16-byte footer had no checksum of the metadata. */
    private static final long OLDER_MAGIC = 0x444E53344A434331L; // "DNS4JCC1"
    static final int VERSION = 11;
    static final int FOOTER = 24;
    /** Rows are mapped in segments of at most this many bytes (a mapping holds at most 2 GiB). */
    private static final long SEGMENT_BYTES = 1L << 30;
    static final ObjectMapper JSON = new ObjectMapper();

    /** What was read, under which settings, from which CSV file. */
    record Metadata(int version, Fingerprint csv, String csvXxh128, CsvFormat format, boolean skipBadRows,
                    boolean allowMissing, int width, long rows, List<String> featureNames, List<String> labelNames,
                    long skippedRows, List<Long> firstSkippedLines, String firstSkippedProblem, long missingValues,
                    List<Long> missingByFeature, List<CategoricalColumn> categorical, long rowsCrc32c) {

        /** The same, with the CRC-32C of the rows as written. */
        Metadata withRowsCrc32c(long crc) {
            return new Metadata(version, csv, csvXxh128, format, skipBadRows, allowMissing, width, rows, featureNames,
                    labelNames, skippedRows, firstSkippedLines, firstSkippedProblem, missingValues, missingByFeature, categorical, crc);
        }
    }

    /**
     * A categorical column's values in first-seen order, which its cached cells number, and the
     * rows holding each, missing, or a value past the dictionary's bound.
     */
    record CategoricalColumn(String name, List<String> values, List<Long> counts, long missingRows, long overflowRows,
                             List<String> reserved) {

        static CategoricalColumn of(String name, CategoryDictionary dictionary) {
            return new CategoricalColumn(name, dictionary.values(), java.util.Arrays.stream(dictionary.counts()).boxed().toList(),
                    dictionary.missingRows(), dictionary.overflowRows(), dictionary.reserved());
        }

        /** The values the cache's first pass numbered past the bound too, which a pass over the file must reserve too. */
        @Override
        public List<String> reserved() {
            return reserved == null ? List.of() : reserved;
        }

        CategoryDictionary dictionary() {
            checkCounts();
            return CategoryDictionary.of(values, counts, missingRows, overflowRows);
        }

        /** As {@link #dictionary()}, never full (see {@link CategoryDictionary#unboundedOf}). */
        CategoryDictionary unboundedDictionary() {
            checkCounts();
            return CategoryDictionary.unboundedOf(values, counts, missingRows, overflowRows);
        }

        private void checkCounts() {
            if (values.size() != counts.size()) {
                throw new IllegalArgumentException("the cache lists " + values.size() + " values of \"" + name + "\" and "
                        + counts.size() + " counts");
            }
        }
    }

    private CsvCache() {
    }

    /** Where the cache of {@code csv} lives: beside it, or in {@code directory} under a name of its path's ({@link #fallbackLocation}). */
    static Path location(Path csv, Path directory) {
        return directory != null ? fallbackLocation(csv, directory) : csv.toAbsolutePath().getParent().resolve(csv.getFileName() + SUFFIX);
    }

    /**
     * Where {@code csv}'s cache goes in a shared {@code folder} (the user's cache folder, or one
     * given for caches), named
     * for the file and a hash of its absolute path, so two files of one name in different folders
     * keep caches of their own.
     */
    static Path fallbackLocation(Path csv, Path folder) {
        String path = csv.toAbsolutePath().normalize().toString();
        long hash = com.dynatrace.hash4j.hashing.Hashing.xxh3_64().hashCharsToLong(path);
        return folder.resolve(csv.getFileName() + "-" + String.format(Locale.ROOT, "%016x", hash) + SUFFIX);
    }

    /**
     * The metadata starting at byte {@code start}, parsed as it streams in: its length comes from
     * the file, so it is not allocated at once, and the category lists a first pass may write run
     * to hundreds of megabytes. A length that points anywhere else fails as soon as the parse meets
     * the rows' binary data.
     */
    private static Metadata readMetadata(FileChannel channel, long start) throws IOException {
        channel.position(start);
        InputStream kept = new java.io.FilterInputStream(java.nio.channels.Channels.newInputStream(channel)) {
            @Override
            public void close() { // the channel stays open: its rows are mapped after the checks
            }
        };
        return JSON.readValue(new BufferedInputStream(kept, 1 << 16), Metadata.class);
    }

    /** A cache that cannot be written (a full disk, a folder in its place): the data is then read without one. */
    static final class CannotWrite extends UncheckedIOException {
        CannotWrite(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** A cache checked and mapped through one open file, so another process renaming a new cache to its path changes neither. */
    record Opened(Metadata metadata, FloatBuffer[] rows) {
    }

    /**
     * The metadata of the cache at {@code cache} if it is complete and was built from this very
     * CSV content with these settings; otherwise null, and {@code why[0]} says why (for the log).
     * When the CSV's size and ends match but its times or inode do not (a copy, a restore, a
     * {@code touch}), or the file system keeps no change time or inode, the whole file's hash decides:
     * reading it costs a fraction of parsing it again. {@code how[0]} then says so.
     */
    static Opened usable(Path cache, Path csvFile, Fingerprint csv, CsvFormat format, boolean skipBadRows,
                         boolean allowMissing, String[] why, String[] how) {
        if (!Files.isRegularFile(cache)) {
            why[0] = "no cache yet";
            return null;
        }
        try (FileChannel channel = FileChannel.open(cache, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer footer = ByteBuffer.allocate(FOOTER).order(ByteOrder.LITTLE_ENDIAN);
            if (size < FOOTER || channel.read(footer, size - FOOTER) != FOOTER || footer.getLong(16) != MAGIC) {
                why[0] = size >= FOOTER && footer.getLong(16) == OLDER_MAGIC ? "the cache has an older format"
                        : "the cache is incomplete or not a dense4j cache";
                return null;
            }
            long metadataLength = footer.getLong(0);
            if (metadataLength <= 0 || metadataLength > size - FOOTER) {
                why[0] = "the cache's footer is damaged";
                return null;
            }
            if (metadataLength > Runtime.getRuntime().maxMemory() / 8) { // parsed, it takes a few times its bytes
                why[0] = "the cache's metadata (" + metadataLength + " bytes) is too large for this JVM's heap";
                return null;
            }
            if (crc32c(channel, size - FOOTER - metadataLength, metadataLength) != footer.getLong(8)) {
                // what the rows mean (labels, categories, columns) is in the metadata: an altered one must not train
                why[0] = "the cache's metadata does not match its checksum";
                return null;
            }
            Metadata metadata = readMetadata(channel, size - FOOTER - metadataLength);
            if (metadata.version() != VERSION) {
                why[0] = "the cache has format version " + metadata.version() + (metadata.version() < VERSION ? ", older than " : ", not ")
                        + VERSION + ", which this dense4j reads";
                return null;
            }
            String inconsistent = CacheMetadataCheck.problem(metadata);
            if (inconsistent != null) {
                why[0] = "the cache's metadata " + inconsistent;
                return null;
            }
            if (metadata.rows() * rowBytes(metadata.width(), metadata.format().weightName() != null) + metadataLength + FOOTER
                    != size) {
                why[0] = "the cache's size does not match its row count";
                return null;
            }
            if (!metadata.csv().equals(csv) || !csv.hasChangeTimeAndInode()) {
                if (!metadata.csv().sameSizeAndEnds(csv) || !ContentHash.of(csvFile, csv.size()).equals(metadata.csvXxh128())) {
                    why[0] = "the CSV file changed since the cache was built";
                    return null;
                }
                how[0] = metadata.csv().equals(csv) ? "its content hash matches" : "the CSV's times or inode changed, its content did not";
            }
            // filling changes nothing where no number was missing and no row skipped (perhaps for one)
            boolean fillingMatters = metadata.missingValues() > 0 || metadata.skippedRows() > 0;
            if (!metadata.format().equals(format) || metadata.skipBadRows() != skipBadRows
                    || metadata.allowMissing() != allowMissing && fillingMatters) {
                why[0] = "the cache was built with other reading options";
                return null;
            }
            MappedPages.mapping(cache); // the checksum reads the rows through a mapping too
            if (rowsCrc32c(channel, size - FOOTER - metadataLength) != metadata.rowsCrc32c()) {
                why[0] = "the cache's rows do not match their checksum";
                return null;
            }
            return new Opened(metadata, map(channel, metadata, cache));
        } catch (IOException | RuntimeException unreadable) {
            String reason = unreadable instanceof IOException io ? IoReason.of(io) : String.valueOf(unreadable.getMessage());
            why[0] = "the cache cannot be read (" + reason.lines().findFirst().orElse("") + ")";
            return null;
        }
    }

    /**
     * The CRC-32C of the first {@code length} bytes, the rows: checked on every opening, since a
     * pass at memory speed (the CPU computes CRC-32C in hardware) costs far less than parsing the
     * CSV again, and a cache altered on disk (a label flipped, a NaN written) must not train.
     */
    static long rowsCrc32c(FileChannel channel, long length) throws IOException {
        return crc32c(channel, 0, length);
    }

    /** The CRC-32C of {@code length} bytes from {@code start}. */
    private static long crc32c(FileChannel channel, long start, long length) throws IOException {
        CRC32C crc = new CRC32C();
        for (long at = 0; at < length; at += SEGMENT_BYTES) {
            crc.update(channel.map(FileChannel.MapMode.READ_ONLY, start + at, Math.min(SEGMENT_BYTES, length - at)));
        }
        return crc.getValue();
    }

    /** Floats per cached row: the features, the label and, when {@code weighted}, the weight. */
    static int rowFloats(int width, boolean weighted) {
        return width + (weighted ? 2 : 1);
    }

    static int rowBytes(int width, boolean weighted) {
        return rowFloats(width, weighted) * Float.BYTES;
    }

    /** Rows per mapped segment: rows never straddle two. */
    static int rowsPerSegment(int width, boolean weighted) {
        return (int) Math.max(1, SEGMENT_BYTES / rowBytes(width, weighted));
    }

    /**
     * The rows of the cache {@code file}, open in {@code channel}, mapped read-only (the mapping
     * outlives the channel): segment {@code i} holds rows from {@code i * rowsPerSegment(width)}.
     */
    static FloatBuffer[] map(FileChannel channel, Metadata metadata, Path file) throws IOException {
        MappedPages.mapping(file);
        boolean weighted = metadata.format().weightName() != null;
        int rowBytes = rowBytes(metadata.width(), weighted);
        int perSegment = rowsPerSegment(metadata.width(), weighted);
        int segments = (int) ((metadata.rows() + perSegment - 1) / perSegment);
        FloatBuffer[] mapped = new FloatBuffer[segments];
        for (int i = 0; i < segments; i++) {
            long firstRow = (long) i * perSegment;
            long rows = Math.min(perSegment, metadata.rows() - firstRow);
            mapped[i] = channel.map(FileChannel.MapMode.READ_ONLY, firstRow * rowBytes, rows * rowBytes)
                    .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        }
        return mapped;
    }
}
