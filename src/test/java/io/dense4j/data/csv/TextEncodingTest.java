package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextEncodingTest {

    @Test
    void anEncodingIsKnownByAnyOfJavasNamesForIt() {
        assertEquals("windows-1252", TextEncoding.named("cp1252").name());
        assertEquals("ISO-8859-1", TextEncoding.named("latin1").name());
        assertEquals("UTF-8", TextEncoding.named("utf8").name());
        assertEquals("UTF-8", new CsvFormat(true, ',', null, -1, true, null, java.util.List.of(), null).encoding(), "the default");
        assertEquals("ISO-8859-15", CsvFormat.defaults().withEncoding("latin9").encoding());
    }

    @Test
    void encodingsOfSeveralBytesOrWithoutAsciiAreRefusedWithTheWayOut() {
        assertEquals("UTF-16 has characters of several bytes; dense4j reads UTF-8 (the default) and encodings of one byte per "
                + "character, such as windows-1252 or ISO-8859-15: convert the file, for example with iconv -f UTF-16 -t utf-8",
                assertThrows(IllegalArgumentException.class, () -> TextEncoding.named("utf-16")).getMessage());
        assertEquals("Shift_JIS has characters of several bytes; dense4j reads UTF-8 (the default) and encodings of one byte per "
                + "character, such as windows-1252 or ISO-8859-15: convert the file, for example with iconv -f Shift_JIS -t utf-8",
                assertThrows(IllegalArgumentException.class, () -> TextEncoding.named("sjis")).getMessage());
        assertEquals("IBM037 does not write ASCII's characters as ASCII does; dense4j reads UTF-8 (the default) and encodings of "
                + "one byte per character, such as windows-1252 or ISO-8859-15: convert the file, for example with iconv -f IBM037 "
                + "-t utf-8", assertThrows(IllegalArgumentException.class, () -> TextEncoding.named("ebcdic-cp-us")).getMessage());
        assertEquals("\"klingon\" is no encoding Java knows; dense4j reads UTF-8 (the default) and encodings of one byte per "
                + "character, such as windows-1252 or ISO-8859-15",
                assertThrows(IllegalArgumentException.class, () -> TextEncoding.named("klingon")).getMessage());
    }

    /** Every byte of Windows-1252 becomes the UTF-8 of the character Java's decoder reads; its five undefined ones stay as they are. */
    @Test
    void everyByteBecomesItsCharactersUtf8() throws IOException {
        Charset windows = Charset.forName("windows-1252");
        TextEncoding encoding = TextEncoding.named("windows-1252");
        for (int b = 0; b < 256; b++) {
            byte[] one = {(byte) b};
            byte[] expected = java.util.Set.of(0x81, 0x8D, 0x8F, 0x90, 0x9D).contains(b) ? one
                    : new String(one, windows).getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, readAll(encoding.decoding(new ByteArrayInputStream(one)), 4096), "byte " + b);
            assertArrayEquals(expected, encoding.utf8(one), "byte " + b);
        }
        assertArrayEquals(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, encoding.utf8(new byte[] {(byte) 0x80}), "€, hand-written");
    }

    /**
     * A byte with no character that could begin a UTF-8 one with the next (0xD2 in ISO-8859-7)
     * becomes 0xFF, which UTF-8 never holds: two such bytes must not read as a character of UTF-8.
     */
    @Test
    void anUndefinedHighByteBecomesOneThatNoUtf8Holds() throws IOException {
        TextEncoding greek = TextEncoding.named("ISO-8859-7");
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xCE, (byte) 0xB1}, greek.utf8(new byte[] {(byte) 0xD2, (byte) 0xE1}),
                "0xD2 undefined, 0xE1 is α");
        byte[] read = readAll(greek.decoding(new ByteArrayInputStream(new byte[] {(byte) 0xD2, (byte) 0xAE})), 4096);
        assertFalse(CsvProblems.utf8(read, 0, read.length), "both undefined there: never valid UTF-8");
    }

    /** A character's UTF-8 bytes cut across reads of any size come out whole and in order. */
    @Test
    void charactersCutAcrossReadsOfAnySizeComeOutWhole() throws IOException {
        String text = "Preis €;Größe\r\nK\u00f6ln;1,5 €\n" + "x".repeat(70_000) + "€€€;ÿ\n";
        byte[] windows = text.getBytes(Charset.forName("windows-1252"));
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        TextEncoding encoding = TextEncoding.named("windows-1252");
        for (int room : new int[] {1, 2, 3, 5, 4096, 1 << 17}) {
            assertArrayEquals(utf8, readAll(encoding.decoding(new TrickleInput(windows, 7)), room), "reads of " + room + " bytes");
        }
        InputStream bytes = encoding.decoding(new ByteArrayInputStream(windows));
        ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
        for (int b; (b = bytes.read()) >= 0; ) {
            oneByOne.write(b);
        }
        assertArrayEquals(utf8, oneByOne.toByteArray(), "read() a byte at a time");
    }

    @Test
    void utf8IsReadAsItIs() {
        InputStream raw = new ByteArrayInputStream(new byte[] {1});
        assertSame(raw, TextEncoding.named("UTF-8").decoding(raw));
        byte[] line = {(byte) 0xC3, (byte) 0xB6};
        assertSame(line, TextEncoding.named("UTF-8").utf8(line));
    }

    /** A file that starts with UTF-8's byte order mark is UTF-8: read as Windows-1252, "ö" would be "Ã¶". */
    @Test
    void aFileWithUtf8sByteOrderMarkIsRefusedInAnotherEncoding() {
        byte[] file = ("\uFEFFcity,label\nK\u00f6ln,1\n").getBytes(StandardCharsets.UTF_8);
        IOException refused = assertThrows(TextEncoding.Utf8File.class,
                () -> readAll(TextEncoding.named("windows-1252").decoding(new TrickleInput(file, 1)), 4096));
        assertEquals("starts with UTF-8's byte order mark, so it is UTF-8, not windows-1252: give --encoding UTF-8",
                io.dense4j.data.Remedy.onTheCommandLine(refused.getMessage()));
    }

    private static byte[] readAll(InputStream in, int room) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[room];
        for (int n; (n = in.read(buffer, 0, room)) >= 0; ) {
            assertTrue(n > 0, "a read of room > 0 returns a byte or the end");
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** A stream that hands out at most {@code most} bytes a read, as a pipe may. */
    private static final class TrickleInput extends ByteArrayInputStream {
        private final int most;

        TrickleInput(byte[] bytes, int most) {
            super(bytes);
            this.most = most;
        }

        @Override
        public synchronized int read(byte[] into, int offset, int length) {
            return super.read(into, offset, Math.min(length, most));
        }
    }
}
