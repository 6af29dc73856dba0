package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimiterGuessTest {
    @TempDir
    Path folder;

    private static byte[] bytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }

    private static char of(String line) {
        return DelimiterGuess.of(bytes(line), null, true, Set.of());
    }

    @Test
    void theCommaStaysWhereverItReadsTheLineAsFields() {
        assertEquals(',', of("a,b,c"));
        assertEquals(',', of("a;b,c"), "two fields by commas: a comma file, whatever else its names hold");
        assertEquals(',', of("price"), "one column and no other delimiter: the comma, and the reader's one-column error");
        assertEquals(',', of("\"x;y\""), "one quoted field: its semicolon is text");
        assertEquals(',', of(""));
        assertEquals(',', DelimiterGuess.of(bytes("dose;mg"), null, true, Set.of("dose;mg")),
                "a model's one column, named by the comma reading: a comma file");
        assertEquals(',', of("a\u0000;\u0000b"), "NUL bytes: no text to guess from, the reader says what it is");
    }

    @Test
    void anotherDelimiterWhereOnlyItReadsTheLine() {
        assertEquals(';', of("age;income;city;label"));
        assertEquals('\t', of("age\tincome\tlabel"));
        assertEquals('|', of("age|income|label"));
        assertEquals(';', of("\"a,b\";c;d"), "a comma inside quotes cuts nothing");
        assertEquals(';', of("\"Preis, EUR\";\"Menge, Stk\";\"label\""), "text after a quoted field: no comma file");
        assertEquals(';', of("\uFEFF\"Preis, EUR\";Menge;label"), "a byte order mark before the opening quote");
        assertEquals(';', DelimiterGuess.of(bytes("Preis; \"Menge, Stk\"; label"), bytes("1;2;0"), true, Set.of()),
                "blanks before the opening quote: the comma cuts the header in two, not the row, which semicolons cut alike");
        assertEquals('\t', of("\"a, b\"\t\"c, d\"\tlabel"));
        assertEquals('\t', of("a;b\tc\td"), "the one that cuts the most fields: 3 by tabs, 2 by semicolons");
        assertEquals(';', of("a;b\tc"), "a tie goes to the likelier semicolon");
        assertEquals(';', of("\"say \"\"hi\"\", then go\";b"), "a doubled quote stays inside its field");
        assertEquals('\t', DelimiterGuess.of(bytes("dose;mg\tweight;kg\tlabel"), bytes("1.5\t70\t0"), true, Set.of()),
                "a tie that the second line settles: tabs cut it alike");
        assertEquals(';', DelimiterGuess.of(bytes("0,346;-0,593;0"), null, false, Set.of()),
                "with decimal commas the comma cannot be the delimiter");
    }

    @Test
    void fieldsAreReadAsTheReaderReadsThem() {
        assertEquals(List.of("Preis, EUR", "Menge", "x \"y\""), DelimiterGuess.fields(bytes(" \"Preis, EUR\" ;Menge ;\"x \"\"y\"\"\""), ';'));
        assertEquals(List.of("Köln", ""), DelimiterGuess.fields(bytes("\"Köln\";"), ';'));
        assertNull(DelimiterGuess.fields(bytes("\"a\"b;c"), ';'), "text after a quoted field");
        assertNull(DelimiterGuess.fields(bytes("\"a;b"), ';'), "a quote left open");
    }

    @Test
    void readsTheFirstLinesOfAPlainOrGzipFileBlankLinesPassedOver() throws Exception {
        Path plain = Files.writeString(folder.resolve("rows.csv"), "\n  \na;b;label\n1,5;2;0\n");
        assertEquals(';', guessed(plain));
        Path gzip = folder.resolve("rows.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write("a\tb\tlabel\n1\t2\t0\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals('\t', guessed(gzip));
        assertEquals(',', guessed(Files.writeString(folder.resolve("empty.csv"), "")));
    }

    /** The delimiter a file's first lines show, read as the command line reads them. */
    private static char guessed(Path file) throws java.io.IOException {
        return DelimiterGuess.of(FirstLines.of(file, TextEncoding.named("UTF-8"), 2), true, Set.of());
    }
}
