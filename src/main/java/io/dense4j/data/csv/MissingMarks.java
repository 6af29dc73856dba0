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

    private MissingMarks(List<String> texts) {
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

    /** Whether some mark is a whole number: number cells then need a look at their value. */
    boolean marksNumbers() {
        return numbers.length > 0;
    }

    boolean isEmpty() {
        return marks.length == 0;
    }
}
