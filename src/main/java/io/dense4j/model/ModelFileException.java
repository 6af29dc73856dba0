package io.dense4j.model;

import io.dense4j.data.Printable;
import java.nio.file.Path;

/**
 * A model file that cannot be loaded: missing, truncated, corrupt, foreign, or newer than this
 * library. Its message is one line, whatever the file holds: a value of the file it quotes shows
 * its line breaks and control characters as \xNN escapes.
 */
public final class ModelFileException extends RuntimeException {
    private final Path file;

    public ModelFileException(Path file, String problem, Throwable cause) {
        super(Printable.whole(file + ": " + problem), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
