package io.dense4j.data.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test helpers for the reader's parts: the UTF-8 bytes of a line, and problems reported on a chosen line. */
final class TestLines {
    private TestLines() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Problems in file "t.csv", reported as on line {@code line}. */
    static CsvProblems problemsOnLine(int line) {
        LineBuffer lines = new LineBuffer(new ByteArrayInputStream(bytes("\n".repeat(line))), 16, ',');
        try {
            for (int i = 0; i < line; i++) {
                lines.next();
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return new CsvProblems(Path.of("t.csv"), lines, TextEncoding.named("UTF-8"));
    }
}
