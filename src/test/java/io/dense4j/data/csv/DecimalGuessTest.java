package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecimalGuessTest {
    private static DecimalGuess.Found guess(char delimiter, String... lines) {
        return DecimalGuess.of(Arrays.stream(lines).map(line -> line.getBytes(StandardCharsets.UTF_8)).toList(), delimiter, column -> true);
    }

    @Test
    void aCommaNumberBetweenSemicolonsOrTabsIsADecimalComma() {
        assertEquals(new DecimalGuess.Found(',', (char) 0, "5467,47"), guess(';', "Alter;Einkommen;Tarif", "26;5467,47;Basis", "49;7039,8;Plus"));
        assertEquals(new DecimalGuess.Found(',', (char) 0, "0,125"), guess('\t', "a\tb", "0,125\t3"), "a leading 0 groups no thousands");
        assertEquals(new DecimalGuess.Found(',', (char) 0, "-1,5"), guess('|', "a|b", "\"-1,5\"|x"), "quoted, signed");
    }

    @Test
    void pointsBetweenThousandsAreTakenWithTheComma() {
        assertEquals(new DecimalGuess.Found(',', '.', "12,5 and 3.449,45"), guess(';', "a;b", "12,5;7", "1;3.449,45"),
                "a grouped example shown too");
        assertEquals(new DecimalGuess.Found(',', '.', "1.234.567"), guess(';', "a;b", "1.234.567;2"), "two groups can only be thousands");
        assertEquals(new DecimalGuess.Found(',', '.', "45,3 and 62.302"), guess(';', "a;b", "62.302;45,3"),
                "62.302 is a number either way, but with a decimal comma only if grouped");
        assertNull(guess(';', "a;b", "6.3;45,3"), "6.3 is a number only with a decimal point");
    }

    @Test
    void aNumberWithADecimalPointAnywhereKeepsThePoint() {
        assertNull(guess(';', "a;b", "26;5467,47", "7.4;1"));
        assertNull(guess(';', "a;b", "1,234.5;5467,47"), "grouped by commas around a point");
        assertNull(guess(';', "a;b", "5467,47;1.5e-3"));
    }

    @Test
    void cellsThatAreNumbersEitherWayShowNothing() {
        assertNull(guess(';', "a;b", "62,882;12"), "a decimal 62.882 or 62882 grouped");
        assertNull(guess(';', "a;b", "6.368;-4"), "a decimal 6.368 or 6368 grouped");
        assertNull(guess(';', "a;b", "NaN;NA", "12.03.2020;Köln"), "marks, dates and text are no numbers either way");
        assertEquals(new DecimalGuess.Found(',', '.', "2,5 and 6.368"), guess(';', "a;b", "62,882;6.368", "2,5;1"),
                "until one cell says; then 6.368 can only be grouped");
    }

    @Test
    void aColumnThatHoldsNoNumbersForTheModelSaysNothing() {
        List<byte[]> rows = Arrays.stream(new String[] {"S1;7.153;1,2;0", "S2;3.5;3,7;1"}).map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
        assertNull(DecimalGuess.of(rows, ';', column -> column != 2), "tags declared categorical: the weights' points speak");
        assertNull(DecimalGuess.of(rows.subList(0, 1), ';', column -> column != 2), "7.153 alone speaks for neither");
        assertEquals(new DecimalGuess.Found(',', '.', "1,2 and 7.153"), DecimalGuess.of(rows.subList(0, 1), ';', column -> true),
                "the comma from the tags, and then 7.153 can only be grouped");
    }

    @Test
    void aCommaDelimitedFileIsNeverGuessed() {
        assertNull(guess(',', "a,b", "\"5467,47\",1"));
    }

    @Test
    void aLineTheDelimiterCannotCutIsPassedOver() {
        assertEquals(new DecimalGuess.Found(',', (char) 0, "1,5"), guess(';', "a;b", "\"7.4;1", "1,5;2"));
    }

    @Test
    void theFirstLinesAreReadUpToTheirBound(@TempDir Path folder) throws Exception {
        StringBuilder csv = new StringBuilder("\n  \na;b\n");
        for (int row = 0; row < 300; row++) {
            csv.append(row).append(";1,5\n");
        }
        Path file = Files.writeString(folder.resolve("rows.csv"), csv);
        TextEncoding utf8 = TextEncoding.named("UTF-8");
        List<byte[]> lines = FirstLines.of(file, utf8, DecimalGuess.LINES);
        assertEquals(DecimalGuess.LINES, lines.size());
        assertEquals("a;b", new String(lines.get(0), StandardCharsets.UTF_8), "blank lines passed over");

        byte[] wide = new byte[FirstLines.MOST_LATER_BYTES / 2];
        Arrays.fill(wide, (byte) '7');
        Path long_ = folder.resolve("long.csv");
        Files.write(long_, ("a;b\n1;2\n3;4\n" + new String(wide, StandardCharsets.US_ASCII) + ";1\n" + new String(wide, StandardCharsets.US_ASCII)
                + ";2\n5;6\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(4, FirstLines.of(long_, utf8, DecimalGuess.LINES).size(), "the line that passes the bound, and those after it, left unread");
    }
}
