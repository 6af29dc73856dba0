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
    void encodingsOfSeveralBytesOrWithoutAsciiAreRefusedWithTheReason() {
        String read = "; dense4j reads UTF-8 (the default) and encodings of one byte per character, such as windows-1252 or ISO-8859-15";
        assertEquals("UTF-16 is not an encoding of one byte per character" + read,
                assertThrows(TextEncoding.NotOneBytePerCharacter.class, () -> TextEncoding.named("utf-16")).getMessage());
        assertEquals("sjis", assertThrows(TextEncoding.NotOneBytePerCharacter.class, () -> TextEncoding.named("sjis")).given(),
                "the name given, which iconv knows, rather than Java's Shift_JIS");
        assertEquals("ISO-2022-CN is not an encoding of one byte per character" + read, assertThrows(IllegalArgumentException.class,
                () -> TextEncoding.named("ISO-2022-CN")).getMessage(), "one Java reads but cannot write");
        assertEquals("IBM037 does not write ASCII's characters as ASCII does" + read,
                assertThrows(IllegalArgumentException.class, () -> TextEncoding.named("ebcdic-cp-us")).getMessage());
        assertEquals("\"klingon\" is no encoding Java knows" + read,
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
            assertArrayEquals(expected, readAll(encoding.decoding(new ByteArrayInputStream(one), true), 4096), "byte " + b);
            assertArrayEquals(expected, encoding.utf8(one), "byte " + b);
        }
        assertArrayEquals(new byte[] {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, encoding.utf8(new byte[] {(byte) 0x80}), "€, hand-written");
    }

    /**
     * A byte with no character stays as it is, which UTF-8 never holds alone, so a message shows
     * the file's byte; two such bytes that UTF-8 would read as one character (0xD2 0xAE, both
     * undefined in ISO-8859-7) are kept apart by 0xFF in place of the second.
     */
    @Test
    void anUndefinedByteStaysAsItIsUnlessItWouldMakeACharacterWithTheOneBefore() throws IOException {
        TextEncoding greek = TextEncoding.named("ISO-8859-7");
        assertArrayEquals(new byte[] {(byte) 0xD2, (byte) 0xCE, (byte) 0xB1}, greek.utf8(new byte[] {(byte) 0xD2, (byte) 0xE1}),
                "0xD2 undefined, 0xE1 is α");
        byte[] pair = {(byte) 0xD2, (byte) 0xAE, 'x', (byte) 0xAE};
        byte[] expected = {(byte) 0xD2, (byte) 0xFF, 'x', (byte) 0xAE};
        assertArrayEquals(expected, greek.utf8(pair));
        for (int room : new int[] {1, 2, 4096}) {
            byte[] read = readAll(greek.decoding(new TrickleInput(pair, 1), true), room);
            assertArrayEquals(expected, read, "across reads of " + room);
            assertFalse(CsvProblems.utf8(read, 0, 2), "never valid UTF-8");
        }
    }

    /** A character's UTF-8 bytes cut across reads of any size come out whole and in order. */
    @Test
    void charactersCutAcrossReadsOfAnySizeComeOutWhole() throws IOException {
        String text = "Preis €;Größe\r\nK\u00f6ln;1,5 €\n" + "x".repeat(70_000) + "€€€;ÿ\n";
        byte[] windows = text.getBytes(Charset.forName("windows-1252"));
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        TextEncoding encoding = TextEncoding.named("windows-1252");
        for (int room : new int[] {1, 2, 3, 5, 4096, 1 << 17}) {
            assertArrayEquals(utf8, readAll(encoding.decoding(new TrickleInput(windows, 7), true), room), "reads of " + room + " bytes");
        }
        InputStream bytes = encoding.decoding(new ByteArrayInputStream(windows), true);
        ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
        for (int b; (b = bytes.read()) >= 0; ) {
            oneByOne.write(b);
        }
        assertArrayEquals(utf8, oneByOne.toByteArray(), "read() a byte at a time");
    }

    @Test
    void utf8IsReadAsItIs() {
        InputStream raw = new ByteArrayInputStream(new byte[] {1});
        assertSame(raw, TextEncoding.named("UTF-8").decoding(raw, true));
        byte[] line = {(byte) 0xC3, (byte) 0xB6};
        assertSame(line, TextEncoding.named("UTF-8").utf8(line));
    }

    /** A file that starts with UTF-8's byte order mark is UTF-8: read as Windows-1252, "ö" would be "Ã¶". */
    @Test
    void aFileWithUtf8sByteOrderMarkIsRefusedInAnotherEncoding() throws IOException {
        byte[] file = ("\uFEFFcity,label\nK\u00f6ln,1\n").getBytes(StandardCharsets.UTF_8);
        IOException refused = assertThrows(TextEncoding.Utf8File.class,
                () -> readAll(TextEncoding.named("windows-1252").decoding(new TrickleInput(file, 1), true), 4096));
        assertEquals("starts with UTF-8's byte order mark, so it is UTF-8, not windows-1252: give --encoding UTF-8",
                io.dense4j.data.Remedy.onTheCommandLine(refused.getMessage()));
        byte[] line = "\u00ef\u00bb\u00bfa,1\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        assertArrayEquals("\u00ef\u00bb\u00bfa,1\n".getBytes(StandardCharsets.UTF_8),
                readAll(TextEncoding.named("windows-1252").decoding(new ByteArrayInputStream(line), false), 4096),
                "a part that starts inside the file: \"ï»¿\" is text there");
    }

    /**
     * Chunks read on their own, as predict reads a large file, from lines that start with "ï»¿"
     * (UTF-8's byte order mark's bytes, as Windows-1252 shows them): text, not a mark, after the
     * file's start.
     */
    @Test
    void aChunkThatStartsWithTheMarksBytesIsText(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws IOException {
        StringBuilder text = new StringBuilder("name,x\n");
        for (int row = 0; row < 2_000; row++) {
            text.append("\u00ef\u00bb\u00bfrow").append(row).append(',').append(row % 7).append('\n');
        }
        java.nio.file.Path file = java.nio.file.Files.write(folder.resolve("marks.csv"),
                text.toString().getBytes(Charset.forName("windows-1252")));
        CsvFormat format = CsvFormat.defaults().withoutLabel().withCategorical(java.util.List.of("name")).withEncoding("windows-1252");
        CsvChunks chunks = CsvChunks.of(new CsvReader(file, format), 4_000);
        assertTrue(chunks.count() > 5, "chunks: " + chunks.count());
        long rows = 0;
        for (int k = 0; k < chunks.count(); k++) {
            rows += chunks.read(k, (line, values, label, weight) -> { }).rows();
        }
        assertEquals(2_000, rows);
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
