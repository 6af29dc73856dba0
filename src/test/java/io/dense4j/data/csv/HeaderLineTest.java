package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The header line of a stream read once (standard input, a file on Spark), up to its end and not a byte further. */
class HeaderLineTest {

    private static String header(String text, CsvFormat format, String restExpected) throws IOException {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] line = HeaderLine.read(in, 1 << 10, read, format);
        String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(restExpected, rest, "nothing past the header is read");
        assertEquals(text, read.toString(StandardCharsets.UTF_8) + rest, "every byte read is handed on");
        return line == null ? null : new String(line, StandardCharsets.UTF_8);
    }

    @Test
    void aQuotedNameOfTwoLinesIsOneHeader() throws IOException {
        assertEquals("\"Amount\r\n(USD)\",b", header("\"Amount\r\n(USD)\",b\r\n1,2\n", CsvFormat.defaults(), "1,2\n"));
        assertEquals("a, \"say \"\"x\"\"\ny\",c", header("a, \"say \"\"x\"\"\ny\",c\n1,2,3\n", CsvFormat.defaults(), "1,2,3\n"));
        assertEquals("a;\"b\nc\"", header("a;\"b\nc\"\n1;2\n", CsvFormat.defaults().withDelimiter(';'), "1;2\n"));
        assertEquals("\uFEFF\"a\nb\",c", header("\uFEFF\"a\nb\",c\n1,2\n", CsvFormat.defaults(), "1,2\n"), "after a byte order mark");
    }

    @Test
    void aQuoteInsideANameIsText() throws IOException {
        assertEquals("height 5'11\",b", header("height 5'11\",b\n1,2\n", CsvFormat.defaults(), "1,2\n"));
        assertEquals("a,b", header("\n\na,b\n1,2\n", CsvFormat.defaults(), "1,2\n"), "blank lines first");
    }

    @Test
    void aQuoteThatNeverClosesStopsAtTheLongestLine() throws IOException {
        String open = "\"a,b\n" + "1,2\n".repeat(400);
        InputStream in = new ByteArrayInputStream(open.getBytes(StandardCharsets.UTF_8));
        assertNull(HeaderLine.read(in, 1 << 10, OutputStream.nullOutputStream(), CsvFormat.defaults()));
    }
}
