package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import io.dense4j.io.AtomicFiles;
import io.dense4j.io.IoReason;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One CSV file of a {@link CsvSource}, read and checked once: its first pass (or its cache found
 * up to date), what that pass found, and its cache mapped into memory. Its labels and category
 * values are numbered as this file met them; the source maps them to the whole set's.
 */
final class CsvFile {
    private final Path path;
    private final CsvReader reader;
    private final Fingerprint fingerprint;
    private final CsvCache.Metadata scan;
    private final Path cacheFile;
    private final String cacheStatus;
    private final FloatBuffer[] mapped;
    /** How the labels came in runs, from a pass over the text; null when a cache was built or reused instead. */
    private final LabelRuns labelRuns;

    private CsvFile(Path path, CsvReader reader, Fingerprint fingerprint, CsvCache.Metadata scan, Path cacheFile, String cacheStatus,
                    FloatBuffer[] mapped, LabelRuns labelRuns) {
        this.path = path;
        this.reader = reader;
        this.fingerprint = fingerprint;
        this.scan = scan;
        this.cacheFile = cacheFile;
        this.cacheStatus = cacheStatus;
        this.mapped = mapped;
        this.labelRuns = labelRuns;
    }

    /**
     * Reads and checks {@code path} as {@code format} (its categorical columns settled) says, or
     * finds its cache up to date; {@code partOfASet}: one of several files read as one table,
     * which may hold no data rows.
     */
    static CsvFile open(Path path, CsvFormat format, CsvSource.Options options, boolean partOfASet) {
        CsvReader reader = new CsvReader(path, format);
        if (partOfASet) {
            reader = reader.asPartOfASet();
        }
        if (options.skipBadRows()) {
            reader = reader.skippingBadRows();
        }
        if (options.fillMissing()) {
            reader = reader.allowingMissing();
        }
        if (options.classes() != null) { // a label the model does not know, named at its row
            reader = reader.withClasses(options.classes());
        }
        if (!options.reserved().isEmpty()) {
            if (options.cache()) { // a cache keeps the numbering it was built with, whatever the options say
                throw new IllegalArgumentException("reserved values are for a read without a cache (Options.withoutCache())");
            }
            reader = reader.reserving(options.reserved());
        }
        Fingerprint fingerprint = Fingerprint.of(path);
        CsvCache.Opened scan = null;
        CompletableFuture<String> hashing = null;
        Path cacheFile = null;
        String status = "off";
        if (options.cache()) {
            cacheFile = CsvCache.location(path, options.cacheDirectory());
            String[] why = new String[1];
            String[] how = new String[1];
            scan = CsvCache.usable(cacheFile, path, fingerprint, format, options.skipBadRows(), options.fillMissing(), why, how);
            String moved = "";
            if (scan == null && options.cacheDirectory() == null && !AtomicFiles.canCreateFilesIn(cacheFile.getParent())) {
                Path readOnly = cacheFile.getParent();
                Path fallback = options.fallbackCacheDirectory();
                if (fallback != null && AtomicFiles.canCreateFilesIn(fallback)) {
                    cacheFile = CsvCache.fallbackLocation(path, fallback);
                    moved = "; " + readOnly + " cannot be written";
                    scan = CsvCache.usable(cacheFile, path, fingerprint, format, options.skipBadRows(), options.fillMissing(), why,
                            how);
                } else {
                    cacheFile = null;
                    status = "off (" + readOnly + (fallback != null ? " and " + fallback : "") + " cannot be written)";
                }
            }
            if (scan != null) {
                status = "reused " + cacheFile + (how[0] != null ? " (" + how[0] + ")" : "");
            } else if (cacheFile != null) {
                hashing = ContentHash.inBackground(path, fingerprint.size());
                try {
                    scan = buildCache(path, format, options, reader, fingerprint, cacheFile, hashing);
                    status = "built " + cacheFile + " (" + why[0] + moved + ")";
                } catch (CsvCache.CannotWrite failed) { // a full disk, a folder in the way: the cache only saves time
                    cacheFile = null;
                    status = "off (" + failed.getMessage() + ")";
                }
            }
        }
        if (cacheFile == null) {
            hashing = hashing != null ? hashing : ContentHash.inBackground(path, fingerprint.size());
            CsvReader.RowHandler[] checks = new CsvReader.RowHandler[options.firstPassThreads()];
            Arrays.fill(checks, (CsvReader.RowHandler) (line, features, provisionalClass, weight) -> { });
            CsvReader.Summary summary = PartedRead.summary(reader, checks, null, new int[checks.length][][]);
            if (summary == null) {
                summary = reader.read(checks[0]);
                // with values reserved (a model's, to score it), the rest read as "other" wherever they fall
                CsvReader again = options.reserved().isEmpty() ? reader.reservingFrequentPastTheBound(summary) : null;
                if (again != null) { // later passes number those values as this one does
                    reader = again;
                    summary = reader.read(checks[0]);
                }
            }
            return new CsvFile(path, reader, fingerprint, metadata(path, format, options, fingerprint, hashing, summary), null, status,
                    null, summary.labelRuns());
        }
        // built or reused, the cache says which values its first pass reserved
        return new CsvFile(path, reservingAsCached(reader, scan.metadata()), fingerprint, scan.metadata(), cacheFile, status,
                scan.rows(), null);
    }

    /**
     * {@code reader} reserving what the cache's first pass reserved: a pass over the file (when
     * another file of the set has no cache, every file is streamed) must number its values as the
     * cache's dictionary does.
     */
    private static CsvReader reservingAsCached(CsvReader reader, CsvCache.Metadata cached) {
        Map<String, List<String>> reserved = new java.util.HashMap<>();
        for (CsvCache.CategoricalColumn column : cached.categorical()) {
            if (!column.reserved().isEmpty()) {
                reserved.put(column.name(), column.reserved());
            }
        }
        return reserved.isEmpty() ? reader : reader.reserving(reserved);
    }

    /** Parses the file into a new cache, in parts on several threads when it is large enough. */
    private static CsvCache.Opened buildCache(Path path, CsvFormat format, CsvSource.Options options, CsvReader reader,
                                              Fingerprint fingerprint, Path cacheFile, CompletableFuture<String> hashing) {
        CsvCacheWriter[] parts = new CsvCacheWriter[options.firstPassThreads()];
        try {
            for (int k = 0; k < parts.length; k++) {
                parts[k] = new CsvCacheWriter(cacheFile, k, format.weightName() != null);
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
                for (CsvCacheWriter part : parts) {
                    part.close();
                }
                parts[0] = new CsvCacheWriter(cacheFile, format.weightName() != null);
                summary = reader.read(parts[0]);
                CsvReader again = reader.reservingFrequentPastTheBound(summary);
                if (again != null) { // a column's bound left out values more frequent than some it numbered: again, reserving them
                    parts[0].close();
                    parts[0] = new CsvCacheWriter(cacheFile, format.weightName() != null);
                    summary = again.read(parts[0]);
                }
            }
            return parts[0].finish(metadata(path, format, options, fingerprint, hashing, summary));
        } finally {
            for (CsvCacheWriter part : parts) {
                if (part != null) {
                    part.close();
                }
            }
        }
    }

    private static CsvCache.Metadata metadata(Path path, CsvFormat format, CsvSource.Options options, Fingerprint fingerprint,
                                              CompletableFuture<String> hashing, CsvReader.Summary summary) {
        String content = ContentHash.await(hashing);
        try {
            if (!fingerprint.unchanged(path)) {
                throw new DataFileException(path, "changed while it was being read", null);
            }
        } catch (IOException failed) {
            throw new DataFileException(path, "cannot be read: " + IoReason.of(failed), failed);
        }
        return new CsvCache.Metadata(CsvCache.VERSION, fingerprint, content, format, options.skipBadRows(),
                options.fillMissing(), summary.featureNames().size(), summary.rows(), summary.featureNames(),
                Arrays.asList(summary.labels().names()), summary.skippedRows(), summary.firstSkippedLines(),
                summary.firstSkippedProblem(), summary.missingValues(), java.util.Arrays.stream(summary.missingByFeature()).boxed().toList(),
                summary.categories().entrySet().stream()
                        .map(column -> CsvCache.CategoricalColumn.of(column.getKey(), column.getValue())).toList(),
                0); // the rows' checksum is the cache writer's to fill in
    }

    Path path() {
        return path;
    }

    /** How the labels came in runs, by this file's provisional classes; null when the file was not read as text. */
    LabelRuns labelRuns() {
        return labelRuns;
    }

    /** Reads the file as its first pass did (same format, same bad-row and missing-value rules). */
    CsvReader reader() {
        return reader;
    }

    Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The XXH3-128 of the whole file as it was read. */
    String contentHash() {
        return scan.csvXxh128();
    }

    List<String> featureNames() {
        return scan.featureNames();
    }

    /** The label names in the order this file met them: provisional class 0, then 1. */
    List<String> labelNames() {
        return scan.labelNames();
    }

    /** The categorical columns' values as this file numbers them, with their counts. */
    List<CsvCache.CategoricalColumn> categorical() {
        return scan.categorical();
    }

    /** The layout the file was read with. */
    CsvFormat format() {
        return scan.format();
    }

    /** Whether each row carries a weight, read from the format's weight column. */
    boolean weighted() {
        return scan.format().weightName() != null;
    }

    long rows() {
        return scan.rows();
    }

    long skippedRows() {
        return scan.skippedRows();
    }

    List<Long> firstSkippedLines() {
        return scan.firstSkippedLines();
    }

    /** The first skipped row's place and problem; null for none, or a cache written before it kept them. */
    String firstSkippedProblem() {
        return scan.firstSkippedProblem();
    }

    long missingValues() {
        return scan.missingValues();
    }

    /** Each feature's missing numbers, in the features' order; null from a cache written before it kept them. */
    List<Long> missingByFeature() {
        return scan.missingByFeature();
    }

    /** Cached row {@code row}'s provisional class (0 for the label this file met first, 1 for the other). */
    float cachedProvisionalClass(int row) {
        int perSegment = CsvCache.rowsPerSegment(scan.width(), weighted());
        return mapped[row / perSegment].get((row % perSegment) * CsvCache.rowFloats(scan.width(), weighted()) + scan.width());
    }

    /**
     * The error for a cache that holds {@code what}, which no first pass writes: its checksums
     * matched, so it was edited with them made to match, and only deleting it builds it again.
     */
    DataFileException editedCache(String what) {
        return new DataFileException(path, "its cache " + cacheFile + " holds " + what + ", which no first pass writes: delete the "
                + "cache, and the next read builds it again", null);
    }

    /** The cache's memory-mapped segments, or null without a cache. */
    FloatBuffer[] mapped() {
        return mapped;
    }

    /** The binary cache file, or null when there is none. */
    Path cacheFile() {
        return cacheFile;
    }

    /** What happened to the cache: "off", "reused …", or "built … (why)". */
    String cacheStatus() {
        return cacheStatus;
    }
}
