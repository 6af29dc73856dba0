package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dates written otherwise than yyyy-mm-dd are categories, each date its own: train says so, and how they would read as days. */
class DatesAsTextTest {
    @TempDir
    Path folder;

    @Test
    void datesAsSpreadsheetsAndLocalesWriteThemAreTold() {
        for (String date : List.of("3/14/2020", "14.03.2020", "14-03-20", "2020/03/14", "2020-3-14", "14 Mar 2020", "14-MAR-20",
                "March 14, 2020", "Mar 2020", "3/14/2020 13:45", "3/14/2020 1:45:10 PM", "14.03.2020 08:00:00.250")) {
            assertEquals(date, DatesAsText.example(List.of(date, date, date)), date);
        }
        for (String text : List.of("CA", "3.14", "1/2", "12-34", "Mar", "14/3", "March madness 2020", "2020-03-14x", "v1.2.3",
                "2020-03-14", "2021-02-29", "2020-03-14 12:00")) { // the last three dense4j reads as dates, or says why not
            assertNull(DatesAsText.example(List.of(text, text, text)), text);
        }
        assertEquals("1/2/2020", DatesAsText.example(List.of("n/a", "1/2/2020", "1/3/2020", "1/4/2020", "1/5/2020")), "four in five");
        assertNull(DatesAsText.example(List.of("n/a", "?", "1/3/2020", "1/4/2020", "1/5/2020")), "three in five are not most");
        assertNull(DatesAsText.example(List.of("1/3/2020", "1/4/2020")), "two values say little");
    }

    @Test
    void trainNotesAColumnOfSuchDatesOnceAndNotOneDeclaredCategorical() throws Exception {
        StringBuilder text = new StringBuilder("signup,plan,x,label\n");
        java.util.Random random = new java.util.Random(3);
        DateTimeFormatter american = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT);
        for (int i = 0; i < 300; i++) {
            double x = random.nextGaussian();
            text.append(american.format(LocalDate.of(2020, 1, 1).plusDays(i % 90))).append(',').append(i % 3 == 0 ? "basic" : "pro")
                    .append(',').append(x).append(',').append(x + random.nextGaussian() > 0 ? "yes" : "no").append('\n');
        }
        Path file = Files.writeString(folder.resolve("signups.csv"), text);
        Run noted = Run.of("train", "--data", file.toString(), "--epochs", "1", "--out", folder.resolve("m.zip").toString());
        assertEquals(0, noted.exitCode(), noted.err());
        assertTrue(noted.out().contains("Note: column \"signup\" (\"1/1/2020\") holds dates not written yyyy-mm-dd, read as categories: "
                + "each date one of its own, which says nothing of a date not seen in training; written yyyy-mm-dd (2020-03-14), a "
                + "column of dates is one feature, its days since 1970-01-01, that can follow a trend\n"), noted.out());
        assertFalse(noted.out().contains("\"plan\" (\""), noted.out());
        Run declared = Run.of("train", "--data", file.toString(), "--categorical", "signup", "--epochs", "1", "--out",
                folder.resolve("m2.zip").toString());
        assertEquals(0, declared.exitCode(), declared.err());
        assertFalse(declared.out().contains("dates not written"), "categories by choice: " + declared.out());
    }
}
