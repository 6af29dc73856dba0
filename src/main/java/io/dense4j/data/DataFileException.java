package io.dense4j.data;

import java.nio.file.Path;

/**
 * A data file that cannot be read as asked: missing, not a file, empty, or a bad cell. The message
 * names the file and, for a bad cell, its line and column and quotes the offending text; it is
 * one line, whatever the file holds: text from it shows its line breaks and control characters
 * as \xNN escapes.
 */
public final class DataFileException extends RuntimeException {
    private final String file; // a String: exceptions travel between JVMs (Spark), and a Path does not serialize
    private final long line;
    private final int column;
    private final String columnName;
    private final String problem;

    /** A problem with a row: {@code line} counts from 1. */
    public DataFileException(Path file, long line, String problem) {
        this(file, line, 0, null, problem);
    }

    /**
     * A problem with a cell: {@code line} and {@code column} count from 1; {@code columnName} is the
     * header's name for the column, or null.
     */
    public DataFileException(Path file, long line, int column, String columnName, String problem) {
        super(Printable.whole(file + ", line " + line + (column > 0 ? ", column " + column : "")
                + (columnName != null ? " (\"" + Printable.of(columnName) + "\")" : "") + ": " + problem)); // a name may be a megabyte
        this.file = String.valueOf(file);
        this.line = line;
        this.column = column;
        this.columnName = columnName;
        this.problem = problem;
    }

    /** A problem with the file as a whole. */
    public DataFileException(Path file, String problem, Throwable cause) {
        super(Printable.whole(file + ": " + problem), cause);
        this.file = String.valueOf(file);
        this.line = 0;
        this.column = 0;
        this.columnName = null;
        this.problem = problem;
    }

    /**
     * The same problem with its line moved down by {@code lines}: for a reader that numbered the
     * lines of one piece of the file from the piece's start. A whole-file problem stays as it is.
     */
    public DataFileException afterLines(long lines) {
        if (line == 0 || lines == 0) {
            return this;
        }
        DataFileException moved = new DataFileException(Path.of(file), line + lines, column, columnName, problem);
        moved.initCause(getCause());
        return moved;
    }

    /** The same problem at the same place of {@code other}: for a reader that read a copy of part of it. */
    public DataFileException inFile(Path other) {
        if (line == 0) {
            return new DataFileException(other, problem, getCause());
        }
        DataFileException moved = new DataFileException(other, line, column, columnName, problem);
        moved.initCause(getCause());
        return moved;
    }

    /** The same place with another problem, for a caller that knows better what to say of it. */
    public DataFileException withProblem(String other) {
        DataFileException said = line == 0 ? new DataFileException(Path.of(file), other, getCause())
                : new DataFileException(Path.of(file), line, column, columnName, other);
        if (line != 0) {
            said.initCause(getCause());
        }
        return said;
    }

    /** The message without the file's name, for a report that names the file already: {@code line 9, column 2 ("b"): …}. */
    public String withoutTheFile() {
        String prefix = file + (line > 0 ? ", " : ": ");
        return getMessage().startsWith(prefix) ? getMessage().substring(prefix.length()) : getMessage();
    }

    public Path file() {
        return Path.of(file);
    }

    /** The header's name for the column, or null. */
    public String columnName() {
        return columnName;
    }

    /** What is wrong, without the words that place it. */
    public String problem() {
        return problem;
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
