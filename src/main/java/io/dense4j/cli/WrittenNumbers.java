package io.dense4j.cli;

import io.dense4j.data.csv.CategoryDictionary;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cells that are numbers written for people, with a currency or percent sign ({@code $1,093.02},
 * {@code 7.1%}). Read as text, they make a column of amounts or rates categorical, hundreds of
 * one-off values that then look like an identifier; a note says so.
 */
final class WrittenNumbers {
    private static final Pattern WRITTEN = Pattern.compile("[+-]?[$€£¥]\\s?[+-]?\\d[\\d,]*(\\.\\d*)?|[+-]?\\d[\\d,]*(\\.\\d*)?\\s?%");

    private WrittenNumbers() {
    }

    /** The rows of a categorical column whose value is a number written with a sign. */
    static long rows(CategoryDictionary seen) {
        List<String> values = seen.values();
        long[] counts = seen.counts();
        long rows = 0;
        for (int id = 0; id < values.size(); id++) {
            rows += WRITTEN.matcher(values.get(id)).matches() ? counts[id] : 0;
        }
        return rows;
    }

    /** The column's most frequent value written with a sign, or null. */
    static String example(CategoryDictionary seen) {
        return seen.values().stream().filter(value -> WRITTEN.matcher(value).matches()).findFirst().orElse(null);
    }
}
