package io.dense4j.data;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Text from a file (a cell, a column's name, a label, a value in a model file) as a message shows
 * it: printable text as it is, control and invisible characters, and bytes that are no UTF-8, as
 * \xNN escapes. A label "yes" followed by a zero-width space must not look like "yes" in the
 * message that says it is not the model's "yes", an escape sequence in a header must not reach
 * the terminal, and a line break in a name must not split a message of one line.
 */
public final class Printable {
    /** The most bytes of a cell or name {@link #of} shows. */
    public static final int QUOTED = 80;

    private Printable() {
    }

    /** {@code name} with what cannot be seen escaped; at most {@link #QUOTED} bytes of it. */
    public static String of(String name) {
        if (name.length() <= QUOTED && printableAscii(name)) {
            return name;
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return text(bytes, 0, bytes.length);
    }

    /** {@code name} with what cannot be seen escaped, all of it: for listings, such as a model's features, and whole messages. */
    public static String whole(String name) {
        if (printableAscii(name)) { // most messages: every bad row skipped makes one
            return name;
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return escaped(bytes, 0, bytes.length);
    }

    private static boolean printableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The UTF-8 bytes [from, to) as {@link #escaped} shows them, cut after {@link #QUOTED} bytes with their count. */
    public static String text(byte[] bytes, int from, int to) {
        if (to - from > QUOTED) {
            return escaped(bytes, from, from + QUOTED) + String.format(java.util.Locale.ROOT, "… (%,d bytes)", to - from);
        }
        return escaped(bytes, from, to);
    }

    /** The UTF-8 bytes [from, to): each visible character as itself, any other byte as \xNN. */
    public static String escaped(byte[] bytes, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; ) {
            int b = bytes[i] & 0xff;
            int length = b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0;
            String character = length > 0 && i + length <= to ? new String(bytes, i, length, StandardCharsets.UTF_8) : null;
            if (character != null && character.codePointCount(0, character.length()) == 1 && visible(character.codePointAt(0))) {
                text.append(character);
                i += length;
            } else {
                text.append(String.format(Locale.ROOT, "\\x%02X", b));
                i++;
            }
        }
        return text.toString();
    }

    /** Whether a message may show {@code codePoint} as itself: printed, and seen. */
    private static boolean visible(int codePoint) {
        if (codePoint < 0x80) {
            return codePoint >= 0x20 && codePoint < 0x7f;
        }
        int type = Character.getType(codePoint);
        return codePoint != 0xFFFD && type != Character.CONTROL && type != Character.FORMAT && type != Character.SPACE_SEPARATOR
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR && type != Character.SURROGATE
                && type != Character.PRIVATE_USE && type != Character.UNASSIGNED;
    }
}
