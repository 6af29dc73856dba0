package io.dense4j.scorer;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A model file the scorer cannot use, with one line that names the file and what is wrong with it:
 * text from the file that it quotes shows what cannot be seen (line breaks and other control
 * characters, format characters such as a zero-width space, spaces other than ' ') as the \xNN
 * escapes of its UTF-8 bytes, as dense4j's own messages show it.
 */
public final class ModelFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ModelFormatException(Path file, String problem) {
        super(oneLine(file + ": " + problem));
    }

    ModelFormatException(Path file, String problem, Throwable cause) {
        super(oneLine(file + ": " + problem), cause);
    }

    /**
     * A file that cannot be read, and why: Java's file-system exceptions carry the path alone as
     * their message, the system's reason apart, often none (dense4j's IoReason says the same; the
     * scorer depends on nothing of dense4j's).
     */
    static ModelFormatException unreadable(Path file, java.io.IOException failed) {
        String why = String.valueOf(failed.getMessage());
        if (failed instanceof java.nio.file.FileSystemException system) {
            why = system.getReason() != null ? system.getReason()
                    : failed instanceof java.nio.file.AccessDeniedException ? "access denied"
                    : failed instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : "the system refused it (" + failed.getClass().getSimpleName() + ")";
        }
        return new ModelFormatException(file, "cannot be read: " + why, failed);
    }

    private static String oneLine(String message) {
        StringBuilder line = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (visible(c)) {
                line.appendCodePoint(c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    line.append(String.format(Locale.ROOT, "\\x%02X", b & 0xFF));
                }
            }
        });
        return line.toString();
    }

    /** Whether a message may show {@code c} as itself: printed, and seen (dense4j's Printable asks the same). */
    private static boolean visible(int c) {
        if (c < 0x80) {
            return c >= 0x20 && c < 0x7f;
        }
        int type = Character.getType(c);
        return c != 0xFFFD && type != Character.CONTROL && type != Character.FORMAT && type != Character.SPACE_SEPARATOR
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED;
    }
}
