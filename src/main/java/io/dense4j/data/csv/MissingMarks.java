package io.dense4j.data.csv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A format's own marks of a missing value ({@link CsvFormat#missingMarks}), as bytes to compare
 * cells with: made once per reader, so that a cell's check allocates nothing, and none at all when
 * the format has no marks.
 */
final class MissingMarks {
    static final MissingMarks NONE = new MissingMarks(List.of());

    private final byte[][] marks;

    private MissingMarks(List<String> texts) {
        marks = texts.stream().map(text -> text.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    static MissingMarks of(CsvFormat format) {
        return format.missingMarks().isEmpty() ? NONE : new MissingMarks(format.missingMarks());
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

    boolean isEmpty() {
        return marks.length == 0;
    }
}
