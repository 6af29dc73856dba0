package io.dense4j.spark;

import io.dense4j.data.DataFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;

/**
 * The files a Spark source's path names, as one machine would read them (a folder's files, a
 * glob's matching files, no dense4j caches), cut into pieces in file and byte order, each file's
 * first line checked against the schema: what {@link SparkCsvData} parses on the executors.
 *
 * @param pieces the pieces, in file and byte order
 * @param source the source with its schema's columns (the first file's, if it named none)
 */
record SparkFileSet(List<Piece> pieces, SparkCsvSource source) {

    /**
     * Leaves out dense4j's own caches, which a one-machine run keeps beside its CSV files, as one
     * machine's folder and glob reading does (Hadoop leaves out hidden files and markers itself).
     */
    public static final class NotACache implements org.apache.hadoop.fs.PathFilter {
        @Override
        public boolean accept(org.apache.hadoop.fs.Path path) {
            return !path.getName().contains(".dense4j-cache");
        }
    }

    /** The pieces of every file the path names, in file and byte order; each file's first line checked against the schema. */
    static SparkFileSet of(SparkCsvSource source, Configuration conf) {
        try {
            Job job = Job.getInstance(conf);
            String glob = asHadoopGlob(source.path(), conf);
            if (glob.equals(source.path())) {
                FileInputFormat.setInputPaths(job, glob);
            } else { // one name, escaped: the String form would split it at a comma
                FileInputFormat.setInputPaths(job, new org.apache.hadoop.fs.Path(glob));
            }
            FileInputFormat.setInputPathFilter(job, NotACache.class);
            // a folder's files, not its subfolders', as one machine reads a folder (Hadoop would take a subfolder for a file)
            job.getConfiguration().setBoolean(FileInputFormat.INPUT_DIR_NONRECURSIVE_IGNORE_SUBDIRS, true);
            TextInputFormat format = new TextInputFormat();
            List<InputSplit> splits = splits(format, job, source.path());
            long bytes = 0;
            for (InputSplit split : splits) {
                bytes += ((FileSplit) split).getLength();
            }
            if (splits.size() < source.minPartitions()) {
                FileInputFormat.setMaxInputSplitSize(job, Math.max(1, (bytes + source.minPartitions() - 1) / source.minPartitions()));
                FileInputFormat.setMinInputSplitSize(job, 1);
                splits = splits(format, job, source.path());
            }
            List<FileSplit> files = new ArrayList<>();
            for (InputSplit split : splits) {
                files.add((FileSplit) split);
            }
            files.sort(Comparator.comparing((FileSplit split) -> split.getPath().toString()).thenComparingLong(FileSplit::getStart));
            CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
            Map<String, byte[]> firstLines = new LinkedHashMap<>();
            List<Piece> pieces = new ArrayList<>();
            java.util.Set<String> compressedSeen = new java.util.HashSet<>();
            for (FileSplit split : files) {
                String uri = split.getPath().toUri().toString();
                boolean compressed = codecs.getCodec(split.getPath()) != null;
                if (compressed && !compressedSeen.add(uri)) {
                    continue; // Hadoop splits bzip2 files, but a compressed file is read whole, by one piece
                }
                var status = split.getPath().getFileSystem(conf).getFileStatus(split.getPath());
                String name = messageName(split.getPath().toUri());
                byte[] firstLine = firstLines.get(uri);
                if (firstLine == null) {
                    firstLine = PieceInput.firstLine(uri, source.format(), conf);
                    io.dense4j.data.csv.PackedFormat packed = io.dense4j.data.csv.PackedFormat.of(firstLine, firstLine.length);
                    if (packed != null) { // a zip, or a .tar.gz, say: named as what it is, not read as text
                        throw new DataFileException(Path.of(name), packed.problem(compressed
                                ? compression(codecs.getCodec(split.getPath())) : null), null);
                    }
                    if (!compressed && io.dense4j.data.csv.Gzip.starts(firstLine)) {
                        throw new DataFileException(Path.of(name), "is gzip-compressed, which Spark's file input knows by a name ending "
                                + "in .gz alone: name it so, or train on one machine, which knows gzip by its first bytes", null);
                    }
                    if (source.columns().isEmpty() && firstLine.length > 0) {
                        source = new SparkCsvSource(source.path(), new io.dense4j.data.csv.CsvReader(Path.of(name), source.format())
                                .columnNames(firstLine), source.format(), source.skipBadRows(), source.fillMissing(), source.minPartitions(),
                                source.positive());
                    }
                    checkColumns(source, name, firstLine);
                    firstLines.put(uri, firstLine);
                }
                pieces.add(new Piece(pieces.size(), uri, name, compressed ? 0 : split.getStart(),
                        compressed ? status.getLen() : split.getLength(), firstLine, !compressed, status.getLen(),
                        status.getModificationTime()));
            }
            return new SparkFileSet(pieces, source);
        } catch (IOException failed) {
            throw new DataFileException(Path.of(source.path()), "cannot be read: " + failed.getMessage(), failed);
        } catch (IllegalArgumentException notAPath) {
            if (notAPath.getCause() instanceof java.net.URISyntaxException uri) { // Hadoop's paths are URIs: "a:b" reads as a scheme
                throw new DataFileException(Path.of(source.path()), "holds a file whose name Spark's file system cannot take as a path ("
                        + uri.getInput() + "), as a name with a colon: rename the file, or train on one machine", notAPath);
            }
            throw notAPath;
        }
    }

    /** Hadoop's glob characters, and its escape. */
    private static final java.util.regex.Pattern GLOB_CHARACTERS = java.util.regex.Pattern.compile("[*?\\[\\]{}\\\\]");

    /**
     * {@code path} as Hadoop's glob reads it: a file or folder that exists under the name as
     * written, on the file system it names, is itself, its wildcards escaped, as one machine reads
     * it ({@link io.dense4j.data.csv.CsvFiles#isGlob}).
     */
    static String asHadoopGlob(String path, Configuration conf) throws IOException {
        if (!GLOB_CHARACTERS.matcher(path).find()) {
            return path;
        }
        org.apache.hadoop.fs.Path named = new org.apache.hadoop.fs.Path(path);
        try {
            if (!named.getFileSystem(conf).exists(named)) {
                return path;
            }
        } catch (IllegalArgumentException notAPath) { // a glob that is no path as written ("{a,b}" in a URI's authority, say)
            return path;
        }
        return GLOB_CHARACTERS.matcher(path).replaceAll("\\\\$0");
    }

    /** The name of the compression {@code codec} reads: gzip, bzip2, or its files' extension. */
    private static String compression(org.apache.hadoop.io.compress.CompressionCodec codec) {
        String extension = codec.getDefaultExtension().replaceFirst("^\\.", "");
        return extension.equals("gz") ? "gzip" : extension.equals("bz2") ? "bzip2" : extension;
    }

    /** What {@link #asHadoopGlob} escaped, as written again: the name a match of it has. */
    private static String unescaped(String glob) {
        return glob.replaceAll("\\\\(.)", "$1");
    }

    private static List<InputSplit> splits(TextInputFormat format, Job job, String path) throws IOException {
        try {
            List<InputSplit> splits = new ArrayList<>(format.getSplits(job));
            java.util.Set<org.apache.hadoop.fs.Path> folders = foldersAGlobMatched(job);
            splits.removeIf(split -> folders.contains(((FileSplit) split).getPath().getParent())); // as one machine reads a glob: files
            // a 0-byte file holds no header and no rows: left out, as one machine leaves it out of a folder or glob
            splits.removeIf(split -> ((FileSplit) split).getLength() == 0);
            if (splits.isEmpty()) {
                throw new DataFileException(Path.of(path), "matches no file", null);
            }
            return splits;
        } catch (org.apache.hadoop.mapreduce.lib.input.InvalidInputException missing) {
            Path named = Path.of(path).getFileName();
            String name = named == null ? "" : named.toString();
            if ((name.startsWith("_") || name.startsWith(".")) && !name.equals(".") && !name.equals("..")
                    && java.nio.file.Files.exists(Path.of(path))) { // a local path: what Hadoop left out can be seen here
                throw new DataFileException(Path.of(path), "is left out by Spark's file input, which skips every file and folder whose "
                        + "name starts with '_' or '.', even one named outright: rename it, or train on one machine", missing);
            }
            throw new DataFileException(Path.of(path), "matches no file (" + missing.getMessage() + ")", missing);
        }
    }

    /**
     * The folders among a glob's matches (qualified), whose files Hadoop would read and one
     * machine does not: a glob names files. A folder given as the path itself is not among them.
     */
    private static java.util.Set<org.apache.hadoop.fs.Path> foldersAGlobMatched(Job job) throws IOException {
        java.util.Set<org.apache.hadoop.fs.Path> folders = new java.util.HashSet<>();
        for (org.apache.hadoop.fs.Path input : FileInputFormat.getInputPaths(job)) {
            org.apache.hadoop.fs.FileSystem fs = input.getFileSystem(job.getConfiguration());
            org.apache.hadoop.fs.FileStatus[] matches = fs.globStatus(input);
            for (org.apache.hadoop.fs.FileStatus match : matches == null ? new org.apache.hadoop.fs.FileStatus[0] : matches) {
                org.apache.hadoop.fs.Path matched = fs.makeQualified(match.getPath());
                if (match.isDirectory() && !matched.equals(fs.makeQualified(input))
                        && !matched.equals(fs.makeQualified(new org.apache.hadoop.fs.Path(unescaped(input.toString()))))) {
                    folders.add(matched);
                }
            }
        }
        return folders;
    }

    /** A header must name the schema's columns; a file without one must have as many fields. */
    private static void checkColumns(SparkCsvSource source, String name, byte[] firstLine) {
        if (firstLine.length == 0) {
            throw new DataFileException(Path.of(name), "is empty or starts with a blank line: expected "
                    + (source.format().header() ? "a header row" : "a data row"), null);
        }
        List<String> found = new io.dense4j.data.csv.CsvReader(Path.of(name), source.format()).columnNames(firstLine);
        if (source.format().header() ? !found.equals(source.columns()) : found.size() != source.columns().size()) {
            throw new DataFileException(Path.of(name), 1, source.format().header()
                    ? "has the columns " + found + ", but the schema names " + source.columns()
                    : "has " + found.size() + " fields, but the schema names " + source.columns().size() + " columns");
        }
    }

    /** Where a piece's bytes live, for Spark to run its task there. */
    static scala.collection.immutable.Seq<String> hosts(Piece piece, Configuration conf) {
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(java.net.URI.create(piece.uri()));
            var fs = path.getFileSystem(conf);
            List<String> hosts = new ArrayList<>();
            for (var location : fs.getFileBlockLocations(fs.getFileStatus(path), piece.start(), Math.max(1, piece.length()))) {
                for (String host : location.getHosts()) {
                    if (!host.equals("localhost") && !hosts.contains(host)) {
                        hosts.add(host);
                    }
                }
            }
            return scala.jdk.javaapi.CollectionConverters.asScala(hosts).toList();
        } catch (IOException unknown) {
            return scala.jdk.javaapi.CollectionConverters.asScala(List.<String>of()).toList();
        }
    }

    /** A local file's path as the single-machine reader prints it; any other URI whole. */
    private static String messageName(java.net.URI uri) {
        return "file".equals(uri.getScheme()) ? uri.getPath() : uri.toString();
    }
}
