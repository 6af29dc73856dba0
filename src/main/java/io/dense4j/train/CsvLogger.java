package io.dense4j.train;

import io.dense4j.io.AtomicFiles;
import io.dense4j.io.IoReason;
import java.io.PrintStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes one CSV line per epoch (as Keras's {@code CSVLogger}): {@code epoch, loss, accuracy,
 * val_loss, val_accuracy, samples, seconds}, validation cells empty without validation. The file
 * starts atomically with its header (and, on resume, the lines of the epochs before the first),
 * then each epoch appends its line in one write, so a run of many short epochs costs a line each,
 * not the whole file again. The lines reach the disk at most a second apart and at the end; a
 * line cut short by a crash is dropped when the run is resumed.
 *
 * <p>A log that cannot grow (a full disk, the file made read-only) stops, cut back to its last
 * whole line, with one warning; the run goes on, since losing its model to a side output would
 * cost the hours it trained. A log that cannot be started stops the run before its first epoch.
 */
public final class CsvLogger implements Callback {
    static final String HEADER = "epoch,loss,accuracy,val_loss,val_accuracy,samples,seconds";
    private static final long NANOS_BETWEEN_SYNCS = 1_000_000_000L;
    /** A million epochs' lines, at most 250 bytes each: more is not a log this class wrote. */
    private static final long LARGEST_RESUMED_LOG = 250_000_000L;

    private final Path file;
    private final PrintStream warnings;
    private long lastSync;
    private boolean stopped;

    /** Logs to {@code file}; a log that stops says so on standard error. */
    public CsvLogger(Path file) {
        this(file, System.err);
    }

    /** Logs to {@code file}; a log that stops says so on {@code warnings}. */
    public CsvLogger(Path file, PrintStream warnings) {
        this.file = Objects.requireNonNull(file, "log file");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    @Override
    public void onTrainBegin(TrainingRun run) {
        stopped = false; // a logger given to another fit starts again
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        try {
            if (run.firstEpoch() > 1 && Files.isRegularFile(file)) {
                long size = Files.size(file);
                if (size > LARGEST_RESUMED_LOG) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "the training log %s is %,d bytes, more than a log "
                            + "of a million epochs: give a new file to log to", file, size));
                }
                // the lines are ASCII; a byte that is not leaves its line out rather than the run
                String written = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                // a last line without its line break is one a crash cut short
                String whole = written.substring(0, written.lastIndexOf('\n') + 1);
                for (String line : whole.split("\n")) {
                    if (epochOf(line) < run.firstEpoch() && line.chars().allMatch(c -> c >= ' ' && c < 0x7F)) {
                        lines.add(line);
                    }
                }
            }
            AtomicFiles.write(file, out -> out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot start the training log " + file + ": " + IoReason.of(failed), failed);
        }
        lastSync = System.nanoTime();
    }

    /**
     * The last epoch a log {@code file} that this class wrote holds a line of: 0 for none, and for a
     * file larger than a log it would resume (refused when training starts).
     */
    public static int lastEpoch(Path file) throws IOException {
        if (Files.size(file) > LARGEST_RESUMED_LOG) {
            return 0;
        }
        int last = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            int epoch = epochOf(line);
            last = epoch == Integer.MAX_VALUE ? last : Math.max(last, epoch);
        }
        return last;
    }

    /** The epoch a line of this log is about, or the largest int for a line that is not one (dropped on resume). */
    private static int epochOf(String line) {
        int comma = line.indexOf(',');
        try {
            return comma < 0 ? Integer.MAX_VALUE : Integer.parseInt(line.substring(0, comma));
        } catch (NumberFormatException notOurs) {
            return Integer.MAX_VALUE;
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        String line = String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%d,%.6f\n", metrics.epoch(), number(metrics.loss()),
                number(metrics.accuracy()), number(metrics.validationLoss()), number(metrics.validationAccuracy()),
                metrics.samples(), metrics.seconds());
        long now = System.nanoTime();
        append(line.getBytes(StandardCharsets.UTF_8), now - lastSync >= NANOS_BETWEEN_SYNCS, "stopped before epoch " + metrics.epoch()
                + "'s line: %s; training goes on without it");
    }

    @Override
    public void onTrainEnd(History history) {
        append(new byte[0], true, "could not be forced to the disk at the run's end: %s; its last lines may be lost if the system stops");
    }

    /** Appends {@code bytes}; a failure stops the log and prints {@code failure}, its %s the reason. */
    private void append(byte[] bytes, boolean sync, String failure) {
        if (stopped) {
            return;
        }
        // created again if something removed it (a log rotated mid-run): the run goes on, the new file from its header
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long whole = channel.size();
            try {
                if (whole == 0) {
                    channel.write(ByteBuffer.wrap((HEADER + "\n").getBytes(StandardCharsets.UTF_8)));
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (sync) {
                    channel.force(false);
                    lastSync = System.nanoTime();
                }
            } catch (IOException failed) {
                try {
                    channel.truncate(whole); // no line cut short: the log stays a CSV file
                } catch (IOException alsoFailed) {
                    failed.addSuppressed(alsoFailed); // a line cut short is dropped on resume; the reason to say is the first
                }
                throw failed;
            }
        } catch (IOException failed) {
            stopped = true;
            warnings.println("Warning: the training log " + file + " " + String.format(Locale.ROOT, failure, IoReason.of(failed)));
        }
    }

    /** Full precision, so the log can be compared and plotted; empty for NaN (no validation). */
    private static String number(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }
}
