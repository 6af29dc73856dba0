package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.DataFileException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a cell that is no UTF-8 says of its file's likely encoding, wherever the reader meets it. */
class EncodingHintTest {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @TempDir
    Path folder;

    private static String hint(byte[] cell) {
        return CsvProblems.notUtf8(cell, 0, cell.length);
    }

    @Test
    void windows1252IsShownAsItReadsAndUtf16ByItsNulBytes() {
        assertEquals(" (read as Windows-1252, as Excel saves a CSV file on Western systems, it is \"Köln\": if the whole file is, give "
                + "--encoding windows-1252 [Java: CsvFormat.withEncoding(\"windows-1252\")])", hint("Köln".getBytes(WINDOWS_1252)));
        assertEquals(" (its NUL bytes say the file is UTF-16, as Excel saves \"Unicode Text\": save it as UTF-8, for example with iconv "
                + "-f utf-16 -t utf-8)", hint("\uFEFFa".getBytes(StandardCharsets.UTF_16LE)));
        byte[] late = ("x".repeat(90) + "?").getBytes(StandardCharsets.US_ASCII);
        late[90] = (byte) 0x81; // no Windows-1252 character, past the 80 bytes a message quotes
        assertEquals("", hint(late), "the whole cell is judged, not the part a message shows");
        byte[] longWindows = ("x".repeat(90) + "ö").getBytes(WINDOWS_1252);
        assertTrue(hint(longWindows).contains("it is \"" + "x".repeat(80) + "…"), hint(longWindows));
    }

    @Test
    void aNumberOrALabelInAnotherEncodingSaysSoRatherThanAskingForCategories() throws Exception {
        Path prices = Files.write(folder.resolve("prices.csv"), "a,price,label\n1,€0.50,0\n2,€1.50,1\n".getBytes(WINDOWS_1252));
        DataFileException number = assertThrows(DataFileException.class, () -> CsvSource.open(prices, CsvFormat.defaults(),
                CsvSource.Options.defaults().withoutCache().withNumeric(java.util.List.of("price"))));
        assertEquals(prices + ", line 2, column 2 (\"price\"): expected a number, got \"\\x800.50\", which is not valid UTF-8 (read as "
                + "Windows-1252, as Excel saves a CSV file on Western systems, it is \"€0.50\": if the whole file is, give --encoding "
                + "windows-1252 [Java: CsvFormat.withEncoding(\"windows-1252\")])", number.getMessage());

        Path labels = Files.write(folder.resolve("labels.csv"), "a,label\n1,nein\n2,Bestätigt\n".getBytes(WINDOWS_1252));
        DataFileException label = assertThrows(DataFileException.class, () -> CsvSource.open(labels, CsvFormat.defaults(),
                CsvSource.Options.defaults().withoutCache().withClasses(java.util.List.of("Bestätigt", "nein"))));
        assertTrue(label.getMessage().endsWith("label \"Best\\xE4tigt\" is none of the model's classes, \"Bestätigt\" and \"nein\" (read "
                + "as Windows-1252, as Excel saves a CSV file on Western systems, it is \"Bestätigt\": if the whole file is, give --encoding "
                + "windows-1252 [Java: CsvFormat.withEncoding(\"windows-1252\")])"), label.getMessage());
    }
}
