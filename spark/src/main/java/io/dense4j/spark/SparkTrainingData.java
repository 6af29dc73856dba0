package io.dense4j.spark;

import io.dense4j.data.csv.CsvFormat;
import io.dense4j.model.TrainingData;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * What a model records of the files it was trained on ({@link TrainingData}), for files read on
 * Spark: their summed size, the SHA-256 of the first file's first 64 KiB and of the last one's
 * last 64 KiB (as one machine takes them, so either side's record matches the other's), and how
 * their numbers were written. The whole content's hash is left out: the driver would have to read
 * every byte. Scoring then reads numbers as training did, and a resume on other files is refused.
 */
final class SparkTrainingData {
    private static final int BLOCK = 64 * 1024;

    private SparkTrainingData() {
    }

    /** The record of the files {@code pieces} read, in file order, named as one machine names {@code given}. */
    static TrainingData of(List<Piece> pieces, String given, CsvFormat format, Configuration conf) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>(); // each file once, in file order
        for (Piece piece : pieces) {
            sizes.putIfAbsent(piece.uri(), piece.fileLength());
        }
        List<String> files = List.copyOf(sizes.keySet());
        String first = files.get(0);
        String last = files.get(files.size() - 1);
        long firstSize = sizes.get(first);
        long lastSize = sizes.get(last);
        String name = files.size() == 1 ? new Path(URI.create(first)).getName()
                : lastPart(given) + " (" + files.size() + " files)";
        return new TrainingData(name, sizes.values().stream().mapToLong(Long::longValue).sum(),
                sha256(first, 0, (int) Math.min(BLOCK, firstSize), conf),
                sha256(last, Math.max(0, lastSize - BLOCK), (int) Math.min(BLOCK, lastSize), conf), null, format.decimal(),
                format.thousands(), format.encoding());
    }

    /** A folder's or glob's last part, as one machine names a set of files. */
    private static String lastPart(String given) {
        String trimmed = given.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String sha256(String uri, long position, int length, Configuration conf) throws IOException {
        Path path = new Path(URI.create(uri));
        byte[] block = new byte[length];
        try (FSDataInputStream in = path.getFileSystem(conf).open(path)) {
            in.readFully(position, block);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(block));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-256", missing);
        }
    }
}
