package io.dense4j.data.csv;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Dates and times written as ISO 8601 has them ({@code 2020-03-14}, {@code 2020-03-14 09:30},
 * {@code 2020-03-14T09:30:15.5Z}, {@code 2020-03-14T09:30+01:00}), as databases, pandas and R
 * write them, read in a column of dates as a number: the days since 1970-01-01, a time of day as
 * a fraction of a day, and a time with an offset moved to UTC. So a column of sign-up dates is one
 * feature whose value grows with time, rather than hundreds of categories that each appear a few
 * times. Written otherwise ({@code 14.03.2020}, {@code 3/14/2020}) a date stays text, since the
 * order of its day and month is the writer's locale's.
 *
 * <p>Only the cells of a column of dates come here (the plain-number fast path passes them by),
 * so a column of numbers reads as fast as before. A date-time read into float32 keeps about three
 * minutes of the time of day (a float32 near 20,000 days steps by 1/512 day).
 */
final class DateCells {
    private static final double SECONDS_A_DAY = 86_400;

    private DateCells() {
    }

    /** Whether each column of {@code layout} (counting from 0) is a feature {@code format} reads as dates; null when none is. */
    static boolean[] columns(CsvFormat format, ColumnLayout layout) {
        if (format.dates().isEmpty()) {
            return null;
        }
        boolean[] dates = new boolean[layout.columns()];
        for (int column = 0; column < dates.length; column++) {
            dates[column] = layout.featureOf()[column] >= 0 && format.dates().contains(layout.names().get(column));
        }
        return dates;
    }

    /** Whether {@code bytes[from, to)} starts as a date does: four digits, '-', two digits, '-', two digits. */
    static boolean looksLikeDate(byte[] bytes, int from, int to) {
        return to - from >= 10 && digits(bytes, from, 4) && bytes[from + 4] == '-' && digits(bytes, from + 5, 2)
                && bytes[from + 7] == '-' && digits(bytes, from + 8, 2);
    }

    /**
     * The days since 1970-01-01 (UTC, where the cell gives an offset) of the date or date-time
     * {@code bytes[from, to)}; NaN when it is none: no day in the calendar (2021-02-29), an hour
     * past 23, or text after it.
     */
    static double days(byte[] bytes, int from, int to) {
        if (!looksLikeDate(bytes, from, to)) {
            return Double.NaN;
        }
        long day;
        try {
            day = LocalDate.of(number(bytes, from, 4), number(bytes, from + 5, 2), number(bytes, from + 8, 2)).toEpochDay();
        } catch (DateTimeException noSuchDay) {
            return Double.NaN;
        }
        int at = from + 10;
        if (at == to) {
            return day;
        }
        if (bytes[at] != 'T' && bytes[at] != 't' && bytes[at] != ' ' || to - at < 6 || !digits(bytes, at + 1, 2)
                || bytes[at + 3] != ':' || !digits(bytes, at + 4, 2)) {
            return Double.NaN;
        }
        int hours = number(bytes, at + 1, 2);
        int minutes = number(bytes, at + 4, 2);
        int seconds = 0;
        long nanos = 0;
        at += 6;
        if (at < to && bytes[at] == ':') {
            if (to - at < 3 || !digits(bytes, at + 1, 2)) {
                return Double.NaN;
            }
            seconds = number(bytes, at + 1, 2);
            at += 3;
            if (at < to && (bytes[at] == '.' || bytes[at] == ',')) {
                int first = ++at;
                for (long scale = 100_000_000; at < to && at - first < 9 && bytes[at] >= '0' && bytes[at] <= '9'; scale /= 10) {
                    nanos += (bytes[at++] - '0') * scale;
                }
                if (at == first) {
                    return Double.NaN;
                }
            }
        }
        if (hours > 23 || minutes > 59 || seconds > 59) {
            return Double.NaN;
        }
        int offset = 0;
        if (at < to) {
            offset = offsetSeconds(bytes, at, to);
            if (offset == Integer.MIN_VALUE) {
                return Double.NaN;
            }
        }
        return days(day, hours, minutes, seconds, nanos, offset);
    }

    /**
     * The days since 1970-01-01 of a time of day on {@code day}, {@code offset} seconds ahead of
     * UTC; dense4j-scorer computes it in these steps too, so its value is this one bit for bit.
     */
    static double days(long day, int hours, int minutes, int seconds, long nanos, int offset) {
        return day + (hours * 3600 + minutes * 60 + (seconds + nanos / 1e9) - offset) / SECONDS_A_DAY;
    }

    /**
     * The offset from UTC {@code Z}, {@code ±hh}, {@code ±hhmm} or {@code ±hh:mm} gives, in seconds,
     * at most ±18:00; {@code MIN_VALUE} for none.
     */
    private static int offsetSeconds(byte[] bytes, int at, int to) {
        if (to - at == 1 && (bytes[at] == 'Z' || bytes[at] == 'z')) {
            return 0;
        }
        if (bytes[at] != '+' && bytes[at] != '-' || to - at < 3 || !digits(bytes, at + 1, 2)) {
            return Integer.MIN_VALUE;
        }
        int sign = bytes[at] == '-' ? -1 : 1;
        int hours = number(bytes, at + 1, 2);
        int minutes = 0;
        int rest = to - at - 3;
        if (rest == 2 && digits(bytes, at + 3, 2)) {
            minutes = number(bytes, at + 3, 2);
        } else if (rest == 3 && bytes[at + 3] == ':' && digits(bytes, at + 4, 2)) {
            minutes = number(bytes, at + 4, 2);
        } else if (rest != 0) {
            return Integer.MIN_VALUE;
        }
        // at most 18 hours either way, as java.time's ZoneOffset, which the scorer reads java.time values with
        return hours > 18 || minutes > 59 || hours == 18 && minutes > 0 ? Integer.MIN_VALUE : sign * (hours * 3600 + minutes * 60);
    }

    private static boolean digits(byte[] bytes, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(byte[] bytes, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = 10 * value + bytes[i] - '0';
        }
        return value;
    }
}
