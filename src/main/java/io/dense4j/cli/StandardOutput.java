package io.dense4j.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Standard output for the data a command writes there ({@code predict --out -}), as a stream whose
 * writes fail when standard output does: {@link System#out} keeps an error flag instead of
 * throwing, so a command would go on, and then report rows it never wrote, after its reader went
 * away ({@code | head}) or the disk filled. It writes through {@link System#out}, so that whatever
 * stands there (a test's capture) gets the bytes.
 */
final class StandardOutput extends OutputStream {
    /** The message of a failed write, here and after a command ({@link Main}). */
    static final String FAILED = "cannot write to standard output: it was closed (its reader stopped) or is full,"
            + " so what went there is incomplete";

    private final PrintStream out;

    private StandardOutput(PrintStream out) {
        this.out = out;
    }

    /** Standard output, buffered; flushing checks it. Not to be closed: it is the process's. */
    static OutputStream stream() {
        return new BufferedOutputStream(new StandardOutput(System.out), 1 << 16);
    }

    /** The system's names for file descriptor 1. */
    private static final java.util.Set<String> NAMES = java.util.Set.of("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1");

    /**
     * Whether {@code file} names standard output: "-", or a name the system gives file descriptor
     * 1, so that what a command says goes elsewhere than what it writes there. By name, not by
     * what it is: under {@code >/dev/null}, {@code --out /dev/null} is still a file to write.
     */
    static boolean isNamedBy(Path file) {
        return NAMES.contains(file.toString());
    }

    /** Whether something written to {@link System#out} was lost; flushes it first. */
    static boolean lostWrites() {
        return System.out.checkError();
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        check();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        check();
    }

    @Override
    public void flush() throws IOException {
        check();
    }

    /** {@link PrintStream#checkError} flushes, so a write is known to have reached the system or failed. */
    private void check() throws IOException {
        if (out.checkError()) {
            throw new IOException(FAILED);
        }
    }
}
