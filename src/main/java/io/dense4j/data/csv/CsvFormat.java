package io.dense4j.data.csv;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dense4j.data.Printable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a CSV file is laid out: a header row or not, the delimiter, and which column holds the
 * label (by name, which needs a header, or by index; the last column by default). Fields may be
 * quoted with double quotes, a doubled quote standing for one.
 *
 * @param labelName  the label column's header name, or null to use {@code labelIndex}
 * @param labelIndex the label column counting from 0, or −1 for the last column
 * @param labeled    whether the file has a label column at all (files to predict on may not)
 * @param features   the feature columns to read, by header name and in this order; null for every
 *                   column but the label
 * @param dropped    columns to leave out, by header name (with {@code features} null)
 * @param weightName the column holding each row's weight in the training loss, by header name; null
 *                   when every row weighs 1
 * @param categorical the feature columns read as categories (text, or numbers such as zip codes,
 *                   taken as they are written), by name; every other feature cell is a number
 * @param decimal    the numbers' decimal separator: '.', or ',' as spreadsheets write them in many
 *                   locales ({@code 26,3}), which needs another delimiter (such as ';')
 * @param thousands  the separator of a number's groups of three digits ({@code 1,234,567} or
 *                   {@code 3.449,45}): ',' or '.', not the decimal one; 0 for none, the default. A
 *                   cell with it must group every three digits before the decimal separator
 * @param missingMarks texts that mark a missing value besides those always read so (an empty cell,
 *                   NA, N/A, NaN): {@code ?} in Weka's and the UCI files, {@code NULL} in database
 *                   exports; matched exactly, after the blanks around a cell, in feature and label
 *                   cells. A whole number of at most 7 digits ({@code -9}, {@code 999}) also marks
 *                   its value in number cells ({@code -9.0}, compared as float32); no other
 *                   number may be a mark
 * @param columnMissingMarks marks of a missing value in one feature column each, by its name, besides
 *                   {@code missingMarks}: a {@code 0} that means missing in one column (a glucose
 *                   reading) and is a value in another (a count of pregnancies); each mark as above
 * @param encoding   the text's character encoding by Java's name for it: UTF-8, or one of one byte per
 *                   character over ASCII such as windows-1252 ({@link TextEncoding}); null for UTF-8
 * @param dates      the feature columns whose cells are dates ({@link DateCells}), each read as its days since
 *                   1970-01-01; in another column such a cell is no number
 */
public record CsvFormat(boolean header, char delimiter, String labelName, int labelIndex, boolean labeled,
                        List<String> features, List<String> dropped, String weightName, List<String> categorical,
                        char decimal, char thousands, List<String> missingMarks, Map<String, List<String>> columnMissingMarks,
                        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Utf8LeftOut.class) String encoding,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> dates) {

    /** The most marks of a missing value a format takes, and their longest: a list to say, not a dictionary. */
    public static final int MOST_MISSING_MARKS = 32;
    public static final int LONGEST_MISSING_MARK = 32;
    /** The most columns with marks of their own a format takes: more is a mistake, not a table. */
    public static final int MOST_MARKED_COLUMNS = 10_000;

    public CsvFormat {
        // null: a format recorded before encodings were read; Java's name for it, however it was spelled
        encoding = encoding == null ? TextEncoding.UTF_8 : TextEncoding.named(encoding).name();
        if (decimal == 0) { // a format recorded before the separator was: a point
            decimal = '.';
        }
        if (decimal != '.' && decimal != ',') {
            throw new IllegalArgumentException("the decimal separator is '.' or ',', got '" + decimal + "'");
        }
        if (decimal == delimiter) {
            throw new IllegalArgumentException("the decimal separator '" + decimal + "' cannot also be the delimiter: "
                    + "give another delimiter, such as ';'");
        }
        // it may be the delimiter: a grouped number is then quoted ("3,449.45"), and the fast path, which knows no
        // thousands, leaves a quoted cell to the full parser
        if (thousands != 0 && (thousands != '.' && thousands != ',' || thousands == decimal)) {
            throw new IllegalArgumentException("the thousands separator is ',' or '.', and not the decimal separator, got '"
                    + thousands + "'");
        }
        // null: a format recorded before them; a mark given twice is one mark
        missingMarks = missingMarks == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(missingMarks));
        checkMissingMarks(missingMarks, delimiter, decimal, thousands);
        columnMissingMarks = columnMarks(columnMissingMarks, delimiter, decimal, thousands);
        for (String name : new String[] {labelName, weightName}) {
            if (name != null && columnMissingMarks.containsKey(name)) {
                throw new IllegalArgumentException("missing-value marks are for feature columns, and \"" + Printable.of(name) + "\" is the "
                        + (name.equals(labelName) ? "label" : "weight column"));
            }
        }
        features = features == null ? null : List.copyOf(features);
        dropped = List.copyOf(dropped);
        categorical = List.copyOf(categorical);
        dates = dates == null ? List.of() : List.copyOf(dates); // null: a format recorded before dates were read
        if (dates.stream().anyMatch(categorical::contains)) {
            throw new IllegalArgumentException("a column is read as dates or as categories, not both: " + dates);
        }
        if (new HashSet<>(categorical).size() != categorical.size()) {
            throw new IllegalArgumentException("the categorical columns must be distinct, got " + categorical);
        }
        if ((features != null || !dropped.isEmpty()) && !header) {
            throw new IllegalArgumentException("feature columns are chosen by header name, but the file has no header row");
        }
        if (features != null && !dropped.isEmpty()) {
            throw new IllegalArgumentException("choose the feature columns or drop some, not both");
        }
        if (features != null && (features.isEmpty() || new HashSet<>(features).size() != features.size())) {
            throw new IllegalArgumentException("the chosen feature columns must be distinct and at least one, got " + features);
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("a CSV delimiter cannot be a quote or a line break, got " + delimiter);
        }
        if (delimiter > 0x7F) { // the reader splits a line at a byte: a character of two never matches
            throw new IllegalArgumentException("a CSV delimiter is an ASCII character, got '" + delimiter + "'");
        }
        if (labelName != null && !header) {
            throw new IllegalArgumentException("the label column is named \"" + labelName + "\", but the file has no header row");
        }
        if (weightName != null && !header) {
            throw new IllegalArgumentException("the weight column is named \"" + weightName + "\", but the file has no header row");
        }
        if (weightName != null && (weightName.equals(labelName) || features != null && features.contains(weightName))) {
            throw new IllegalArgumentException("the weight column \"" + weightName + "\" cannot also be "
                    + (weightName.equals(labelName) ? "the label" : "a feature"));
        }
        if (labelIndex < -1) {
            throw new IllegalArgumentException("the label column index counts from 0 (or −1 for the last), got " + labelIndex);
        }
    }

    /** With UTF-8 text. */
    public CsvFormat(boolean header, char delimiter, String labelName, int labelIndex, boolean labeled,
                     List<String> features, List<String> dropped, String weightName, List<String> categorical,
                     char decimal, char thousands, List<String> missingMarks, Map<String, List<String>> columnMissingMarks) {
        this(header, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, categorical, decimal, thousands, missingMarks,
                columnMissingMarks, null, List.of());
    }

    /** With no missing-value marks but those always read. */
    public CsvFormat(boolean header, char delimiter, String labelName, int labelIndex, boolean labeled,
                     List<String> features, List<String> dropped, String weightName, List<String> categorical,
                     char decimal, char thousands) {
        this(header, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, categorical, decimal, thousands, List.of(),
                Map.of());
    }

    /** With marks of a missing value in every column alone. */
    public CsvFormat(boolean header, char delimiter, String labelName, int labelIndex, boolean labeled,
                     List<String> features, List<String> dropped, String weightName, List<String> categorical,
                     char decimal, char thousands, List<String> missingMarks) {
        this(header, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, categorical, decimal, thousands, missingMarks,
                Map.of());
    }

    /** With a decimal point. */
    public CsvFormat(boolean header, char delimiter, String labelName, int labelIndex, boolean labeled,
                     List<String> features, List<String> dropped, String weightName, List<String> categorical) {
        this(header, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, categorical, '.', (char) 0, List.of(), Map.of());
    }

    /** Every feature a number, with a decimal point. */
    public CsvFormat(boolean header, char delimiter, String labelName, int labelIndex, boolean labeled,
                     List<String> features, List<String> dropped, String weightName) {
        this(header, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, List.of(), '.', (char) 0, List.of(), Map.of());
    }

    /** A header row, commas, the label in the last column. */
    public static CsvFormat defaults() {
        return new CsvFormat(true, ',', null, -1, true, null, List.of(), null);
    }

    /** The name a column of a file without a header goes by, {@code column} counting from 1: "column 3". */
    public static String nameWithoutHeader(int column) {
        return "column " + column;
    }

    /**
     * Reads a file without a header row. Choices made by header name (the label's, the features',
     * the weight column's) are refused here as they would be the other way round; the label keeps
     * its index.
     */
    public CsvFormat withoutHeader() {
        return new CsvFormat(false, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, categorical, decimal,
                thousands, missingMarks, columnMissingMarks, encoding, dates);
    }

    public CsvFormat withDelimiter(char newDelimiter) {
        return new CsvFormat(header, newDelimiter, labelName, labelIndex, labeled, features, dropped, weightName, categorical, decimal, thousands, missingMarks,
                columnMissingMarks, encoding, dates);
    }

    public CsvFormat withLabel(String name) {
        return new CsvFormat(header, delimiter, Objects.requireNonNull(name, "label name"), -1, true, features, dropped, weightName, categorical, decimal, thousands, missingMarks,
                columnMissingMarks, encoding, dates);
    }

    public CsvFormat withLabelIndex(int index) {
        return new CsvFormat(header, delimiter, null, index, true, features, dropped, weightName, categorical, decimal, thousands, missingMarks,
                columnMissingMarks, encoding, dates);
    }

    /** Whether the label column is named, by header name or by place, rather than taken as the last column. */
    public boolean choosesLabel() {
        return labelName != null || labelIndex >= 0;
    }

    /**
     * What an error about the label's values adds: that the label is the last column because
     * nothing named one (a third class or a missing label there most often means the label is
     * another column), or nothing when something did.
     */
    public String labelChoiceNote() {
        return choosesLabel() ? "" : "; the label is the last column, as no "
                + io.dense4j.data.Remedy.of("--label", "CsvFormat.withLabel or withLabelIndex") + " names another";
    }

    /**
     * The label column's place among the columns {@code names}: the one of the label's name, or at
     * its index, or the last; −1 when there is none (no label column, no column of that name, an
     * index past the end).
     */
    public int labelColumnIn(List<String> names) {
        if (!labeled) {
            return -1;
        }
        if (labelName != null) {
            return names.indexOf(labelName);
        }
        int index = labelIndex < 0 ? names.size() - 1 : labelIndex;
        return index < names.size() ? index : -1;
    }

    /**
     * Whether the line {@code bytes[from, to)}, without its line end, is blank and so skipped:
     * empty, or nothing but spaces and tabs, as pandas' reader skips it. A tab or a space that is
     * the delimiter makes a row of empty cells instead.
     */
    public boolean blankLine(byte[] bytes, int from, int to) {
        for (int at = from; at < to; at++) {
            byte b = bytes[at];
            if (b != ' ' && b != '\t' || b == delimiter) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads text in the encoding Java calls {@code name}: UTF-8, the default, or one of one byte
     * per character over ASCII, such as windows-1252, which Excel saves a CSV file in on Western
     * systems ({@link TextEncoding}).
     */
    public CsvFormat withEncoding(String name) {
        return new CsvFormat(header, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, categorical, decimal,
                thousands, missingMarks, columnMissingMarks, name, dates);
    }

    /** The text's encoding, which turns its bytes into UTF-8 as they are read. */
    public TextEncoding textEncoding() {
        return TextEncoding.named(encoding);
    }

    /** Leaves the default encoding out of a format written as JSON (a cache's), so that a dense4j from before reads it. */
    public static final class Utf8LeftOut {
        @Override
        public boolean equals(Object value) { // Jackson asks whether a value is the one to leave out
            return TextEncoding.UTF_8.equals(value);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** Reads only these feature columns, in this order. */
    public CsvFormat withFeatures(List<String> names) {
        return new CsvFormat(header, delimiter, labelName, labelIndex, labeled, names, List.of(), weightName, categorical, decimal, thousands, missingMarks,
                columnMissingMarks, encoding, dates);
    }

    /** Reads every column but the label and these. */
    public CsvFormat withoutColumns(List<String> names) {
        return new CsvFormat(header, delimiter, labelName, labelIndex, labeled, null, names, weightName, categorical, decimal, thousands, missingMarks,
                columnMissingMarks, encoding, dates);
    }

    /**
     * Reads each row's weight in the training loss from the column named {@code name} (a finite
     * number ≥ 0), which is then not a feature; null for every row weighing 1.
     */
    public CsvFormat withWeightColumn(String name) {
        return new CsvFormat(header, delimiter, labelName, labelIndex, labeled, features, dropped, name, categorical, decimal, thousands, missingMarks,
                columnMissingMarks, encoding, dates);
    }

    /**
     * Reads the feature columns {@code names} as categories, whatever they hold. A {@link CsvReader}
     * of this format reads every other feature as a number; {@link CsvSource#open} also reads as
     * categories the columns whose first rows hold text, as its options' {@link ColumnKinds} infer
     * them ({@link ColumnKinds#exactly} names them all).
     */
    public CsvFormat withCategorical(List<String> names) {
        return new CsvFormat(header, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, names, decimal, thousands, missingMarks,
                columnMissingMarks, encoding, dates);
    }

    /** Reads the cells of the feature columns {@code names} as dates, each its days since 1970-01-01. */
    public CsvFormat withDates(List<String> names) {
        return new CsvFormat(header, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, categorical, decimal,
                thousands, missingMarks, columnMissingMarks, encoding, names);
    }

    /** Reads numbers with {@code separator} ('.' or ',') between their whole and fractional parts. */
    public CsvFormat withDecimal(char separator) {
        return new CsvFormat(header, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, categorical, separator, thousands, missingMarks,
                columnMissingMarks, encoding, dates);
    }

    /** Reads numbers whose groups of three digits are separated by {@code separator} (',' or '.'; 0 for none). */
    public CsvFormat withThousands(char separator) {
        return new CsvFormat(header, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, categorical, decimal,
                separator, missingMarks, columnMissingMarks, encoding, dates);
    }

    /**
     * Reads these texts as missing values too, besides an empty cell, NA, N/A and NaN: {@code ?},
     * say, or {@code NULL}. Matched exactly, as the cell is written without the blanks around it;
     * a whole number such as {@code -9} also by value in number cells ({@code -9.0}).
     */
    public CsvFormat withMissingMarks(List<String> marks) {
        return new CsvFormat(header, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, categorical, decimal,
                thousands, marks, columnMissingMarks, encoding, dates);
    }

    /**
     * Reads these texts as missing values in the named feature columns alone, besides those read so
     * in every column ({@link #withMissingMarks}): {@code Map.of("glucose", List.of("0"))} where a
     * glucose of 0 means no reading, while 0 stays a value elsewhere.
     */
    public CsvFormat withColumnMissingMarks(Map<String, List<String>> marks) {
        return new CsvFormat(header, delimiter, labelName, labelIndex, labeled, features, dropped, weightName, categorical, decimal,
                thousands, missingMarks, marks, encoding, dates);
    }

    /** The marks of a missing value in the feature column {@code name}: those of every column, then its own. */
    public List<String> missingMarksOf(String name) {
        return marksOf(name, missingMarks, columnMissingMarks);
    }

    /** The marks of column {@code name}: {@code everywhere}, then its own in {@code byColumn}; a file's or a model's. */
    public static List<String> marksOf(String name, List<String> everywhere, Map<String, List<String>> byColumn) {
        List<String> own = byColumn.get(name);
        if (own == null) {
            return everywhere;
        }
        LinkedHashSet<String> both = new LinkedHashSet<>(everywhere);
        both.addAll(own);
        return List.copyOf(both);
    }

    /** Whether two columns-to-marks maps give each column the same marks, whatever their order. */
    public static boolean sameColumnMarks(Map<String, List<String>> one, Map<String, List<String>> other) {
        if (!one.keySet().equals(other.keySet())) {
            return false;
        }
        return one.entrySet().stream().allMatch(column -> java.util.Set.copyOf(column.getValue())
                .equals(java.util.Set.copyOf(other.get(column.getKey()))));
    }

    /** Column marks as the command line takes them, for a message: {@code glucose=0, bmi=0}; "none" for none. */
    public static String shownByColumn(Map<String, List<String>> marks) {
        if (marks.isEmpty()) {
            return "none";
        }
        List<String> pairs = new java.util.ArrayList<>();
        marks.forEach((name, own) -> own.forEach(mark -> pairs.add(Printable.of(name) + "=" + Printable.of(mark))));
        return String.join(", ", pairs);
    }

    /**
     * {@code marks} in their given order, each column's list without repeats, checked as a file with
     * these separators can have them; none for null (a format recorded before them).
     */
    private static Map<String, List<String>> columnMarks(Map<String, List<String>> marks, char delimiter, char decimal, char thousands) {
        if (marks == null || marks.isEmpty()) {
            return Map.of();
        }
        if (marks.size() > MOST_MARKED_COLUMNS) {
            throw new IllegalArgumentException("at most " + MOST_MARKED_COLUMNS + " columns with missing-value marks of their own, got "
                    + marks.size());
        }
        Map<String, List<String>> checked = new LinkedHashMap<>();
        marks.forEach((name, list) -> {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("missing-value marks are for a column named, got one with no name");
            }
            if (list == null || list.isEmpty()) {
                throw new IllegalArgumentException("the column \"" + Printable.of(name) + "\" is given no missing-value mark");
            }
            List<String> distinct = List.copyOf(new LinkedHashSet<>(list));
            try {
                checkMissingMarks(distinct, delimiter, decimal, thousands);
            } catch (IllegalArgumentException refused) {
                throw new IllegalArgumentException("column \"" + Printable.of(name) + "\": " + refused.getMessage(), refused);
            }
            checked.put(name, distinct);
        });
        return java.util.Collections.unmodifiableMap(checked);
    }

    /**
     * Throws unless {@code marks} may be missing-value marks in some file, for a model's own: the
     * model does not keep its files' separators, so a mark is refused as a number only when it is
     * one whichever the decimal separator, and not whole ("1e3", not "1.5" or "1,5").
     */
    public static void checkMissingMarks(List<String> marks) {
        checkMissingMarks(marks, '\n', (char) 0, (char) 0); // a line break is refused anyway
        for (String mark : marks) {
            byte[] bytes = mark.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (CellParser.readsAsPlainNumber(bytes, 0, bytes.length, '.', (char) 0)
                    && CellParser.readsAsPlainNumber(bytes, 0, bytes.length, ',', (char) 0) && !MissingMarks.isWholeNumber(mark)) {
                throw new IllegalArgumentException(notWhole(mark, ""));
            }
        }
    }

    /**
     * {@code marks} as a file with these separators can have them: a number to its reader
     * ({@code 1.5}, or {@code 1.000.000} with thousands '.') is read as one, never as a mark,
     * unless it is whole ({@code -9}), when it marks that value in number cells; a decimal
     * separator of 0 leaves that out.
     */
    private static void checkMissingMarks(List<String> marks, char delimiter, char decimal, char thousands) {
        if (marks.size() > MOST_MISSING_MARKS) {
            throw new IllegalArgumentException("at most " + MOST_MISSING_MARKS + " missing-value marks, got " + marks.size());
        }
        for (String mark : marks) {
            String shown = Printable.of(mark);
            if (mark.isEmpty() || mark.length() > LONGEST_MISSING_MARK || !mark.equals(mark.strip())) {
                throw new IllegalArgumentException("a missing-value mark is 1 to " + LONGEST_MISSING_MARK
                        + " characters without blanks at its ends, got \"" + shown + "\"");
            }
            if (mark.indexOf(delimiter) >= 0 || mark.indexOf('"') >= 0 || mark.indexOf('\n') >= 0 || mark.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("the missing-value mark \"" + shown + "\" holds the delimiter, a quote or a line break");
            }
            byte[] bytes = mark.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (decimal != 0 && !MissingMarks.isWholeNumber(mark) && CellParser.readsAsPlainNumber(bytes, 0, bytes.length, decimal,
                    thousands)) {
                throw new IllegalArgumentException(notWhole(mark, decimal == ',' || thousands != 0 ? " in a file with decimal '" + decimal
                        + "'" + (thousands != 0 ? " and thousands '" + thousands + "'" : "") : ""));
            }
        }
    }

    /**
     * Whether {@code mark} is a whole number of at most 7 digits ({@code -9}, {@code 999}), which
     * marks its value in number cells as well as its text elsewhere.
     */
    public static boolean isNumberMark(String mark) {
        return MissingMarks.isWholeNumber(mark);
    }

    private static String notWhole(String mark, String where) {
        return "the missing-value mark \"" + Printable.of(mark) + "\" is a number" + where + "; a number marks "
                + "missing values only when it is whole, of at most 7 digits, such as -9 or 999";
    }

    /** Every column is a feature: the file has no label column. */
    public CsvFormat withoutLabel() {
        return new CsvFormat(header, delimiter, null, -1, false, features, dropped, weightName, categorical, decimal, thousands, missingMarks,
                columnMissingMarks, encoding, dates);
    }
}
