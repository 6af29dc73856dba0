package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Amounts and rates written with a currency or percent sign are the numbers written, not text. */
class SignedAmountsTest {
    @TempDir
    Path folder;

    private static float number(String cell, CsvFormat format) {
        byte[] bytes = TestLines.bytes("##" + cell + "##"); // bounds inside a larger buffer
        return new CellParser(false, TestLines.problemsOnLine(2), format).number(bytes, 2, bytes.length - 2, 3);
    }

    @Test
    void readsTheNumberWritten() {
        CsvFormat plain = CsvFormat.defaults();
        assertEquals(1093.02f, number("$1,093.02", plain));
        assertEquals(1093.02f, number("\u20AC1,093.02", plain), "the euro sign, three bytes");
        assertEquals(-5f, number("-$5", plain));
        assertEquals(5f, number("+\u00A3 5.00", plain), "a pound sign, a blank after it");
        assertEquals(2500000f, number("\u00A52,500,000", plain), "the yen sign");
        assertEquals(7.1f, number("7.1%", plain));
        assertEquals(12f, number("12 %", plain));
        assertEquals(-0.5f, number("-0.5%", plain));
        assertEquals(1093.02f, number("\u20AC1.093,02", plain.withDelimiter(';').withDecimal(',')), "grouped by points");
        assertEquals(3.5f, number("3,5 %", plain.withDelimiter(';').withDecimal(',')));
        assertEquals(12.5f, number("12,5 \u20AC", plain.withDelimiter(';').withDecimal(',')), "the sign after the number");
        assertEquals(5f, number("5$", plain));
        assertEquals(12f, number("12\u00A0%", plain), "a no-break space before the sign");
        assertEquals(-5f, number("($5.00)", plain), "an account's negative");
        assertEquals(-1200f, number("( \u20AC1,200 )", plain));
    }

    @Test
    void leavesWhatIsNoAmountAnError() {
        for (String cell : new String[] {"$", "%", "$abc", "5%%", "$1,2", "$-5", "-$-5", "$1e400", "Infinity%", "%5", "US$5", "$5$",
            "1e3%", "$0x1p3", "NaN%", "$.", "(5%)", "(-$5)", "(5)", "5-"}) {
            DataFileException error = assertThrows(DataFileException.class, () -> number(cell, CsvFormat.defaults()), cell);
            assertTrue(error.getMessage().contains("expected a number, got \"" + cell + "\""), error.getMessage());
        }
    }

    /** A missing-value mark that reads as an amount or rate ("-1%", "$0") is a mark still, as before amounts were read. */
    @Test
    void aMarkWrittenAsARateIsAMark() {
        CsvFormat marked = CsvFormat.defaults().withMissingMarks(List.of("-1%", "$0"));
        byte[] bytes = TestLines.bytes("##-1%##");
        assertTrue(Float.isNaN(new CellParser(true, TestLines.problemsOnLine(2), marked).number(bytes, 2, bytes.length - 2, 3)));
        assertEquals(-2f, number("-2%", marked));
        assertEquals(0.5f, number("$0.5", marked));
    }

    @Test
    void aColumnOfThemIsNumeric() throws IOException {
        Path file = Files.writeString(folder.resolve("rates.csv"), "rate,price,plan,label\n7.1%,\"$1,093.02\",gold,1\n"
                + "0.4%,$76.56,basic,0\n12.0%,\"$2,001.00\",gold,1\n3%,$5,basic,0\n");
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder));
        assertEquals(List.of("plan"), source.categoricalColumns());
        assertTrue(CellParser.readsAsNumber(TestLines.bytes("$1,093.02"), 0, 9, '.', (char) 0));
        assertFalse(CellParser.readsAsNumber(TestLines.bytes("$1,2"), 0, 4, '.', (char) 0));
    }
}
