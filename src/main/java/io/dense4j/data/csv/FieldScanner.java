package io.dense4j.data.csv;

/**
 * Finds one field of a line: where its content starts and ends, with the spaces and tabs around
 * it and the quotes of a quoted field left out. Exists to keep the CSV quoting rules in one place
 * for the header and the data rows alike. A quoted field may hold the delimiter, and a doubled
 * quote inside it stands for one; such a field is unescaped in place, which only ever shrinks it,
 * so the line's bytes change but no copy is made.
 *
 * <p>One scanner serves one pass: {@link #start()} and {@link #end()} describe the field the last
 * {@link #field} call found, so scanning a field allocates nothing.
 */
final class FieldScanner {
    private final int delimiter;
    private final CsvProblems problems;
    private int start;
    private int end;
    private int untrimmedStart;
    private int untrimmedEnd;
    /** The line ends inside the quoted fields of the row so far (a row's first field is column 1). */
    private int rowLineEnds;

    FieldScanner(int delimiter, CsvProblems problems) {
        this.delimiter = delimiter;
        this.problems = problems;
    }

    /**
     * Finds the field starting at {@code at} in {@code bytes[at, to)}, {@code to} being the line's
     * end, and {@code column} (counting from 1) naming it in errors; returns the index of the
     * delimiter after it, or {@code to}. Its content is then {@code bytes[start(), end())}.
     */
    int field(byte[] bytes, int at, int to, int column) {
        int first = skipBlanks(bytes, at, to);
        if (column == 1) {
            rowLineEnds = 0;
        }
        if (first < to && bytes[first] == '"') {
            int opened = rowLineEnds;
            int write = first + 1; // unescape "" in place: the content only shrinks
            int read = first + 1;
            while (true) {
                if (read >= to) {
                    throw problems.unclosedQuote(column);
                }
                byte b = bytes[read];
                rowLineEnds += b == '\n' ? 1 : 0;
                if (b == '"') {
                    if (read + 1 < to && bytes[read + 1] == '"') {
                        bytes[write++] = '"';
                        read += 2;
                        continue;
                    }
                    break;
                }
                bytes[write++] = b;
                read++;
            }
            start = first + 1;
            end = write;
            untrimmedStart = start;
            untrimmedEnd = end;
            int after = skipBlanks(bytes, read + 1, to);
            if (after < to && bytes[after] != delimiter) {
                throw problems.misshapenCell(column, "unexpected text after a quoted field: \""
                        + CsvProblems.text(bytes, after, Math.min(to, after + 20)) + "\"" + problems.closedOn(opened, rowLineEnds));
            }
            return after;
        }
        int stop = first;
        while (stop < to && bytes[stop] != delimiter) {
            stop++;
        }
        int last = stop;
        while (last > first && isBlank(bytes[last - 1])) {
            last--;
        }
        start = first;
        end = last;
        untrimmedStart = at;
        untrimmedEnd = stop;
        return stop;
    }

    /** The start of the last field as the line writes it: with an unquoted field's spaces and tabs, a quoted one's content. */
    int untrimmedStart() {
        return untrimmedStart;
    }

    /** The end of the last field as the line writes it (see {@link #untrimmedStart}). */
    int untrimmedEnd() {
        return untrimmedEnd;
    }

    /** The first byte of the last field's content. */
    int start() {
        return start;
    }

    /** The end of the last field's content. */
    int end() {
        return end;
    }

    /** Skips spaces and tabs, unless one of them is the delimiter. */
    private int skipBlanks(byte[] bytes, int at, int to) {
        while (at < to && isBlank(bytes[at])) {
            at++;
        }
        return at;
    }

    private boolean isBlank(byte b) {
        return (b == ' ' || b == '\t') && b != delimiter;
    }
}
