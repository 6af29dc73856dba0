package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.DataFileException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * For fuzz tests: what reading an untrusted file gave, as text to compare. A read either succeeds
 * or stops with the errors the command line reports as such (exit 1): a {@link DataFileException},
 * or an {@link IllegalArgumentException} that is not a bare {@link NumberFormatException}, with a
 * one-line message that names the file. Any other throwable (an index out of bounds, a null
 * pointer, a stack overflow, running out of memory) is a bug, and is thrown on for the fuzzer.
 */
final class UntrustedReads {
    private UntrustedReads() {
    }

    static String outcome(Path file, Supplier<String> read) {
        try {
            return "read:\n" + read.get();
        } catch (DataFileException | IllegalArgumentException problem) {
            if (problem instanceof NumberFormatException) {
                throw problem;
            }
            String message = problem.getMessage();
            assertNotNull(message, "an error without a message: " + problem);
            assertFalse(message.contains("\n") || message.contains("\r"), "an error of more than one line: " + message);
            assertTrue(message.contains(file.toString()), "an error that does not name the file: " + message);
            return problem.getClass().getSimpleName() + ": " + message;
        }
    }
}
