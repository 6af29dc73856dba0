package io.dense4j.cli;

import io.dense4j.data.Categories;
import io.dense4j.data.Printable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A note for categorical columns whose values are dates written otherwise than yyyy-mm-dd
 * (3/14/2020, 14.03.2020, 14-Mar-2020, March 14, 2020): read as categories, each date is a value
 * of its own, which says nothing of a date not seen in training, where dates written yyyy-mm-dd
 * make one feature, their days, that can follow a trend. The order of day and month in 3/4/2020 is
 * the writer's locale's, so dense4j does not read such dates itself.
 */
final class DatesAsText {
    private static final String MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
    private static final String YEAR = "\\d{2}(?:\\d{2})?";
    private static final Pattern DATE = Pattern.compile("(?:"
            + "\\d{1,2}([./-])\\d{1,2}\\1" + YEAR // 3/14/2020, 14.03.2020, 14-03-20
            + "|\\d{4}([./-])\\d{1,2}\\2\\d{1,2}" // 2020/03/14, 2020-3-14
            + "|\\d{1,2}[ -]" + MONTH + "[ -]" + YEAR // 14 Mar 2020, 14-Mar-20
            + "|" + MONTH + " \\d{1,2},? \\d{4}" // March 14, 2020
            + "|" + MONTH + "[ -]\\d{4}" // Mar 2020
            + ")(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?: ?[ap]m)?)?", // then perhaps a time
            Pattern.CASE_INSENSITIVE);
    /** How a date dense4j reads starts (2020-03-14): such a column is one of dates, or says why not. */
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Most of a column's kept values must be dates, and at least this many. */
    private static final int FEWEST = 3;

    private DatesAsText() {
    }

    /** The first of {@code values} written as a date, where at least four in five of them are (and three or more); else null. */
    static String example(List<String> values) {
        String first = null;
        int dates = 0;
        for (String value : values) {
            if (DATE.matcher(value.strip()).matches() && !ISO.matcher(value.strip()).lookingAt()) {
                dates++;
                first = first == null ? value : first;
            }
        }
        return dates >= FEWEST && 5 * dates >= 4 * values.size() ? first : null;
    }

    /** Says, in one line, which of {@code categories} hold such dates; not those the run declared categorical. */
    static void note(Map<String, Categories> categories, List<String> declared, PrintStream out) {
        List<String> columns = new ArrayList<>();
        for (var column : categories.entrySet()) {
            String example = declared.contains(column.getKey()) ? null : example(column.getValue().values());
            if (example != null) {
                columns.add("\"" + Printable.of(column.getKey()) + "\" (\"" + Printable.of(example) + "\")");
            }
        }
        if (!columns.isEmpty()) {
            boolean one = columns.size() == 1;
            out.printf(Locale.ROOT, "Note: %s dates not written yyyy-mm-dd, read as categories: each date one of its own, which "
                    + "says nothing of a date not seen in training; written yyyy-mm-dd (2020-03-14), a column of dates is one feature, "
                    + "its days since 1970-01-01, that can follow a trend%n", one ? "column " + columns.get(0) + " holds"
                    : "columns " + ColumnOptions.firstOf(columns) + " hold");
        }
    }
}
