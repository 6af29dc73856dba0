package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimiterGuessTest {
    @TempDir
    Path folder;

    private static char of(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return DelimiterGuess.of(bytes, 0, bytes.length);
    }

    @Test
    void theCommaStaysWhereverItCutsTheLine() {
        assertEquals(',', of("a,b,c"));
        assertEquals(',', of("a;b,c"), "two fields by commas: a comma file, whatever else its names hold");
        assertEquals(',', of("price"), "one column and no other delimiter: the comma, and the reader's one-column error");
        assertEquals(',', of("\"x;y\""), "one quoted field: its semicolon is text");
        assertEquals(',', of(""));
    }

    @Test
    void anotherDelimiterWhereOnlyItCutsTheLine() {
        assertEquals(';', of("age;income;city;label"));
        assertEquals('\t', of("age\tincome\tlabel"));
        assertEquals('|', of("age|income|label"));
        assertEquals(';', of("\"a,b\";c;d"), "a comma inside quotes cuts nothing");
        assertEquals('\t', of("a;b\tc\td"), "the one that cuts the most fields: 3 by tabs, 2 by semicolons");
        assertEquals(';', of("a;b\tc"), "a tie goes to the likelier semicolon");
        assertEquals(';', of("\"say \"\"hi\"\", then go\";b"), "a doubled quote stays inside its field");
        assertEquals(';', of("\uFEFFage;label"), "a byte order mark is part of no delimiter");
    }

    @Test
    void readsTheFirstLineOfAPlainOrGzipFile() throws Exception {
        Path plain = Files.writeString(folder.resolve("rows.csv"), "a;b;label\n1,5;2;0\n");
        assertEquals(';', DelimiterGuess.of(plain));
        Path gzip = folder.resolve("rows.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write("a\tb\tlabel\n1\t2\t0\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals('\t', DelimiterGuess.of(gzip));
        assertEquals(',', DelimiterGuess.of(Files.writeString(folder.resolve("empty.csv"), "")));
    }
}
