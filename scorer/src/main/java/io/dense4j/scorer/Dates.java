package io.dense4j.scorer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as dense4j's CSV reader reads them in a number column: the days since 1970-01-01, a time
 * of day as a fraction of a day, a time with an offset moved to UTC. Text in ISO 8601's forms
 * ({@code 2020-03-14}, {@code 2020-03-14 09:30}, {@code 2020-03-14T09:30:15.5+01:00}), or a
 * {@code java.time} value: a {@link LocalDate}, {@link LocalDateTime}, {@link OffsetDateTime},
 * {@link ZonedDateTime} or {@link Instant}.
 */
final class Dates {
    private static final double SECONDS_A_DAY = 86_400;
    /** Year, month, day; then hours, minutes, seconds, fraction; then Z or the offset's sign, hours and minutes. */
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
            + "(?:([Zz])|([+-])(\\d{2})(?::?(\\d{2}))?)?)?");

    private Dates() {
    }

    /** Whether {@code text} starts as a date does (dddd-dd-dd), and so is read as one or refused. */
    static boolean looksLikeDate(String text) {
        return text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-' && Character.isDigit(text.charAt(0));
    }

    /** The days since 1970-01-01 of {@code text}; NaN when it is no date in those forms, or no day of the calendar. */
    static double days(String text) {
        Matcher date = ISO.matcher(text);
        if (!date.matches()) {
            return Double.NaN;
        }
        try {
            long day = LocalDate.of(number(date, 1), number(date, 2), number(date, 3)).toEpochDay();
            if (date.group(4) == null) {
                return day;
            }
            int hours = number(date, 4);
            int minutes = number(date, 5);
            int seconds = date.group(6) == null ? 0 : number(date, 6);
            long nanos = date.group(7) == null ? 0 : Long.parseLong((date.group(7) + "00000000").substring(0, 9));
            int offsetHours = date.group(9) == null ? 0 : number(date, 10);
            int offsetMinutes = date.group(11) == null ? 0 : number(date, 11);
            if (hours > 23 || minutes > 59 || seconds > 59 || offsetHours > 18 || offsetMinutes > 59
                    || offsetHours == 18 && offsetMinutes > 0) { // at most ±18:00, as java.time's ZoneOffset
                return Double.NaN;
            }
            int offset = ("-".equals(date.group(9)) ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
            return days(day, hours, minutes, seconds, nanos, offset);
        } catch (DateTimeException noSuchDay) {
            return Double.NaN;
        }
    }

    /** The days since 1970-01-01 of a {@code java.time} value; NaN for another kind of value. */
    static double days(Object value) {
        if (value instanceof LocalDate day) {
            return day.toEpochDay();
        }
        if (value instanceof LocalDateTime time) {
            return days(time.toLocalDate().toEpochDay(), time.getHour(), time.getMinute(), time.getSecond(), time.getNano(), 0);
        }
        Instant instant = value instanceof Instant at ? at : value instanceof OffsetDateTime time ? time.toInstant()
                : value instanceof ZonedDateTime time ? time.toInstant() : null;
        if (instant == null) {
            return Double.NaN;
        }
        int second = (int) Math.floorMod(instant.getEpochSecond(), 86_400L);
        return days(Math.floorDiv(instant.getEpochSecond(), 86_400L), second / 3600, second / 60 % 60, second % 60, instant.getNano(), 0);
    }

    /** As dense4j's reader computes it, step for step, so that the two agree bit for bit. */
    private static double days(long day, int hours, int minutes, int seconds, long nanos, int offset) {
        return day + (hours * 3600 + minutes * 60 + (seconds + nanos / 1e9) - offset) / SECONDS_A_DAY;
    }

    private static int number(Matcher date, int group) {
        return Integer.parseInt(date.group(group));
    }
}
