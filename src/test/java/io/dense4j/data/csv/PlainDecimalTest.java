package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlainDecimalTest {

    private static double parse(String text) {
        byte[] bytes = ("##" + text + "##").getBytes(StandardCharsets.US_ASCII); // bounds inside a larger buffer
        return PlainDecimal.parse(bytes, 2, bytes.length - 2);
    }

    private static void agreesWithTheJdk(String text) {
        double plain = parse(text);
        if (!Double.isNaN(plain)) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(plain), text);
        }
    }

    @Test
    void handWrittenCasesAreExact() {
        assertEquals(0.5, parse("0.5"));
        assertEquals(-12.25, parse("-12.25"));
        assertEquals(3, parse("+3"));
        assertEquals(5, parse("5."));
        assertEquals(0.125, parse(".125"));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(parse("-0")));
        assertEquals(1e5, parse("1e5"));
        assertEquals(2.5e-3, parse("2.5E-3"));
        assertEquals(12345678901234.5, parse("12345678901234.5"));
        assertEquals(0.1, parse("0.1"), 0.0); // the double nearest 0.1, as the JDK reads it
    }

    @Test
    void whatIsNotAPlainDecimalIsLeftToTheFullParser() {
        for (String text : new String[] {"", "-", ".", "+.", "abc", "1..2", "1.2.3", "e5", "1e", "1e+", "0x10", "1,5", " 1",
                "NaN", "Infinity", "1234567890123456789", "123456789012345678", "9007199254740993", "1e23", "1e-23", "1e400", "1f", "1d"}) {
            assertTrue(Double.isNaN(parse(text)), text);
        }
    }

    @Test
    void withADecimalCommaACommaSeparatesTheDigitsAndAPointEndsTheNumber() {
        for (String text : new String[] {"26,3", "-0,125", "7779,47", "5,", ",5", "1,5e-3", "+3"}) {
            byte[] bytes = ("##" + text + "##").getBytes(StandardCharsets.US_ASCII);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text.replace(',', '.'))),
                    Double.doubleToRawLongBits(PlainDecimal.parse(bytes, 2, bytes.length - 2, ',')), text);
        }
        byte[] point = "1.5".getBytes(StandardCharsets.US_ASCII);
        assertTrue(Double.isNaN(PlainDecimal.parse(point, 0, point.length, ',')));
        byte[] row = "26,3;7779,47".getBytes(StandardCharsets.US_ASCII);
        PlainDecimal parser = new PlainDecimal(',');
        assertEquals(26.3, parser.parseField(row, 0, row.length, ';'));
        assertEquals(4, parser.end(), "the field ends at the delimiter, not at the comma");
        assertEquals(7779.47, parser.parseField(row, 5, row.length, ';'));
    }

    @Test
    void randomDecimalsMatchTheJdkBitForBit() {
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(3) == 0) {
                text.append(random.nextBoolean() ? '-' : '+');
            }
            int whole = random.nextInt(10);
            for (int d = 0; d < whole; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                text.append('.');
                int fraction = random.nextInt(12);
                for (int d = 0; d < fraction; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(4) == 0) {
                text.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "").append(random.nextInt(30));
            }
            String candidate = text.toString();
            if (candidate.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE]-?\\d+)?")) {
                agreesWithTheJdk(candidate);
            }
        }
    }
}
