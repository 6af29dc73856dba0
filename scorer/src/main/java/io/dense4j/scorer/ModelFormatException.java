package io.dense4j.scorer;

import java.nio.file.Path;

/**
 * A model file the scorer cannot use, with one line that names the file and what is wrong with it:
 * text from the file that it quotes shows its line breaks and other control characters as \xNN
 * (\\uNNNN past one byte) escapes, whatever the file holds.
 */
public final class ModelFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ModelFormatException(Path file, String problem) {
        super(oneLine(file + ": " + problem));
    }

    ModelFormatException(Path file, String problem, Throwable cause) {
        super(oneLine(file + ": " + problem), cause);
    }

    private static String oneLine(String message) {
        StringBuilder line = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                line.append(c <= 0xFF ? String.format("\\x%02X", c) : String.format("\\u%04X", c));
            } else {
                line.appendCodePoint(c);
            }
        });
        return line.toString();
    }
}
