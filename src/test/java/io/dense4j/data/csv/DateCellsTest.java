package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.BatchSource;
import io.dense4j.data.DataFileException;
import io.dense4j.data.RowSelection;
import io.dense4j.tensor.NativeArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class DateCellsTest {
    @TempDir
    Path folder;

    private static double days(String cell) {
        byte[] bytes = cell.getBytes(StandardCharsets.UTF_8);
        return DateCells.days(bytes, 0, bytes.length);
    }

    @Test
    void aDateIsItsDaysSince1970() {
        assertEquals(0, days("1970-01-01"));
        assertEquals(-1, days("1969-12-31"));
        assertEquals(18_335, days("2020-03-14"), "31 + 29 + 13 days into 2020, after 50 years of 365 days and 12 leap days");
        assertEquals(11_016, days("2000-02-29"), "2000 is a leap year");
        assertEquals(-719_528, days("0000-01-01"));
    }

    @Test
    void aTimeIsAFractionOfItsDayAndAnOffsetMovesItToUtc() {
        assertEquals(18_335.5, days("2020-03-14T12:00:00Z"));
        assertEquals(18_335.25, days("2020-03-14 06:00"));
        assertEquals(18_335.25, days("2020-03-14t06:00:00"));
        assertEquals(18_335 + 34_215.5 / 86_400, days("2020-03-14T09:30:15.5"), 0);
        assertEquals(18_335 + 34_215.5 / 86_400, days("2020-03-14T09:30:15,500000000"), 0);
        assertEquals(18_335 + 1 / 86_400e9, days("2020-03-14T00:00:00.000000001"), 0);
        assertEquals(18_334 + 22 / 24.0, days("2020-03-14T00:00+02:00"), 1e-12, "midnight two hours east is 22:00 UTC the day before");
        assertEquals(18_334 + 22 / 24.0, days("2020-03-14T00:00+0200"), 1e-12);
        assertEquals(18_335 + 5.5 / 24, days("2020-03-14T00:00:00-05:30"), 1e-12);
        assertEquals(18_335.125, days("2020-03-14T01:00-02"), 1e-12);
    }

    @Test
    void whatIsNoDateIsNaN() {
        for (String cell : List.of("2021-02-29", "2020-13-01", "2020-00-10", "2020-04-31", "2020-03-14T24:00", "2020-03-14T12:60",
                "2020-03-14T12:00:60", "2020-03-14T12", "2020-03-14T12:00:", "2020-03-14T12:00:00.", "2020-03-14T12:00:00.1234567890",
                "2020-03-14T12:00+19:00", "2020-03-14T12:00-18:01", "2020-03-14T12:00+01:60", "2020-03-14 noon", "2020-03-14Z",
                "2020-03-14T12:00 Z")) {
            assertTrue(Double.isNaN(days(cell)), cell);
        }
        for (String text : List.of("2020-3-14", "20-03-14", "14.03.2020", "2020/03/14", "2020-03")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertFalse(DateCells.looksLikeDate(bytes, 0, bytes.length), text + " is text, as it always was");
        }
    }

    @Test
    void aColumnOfDatesIsANumberColumnReadAsTheirDays() throws IOException {
        Path dates = Files.writeString(folder.resolve("dates.csv"), "signup,plan,label\n2020-03-14,a,0\n2020-03-14T12:00Z,b,1\n"
                + "1969-12-31,a,0\n,b,1\n2020-03-14 06:00,a,1\n");
        CsvSource source = CsvSource.open(dates, CsvFormat.defaults(), CsvSource.Options.defaults().fillingMissing());
        assertEquals(List.of("plan"), source.categoricalColumns());
        assertEquals(List.of("signup"), source.dateColumns());
        try (BatchSource rows = source.rows(RowSelection.all(), new double[] {7, 0}, source.categories(100), DataType.DOUBLE)) {
            NativeArray features = NativeArray.allocate(DataType.DOUBLE, 5L * rows.width());
            NativeArray labels = NativeArray.allocate(DataType.DOUBLE, 5);
            rows.startPass(0, 0, false);
            assertEquals(5, rows.next(5, features, labels));
            double[] signup = new double[5];
            for (int r = 0; r < 5; r++) {
                signup[r] = features.get(r * rows.width());
            }
            assertEquals(List.of(18_335.0, 18_335.5, -1.0, 7.0, 18_335.25), java.util.Arrays.stream(signup).boxed().toList(),
                    "the empty cell takes the fill given");
        }
        CsvSource declared = CsvSource.open(dates, CsvFormat.defaults(), CsvSource.Options.defaults().withCategorical(List.of("signup")));
        assertEquals(List.of("signup", "plan"), declared.categoricalColumns(), "declared categorical, dates are categories as written");
        assertEquals(List.of(), declared.dateColumns());

        StringBuilder amounts = new StringBuilder("amount,label\n");
        for (int row = 0; row < 50; row++) {
            amounts.append(row == 30 ? "2020-03-14" : Integer.toString(10 + row)).append(',').append(row % 2).append('\n');
        }
        Path stray = Files.writeString(folder.resolve("stray.csv"), amounts);
        DataFileException notANumber = assertThrows(DataFileException.class, () -> CsvSource.open(stray, CsvFormat.defaults(),
                CsvSource.Options.defaults().withoutCache()));
        assertTrue(notANumber.getMessage().startsWith(stray + ", line 32, column 1 (\"amount\"): expected a number, got \"2020-03-14\" (a "
                + "date in a column of numbers: dense4j reads dates in a column whose first rows hold mostly dates; to read the column as "
                + "categories"), "a date in a column of numbers is no number: " + notANumber.getMessage());

        Path marked = Files.writeString(folder.resolve("marked.csv"), "signup,label\n2021-02-28,0\n1900-01-01,1\n0000-00-00,0\n");
        CsvSource withMarks = CsvSource.open(marked, CsvFormat.defaults().withMissingMarks(List.of("1900-01-01", "0000-00-00")),
                CsvSource.Options.defaults().fillingMissing().withoutCache());
        assertEquals(List.of("signup"), withMarks.dateColumns());
        assertEquals(2, withMarks.missingValues(), "a mark is a missing value before it is a date, or no date");

        Path zeros = Files.writeString(folder.resolve("zeros.csv"), "signup,label\n2021-02-28,0\n1969-12-31,1\n2021-03-01,0\n0,1\n");
        DataFileException notADate = assertThrows(DataFileException.class, () -> CsvSource.open(zeros, CsvFormat.defaults(),
                CsvSource.Options.defaults().withoutCache()));
        assertTrue(notADate.getMessage().startsWith(zeros + ", line 5, column 1 (\"signup\"): expected a date, got \"0\" (the column is read as "
                + "dates: most of its first rows hold dates, or the model or the format names it one): dense4j reads a date as "
                + "yyyy-mm-dd"), "a number is no date: " + notADate.getMessage());
        assertTrue(notADate.getMessage().contains("(if it marks a missing value, say so: --missing-values-in signup=0 "), notADate.getMessage());
        CsvSource zeroMarked = CsvSource.open(zeros, CsvFormat.defaults().withColumnMissingMarks(java.util.Map.of("signup", List.of("0", "-1"))),
                CsvSource.Options.defaults().fillingMissing().withoutCache());
        assertEquals(1, zeroMarked.missingValues(), "0 is a mark, compared as text; -1 marks no day, not 1969-12-31");

        Path wrong = Files.writeString(folder.resolve("wrong.csv"), "signup,label\n2021-02-28,0\n2021-02-29,1\n");
        DataFileException noDay = assertThrows(DataFileException.class, () -> CsvSource.open(wrong, CsvFormat.defaults(),
                CsvSource.Options.defaults().withoutCache()));
        assertEquals(wrong + ", line 3, column 1 (\"signup\"): \"2021-02-29\" is no date: dense4j reads a date as yyyy-mm-dd, a day "
                + "of the calendar, then perhaps a time (T or a space, hh:mm, :ss, a fraction) and Z or ±hh:mm (if it marks a missing "
                + "value, say so: --missing-values-in signup=2021-02-29 [Java: CsvFormat.withColumnMissingMarks]; to read the column as "
                + "categories, declare it categorical when training: --categorical signup [Java: CsvSource.Options.withCategorical])",
                noDay.getMessage());
    }
}
