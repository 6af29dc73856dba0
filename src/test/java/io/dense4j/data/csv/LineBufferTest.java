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
        LineBuffer lines = new LineBuffer(in, chunk, ',');
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
        LineBuffer lines = new LineBuffer(new ByteArrayInputStream(TestLines.bytes("s\n" + longLine + "\nt\n")), 4, ',');
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

    /** A spreadsheet's cell of several lines is quoted: its line ends belong to the row, numbered by its first line. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 64})
    void aQuotedFieldHoldsLineEnds(int chunk) throws IOException {
        assertEquals(List.of("1:id,note,label", "2:1,\"called twice,\nno answer\",0", "4:2,ok,1", "5:3,\"a\r\nb\nc\",1"),
                lines("id,note,label\n1,\"called twice,\nno answer\",0\n2,ok,1\r\n3,\"a\r\nb\nc\",1\r\n", chunk));
        assertEquals(List.of("1:\"he said \"\"hi\"\"\n\"\"ok\"\"\",1", "3:z,2"), lines("\"he said \"\"hi\"\"\n\"\"ok\"\"\",1\nz,2\n", chunk),
                "doubled quotes stand for one, even across the chunks' ends");
        assertEquals(List.of("1:a, \"x\ny\" ,1", "3:b,2"), lines("a, \"x\ny\" ,1\nb,2", chunk), "blanks before the quote");
        assertEquals(List.of("1:\"\"", "2:\"\"\"\"", "3:x"), lines("\"\"\n\"\"\"\"\nx\n", chunk), "empty and quote-only fields");
    }

    /** As FieldScanner reads them: a quote inside a field is text, so a height of 5'11" ends no row and opens none. */
    @ParameterizedTest
    @ValueSource(ints = {1, 4, 64})
    void aQuoteInsideAFieldIsText(int chunk) throws IOException {
        assertEquals(List.of("1:ann,5'11\",1", "2:bo,6',0", "3:cy,\"6'1\"\"\",1"), lines("ann,5'11\",1\nbo,6',0\ncy,\"6'1\"\"\",1\n", chunk));
        assertEquals(List.of("1:a\"b;\"c\nd\";1", "3:e;2"), linesSplitAt(';', "a\"b;\"c\nd\";1\ne;2\n", chunk),
                "another delimiter starts the field");
        assertEquals(List.of("1:a\t\"b\nc\"", "3:d"), linesSplitAt('\t', "a\t\"b\nc\"\nd\n", chunk), "a tab that is the delimiter");
    }

    @Test
    void aQuotedFieldThatNeverClosesRunsToTheEndAndSaysSo() throws IOException {
        LineBuffer lines = new LineBuffer(new ByteArrayInputStream(TestLines.bytes("a,b\n1,\"x\n2,y\n3,z\n")), 4, ',');
        assertTrue(lines.next());
        assertFalse(lines.openAtEnd());
        assertTrue(lines.next());
        assertEquals(2, lines.line());
        assertEquals(4, lines.lastLine());
        assertTrue(lines.openAtEnd());
        assertEquals("1,\"x\n2,y\n3,z\n", new String(lines.bytes(), lines.start(), lines.end() - lines.start(), StandardCharsets.UTF_8));
        assertFalse(lines.next());
    }

    @Test
    void aStreamGivingOneByteAtATimeKeepsAQuotedFieldWhole() throws IOException {
        String text = "a,\"b\n\"\"\n\",1\nc,2\n".repeat(200);
        InputStream trickle = new ByteArrayInputStream(TestLines.bytes(text)) {
            @Override
            public synchronized int read(byte[] bytes, int offset, int length) {
                return super.read(bytes, offset, Math.min(length, 1));
            }
        };
        List<String> rows = lines(trickle, 8);
        assertEquals(400, rows.size());
        assertEquals("800:c,2", rows.get(399));
    }

    private static List<String> linesSplitAt(char delimiter, String text, int chunk) throws IOException {
        LineBuffer lines = new LineBuffer(new ByteArrayInputStream(TestLines.bytes(text)), chunk, delimiter);
        List<String> found = new ArrayList<>();
        while (lines.next()) {
            found.add(lines.line() + ":" + new String(lines.bytes(), lines.start(), lines.end() - lines.start(), StandardCharsets.UTF_8));
        }
        return found;
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
        LineBuffer zeros = new LineBuffer(endless, 1 << 20, ',');
        IOException tooLong = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, zeros::next);
        assertEquals("line 1 runs past 256 MiB without a line end: not a CSV file's line", tooLong.getMessage());
    }
}
