package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the feature columns that hold mostly text in a file's first rows: what a reader takes as
 * its categorical columns unless told otherwise. A cell is text when it is neither a number nor a
 * missing value (empty, NA, N/A, NaN). A column of numbers with a few text cells stays numeric, so
 * that a typo ("12.5.1", "?") stops the read at its line rather than turning a column of numbers
 * into thousands of categories; so does one whose text is one mark alone ("?", "NULL"), however
 * often: numbers and a missing value's mark, which the read then names. A column with no value at
 * all in those rows (one filled in only later in the file) is followed further, up to
 * {@link #FOLLOWED_ROWS}, until it shows one. A row that cannot be read is passed over here: the
 * pass that follows reports it, or skips it, as its options say.
 */
final class TextColumns {
    /** The most rows read to find a value in a column whose first rows are all missing. */
    static final int FOLLOWED_ROWS = 1_000_000;

    private TextColumns() {
    }

    /** The feature columns with text, and with dates, in the first {@code rows} data rows of {@code in}. */
    static FirstRowKinds find(InputStream in, Path file, CsvFormat format, int chunk, int rows) throws IOException {
        LineBuffer lines = new LineBuffer(format.textEncoding().decoding(in, true), chunk, format.delimiter());
        CsvProblems problems = new CsvProblems(file, lines, format.textEncoding());
        FieldScanner scanner = new FieldScanner(format.delimiter(), problems);
        MissingMarks[] marks = null;
        ColumnLayout layout = null;
        int[] text = null;
        int[] numbers = null;
        int[] dates = null;
        boolean[] valued = null;
        SoleMarks marksAlone = null;
        RowNumbers counting = null;
        int seen = 0;
        while ((seen < rows || seen < FOLLOWED_ROWS && !allTrue(valued)) && lines.next()) {
            int from = lines.start();
            int to = lines.end();
            if (format.blankLine(lines.bytes(), from, to)) {
                continue;
            }
            if (layout == null) {
                from = CsvReader.afterByteOrderMark(lines.bytes(), from, to);
                layout = ColumnLayout.read(format, lines.bytes(), from, to, problems);
                marks = MissingMarks.byColumn(format, layout);
                text = new int[layout.featureCount()];
                numbers = new int[layout.featureCount()];
                dates = new int[layout.featureCount()];
                valued = new boolean[layout.featureCount()];
                marksAlone = new SoleMarks(layout.featureCount());
                counting = new RowNumbers(layout.featureCount());
                if (format.header()) {
                    continue;
                }
            }
            try {
                // past the first rows, only the columns still without a value are judged: the others are decided
                mark(lines.bytes(), from, to, layout.featureOf(), scanner, format, marks, text, numbers, dates, valued, marksAlone,
                        seen >= rows, seen < rows ? counting : null);
            } catch (DataFileException unreadable) {
                if (problems.tookMisshapen() && lines.lastLine() > lines.line()) { // as a pass skipping bad rows takes it
                    lines.restartAfterFirstLine();
                }
                continue; // the pass that follows says what is wrong with it
            }
            seen++;
        }
        List<String> withText = new ArrayList<>();
        List<String> withDates = new ArrayList<>();
        List<String> rowNumbers = new ArrayList<>();
        if (layout != null) {
            List<String> names = layout.featureNames();
            for (int place = 0; place < text.length; place++) {
                if (text[place] > numbers[place] && !(numbers[place] > 0 && marksAlone.only(place))) {
                    withText.add(names.get(place));
                } else if (2 * dates[place] > numbers[place]) {
                    withDates.add(names.get(place));
                } else if (counting.countsEveryRow(place, Math.min(seen, rows))) {
                    rowNumbers.add(names.get(place));
                }
            }
        }
        return new FirstRowKinds(withText, withDates, rowNumbers);
    }

    private static boolean allTrue(boolean[] flags) {
        if (flags == null) {
            return false;
        }
        for (boolean flag : flags) {
            if (!flag) {
                return false;
            }
        }
        return true;
    }

    /**
     * Counts in {@code text} the features whose cell in the row {@code bytes[from, to)} is text, in
     * {@code numbers} those whose cell is a number (in {@code dates} too if a date), and marks in {@code valued} those whose cell is
     * not missing, and each text in {@code marksAlone}; with {@code onlyUnvalued}, only for the features not marked yet. A number
     * written with other separators ({@link SeparatorHint}) counts as a
     * number: that column's first such cell then stops the read with the hint. Each cell goes to
     * {@code counting} too, unless it is null.
     */
    private static void mark(byte[] bytes, int from, int to, int[] featureOf, FieldScanner scanner, CsvFormat format,
                             MissingMarks[] marks, int[] text, int[] numbers, int[] dates, boolean[] valued, SoleMarks marksAlone,
                             boolean onlyUnvalued, RowNumbers counting) {
        for (int at = from, column = 1; column <= featureOf.length; column++) {
            int next = scanner.field(bytes, at, to, column);
            int place = featureOf[column - 1];
            int start = CellParser.afterBlanks(bytes, scanner.start(), scanner.end()); // inside quotes, as the parser reads them
            int end = CellParser.beforeBlanks(bytes, start, scanner.end());
            if (place >= 0 && counting != null) {
                counting.next(place, bytes, start, end);
            }
            if (place >= 0 && !(onlyUnvalued && valued[place]) && !missing(bytes, start, end)
                    && !marks[column - 1].matches(bytes, start, end)) {
                valued[place] = true;
                if (isText(bytes, start, end, format) && SeparatorHint.of(bytes, start, end, format) == null) {
                    text[place]++;
                    marksAlone.add(place, bytes, start, end);
                } else {
                    numbers[place]++;
                    dates[place] += DateCells.looksLikeDate(bytes, start, end) ? 1 : 0;
                }
            }
            if (next >= to) {
                return;
            }
            at = next + 1;
        }
    }

    /**
     * Whether a cell that starts with {@code first} and ends with {@code last} is surely no number
     * the full parser reads: a number starts with a digit, a sign, a point or comma, or the I and N
     * of Infinity and NaN, and ends with a digit, a point or comma, or the y and N of Infinity and NaN.
     */
    static boolean cannotBeANumber(byte first, byte last) {
        boolean starts = first >= '0' && first <= '9' || first == '+' || first == '-' || first == '.' || first == ','
                || first == 'I' || first == 'N';
        boolean ends = last >= '0' && last <= '9' || last == '.' || last == ',' || last == 'y' || last == 'N';
        return !starts || !ends;
    }

    private static boolean missing(byte[] bytes, int from, int to) {
        return from == to || CellParser.isMissingMark(bytes, from, to);
    }

    private static boolean isText(byte[] bytes, int from, int to, CsvFormat format) {
        if (CellParser.isInfinity(bytes, from, to)) { // R's "Inf", NumPy's "inf": a number, which the read then refuses as infinite
            return false;
        }
        if (DateCells.looksLikeDate(bytes, from, to)) { // 2020-03-14T09:30Z ends as no number does, and is read as one
            return Double.isNaN(DateCells.days(bytes, from, to));
        }
        if (cannotBeANumber(bytes[from], bytes[to - 1]) && !SignedAmounts.signed(bytes, from, to)) { // most text: no parser, which throws
            return true;
        }
        return !CellParser.readsAsNumber(bytes, from, to, format.decimal(), format.thousands());
    }

    /** Per column, whether all its text cells so far are one and the same missing value's mark ("?", "NULL"), and which. */
    private static final class SoleMarks {
        private final byte[][] mark;
        private final boolean[] other;

        SoleMarks(int columns) {
            mark = new byte[columns][];
            other = new boolean[columns];
        }

        void add(int place, byte[] bytes, int from, int to) {
            if (other[place]) {
                return;
            }
            if (!CellParser.isMark(bytes, from, to)) {
                other[place] = true;
            } else if (mark[place] == null) {
                mark[place] = java.util.Arrays.copyOfRange(bytes, from, to);
            } else if (!java.util.Arrays.equals(mark[place], 0, mark[place].length, bytes, from, to)) {
                other[place] = true;
            }
        }

        /** Whether column {@code place}'s text, if any, is one mark alone. */
        boolean only(int place) {
            return !other[place];
        }
    }
}
