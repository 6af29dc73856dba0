package io.dense4j.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that could not be written, its message one line naming it and why ({@code out.csv:
 * cannot write: No space left on device}), its reason apart for a caller that names the file in
 * its own words ({@link IoReason#of}).
 */
public final class WriteFailure extends IOException {
    private final String reason;

    WriteFailure(Path file, IOException cause) {
        super(file + ": cannot write: " + IoReason.of(cause), cause);
        this.reason = IoReason.of(cause);
    }

    /** Why the write failed, without the file's name. */
    public String reason() {
        return reason;
    }
}
