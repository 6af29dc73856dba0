package io.dense4j.cli;

import io.dense4j.train.EpochMetrics;
import io.dense4j.train.Callback;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Training progress for a terminal: one line redrawn in place (at most ten times a second) with
 * a bar, samples per second, the time left in the epoch and the last batch's loss; then one
 * summary line per epoch, as {@link EpochLines} prints when output is not a terminal.
 */
final class ProgressLine implements Callback {
    private static final long REDRAW_NANOS = 100_000_000;
    private static final int BAR = 30;

    private final EpochLines epochLines;
    private final int batchSize;
    private final PrintStream out;
    private final LongSupplier clock;
    private long epochStarted;
    private long lastDrawn;
    private int width;

    ProgressLine(int epochs, int batchSize, PrintStream out, LongSupplier clock) {
        this.epochLines = new EpochLines(epochs, out);
        this.batchSize = batchSize;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss) {
        long now = clock.getAsLong();
        if (batch == 1) {
            epochStarted = now;
        }
        if (now - lastDrawn < REDRAW_NANOS || batch == batches) {
            return; // the epoch's summary line replaces the bar at the end
        }
        lastDrawn = now;
        double seconds = Math.max((now - epochStarted) / 1e9, 1e-9);
        double samplesPerSecond = (double) batch * batchSize / seconds;
        double left = seconds / batch * (batches - batch);
        int filled = (int) ((long) BAR * batch / batches);
        String line = String.format(Locale.ROOT, "epoch %d [%s%s] %3d%%  %,.0f samples/s  ETA %s  loss %.4f", epoch,
                "=".repeat(filled), " ".repeat(BAR - filled), 100L * batch / batches, samplesPerSecond, duration(left), loss);
        out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        width = line.length();
        out.flush();
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        if (width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
            width = 0;
        }
        epochLines.onEpochEnd(metrics);
    }

    private static String duration(double seconds) {
        long whole = Math.round(seconds);
        return whole < 60 ? whole + "s" : whole / 60 + "m" + String.format(Locale.ROOT, "%02d", whole % 60) + "s";
    }
}
