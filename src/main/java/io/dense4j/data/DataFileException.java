package io.dense4j.data;

import java.nio.file.Path;

/**
 * A data file that cannot be read as asked: missing, not a file, empty, or a bad cell. The message
 * names the file and, for a bad cell, its line and column and quotes the offending text.
 */
public final class DataFileException extends RuntimeException {
    private final Path file;
    private final long line;
    private final int column;

    /** A problem with a row: {@code line} counts from 1. */
    public DataFileException(Path file, long line, String problem) {
        this(file, line, 0, null, problem);
    }

    /**
     * A problem with a cell: {@code line} and {@code column} count from 1; {@code columnName} is the
     * header's name for the column, or null.
     */
    public DataFileException(Path file, long line, int column, String columnName, String problem) {
        super(file + ", line " + line + (column > 0 ? ", column " + column : "")
                + (columnName != null ? " (\"" + columnName + "\")" : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** A problem with the file as a whole. */
    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.line = 0;
        this.column = 0;
    }

    public Path file() {
        return file;
    }

    /** The line, counting from 1; 0 when the problem is the whole file. */
    public long line() {
        return line;
    }

    /** The column (field), counting from 1; 0 when the problem is the whole row or file. */
    public int column() {
        return column;
    }
}
