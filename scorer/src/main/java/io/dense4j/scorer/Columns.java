package io.dense4j.scorer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's input columns: their names and kinds, each number's fill for a missing value, and each
 * categorical column's codes. Turns a row, as an array in the model's column order or as a map by
 * column name, into the numbers and codes the network reads, checking every value and allocating
 * nothing for a good row.
 */
final class Columns {
    private final List<String> names;
    private final Map<String, Integer> indexOf = new HashMap<>();
    /** Per column: its index among the numbers, or −1 − its index among the categorical columns. */
    private final int[] place;
    private final int numbers;
    private final int categorical;
    /** Per number: its fill for a missing value; null when a missing value is an error. */
    private final float[] fill;
    /** Per categorical column: its categories' codes, the count of its slots, the "other" and "missing" slots. */
    private final List<Map<String, Integer>> codes;
    private final int[] slots;
    /** Per column: the model's own marks of a missing value in it (--missing-values, and its --missing-values-in). */
    private final java.util.List<java.util.Set<String>> ownMarks;
    /** Per column: the values of its whole-number marks ("-9"), which mark a number as missing as dense4j's reader does (-9.0 too). */
    private final float[][] numberMarks;
    /** Per column: whether it holds dates, read as their days since 1970-01-01; elsewhere a date is no number. */
    private final boolean[] dates;
    /** Per categorical column: its column's place among all. */

    private final int[] columnOf;

    /**
     * @param names       the feature columns, in the model's order
     * @param categories  the categorical columns' categories (slot order), by name
     * @param fill        each column's fill for a missing number (null: none; unused for a categorical one)
     * @param ownMarks    the model's own marks of a missing value in every column ("?", "NULL")
     * @param columnMarks the model's marks of one column each, by name ("glucose": "0")
     */
    Columns(List<String> names, Map<String, List<String>> categories, double[] fill, List<String> ownMarks,
            Map<String, List<String>> columnMarks, List<String> dates) {
        this.names = List.copyOf(names);
        this.dates = new boolean[names.size()];
        for (String name : dates) {
            int column = names.indexOf(name);
            if (column < 0 || categories.containsKey(name) || this.dates[column]) { // dense4j refuses such a file
                throw new IllegalArgumentException("\"" + name + "\" is listed as a column of dates " + (column < 0 ? "and is not a feature"
                        : categories.containsKey(name) ? "and is categorical" : "twice"));
            }
            this.dates[column] = true;
        }
        this.ownMarks = new java.util.ArrayList<>();
        this.numberMarks = new float[names.size()][];
        java.util.stream.Stream.concat(ownMarks.stream(), columnMarks.values().stream().flatMap(List::stream))
                .filter(mark -> mark.matches("[+-]?[0-9]+") && !isNumberMark(mark)).findFirst().ifPresent(mark -> {
                    // as dense4j refuses it: a number so long marks nothing in number cells, and would be text elsewhere
                    throw new IllegalArgumentException("the missing-value mark \"" + mark + "\" is a number; a number marks missing "
                            + "values only when it is whole, of at most 7 digits, such as -9 or 999");
                });
        java.util.Set<String> everywhere = java.util.Set.copyOf(ownMarks);
        for (String name : columnMarks.keySet()) {
            if (!names.contains(name)) { // dense4j refuses such a file: the marks would be read nowhere
                throw new IllegalArgumentException("missing-value marks are listed for \"" + name + "\", which is not a feature");
            }
        }
        for (int column = 0; column < names.size(); column++) {
            java.util.LinkedHashSet<String> marks = new java.util.LinkedHashSet<>(ownMarks);
            marks.addAll(columnMarks.getOrDefault(names.get(column), List.of()));
            this.ownMarks.add(marks.size() == everywhere.size() ? everywhere : java.util.Set.copyOf(marks));
            numberMarks[column] = new float[(int) marks.stream().filter(Columns::isNumberMark).count()];
            int marked = 0;
            for (String mark : marks) {
                if (isNumberMark(mark)) {
                    numberMarks[column][marked++] = Integer.parseInt(mark);
                }
            }
        }
        this.columnOf = new int[categories.size()];
        this.place = new int[names.size()];
        int number = 0;
        int category = 0;
        this.codes = new java.util.ArrayList<>();
        this.slots = new int[categories.size()];
        for (int column = 0; column < names.size(); column++) {
            String name = names.get(column);
            if (indexOf.put(name, column) != null) {
                throw new IllegalArgumentException("two columns are named \"" + name + "\"");
            }
            List<String> values = categories.get(name);
            if (values == null) {
                place[column] = number++;
            } else {
                Map<String, Integer> byValue = new HashMap<>();
                for (int code = 0; code < values.size(); code++) {
                    if (byValue.put(values.get(code), code) != null) {
                        throw new IllegalArgumentException("the category \"" + values.get(code) + "\" of \"" + name + "\" is listed twice");
                    }
                    if (this.ownMarks.get(column).contains(values.get(code))) { // read as missing before any lookup: the category could never score
                        throw new IllegalArgumentException("\"" + values.get(code) + "\" is a missing-value mark and a category of \""
                                + name + "\"");
                    }
                }
                codes.add(byValue);
                slots[category] = values.size() + 2; // the categories, "other", "missing"
                columnOf[category] = column;
                place[column] = -1 - category++;
            }
        }
        if (category != categories.size()) {
            throw new IllegalArgumentException("categories are listed for columns that are not features");
        }
        this.numbers = number;
        this.categorical = category;
        if (fill == null) {
            this.fill = null;
        } else {
            if (fill.length != names.size()) {
                throw new IllegalArgumentException("the missing-value fill has " + fill.length + " values for " + names.size()
                        + " features");
            }
            this.fill = new float[number];
            for (int column = 0; column < names.size(); column++) {
                if (place[column] >= 0) {
                    this.fill[place[column]] = (float) fill[column];
                }
            }
        }
    }

    List<String> names() {
        return names;
    }

    int numbers() {
        return numbers;
    }

    int categorical() {
        return categorical;
    }

    /** Slots of each categorical column, in column order. */
    int[] slots() {
        return slots.clone();
    }

    /** The code of {@code value} in categorical column {@code name}: its category's, "other" or "missing". */
    int code(String name, String value) {
        Integer column = indexOf.get(name);
        if (column == null || place[column] >= 0) {
            throw new IllegalArgumentException("the model has no categorical column \"" + name + "\"");
        }
        return code(-1 - place[column], (Object) value);
    }

    private int code(int category, String value) {
        if (value == null || isMissingMark(value) || ownMarks.get(columnOf[category]).contains(value)) {
            return slots[category] - 1;
        }
        Integer code = codes.get(category).get(value);
        return code == null ? slots[category] - 2 : code;
    }

    /**
     * The code of a map row's value: its text, or, when that is no category, the text without the
     * spaces and tabs around it, as dense4j reads a cell, quoted or not (a model built in Java may
     * still hold a category with them); a number as its text, or, for a whole number such as the
     * 3.0 a JSON parser gives for 3, as the whole number's text when that is the category.
     */
    private int code(int category, Object value) {
        if (value instanceof Number number) {
            int code = code(category, number.toString());
            double whole = number.doubleValue();
            if (code == slots[category] - 2 && whole == Math.rint(whole) && Math.abs(whole) < 1e15) {
                return code(category, Long.toString((long) whole));
            }
            return code;
        }
        if (value == null) {
            return code(category, (String) null);
        }
        String text = value.toString();
        int code = code(category, text);
        return code == slots[category] - 2 ? code(category, strip(text)) : code;
    }

    /** {@code text} without the spaces and tabs at its ends. */
    private static String strip(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (text.charAt(to - 1) == ' ' || text.charAt(to - 1) == '\t')) {
            to--;
        }
        return text.substring(from, to);
    }

    /**
     * Reads {@code row} (one value per feature, in the model's order; a categorical column's value
     * its code, NaN for missing) into {@code numbers} and {@code codes}.
     */
    void read(float[] row, float[] numbers, int[] codes) {
        if (row.length != place.length) {
            throw new IllegalArgumentException("a row has " + row.length + " values; the model reads " + place.length + " ("
                    + summary() + ")");
        }
        for (int column = 0; column < row.length; column++) {
            float value = row[column];
            int at = place[column];
            if (at >= 0) {
                numbers[at] = value - value == 0f ? dates[column] ? value : marked(column, at, value) // a day is no mark
                        : value != value ? missing(column, at) : infinite(column, value);
            } else {
                int category = -1 - at;
                int code = (int) value;
                if (value != value) {
                    code = slots[category] - 1;
                } else if (code != value || code < 0 || code >= slots[category]) {
                    throw new IllegalArgumentException("column \"" + names.get(column) + "\" holds " + value
                            + ", not a code of its categories (0 to " + (slots[category] - 1) + "; Scorer.code gives them)");
                }
                codes[category] = code;
            }
        }
    }

    /**
     * Reads {@code row}, a value per feature by column name (others ignored): a number (a
     * {@link Number}, or text in Java's syntax) for a numeric column, any value for a categorical one
     * (compared as its text); null, or a missing mark, for a missing value.
     */
    void read(Map<String, ?> row, float[] numbers, int[] codes) {
        for (int column = 0; column < place.length; column++) {
            String name = names.get(column);
            Object value = row.get(name);
            if (value == null && !row.containsKey(name)) {
                throw new IllegalArgumentException("the row has no column \"" + name + "\"; the model reads " + summary());
            }
            int at = place[column];
            if (at >= 0) {
                numbers[at] = number(column, at, value);
            } else {
                codes[-1 - at] = code(-1 - at, value);
            }
        }
    }

    private float number(int column, int at, Object value) {
        if (value instanceof Number number) { // in a column of dates, its days: no whole-number mark marks a day
            float x = number.floatValue();
            return x - x == 0f ? dates[column] ? x : marked(column, at, x) : x != x ? missing(column, at) : infinite(column, value);
        }
        if (value == null || value instanceof CharSequence text && (isMissingMark(strip(text.toString()))
                || ownMarks.get(column).contains(strip(text.toString())))) { // " NA ", " ? ", as dense4j
            return missing(column, at);
        }
        float x;
        String text = value.toString().trim();
        if (dates[column]) { // a date as text or java.time, its days; its marks compared as text first, as dense4j's reader does
            if (ownMarks.get(column).contains(text)) {
                return missing(column, at);
            }
            double days = value instanceof CharSequence ? Dates.days(text) : Dates.days(value);
            if (Double.isNaN(days)) {
                throw new IllegalArgumentException("column \"" + names.get(column) + "\" holds \"" + value + "\", not a date dense4j reads "
                        + "(yyyy-mm-dd, then perhaps a time hh:mm[:ss[.f]] and Z or ±hh:mm), nor its days as a Number");
            }
            return (float) days;
        }
        char last = text.isEmpty() ? ' ' : (char) (text.charAt(text.length() - 1) | 0x20);
        try {
            if (last == 'd' || last == 'f') { // Java's type suffixes: "28d" is no number in a CSV file, nor here
                throw new NumberFormatException(text);
            }
            x = Float.parseFloat(text);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("column \"" + names.get(column) + "\" holds \"" + value + "\", not a number");
        }
        return x - x == 0f ? marked(column, at, x) : x != x ? missing(column, at) : infinite(column, "\"" + value + "\"");
    }

    /** {@code x}, or the column's fill where a whole-number mark of the model marks it. */
    private float marked(int column, int at, float x) {
        for (float mark : numberMarks[column]) {
            if (x == mark) {
                return missing(column, at);
            }
        }
        return x;
    }

    /** Whether a mark is a whole number of at most 7 digits, as dense4j's CSV reader tells them. */
    static boolean isNumberMark(String mark) {
        return mark.matches("[+-]?[0-9]{1,7}");
    }

    /** Refuses an infinite number, or one beyond float32's range, as dense4j's CSV reader does: the model would give NaN. */
    private float infinite(int column, Object value) {
        throw new IllegalArgumentException("column \"" + names.get(column) + "\" holds " + value + ", not a finite float32 number");
    }

    private float missing(int column, int at) {
        if (fill == null) {
            throw new IllegalArgumentException("column \"" + names.get(column) + "\" is missing a value, and the model fills none "
                    + "(train it with --fill-missing to fill them with the training means)");
        }
        return fill[at];
    }

    /** The cells dense4j reads as missing: empty, and NA, N/A and NaN in any case. */
    static boolean isMissingMark(String value) {
        int length = value.length();
        if (length == 0) {
            return true;
        }
        if (length < 2 || length > 3 || (value.charAt(0) | 0x20) != 'n') {
            return false;
        }
        char second = (char) (value.charAt(1) | 0x20);
        if (length == 2) {
            return second == 'a';
        }
        return second == 'a' && (value.charAt(2) | 0x20) == 'n' || value.charAt(1) == '/' && (value.charAt(2) | 0x20) == 'a';
    }

    /** The first columns' names, for messages. */
    private String summary() {
        List<String> first = names.subList(0, Math.min(5, names.size()));
        return String.join(", ", first) + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    }
}
