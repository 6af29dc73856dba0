package io.dense4j.data.csv;

import io.dense4j.data.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The character encoding of a CSV file's text: UTF-8, the default, or an encoding of one byte per
 * character whose first 128 are ASCII's, such as Windows-1252 (the encoding Excel saves a "CSV"
 * in on Western systems), ISO-8859-15, Windows-1250 or KOI8-R. The reader reads UTF-8, so such a
 * file's bytes become UTF-8 as they are read, each through a table. Its delimiters, quotes, line
 * ends and digits keep their bytes, so the file still splits into parts at its line ends and its
 * lines keep their numbers. Encodings of several bytes per character (UTF-16, Shift_JIS) are
 * refused, as their bytes do not split so.
 */
public final class TextEncoding {
    /** The default, which needs no table. */
    public static final String UTF_8 = "UTF-8";
    /** A byte that UTF-8 never holds (see {@link #noCharacter}). */
    private static final byte NO_CHARACTER = (byte) 0xFF;
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Map<String, TextEncoding> KNOWN = new ConcurrentHashMap<>();

    private final String name;
    /** For each byte from 0x80, the UTF-8 bytes of its character, null for none; the table itself null for UTF-8. */
    private final byte[][] utf8;

    private TextEncoding(String name, byte[][] utf8) {
        this.name = name;
        this.utf8 = utf8;
    }

    /**
     * The encoding called {@code name} in any of Java's spellings ({@code cp1252},
     * {@code windows-1252}, {@code latin1}); refused with the reason when Java does not know it
     * or it is not one of one byte per character over ASCII.
     */
    public static TextEncoding named(String name) {
        Objects.requireNonNull(name, "encoding");
        TextEncoding known = KNOWN.get(name);
        return known != null ? known : KNOWN.computeIfAbsent(name, TextEncoding::read);
    }

    private static TextEncoding read(String name) {
        Charset charset;
        try {
            charset = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            throw new IllegalArgumentException("\"" + Printable.of(name) + "\" is no encoding Java knows; " + READ);
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            return new TextEncoding(UTF_8, null);
        }
        if (!charset.canEncode() || charset.newEncoder().maxBytesPerChar() != 1) {
            throw new NotOneBytePerCharacter(name, charset.name() + " is not an encoding of one byte per character");
        }
        if (!keepsAscii(charset)) {
            throw new NotOneBytePerCharacter(name, charset.name() + " does not write ASCII's characters as ASCII does");
        }
        byte[][] table = new byte[128][];
        for (int b = 0x80; b <= 0xFF; b++) {
            String character = character(charset, b);
            table[b - 0x80] = character != null ? character.getBytes(StandardCharsets.UTF_8) : null;
        }
        return new TextEncoding(charset.name(), table);
    }

    /** An encoding refused because its bytes do not split as ASCII's do: converting the file is the way. */
    public static final class NotOneBytePerCharacter extends IllegalArgumentException {
        private final String given;

        NotOneBytePerCharacter(String given, String reason) {
            super(reason + "; " + READ);
            this.given = given;
        }

        /** The name it was given by, which iconv is likelier to know than Java's ({@code sjis}, not {@code x-…}). */
        public String given() {
            return given;
        }
    }

    private static final String READ = "dense4j reads UTF-8 (the default) and encodings of one byte per character, such as "
            + "windows-1252 or ISO-8859-15";

    private static boolean keepsAscii(Charset charset) {
        for (int b = 0; b < 0x80; b++) {
            String character = character(charset, b);
            if (character == null || character.length() != 1 || character.charAt(0) != b) {
                return false;
            }
        }
        return true;
    }

    /** The character byte {@code b} stands for in {@code charset}, or null for none. */
    private static String character(Charset charset, int b) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(new byte[] {(byte) b})).toString();
        } catch (CharacterCodingException none) {
            return null;
        }
    }

    /** Java's name of it: {@code windows-1252}, {@code ISO-8859-1}, {@code UTF-8}. */
    public String name() {
        return name;
    }

    public boolean isUtf8() {
        return utf8 == null;
    }

    /**
     * {@code raw}'s bytes as UTF-8: {@code raw} itself when it is UTF-8. {@code fileStart} says
     * that {@code raw} starts at the file's first byte, where UTF-8's byte order mark says the
     * file is UTF-8; elsewhere (a part read on a thread of its own, a Spark piece) those bytes
     * are text.
     */
    public InputStream decoding(InputStream raw, boolean fileStart) {
        return isUtf8() ? raw : new Utf8Input(raw, this, fileStart);
    }

    /** {@code bytes} as UTF-8: themselves when they are. */
    public byte[] utf8(byte[] bytes) {
        if (isUtf8()) {
            return bytes;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length + bytes.length / 8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b >= 0) {
                out.write(b);
            } else if (utf8[b & 0x7F] != null) {
                out.writeBytes(utf8[b & 0x7F]);
            } else {
                out.write(noCharacter(b, i > 0 ? bytes[i - 1] : 0));
            }
        }
        return out.toByteArray();
    }

    /**
     * What a byte with no character in the encoding becomes: itself, which UTF-8 never holds as
     * it stands (a byte from 0x80 to 0xBF only continues a character, and none is begun before
     * it; one from 0xC0 only begins one, and what follows never continues it), so the reader names
     * the cell as it is in the file; but 0xFF, which UTF-8 never holds anywhere, for a byte from
     * 0x80 to 0xBF right after one from 0xC0 so kept, which the two would otherwise make a
     * character of. {@code before} is the file's byte before it (0 for none).
     */
    private byte noCharacter(byte b, byte before) {
        boolean afterLead = (before & 0xFF) >= 0xC0 && utf8[before & 0x7F] == null;
        return afterLead && (b & 0xFF) < 0xC0 ? NO_CHARACTER : b;
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Thrown when a file read in another encoding starts with UTF-8's byte order mark, which says
     * it is UTF-8: read as the other, every character past ASCII would be two wrong ones.
     */
    public static final class Utf8File extends IOException {
        Utf8File(String encoding) {
            super("starts with UTF-8's byte order mark, so it is UTF-8, not " + encoding + ": give "
                    + io.dense4j.data.Remedy.of("--encoding UTF-8", "CsvFormat.withEncoding(\"UTF-8\")"));
        }
    }

    /** A stream's bytes turned into UTF-8 through the table, ASCII's runs copied as they are. */
    private static final class Utf8Input extends InputStream {
        private static final byte[] NONE = new byte[0];
        private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class,
                java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final long HIGH_BITS = 0x8080808080808080L;
        private final InputStream raw;
        private final TextEncoding encoding;
        private final byte[] read = new byte[1 << 16];
        private final byte[] one = new byte[1];
        private int at;
        private int end;
        private boolean started;
        private byte[] rest = NONE; // a character's UTF-8 bytes that did not fit the last call's room
        private int restAt;
        private byte beforeRead; // the raw byte before read[0]: the last of the bytes read before

        Utf8Input(InputStream raw, TextEncoding encoding, boolean fileStart) {
            this.raw = raw;
            this.encoding = encoding;
            this.started = !fileStart;
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, into.length);
            if (length == 0) {
                return 0;
            }
            int to = offset;
            int limit = offset + length;
            while (restAt < rest.length && to < limit) {
                into[to++] = rest[restAt++];
            }
            while (to < limit) {
                if (at == end) {
                    if (to > offset) {
                        break; // hand out what there is before waiting for more
                    }
                    if (!fill()) {
                        return -1;
                    }
                }
                int stop = Math.min(end, at + (limit - to));
                int run = asciiUntil(read, at, stop);
                System.arraycopy(read, at, into, to, run - at);
                to += run - at;
                at = run;
                if (to < limit && at < end) {
                    byte b = read[at];
                    byte[] character = encoding.utf8[b & 0x7F];
                    if (character == null) {
                        into[to++] = encoding.noCharacter(b, at > 0 ? read[at - 1] : beforeRead);
                        at++;
                        continue;
                    }
                    at++;
                    int fits = Math.min(character.length, limit - to);
                    System.arraycopy(character, 0, into, to, fits);
                    to += fits;
                    if (fits < character.length) {
                        rest = character;
                        restAt = fits;
                    }
                }
            }
            return to - offset;
        }

        /** The first byte from {@code from} that is not ASCII, or {@code to}: eight bytes at a time, as most are ASCII. */
        private static int asciiUntil(byte[] bytes, int from, int to) {
            int at = from;
            while (at + Long.BYTES <= to && ((long) LONGS.get(bytes, at) & HIGH_BITS) == 0) {
                at += Long.BYTES;
            }
            while (at < to && bytes[at] >= 0) {
                at++;
            }
            return at;
        }

        /** Reads more raw bytes; false at the end. The first read of a file from its start looks for UTF-8's byte order mark. */
        private boolean fill() throws IOException {
            if (end > 0) {
                beforeRead = read[end - 1];
            }
            at = 0;
            end = 0;
            do {
                int got = raw.read(read, end, read.length - end);
                if (got < 0) {
                    break;
                }
                end += got;
            } while (!started && end < BYTE_ORDER_MARK.length);
            if (!started) {
                started = true;
                if (end >= BYTE_ORDER_MARK.length && java.util.Arrays.equals(read, 0, BYTE_ORDER_MARK.length, BYTE_ORDER_MARK, 0,
                        BYTE_ORDER_MARK.length)) {
                    throw new Utf8File(encoding.name());
                }
            }
            return end > 0;
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }
}
