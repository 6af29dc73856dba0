package io.dense4j.scorer;

import java.nio.file.Path;

/** A model file the scorer cannot use, with one line that names the file and what is wrong with it. */
public final class ModelFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ModelFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    ModelFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
