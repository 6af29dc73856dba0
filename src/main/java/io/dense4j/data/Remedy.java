package io.dense4j.data;

import java.util.regex.Pattern;

/**
 * The way out a message names, for both of its readers: the command line's flag, then the Java
 * API's call in brackets ({@code --fill-missing [Java: CsvSource.Options.fillingMissing()]}). The
 * command line prints messages through {@link #onTheCommandLine}, which leaves the flag alone; a
 * Java caller reads both. The library cannot tell who called it: the command line reads files on
 * threads of its own, so nothing but the message itself can carry the difference.
 */
public final class Remedy {
    private static final String OPEN = " [Java: ";
    private static final Pattern JAVA = Pattern.compile(Pattern.quote(OPEN) + "[^\\]]*\\]");

    private Remedy() {
    }

    /** {@code flag}, then {@code java} in brackets, which {@link #onTheCommandLine} leaves out. */
    public static String of(String flag, String java) {
        return flag + OPEN + java + "]";
    }

    /** {@code message} without the Java calls {@link #of} put in it. */
    public static String onTheCommandLine(String message) {
        return message == null ? null : JAVA.matcher(message).replaceAll("");
    }
}
