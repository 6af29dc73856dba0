package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineBufferTest {

    /** Every line as "number:content", read {@code chunk} bytes at a time. */
    private static List<String> lines(InputStream in, int chunk) throws IOException {
        LineBuffer lines = new LineBuffer(in, chunk);
        List<String> found = new ArrayList<>();
        while (lines.next()) {
            found.add(lines.line() + ":" + new String(lines.bytes(), lines.start(), lines.end() - lines.start(), StandardCharsets.UTF_8));
        }
        assertFalse(lines.next(), "the end stays the end");
        return found;
    }

    private static List<String> lines(String text, int chunk) throws IOException {
        return lines(new ByteArrayInputStream(TestLines.bytes(text)), chunk);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 8, 64})
    void findsLineEndsAcrossChunkBoundaries(int chunk) throws IOException {
        assertEquals(List.of("1:ab", "2:cdefghijklmnop", "3:i", "4:", "5:jk"), lines("ab\ncdefghijklmnop\ni\n\njk\n", chunk));
    }

    @Test
    void readsALastLineWithoutNewline() throws IOException {
        assertEquals(List.of("1:x", "2:yz"), lines("x\nyz", 64));
        assertEquals(List.of("1:x", "2:yz"), lines("x\nyz\n", 64), "a final newline adds no empty line");
        assertEquals(List.of("1:abc"), lines("abc", 3), "the chunk exactly full of a line without newline");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 64})
    void leavesOutACarriageReturnOnlyJustBeforeANewline(int chunk) throws IOException {
        assertEquals(List.of("1:a", "2:b\rc", "3:", "4:d"), lines("a\r\nb\rc\n\r\nd\r\n", chunk));
        assertEquals(List.of("1:a", "2:d"), lines("a\nd\r", chunk), "a last line without newline may end in \\r too");
    }

    @Test
    void growsForALineLongerThanTheChunk() throws IOException {
        String longLine = "0123456789".repeat(30);
        LineBuffer lines = new LineBuffer(new ByteArrayInputStream(TestLines.bytes("s\n" + longLine + "\nt\n")), 4);
        assertTrue(lines.next());
        assertTrue(lines.next());
        assertEquals(longLine, new String(lines.bytes(), lines.start(), lines.end() - lines.start(), StandardCharsets.UTF_8));
        assertTrue(lines.bytes().length >= longLine.length());
        assertTrue(lines.next());
        assertEquals(3, lines.line());
    }

    @Test
    void readsAStreamThatGivesOneByteAtATime() throws IOException {
        InputStream trickle = new ByteArrayInputStream(TestLines.bytes("1,2\r\n\n3,4\nlast")) {
            @Override
            public synchronized int read(byte[] bytes, int offset, int length) {
                return super.read(bytes, offset, Math.min(length, 1));
            }
        };
        assertEquals(List.of("1:1,2", "2:", "3:3,4", "4:last"), lines(trickle, 8));
    }

    @Test
    void anEmptyInputHasNoLines() throws IOException {
        assertEquals(List.of(), lines("", 4));
        assertEquals(List.of("1:", "2:"), lines("\n\n", 4), "blank lines are still lines: skipping them is the reader's call");
    }

    @Test
    void aLineWithoutEndStopsAtTheLongestLineInsteadOfGrowingPastTheHeap() throws IOException {
        // what /dev/zero gives: bytes and no line end, for ever
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) {
                java.util.Arrays.fill(bytes, offset, offset + length, (byte) 0);
                return length;
            }
        };
        LineBuffer zeros = new LineBuffer(endless, 1 << 20);
        IOException tooLong = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, zeros::next);
        assertEquals("line 1 runs past 256 MiB without a line end: not a CSV file's line", tooLong.getMessage());
    }
}
