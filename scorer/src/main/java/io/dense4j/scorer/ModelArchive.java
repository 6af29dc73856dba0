package io.dense4j.scorer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A model file's zip entries, read as dense4j's own reader reads them: {@code model.json} first and
 * bounded; then only the entries it declares, each up to its declared size; and the last entry,
 * {@code digest.sha256}, a SHA-256 over every other entry's name, length and bytes, which must
 * match.
 */
final class ModelArchive {
    static final String CONFIG = "model.json";
    static final String DIGEST = "digest.sha256";
    /** No configuration dense4j writes comes near this; a larger one is not dense4j's. */
    private static final int CONFIG_LIMIT = 16 << 20;
    /** How much larger than the file its declared values may be: a file whose values inflate more is built to exhaust memory. */
    private static final int INFLATION_LIMIT = 64;

    private ModelArchive() {
    }

    /**
     * The entries of the file {@code in} ({@code fileBytes} long), by name, {@code model.json} first,
     * the digest checked; {@code declared} gives, from {@code model.json}, each other entry's size.
     */
    static Map<String, byte[]> read(Path file, InputStream in, long fileBytes, Function<byte[], Map<String, Long>> declared) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        byte[] digest = null;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry first = next(file, zip);
            if (first == null) {
                throw new ModelFormatException(file, "is not a dense4j model file: not a zip archive, or an empty one");
            }
            if (!first.getName().equals(CONFIG)) {
                throw new ModelFormatException(file, "is not a dense4j model file: its first entry is not " + CONFIG);
            }
            entries.put(CONFIG, bounded(file, zip, CONFIG, CONFIG_LIMIT));
            Map<String, Long> sizes = declared.apply(entries.get(CONFIG));
            long total = sizes.values().stream().mapToLong(Long::longValue).sum();
            if (total > INFLATION_LIMIT * Math.max(fileBytes, 1L << 16)) {
                throw new ModelFormatException(file, String.format(java.util.Locale.ROOT, "%s declares %,d bytes of values in a file of %,d bytes",
                        CONFIG, total, fileBytes));
            }
            for (ZipEntry entry = next(file, zip); entry != null; entry = next(file, zip)) {
                String name = entry.getName();
                if (digest != null || entries.containsKey(name)) {
                    throw new ModelFormatException(file, "has an entry after its digest, or twice: \"" + name + "\"");
                }
                if (name.equals(DIGEST)) {
                    digest = bounded(file, zip, name, 64);
                } else if (sizes.containsKey(name)) {
                    entries.put(name, bounded(file, zip, name, sizes.get(name)));
                } else {
                    throw new ModelFormatException(file, "has an entry dense4j does not write: \"" + name + "\"");
                }
            }
        } catch (ZipException | java.io.EOFException damaged) {
            throw new ModelFormatException(file, "is truncated or corrupt: " + (damaged.getMessage() != null ? damaged.getMessage()
                    : "it ends in the middle of an entry"), damaged);
        } catch (IOException failed) {
            throw ModelFormatException.unreadable(file, failed);
        }
        if (digest == null) {
            throw new ModelFormatException(file, "is truncated or corrupt: it has no " + DIGEST);
        }
        if (!new String(digest, StandardCharsets.US_ASCII).equals(digest(entries))) {
            throw new ModelFormatException(file, "is corrupt or was altered: its content does not match its " + DIGEST);
        }
        return entries;
    }

    /** The next entry, or null; a name that is not UTF-8, as dense4j writes every name, is damage. */
    private static ZipEntry next(Path file, ZipInputStream zip) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException notUtf8) { // the JDK's words ("malformed input off : 0") say nothing of the file
            throw new ModelFormatException(file, "is truncated or corrupt: the name of an entry is not UTF-8 text", notUtf8);
        }
    }

    private static byte[] bounded(Path file, ZipInputStream zip, String name, long limit) throws IOException {
        byte[] content = zip.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        if (content.length > limit) {
            throw new ModelFormatException(file, String.format(java.util.Locale.ROOT, "%s holds more than the %,d bytes it may", name, limit));
        }
        return content;
    }

    /** SHA-256 of {@code content}, in lower-case hex. */
    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha().digest(content));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-256", missing);
        }
    }

    /** SHA-256, in hex, over each entry's name, a 0 byte, its length (8 bytes, big-endian) and its bytes, in order. */
    static String digest(Map<String, byte[]> entries) {
        MessageDigest sha = sha();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            sha.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(entry.getValue().length).array());
            sha.update(entry.getValue());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
