package io.dense4j.data.csv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A format's own marks of a missing value ({@link CsvFormat#missingMarks}), as bytes to compare
 * cells with, and the whole-number ones ("-9", "999", sentinels that surveys and credit bureaus
 * write) as the float32 values they mark in number cells: made once per reader, so that a cell's
 * check allocates nothing, and none at all when the format has no marks.
 */
final class MissingMarks {
    static final MissingMarks NONE = new MissingMarks(List.of());

    private final byte[][] marks;
    private final float[] numbers;
    /** How many of {@code numbers}, first, are the format's marks of every column; the rest are a column's own. */
    private final int everywhereNumbers;

    private MissingMarks(List<String> texts) {
        this(texts, texts);
    }

    /** {@code texts}, of which {@code everywhere} come first and mark every column. */
    private MissingMarks(List<String> texts, List<String> everywhere) {
        everywhereNumbers = (int) everywhere.stream().filter(MissingMarks::isWholeNumber).count();
        marks = texts.stream().map(text -> text.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        List<String> whole = texts.stream().filter(MissingMarks::isWholeNumber).toList();
        numbers = new float[whole.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = Integer.parseInt(whole.get(i));
        }
    }

    static MissingMarks of(CsvFormat format) {
        return format.missingMarks().isEmpty() ? NONE : new MissingMarks(format.missingMarks());
    }

    /**
     * Each of the file's columns' marks, counting from 0: those of every column, and a feature's own
     * ({@link CsvFormat#columnMissingMarks}) besides; columns without marks of their own share one.
     */
    static MissingMarks[] byColumn(CsvFormat format, ColumnLayout layout) {
        MissingMarks everywhere = of(format);
        MissingMarks[] marks = new MissingMarks[layout.columns()];
        java.util.Arrays.fill(marks, everywhere);
        if (!format.columnMissingMarks().isEmpty()) {
            List<String> names = layout.names();
            for (int column = 0; column < marks.length; column++) {
                if (layout.featureOf()[column] >= 0 && format.columnMissingMarks().containsKey(names.get(column))) {
                    marks[column] = new MissingMarks(format.missingMarksOf(names.get(column)), format.missingMarks());
                }
            }
        }
        return marks;
    }

    /** Whether some column's marks hold a whole number: number cells then need a look at their value. */
    static boolean someMarkNumbers(MissingMarks[] marks) {
        for (MissingMarks column : marks) {
            if (column.marksNumbers()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code mark} is a whole number of at most 7 digits, with or without a sign: one that
     * marks a value in number cells, which float32 holds exactly, the same whichever the file's
     * separators.
     */
    static boolean isWholeNumber(String mark) {
        return mark.matches("[+-]?[0-9]{1,7}");
    }

    /** Whether the cell {@code bytes[from, to)}, its blanks and quotes already left out, is one of the marks. */
    boolean matches(byte[] bytes, int from, int to) {
        for (byte[] mark : marks) {
            if (Arrays.equals(bytes, from, to, mark, 0, mark.length)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a number cell's float32 value is one a whole-number mark marks ("-9.0" as "-9" does). */
    boolean marksNumber(float value) {
        for (float number : numbers) {
            if (value == number) {
                return true;
            }
        }
        return false;
    }

    /** The flag that gives the whole-number mark of {@code value}, which {@link #marksNumber} marks: for a message. */
    String flagOf(float value) {
        for (int i = 0; i < everywhereNumbers; i++) {
            if (numbers[i] == value) {
                return "--missing-values";
            }
        }
        return "--missing-values-in";
    }

    /** Whether some mark is a whole number: number cells then need a look at their value. */
    boolean marksNumbers() {
        return numbers.length > 0;
    }

    boolean isEmpty() {
        return marks.length == 0;
    }
}
