package io.dense4j.model;

import java.nio.file.Path;

/** A model file that cannot be loaded: missing, truncated, corrupt, foreign, or newer than this library. */
public final class ModelFileException extends RuntimeException {
    private final Path file;

    public ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
