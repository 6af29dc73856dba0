package io.dense4j.model;

import io.dense4j.io.IoReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model file's zip entries, written in a fixed order and read as untrusted input: the
 * configuration first, bounded; then only the entries the configuration declares, each read up to
 * its declared size and no further, so a lying or hostile file costs at most what its
 * configuration admits before anything is allocated for the model; unknown and repeated entries
 * refused; and a last entry holding a SHA-256 over all the others (names, lengths and bytes), so
 * that no entry, the configuration included, changes unnoticed.
 */
final class ModelArchive {
    static final String CONFIG = "model.json";
    static final String DIGEST = "digest.sha256";
    /** The largest configuration read, and so written ({@link ModelFile#checkConfigurationSize}); a larger one is not ours. */
    static final int CONFIG_LIMIT = 16 << 20;
    /**
     * How much larger than the file its declared values may be. Weights compress poorly (a file is
     * about as large as its values); a file whose values inflate a hundredfold is built to exhaust
     * memory.
     */
    static final int INFLATION_LIMIT = 64;

    /**
     * What a file held.
     *
     * @param byName   the entries, the configuration first, in file order, without the digest
     * @param digested whether the file had the digest (files before format 3 do not)
     */
    record Entries(Map<String, byte[]> byName, boolean digested) {
    }

    /** The sizes in bytes the configuration declares for the entries after it; refuses a configuration it cannot size. */
    interface Declared {
        Map<String, Long> sizes(byte[] config);
    }

    private ModelArchive() {
    }

    /** Writes {@code entries} (name to bytes, in order, the configuration first) and the digest after them. */
    static void write(OutputStream out, Map<String, byte[]> entries) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            put(zip, entry.getKey(), entry.getValue());
        }
        put(zip, DIGEST, digest(entries).getBytes(StandardCharsets.US_ASCII));
        zip.finish(); // the caller closes the stream, after forcing it to the disk
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * The entries of {@code in} (a file of {@code fileBytes} bytes), the digest checked if there is one.
     *
     * @throws ModelFileException for anything that is not a whole, unaltered model file within the bounds above
     */
    static Entries read(Path file, InputStream in, long fileBytes, Declared declared) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        byte[] digest = null;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry first = next(file, zip);
            if (first == null) {
                throw new ModelFileException(file, "is not a dense4j model file: not a zip archive, or an empty one", null);
            }
            if (!first.getName().equals(CONFIG)) {
                throw new ModelFileException(file, "is not a dense4j model file: its first entry is \"" + printable(first.getName())
                        + "\", not " + CONFIG, null);
            }
            entries.put(CONFIG, bounded(file, zip, CONFIG, CONFIG_LIMIT));
            Map<String, Long> sizes = declared.sizes(entries.get(CONFIG));
            long total = sizes.values().stream().mapToLong(Long::longValue).sum();
            if (total > INFLATION_LIMIT * Math.max(fileBytes, 1L << 16)) {
                throw new ModelFileException(file, String.format(java.util.Locale.ROOT, "%s declares %,d bytes of values in a file of %,d bytes; "
                        + "dense4j writes files about as large as their values", CONFIG, total, fileBytes), null);
            }
            for (ZipEntry entry = next(file, zip); entry != null; entry = next(file, zip)) {
                String name = entry.getName();
                if (entries.containsKey(name) || name.equals(DIGEST) && digest != null) {
                    throw new ModelFileException(file, "has two entries named \"" + printable(name) + "\"", null);
                }
                if (digest != null) {
                    throw new ModelFileException(file, "has an entry after its " + DIGEST + ": \"" + printable(name) + "\"", null);
                }
                if (name.equals(DIGEST)) {
                    digest = bounded(file, zip, name, 64);
                } else if (sizes.containsKey(name)) {
                    entries.put(name, bounded(file, zip, name, sizes.get(name)));
                } else {
                    throw new ModelFileException(file, "has an entry dense4j does not write: \"" + printable(name) + "\"", null);
                }
            }
        } catch (ZipException | java.io.EOFException damaged) {
            throw new ModelFileException(file, "is truncated or corrupt: " + (damaged.getMessage() != null ? damaged.getMessage()
                    : "it ends in the middle of an entry"), damaged);
        } catch (IOException failed) {
            throw new ModelFileException(file, "cannot be read: " + IoReason.of(failed), failed);
        }
        if (digest != null && !new String(digest, StandardCharsets.US_ASCII).equals(digest(entries))) {
            throw new ModelFileException(file, "is corrupt or was altered: its content does not match its " + DIGEST, null);
        }
        return new Entries(entries, digest != null);
    }

    /** The next entry, or null; a name that is not UTF-8, as dense4j writes every name, is damage. */
    private static ZipEntry next(Path file, ZipInputStream zip) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException notUtf8) { // the JDK's words ("malformed input off : 0") say nothing of the file
            throw new ModelFileException(file, "is truncated or corrupt: the name of an entry is not UTF-8 text", notUtf8);
        }
    }

    /** The rest of the current entry, refused if it holds more than {@code limit} bytes. */
    private static byte[] bounded(Path file, ZipInputStream zip, String name, long limit) throws IOException {
        byte[] content = zip.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8)); // a bad CRC or a cut-off entry throws here
        if (content.length > limit) {
            throw new ModelFileException(file, String.format(java.util.Locale.ROOT, "%s holds more than the %,d bytes %s", name, limit,
                    name.equals(CONFIG) ? "a model's configuration may take" : name.equals(DIGEST) ? "a digest takes"
                            : CONFIG + " declares for it"), null);
        }
        return content;
    }

    /** SHA-256, in hex, over each entry's name, a 0 byte, its length (8 bytes, big-endian) and its bytes, in order. */
    static String digest(Map<String, byte[]> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                sha.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(ByteBuffer.allocate(Long.BYTES).putLong(entry.getValue().length).array());
                sha.update(entry.getValue());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-256", missing);
        }
    }

    /** An entry name for a message: at most 80 characters, control characters escaped. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < 80; i++) {
            char c = name.charAt(i);
            out.append(Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return name.length() > 80 ? out + "…" : out.toString();
    }
}
