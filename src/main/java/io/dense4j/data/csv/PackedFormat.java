package io.dense4j.data.csv;

import java.io.IOException;
import java.io.InputStream;

/**
 * The archives and compressed formats that dense4j does not read, told by their first bytes, so
 * that such a file is named as what it is: read as text, a zip file failed as a line with stray
 * carriage returns, an xz file as UTF-16. Gzip is read ({@link Gzip}). Each signature holds a byte
 * that no text holds (a control byte, a NUL, or one UTF-8 never puts there), but bzip2's, which is
 * ten letters and digits ("BZh", the block size, then the first block's {@code "1AY&SY"}) that no
 * header starts with; commons-compress's own detectors also take looser ones (the three letters
 * alone for bzip2, six digits for cpio, "ustar" alone for tar) that a header, an id or a word such
 * as "mustard" could match.
 */
public enum PackedFormat {
    ZIP("a zip archive", "extract the CSV file from it first (unzip)", 0, 'P', 'K', 0x03, 0x04),
    SEVEN_ZIP("a 7z archive", "extract the CSV file from it first (7z x)", 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C),
    TAR("a tar archive", "extract the CSV file from it first (tar -xf)", 257, 'u', 's', 't', 'a', 'r', 0, '0', '0'),
    GNU_TAR("a tar archive", "extract the CSV file from it first (tar -xf)", 257, 'u', 's', 't', 'a', 'r', ' ', ' ', 0),
    BZIP2("bzip2-compressed", "decompress it first (bunzip2), or compress it with gzip instead", 0, 'B', 'Z', 'h', -1, 0x31, 0x41,
            0x59, 0x26, 0x53, 0x59), // -1: the block size, a digit
    XZ("xz-compressed", "decompress it first (unxz), or compress it with gzip instead", 0, 0xFD, '7', 'z', 'X', 'Z', 0x00),
    ZSTANDARD("zstd-compressed", "decompress it first (unzstd), or compress it with gzip instead", 0, 0x28, 0xB5, 0x2F, 0xFD),
    LZ4("lz4-compressed", "decompress it first (unlz4), or compress it with gzip instead", 0, 0x04, 0x22, 0x4D, 0x18);

    /** Bytes enough to hold every signature, where it sits. */
    public static final int HEAD_BYTES = 265;

    private final String what;
    private final String hint;
    private final int offset;
    private final int[] signature;

    /** {@code signature}: the bytes at {@code offset}, each 0-255, or -1 where any byte may be. */
    PackedFormat(String what, String hint, int offset, int... signature) {
        this.what = what;
        this.hint = hint;
        this.offset = offset;
        this.signature = signature;
    }

    /** The format whose signature {@code head}, a file's first bytes, holds; null for none (text, or gzip). */
    public static PackedFormat of(byte[] head, int length) {
        for (PackedFormat format : values()) {
            if (format.matches(head, length)) {
                return format;
            }
        }
        return null;
    }

    private boolean matches(byte[] head, int length) {
        if (offset + signature.length > length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (signature[i] >= 0 && (head[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses {@code in} if it starts as an archive or a format compressed otherwise (one inside
     * gzip, say a .tar.gz, when {@code insideGzip}), then leaves it where it was. {@code in} supports
     * mark and reset. One read looks, taking what the stream has: a plain pipe whose writer sent a
     * short first line and waits is not waited on for more (a gzip stream is decompressed a block
     * at a time, as before).
     */
    public static void refuse(InputStream in, boolean insideGzip, java.util.function.Function<String, RuntimeException> problem)
            throws IOException {
        byte[] head = new byte[HEAD_BYTES];
        in.mark(HEAD_BYTES);
        int length = Math.max(0, in.read(head, 0, HEAD_BYTES));
        in.reset();
        PackedFormat packed = of(head, length);
        if (packed != null) {
            throw problem.apply(packed.problem(insideGzip ? "gzip" : null));
        }
    }

    /**
     * What a file of this format is, and what to do with it: "is a zip archive, not a CSV file:
     * ..."; {@code compressedWith} names the compression it came out of (gzip, for a .tar.gz), or is null.
     */
    public String problem(String compressedWith) {
        return "is " + what + (compressedWith != null ? " inside " + compressedWith : "") + ", not a CSV file: dense4j reads CSV files "
                + "plain or gzip-compressed; " + hint;
    }
}
