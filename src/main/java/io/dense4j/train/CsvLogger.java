package io.dense4j.train;

import io.dense4j.io.AtomicFiles;
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
 */
public final class CsvLogger implements Callback {
    static final String HEADER = "epoch,loss,accuracy,val_loss,val_accuracy,samples,seconds";
    private static final long NANOS_BETWEEN_SYNCS = 1_000_000_000L;
    /** A million epochs' lines, at most 250 bytes each: more is not a log this class wrote. */
    private static final long LARGEST_RESUMED_LOG = 250_000_000L;

    private final Path file;
    private long lastSync;

    public CsvLogger(Path file) {
        this.file = Objects.requireNonNull(file, "log file");
    }

    @Override
    public void onTrainBegin(TrainingRun run) {
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
            throw new UncheckedIOException("cannot start the training log " + file + ": " + failed.getMessage(), failed);
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
        append(line.getBytes(StandardCharsets.UTF_8), now - lastSync >= NANOS_BETWEEN_SYNCS);
    }

    @Override
    public void onTrainEnd(History history) {
        append(new byte[0], true);
    }

    private void append(byte[] bytes, boolean sync) {
        // created again if something removed it (a log rotated mid-run): the run goes on, the new file from its header
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            if (channel.size() == 0) {
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
            throw new UncheckedIOException("cannot write the training log " + file + ": " + failed, failed);
        }
    }

    /** Full precision, so the log can be compared and plotted; empty for NaN (no validation). */
    private static String number(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }
}
