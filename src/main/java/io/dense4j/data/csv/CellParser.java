package io.dense4j.data.csv;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.dense4j.data.Printable;
import io.dense4j.data.Remedy;

/**
 * Reads a feature cell that the row's fused fast path did not take (see {@link PlainDecimal}) as a
 * float32: any number FastDoubleParser reads, an amount or rate ({@link SignedAmounts}), a date
 * ({@link DateCells}), a missing value, or an error saying what is wrong with the cell. Exists to
 * keep the rules for what a feature value may be in one place: an empty cell, NA, N/A or NaN (any
 * case) is a missing value, read as NaN only when missing values are allowed; infinities and
 * numbers beyond float32's range are always errors. With a decimal comma, a number has a comma
 * where the full parser wants a point, and a point in it is an error.
 */
final class CellParser {
    private final boolean allowMissing;
    private final CsvProblems problems;
    private final CsvFormat format;
    /** Each column's marks, counting from 0; null when every column has the format's. */
    private final MissingMarks[] columnMarks;
    /** Whether each column, counting from 0, holds dates; null when none does. */
    private final boolean[] dates;
    private final MissingMarks marks;
    /** Whether the cells are read for a model to score (its classes known): a fill is then the model's to have, not a flag's. */
    private final boolean scoring;
    /** A cell with its decimal comma made a point, for the full parser; grown as cells need. */
    private byte[] pointed = new byte[32];

    CellParser(boolean allowMissing, CsvProblems problems) {
        this(allowMissing, problems, CsvFormat.defaults());
    }

    /** A parser of the cells of files laid out as {@code format} says (its decimal separator). */
    CellParser(boolean allowMissing, CsvProblems problems, CsvFormat format) {
        this(allowMissing, problems, format, false);
    }

    /** As above, for a model to score when {@code scoring}. */
    CellParser(boolean allowMissing, CsvProblems problems, CsvFormat format, boolean scoring) {
        this(allowMissing, problems, format, scoring, null);
    }

    /** As above, each column with the marks {@code columnMarks} gives it (counting from 0); null for the format's in every one. */
    CellParser(boolean allowMissing, CsvProblems problems, CsvFormat format, boolean scoring, MissingMarks[] columnMarks) {
        this(allowMissing, problems, format, scoring, columnMarks, null);
    }

    /** As above, {@code dates} saying which columns (counting from 0) hold dates; null for none. */
    CellParser(boolean allowMissing, CsvProblems problems, CsvFormat format, boolean scoring, MissingMarks[] columnMarks, boolean[] dates) {
        this.dates = dates;
        this.columnMarks = columnMarks;
        this.scoring = scoring;
        this.allowMissing = allowMissing;
        this.problems = problems;
        this.format = format;
        this.marks = MissingMarks.of(format);
    }

    /**
     * The value of the cell {@code bytes[from, to)} (its quotes and blanks already left out) in
     * {@code column}, counting from 1; NaN only for a missing value, when they are allowed. Blanks
     * inside the quotes are left out too: spreadsheets pad numbers so (" 1,234 ").
     */
    float number(byte[] bytes, int from, int to, int column) {
        from = afterBlanks(bytes, from, to);
        to = beforeBlanks(bytes, from, to);
        if (from == to) {
            return missing(column, "empty cell (a missing value); expected a number");
        }
        MissingMarks marks = columnMarks == null ? this.marks : columnMarks[column - 1];
        if (dates != null && dates[column - 1]) {
            return date(bytes, from, to, column, marks);
        }
        double value = PlainDecimal.parse(bytes, from, to, format.decimal());
        if (value != value) { // not the plain common case: the full parser, and its special values
            if (SignedAmounts.signed(bytes, from, to)) { // "$1,093.02", "7.1%": the number written, or no number
                if (marks.matches(bytes, from, to)) { // a mark named so ("-1%") is a missing value, as it always was
                    return missing(column, "\"" + CsvProblems.text(bytes, from, to) + "\" is a missing value; expected a number");
                }
                value = SignedAmounts.value(bytes, from, to, format.decimal(), format.thousands(), scratchFor(from, to));
                if (Double.isNaN(value)) {
                    return notANumber(bytes, from, to, column, marks);
                }
            } else {
                try {
                    value = fullParse(bytes, from, to);
                } catch (NumberFormatException notANumber) {
                    return notANumber(bytes, from, to, column, marks);
                }
            }
            if (Double.isNaN(value)) {
                return missing(column, "\"" + CsvProblems.text(bytes, from, to) + "\" is a missing value; expected a number");
            }
            if (Double.isInfinite(value) && spellsInfinity(bytes, from, to)) { // not 400 digits, beyond even a double's range
                throw problems.cell(column, "\"" + CsvProblems.text(bytes, from, to) + "\" is infinite; expected a finite number");
            }
        }
        float rounded = (float) value;
        if (Float.isInfinite(rounded)) {
            throw problems.cell(column, "\"" + CsvProblems.text(bytes, from, to) + "\" is beyond float32's range (±3.4e38)");
        }
        if (marks.marksNumber(rounded)) {
            return missing(column, "\"" + CsvProblems.text(bytes, from, to) + "\" is a missing value (" + marks.flagOf(rounded)
                    + "); expected a number");
        }
        return rounded;
    }

    /** Whether a cell read as infinite spells it ("Infinity"), rather than being a number too large for a double. */
    private static boolean spellsInfinity(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 'I' || bytes[i] == 'i') {
                return true;
            }
        }
        return false;
    }

    /**
     * The cell {@code bytes[from, to)} (blanks left out, not empty) of a column of dates: a missing
     * value, or its days since 1970-01-01. A number is no date here, nor does a whole-number mark
     * such as -1 mark a day: the marks are compared as text, before the date is read.
     */
    private float date(byte[] bytes, int from, int to, int column, MissingMarks marks) {
        String text = CsvProblems.text(bytes, from, to);
        if (isMissingMark(bytes, from, to) || marks.matches(bytes, from, to)) { // 1900-01-01 or 0000-00-00 marked so
            return missing(column, "\"" + text + "\" is a missing value; expected a date");
        }
        double days = DateCells.days(bytes, from, to);
        if (Double.isNaN(days)) {
            String name = problems.flagName(column);
            throw problems.cell(column, (DateCells.looksLikeDate(bytes, from, to) ? "\"" + text + "\" is no date"
                    : "expected a date, got \"" + text + "\" (the column is read as dates: most of its first rows hold dates, or the model or the format names it one)")
                    + ": dense4j reads a date as yyyy-mm-dd, a day of the calendar, then perhaps a time (T or a space, hh:mm, :ss, a "
                    + "fraction) and Z or ±hh:mm (if it marks a missing value, say so: " + Remedy.of(name == null ? "--missing-values-in"
                    : "--missing-values-in " + Remedy.word(name + "=" + text), "CsvFormat.withColumnMissingMarks") + "; "
                    + categoricalHint(name) + ")");
        }
        return (float) days;
    }

    /**
     * A cell that is no number: a missing value (NaN, when they are allowed), or an error with a
     * hint at the way out.
     */
    private float notANumber(byte[] bytes, int from, int to, int column, MissingMarks marks) {
        if (isMissingMark(bytes, from, to) || marks.matches(bytes, from, to)) {
            return missing(column, "\"" + CsvProblems.text(bytes, from, to) + "\" is a missing value; expected a number");
        }
        String text = CsvProblems.text(bytes, from, to);
        if (isInfinity(bytes, from, to)) { // as R, NumPy and C write it; the parser reads only "Infinity"; or a code that is text
            throw problems.cell(column, "\"" + text + "\" is infinite; expected a finite number" + (scoring ? ""
                    : " (if it is a category, not a number: " + categoricalHint(problems.flagName(column)) + ")"));
        }
        if (problems.headerName(column, bytes, from, to)) { // text, but no category: the declaring hint would mislead
            throw problems.cell(column, "\"" + text + "\" is the column's own name: does the line repeat the header row, as files "
                    + "joined with cat do? (join them without their headers, for example with tail -n +2, or read them as a folder or a "
                    + "glob)");
        }
        if (!CsvProblems.utf8(bytes, from, to)) { // another encoding's text, not a column of categories
            throw problems.cell(column, "expected a number, got \"" + text + "\", which " + problems.notText(bytes, from, to));
        }
        String hint = DateCells.looksLikeDate(bytes, from, to)
                ? "a date in a column of numbers: dense4j reads dates in a column whose first rows hold mostly dates"
                : SeparatorHint.of(bytes, from, to, format);
        throw problems.cell(column, "expected a number" + (format.decimal() == ',' ? " with a decimal comma" : "") + ", got \""
                + text + "\" (" + (hint == null ? "" : hint + "; ") + (isMark(bytes, from, to)
                // "?" is Weka's and the UCI files' missing value, so that way out comes first; the other is for a mark that is a value
                // ("1" and "-" as a flag), which a column of numbers beside one mark alone used to be read as categories for
                ? "if \"" + text + "\" marks a missing value, " + (scoring && !allowMissing
                ? "the model fills none: train it with --missing-values '" + text + "' --fill-missing"
                : "say so: " + Remedy.of("--missing-values '" + text + "'" + (allowMissing ? "" : " --fill-missing"),
                        "CsvFormat.withMissingMarks" + (allowMissing ? "" : " and CsvSource.Options.fillingMissing()"))
                        + (scoring ? "" : "; " + categoricalHint(problems.flagName(column))))
                : categoricalHint(problems.flagName(column))) + ")");
    }

    /**
     * The row weight in the cell {@code bytes[from, to)} of {@code column}: a finite number ≥ 0. A
     * weight is never filled in, so a missing one is an error even where missing features are not.
     */
    float weight(byte[] bytes, int from, int to, int column) {
        from = afterBlanks(bytes, from, to);
        to = beforeBlanks(bytes, from, to);
        if (from == to) {
            throw problems.cell(column, "empty cell; a row's weight must be a finite number >= 0");
        }
        double value = PlainDecimal.parse(bytes, from, to, format.decimal());
        if (value != value) {
            try {
                value = fullParse(bytes, from, to);
            } catch (NumberFormatException notANumber) {
                value = Double.NaN;
            }
        }
        float rounded = (float) value;
        if (!(rounded >= 0) || Float.isInfinite(rounded)) {
            String hint = SeparatorHint.of(bytes, from, to, format);
            throw problems.cell(column, "\"" + CsvProblems.text(bytes, from, to) + "\" is not a weight; a row's weight must be "
                    + "a finite number >= 0" + (hint == null ? "" : " (" + hint + ")"));
        }
        return rounded;
    }

    /**
     * The cell read by the full parser (which knows exponents, long digit strings and NaN), its
     * decimal comma first made a point and its thousands separators left out.
     */
    private double fullParse(byte[] bytes, int from, int to) {
        return fullParse(bytes, from, to, format.decimal(), format.thousands(), scratchFor(from, to));
    }

    /** {@link #pointed}, grown to hold the cell {@code bytes[from, to)}. */
    private byte[] scratchFor(int from, int to) {
        if (pointed.length < to - from) {
            pointed = new byte[Math.max(to - from, 2 * pointed.length)];
        }
        return pointed;
    }

    /**
     * Whether {@code bytes[from, to)}, without blanks at its ends, is a number (or NaN or an
     * infinity) to the reader of a file with these separators; anything else a cell holds is text.
     */
    static boolean readsAsNumber(byte[] bytes, int from, int to, char decimal, char thousands) {
        if (SignedAmounts.signed(bytes, from, to)) {
            return !Double.isNaN(SignedAmounts.value(bytes, from, to, decimal, thousands, new byte[to - from]));
        }
        return readsAsPlainNumber(bytes, from, to, decimal, thousands);
    }

    /**
     * {@link #readsAsNumber}, but for an amount or rate written with a sign, which a missing-value
     * mark may be: a mark such as {@code -1%} is text to compare, as it always was.
     */
    static boolean readsAsPlainNumber(byte[] bytes, int from, int to, char decimal, char thousands) {
        if (!Double.isNaN(PlainDecimal.parse(bytes, from, to, decimal))) {
            return true;
        }
        try {
            fullParse(bytes, from, to, decimal, thousands, decimal == ',' || thousands != 0 ? new byte[to - from] : null);
            return true;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    /**
     * {@link #fullParse(byte[], int, int)} for a cell of a file with these separators, with
     * {@code scratch} for the copy, at least as long as the cell when the decimal separator is a
     * comma or there is a thousands separator.
     *
     * @throws NumberFormatException when the cell is no number: a point with a decimal comma, a
     *                               thousands separator out of place, Java's type suffixes ("28d",
     *                               "3F") or control bytes at either end ("\u00010.5"), which the
     *                               parser takes (as Java trims them) but a CSV file does not
     */
    static double fullParse(byte[] bytes, int from, int to, char decimal, char thousands, byte[] scratch) {
        if (to > from && ((bytes[to - 1] | 0x20) == 'd' || (bytes[to - 1] | 0x20) == 'f')) {
            throw new NumberFormatException("a Java type suffix");
        }
        if (to > from && ((bytes[from] & 0xFF) < 0x20 || (bytes[to - 1] & 0xFF) < 0x20)) { // spaces and tabs are gone already
            throw new NumberFormatException("a control byte");
        }
        boolean grouped = thousands != 0 && holds(bytes, from, to, thousands);
        if (grouped && !SeparatorHint.grouped(bytes, from, to, thousands, decimal)) {
            throw new NumberFormatException("a thousands separator out of place");
        }
        if (decimal == '.' && !grouped) {
            return JavaDoubleParser.parseDouble(bytes, from, to - from);
        }
        int length = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == thousands) {
                continue;
            }
            if (b == '.' && decimal == ',') {
                throw new NumberFormatException("a point in a number read with a decimal comma");
            }
            scratch[length++] = b == ',' ? (byte) '.' : b;
        }
        return JavaDoubleParser.parseDouble(scratch, 0, length);
    }

    /** The first byte of {@code bytes[from, to)} that is not a space or a tab, or {@code to}. */
    static int afterBlanks(byte[] bytes, int from, int to) {
        while (from < to && (bytes[from] == ' ' || bytes[from] == '\t')) {
            from++;
        }
        return from;
    }

    /** The end of {@code bytes[from, to)} without its trailing spaces and tabs. */
    static int beforeBlanks(byte[] bytes, int from, int to) {
        while (to > from && (bytes[to - 1] == ' ' || bytes[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    private static boolean holds(byte[] bytes, int from, int to, char wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return true;
            }
        }
        return false;
    }

    /** NaN for a missing value when they are allowed; otherwise the error, with a hint at the way out. */
    private float missing(int column, String problem) {
        if (!allowMissing) {
            throw problems.cell(column, problem + " (" + Remedy.of("--fill-missing", "CsvSource.Options.fillingMissing()")
                    + ", the default, trains a model that fills them with the training mean)");
        }
        return Float.NaN;
    }

    /** How {@link #categoricalHint} starts, whatever the column. */
    static final String CATEGORICAL_HINT = "to read the column as categories, declare it categorical when training: ";

    /**
     * The way out for text in a column read as numbers, unless it was declared numeric (see
     * {@link CsvSource#open}): the flag with the column's name, {@code name}; the bare flag for a
     * name it cannot be given (null, an empty one in the header; one with a comma, at which the
     * flag splits its value, or with control characters).
     */
    static String categoricalHint(String name) {
        // the flag splits its value at commas, and a name with control characters cannot be typed
        boolean typable = name != null && Printable.whole(name).equals(name) && !name.contains(",");
        return CATEGORICAL_HINT + (!typable ? Remedy.of("--categorical", "CsvSource.Options.withCategorical")
                : Remedy.of("--categorical " + Remedy.word(name), "CsvSource.Options.withCategorical"));
    }

    /** Words that exports write for a missing value, which a number column holding them most likely means. */
    private static final java.util.Set<String> MISSING_WORDS = java.util.Set.of("null", "none", "nil", "#n/a", "#null!", "missing");

    /**
     * Whether the cell is one or two marks, neither letter nor digit ("?", "-", "--", ".", "*"), or
     * a word exports write for a missing value ("NULL", "None", Excel's "#N/A"), in any case.
     */
    static boolean isMark(byte[] bytes, int from, int to) {
        if (to - from > 2) {
            return to - from <= 7 && MISSING_WORDS.contains(new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .toLowerCase(java.util.Locale.ROOT));
        }
        for (int i = from; i < to; i++) {
            if (Character.isLetterOrDigit(bytes[i]) || bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** NA, N/A or NaN, in any case (the parser reads "NaN" itself, but not "nan"); compared byte by byte, making nothing. */
    static boolean isMissingMark(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length < 2 || length > 3 || (bytes[from] | 0x20) != 'n') {
            return false;
        }
        if (length == 2) {
            return (bytes[from + 1] | 0x20) == 'a';
        }
        return bytes[from + 1] == '/' ? (bytes[from + 2] | 0x20) == 'a'
                : (bytes[from + 1] | 0x20) == 'a' && (bytes[from + 2] | 0x20) == 'n';
    }

    /** inf or infinity, in any case, signed or not: how R ("Inf"), NumPy ("inf") and C ("-inf") write an infinite value. */
    static boolean isInfinity(byte[] bytes, int from, int to) {
        if (from < to && (bytes[from] == '-' || bytes[from] == '+')) {
            from++;
        }
        int length = to - from;
        if (length != 3 && length != 8) {
            return false;
        }
        for (int i = 0; i < length; i++) { // compared byte by byte, making nothing: inference asks it of many cells
            if ((bytes[from + i] | 0x20) != "infinity".charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
