package io.dense4j.model;

import java.util.Locale;

/**
 * Which data file a model was trained on, saved with it: the file's name, its size, and the
 * SHA-256 of its first and last 64 KiB (as the CSV cache's fingerprint takes them). The times and
 * inode are left out: a copy of the same data on another machine is the same data.
 */
public record TrainingData(String file, long bytes, String headSha256, String tailSha256) {

    public TrainingData {
        java.util.Objects.requireNonNull(file, "file");
        java.util.Objects.requireNonNull(headSha256, "head SHA-256");
        java.util.Objects.requireNonNull(tailSha256, "tail SHA-256");
        if (bytes < 0) {
            throw new IllegalArgumentException("a file's size cannot be negative: " + bytes);
        }
    }

    /** Whether {@code other} holds the same content, wherever it lives and whatever it is called. */
    public boolean sameContent(TrainingData other) {
        return bytes == other.bytes && headSha256.equals(other.headSha256) && tailSha256.equals(other.tailSha256);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%,d bytes, SHA-256 of its ends %s…/%s…)", file, bytes, headSha256.substring(0, 12),
                tailSha256.substring(0, 12));
    }
}
