package io.dense4j.train;

import io.dense4j.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes one CSV line per epoch (as Keras's {@code CSVLogger}): {@code epoch, loss, accuracy,
 * val_loss, val_accuracy, samples, seconds}, validation cells empty without validation. The file
 * is rewritten whole and atomically after every epoch, so it is never half a line; a resumed run
 * keeps the lines of the epochs before its first and replaces the rest.
 */
public final class CsvLogger implements Callback {
    static final String HEADER = "epoch,loss,accuracy,val_loss,val_accuracy,samples,seconds";

    private final Path file;
    private final List<String> lines = new ArrayList<>();

    public CsvLogger(Path file) {
        this.file = Objects.requireNonNull(file, "log file");
    }

    @Override
    public void onTrainBegin(TrainingRun run) {
        lines.clear();
        lines.add(HEADER);
        if (run.firstEpoch() > 1 && Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.equals(HEADER) && epochOf(line) < run.firstEpoch()) {
                        lines.add(line);
                    }
                }
            } catch (IOException failed) {
                throw new UncheckedIOException("cannot read the training log " + file + ": " + failed.getMessage(), failed);
            }
        }
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
        lines.add(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%d,%.3f", metrics.epoch(), number(metrics.loss()),
                number(metrics.accuracy()), number(metrics.validationLoss()), number(metrics.validationAccuracy()),
                metrics.samples(), metrics.seconds()));
        try {
            AtomicFiles.write(file, out -> out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write the training log " + file + ": " + failed.getMessage(), failed);
        }
    }

    /** Full precision, so the log can be compared and plotted; empty for NaN (no validation). */
    private static String number(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }
}
