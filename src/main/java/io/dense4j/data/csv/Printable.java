package io.dense4j.data.csv;

import java.nio.charset.StandardCharsets;

/**
 * A name from a file (a column's, a label's) as a message shows it: printable text as it is,
 * control and invisible characters as \xNN escapes, as {@link CsvProblems} shows a bad cell. A
 * label "yes" followed by a zero-width space must not look like "yes" in the message that says
 * it is not the model's "yes", and an escape sequence in a header must not reach the terminal.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code name} with what cannot be seen escaped; at most {@link CsvProblems#QUOTED} bytes of it. */
    public static String of(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return CsvProblems.text(bytes, 0, bytes.length);
    }

    /** {@code name} with what cannot be seen escaped, all of it: for listings, such as a model's features. */
    public static String whole(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return CsvProblems.escaped(bytes, 0, bytes.length);
    }
}
