package io.dense4j.data;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The way out a message names, for both of its readers: the command line's flag, then the Java
 * API's call in brackets ({@code --fill-missing [Java: CsvSource.Options.fillingMissing()]}). The
 * command line prints messages through {@link #onTheCommandLine}, which leaves the flag alone; a
 * Java caller reads both. The library cannot tell who called it: the command line reads files on
 * threads of its own, so nothing but the message itself can carry the difference. Only the
 * brackets this class wrote are left out, not text of the same shape that a file's cell put there.
 */
public final class Remedy {
    private static final String OPEN = " [Java: ";
    /** Every bracket {@link #of} has written: a few, since each call site names its own calls. */
    private static final Set<String> WRITTEN = ConcurrentHashMap.newKeySet();

    private Remedy() {
    }

    /** {@code flag}, then {@code java} in brackets, which {@link #onTheCommandLine} leaves out. */
    public static String of(String flag, String java) {
        String bracket = OPEN + java + "]";
        WRITTEN.add(bracket);
        return flag + bracket;
    }

    /**
     * {@code value} as a shell reads it back as one word, for a flag's value in a message: as it is
     * when it holds nothing a shell would act on, else in single quotes ({@code 'home ownership'}).
     */
    public static String word(String value) {
        if (!value.isEmpty() && value.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "_-./:=@%+,".indexOf(c) >= 0))) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** {@code message} without the Java calls {@link #of} put in it. */
    public static String onTheCommandLine(String message) {
        if (message == null || !message.contains(OPEN)) {
            return message;
        }
        for (String bracket : WRITTEN) {
            message = message.replace(bracket, "");
        }
        return message;
    }
}
