package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import java.util.ArrayList;
import java.util.List;

/** The rows a pass with {@code --skip-bad-rows} passes over: how many, the first one's problem, the first few lines. */
final class SkippedRows {
    /** Lines named in the report. */
    static final int LINES_NAMED = 5;

    private long count;
    private DataFileException first;
    private final List<Long> firstLines = new ArrayList<>();

    /** Passes over the row at {@code line}, which {@code bad} says is bad. */
    void skip(DataFileException bad, long line) {
        if (count++ == 0) {
            first = bad;
        }
        if (firstLines.size() < LINES_NAMED) {
            firstLines.add(line);
        }
    }

    long count() {
        return count;
    }

    /** The first skipped row's problem; null when none was skipped. */
    DataFileException first() {
        return first;
    }

    /**
     * The first skipped row's place and problem as the command line shows it (the Java calls a
     * message names left out: a cache keeps it for another process, which did not write them);
     * null when none was skipped.
     */
    String firstProblem() {
        return first == null ? null : io.dense4j.data.Remedy.onTheCommandLine(first.withoutTheFile());
    }

    List<Long> firstLines() {
        return List.copyOf(firstLines);
    }
}
