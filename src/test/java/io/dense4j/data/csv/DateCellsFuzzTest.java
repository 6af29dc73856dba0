package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any cell, read as a date by {@link DateCells} and by java.time: the same days since 1970-01-01
 * in the float32 a row holds (to its last step), or no date for both. The grammar is stated here once more as a
 * pattern, java.time judges the calendar (2021-02-29, 24:00, an offset past ±18:00) and does the
 * arithmetic its own way, from the instant's seconds.
 *
 * <p>A plain test run replays the inputs kept in {@code DateCellsFuzzTestInputs}; {@code
 * JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class DateCellsFuzzTest {
    /** yyyy-mm-dd, then T, t or a space and hh:mm[:ss[.f]] with 1 to 9 digits of f after '.' or ',', then Z, z, ±hh, ±hhmm or ±hh:mm. */
    private static final Pattern ISO = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)"
            + "([Zz]|[+-]\\d{2}(?::?\\d{2})?)?)?");

    @FuzzTest(maxDuration = "2m")
    void readsADateAsJavaTimeDoes(byte[] cell) {
        float expected = (float) reference(new String(cell, StandardCharsets.ISO_8859_1));
        float read = (float) DateCells.days(cell, 0, cell.length);
        String shown = new String(cell, StandardCharsets.ISO_8859_1);
        if (Float.isNaN(expected)) {
            assertEquals(expected, read, shown + " is no date");
        } else { // the two sums round differently: to a float32 step, or near day 0 to a few nanoseconds
            assertEquals(expected, read, Math.max(Math.ulp(expected), 1e-13f), shown);
        }
    }

    /** The days java.time gives the cell, or NaN for no date. */
    private static double reference(String cell) {
        Matcher date = ISO.matcher(cell);
        if (!date.matches()) {
            return Double.NaN;
        }
        try {
            if (date.group(2) == null) {
                return LocalDate.parse(date.group(1)).toEpochDay();
            }
            String time = date.group(1) + "T" + date.group(2).replace(',', '.');
            String offset = date.group(3);
            if (offset == null) {
                LocalDateTime local = LocalDateTime.parse(time);
                return (local.toEpochSecond(java.time.ZoneOffset.UTC) + local.getNano() / 1e9) / 86_400;
            }
            offset = offset.equalsIgnoreCase("z") ? "Z" : offset.length() == 3 ? offset + ":00"
                    : offset.length() == 5 ? offset.substring(0, 3) + ":" + offset.substring(3) : offset;
            OffsetDateTime instant = OffsetDateTime.parse(time + offset);
            return (instant.toEpochSecond() + instant.getNano() / 1e9) / 86_400;
        } catch (DateTimeParseException noSuchTime) {
            return Double.NaN;
        }
    }
}
