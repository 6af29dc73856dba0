package io.dense4j.model;

import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.csv.TextEncoding;
import java.util.Locale;
import java.util.Objects;

/**
 * Which data file a model was trained on, saved with it: the file's name, its size, the SHA-256 of
 * its first and last 64 KiB (as the CSV cache's fingerprint takes them), and the XXH3-128 of its
 * whole content ({@code xxhsum -H2} prints the same; null in model files written before dense4j
 * recorded it). The times and inode are left out: a copy of the same data on another machine is
 * the same data. And how its numbers were written: the decimal separator ('.' or ',') and the
 * thousands separator (0 for none), which scoring and resuming read the same way unless told
 * otherwise, so that 244.606 is not read as 244606 in one command and 244.606 in the next. And the
 * text's encoding (UTF-8 when recorded before dense4j read others), which they read it in too.
 */
public record TrainingData(String file, long bytes, String headSha256, String tailSha256, String contentXxh128, char decimal,
                           char thousands, String encoding) {

    public TrainingData {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(headSha256, "head SHA-256");
        Objects.requireNonNull(tailSha256, "tail SHA-256");
        if (bytes < 0) {
            throw new IllegalArgumentException("a file's size cannot be negative: " + bytes);
        }
        if (decimal != '.' && decimal != ',' || thousands != 0 && thousands != '.' && thousands != ',' || thousands == decimal) {
            throw new IllegalArgumentException("the numbers' separators are '.' or ',', and two, got '" + decimal + "' and '"
                    + thousands + "'");
        }
        encoding = encoding == null ? TextEncoding.UTF_8 : TextEncoding.named(encoding).name();
    }

    /** Data in UTF-8 whose numbers have a decimal point and no thousands separator. */
    public TrainingData(String file, long bytes, String headSha256, String tailSha256, String contentXxh128) {
        this(file, bytes, headSha256, tailSha256, contentXxh128, '.', (char) 0, TextEncoding.UTF_8);
    }

    /**
     * What {@code source} holds, under its file's name. Several files are named by their folder or
     * glob's last part and count; their size is the sum, the ends are the first file's head and
     * the last one's tail, and the content hash the set's (see {@link CsvSource#contentHash()}).
     */
    public static TrainingData of(CsvSource source) {
        java.util.List<io.dense4j.data.csv.Fingerprint> prints = source.fingerprints();
        return new TrainingData(source.files().shortName(), prints.stream().mapToLong(io.dense4j.data.csv.Fingerprint::size).sum(),
                prints.get(0).headSha256(), prints.get(prints.size() - 1).tailSha256(), source.contentHash(), source.format().decimal(),
                source.format().thousands(), source.format().encoding());
    }

    /**
     * Whether {@code other} holds the same content, wherever it lives and whatever it is called:
     * by the whole content's hash when both have one, else by the size and the hashes of the ends.
     */
    public boolean sameContent(TrainingData other) {
        boolean sameEnds = bytes == other.bytes && headSha256.equals(other.headSha256) && tailSha256.equals(other.tailSha256);
        return contentXxh128 != null && other.contentXxh128 != null ? bytes == other.bytes && contentXxh128.equals(other.contentXxh128)
                : sameEnds;
    }

    @Override
    public String toString() {
        return contentXxh128 != null ? String.format(Locale.ROOT, "%s (%,d bytes, XXH3-128 %s)", file, bytes, contentXxh128)
                : String.format(Locale.ROOT, "%s (%,d bytes, SHA-256 of its ends %s…/%s…)", file, bytes, headSha256.substring(0, 12),
                        tailSha256.substring(0, 12));
    }
}
