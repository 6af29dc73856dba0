package io.dense4j.cli;

import io.dense4j.train.Callback;
import io.dense4j.train.EpochMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Training progress for a terminal: one line on standard error, redrawn in place at most ten times
 * a second, with the epoch, a bar, samples per second, the time left in the epoch and in the whole
 * run, and the last batch's loss, never wider than the terminal (what does not fit is left out, bar
 * first); then one summary line per epoch on standard output, as {@link EpochLines} prints. The
 * live line is for a person watching: {@link #wanted} says whether standard error is a terminal.
 */
final class ProgressLine implements Callback {
    private static final long REDRAW_NANOS = 100_000_000;
    private static final int BAR = 30;

    private final EpochLines epochLines;
    private final int epochs;
    private final int batchSize;
    private final PrintStream live;
    private final LongSupplier clock;
    private final int columns;
    private long epochStarted;
    /** Batches of the epoch done before its first batch here: a resumed checkpoint's; -1 until that batch. */
    private int batchesBefore = -1;
    private long lastDrawn;
    private int width;
    /** Seconds per epoch so far, to tell the time left in the epochs after this one; NaN before one ends. */
    private double secondsPerEpoch = Double.NaN;
    private int epochsEnded;
    private double secondsOfEpochsEnded;
    /** The batches of the last epoch's steps: 1 for a full batch, whose epoch has no bar to draw. */
    private int lastBatches;

    /**
     * @param lines   where the per-epoch summary lines go (standard output)
     * @param live    where the redrawn line goes (standard error)
     * @param columns the terminal's width
     */
    ProgressLine(int epochs, int batchSize, PrintStream lines, PrintStream live, LongSupplier clock, int columns) {
        this.epochLines = new EpochLines(epochs, lines);
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.live = live;
        this.clock = clock;
        this.columns = Math.max(20, columns);
    }

    /** Whether a live line helps: standard error is a terminal (on Linux, its descriptor links to one). */
    static boolean wanted() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
            return System.console() != null;
        }
    }

    /** The terminal's width: $COLUMNS when the shell exports it, else 80. */
    static int terminalColumns() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim());
        } catch (NumberFormatException notANumber) {
            return 80;
        }
    }

    @Override
    public void onEpochBegin(int epoch) {
        epochStarted = clock.getAsLong();
        lastDrawn = epochStarted; // the first draw waits for a rate worth showing
        batchesBefore = -1;
        // a full batch: its one step draws no bar, so the run's time left is shown while it runs, once every callback has
        // said what it says at the end of the epoch before
        if (lastBatches == 1 && epochsEnded > 0) {
            String line = String.format(Locale.ROOT, "epoch %d/%d  one step an epoch  ETA (run %s)", epoch, epochs,
                    duration(secondsPerEpoch * (epochs - epoch + 1)));
            line = line.substring(0, Math.min(line.length(), columns - 1)); // one column spare, as for the bar's line
            live.print("\r" + line);
            width = line.length();
            live.flush();
        }
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss) {
        long now = clock.getAsLong();
        lastBatches = batches;
        if (batchesBefore < 0) { // a resumed epoch starts after its checkpoint's batches
            batchesBefore = batch - 1;
        }
        if (now - lastDrawn < REDRAW_NANOS || batch == batches) {
            return; // the epoch's summary line replaces the bar at the end
        }
        lastDrawn = now;
        double seconds = (now - epochStarted) / 1e9;
        int trained = batch - batchesBefore;
        double samplesPerSecond = (double) trained * batchSize / seconds;
        double epochLeft = seconds / trained * (batches - batch);
        double perEpoch = Double.isNaN(secondsPerEpoch) ? seconds / trained * batches : secondsPerEpoch;
        double runLeft = epochLeft + perEpoch * (epochs - epoch);
        String line = fit(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), bar(batch, batches),
                String.format(Locale.ROOT, "%3d%%", 100L * batch / batches),
                String.format(Locale.ROOT, "%,.0f samples/s", samplesPerSecond),
                "ETA " + duration(epochLeft) + (epoch < epochs ? " (run " + duration(runLeft) + ")" : ""),
                String.format(Locale.ROOT, "loss %.4f", loss));
        live.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        width = line.length();
        live.flush();
    }

    /** The parts that fit the terminal, in order of importance: the bar goes first, then rate, then loss. */
    private String fit(String epoch, String bar, String percent, String rate, String eta, String loss) {
        String[][] choices = {
            {epoch, bar, percent, rate, eta, loss},
            {epoch, percent, rate, eta, loss},
            {epoch, percent, eta, loss},
            {epoch, percent, eta},
            {epoch, percent},
        };
        for (String[] parts : choices) {
            String line = String.join("  ", parts);
            if (line.length() < columns) { // one column spare: a full line would wrap on some terminals
                return line;
            }
        }
        return (epoch + " " + percent).substring(0, Math.min(columns - 1, epoch.length() + 1 + percent.length()));
    }

    private static String bar(int batch, int batches) {
        int filled = (int) ((long) BAR * batch / batches);
        return "[" + "=".repeat(filled) + " ".repeat(BAR - filled) + "]";
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        if (width > 0) {
            live.print("\r" + " ".repeat(width) + "\r");
            live.flush();
            width = 0;
        }
        secondsOfEpochsEnded += (clock.getAsLong() - epochStarted) / 1e9;
        secondsPerEpoch = secondsOfEpochsEnded / ++epochsEnded;
        epochLines.onEpochEnd(metrics);
    }

    /** Clears a line left up: a full batch's, or a bar's when the run stopped within an epoch. */
    @Override
    public void onTrainEnd(io.dense4j.train.History history) {
        if (width > 0) {
            live.print("\r" + " ".repeat(width) + "\r");
            live.flush();
            width = 0;
        }
    }

    private static String duration(double seconds) {
        long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + "s";
        }
        if (whole < 3600) {
            return whole / 60 + "m" + String.format(Locale.ROOT, "%02d", whole % 60) + "s";
        }
        return whole / 3600 + "h" + String.format(Locale.ROOT, "%02d", whole % 3600 / 60) + "m";
    }
}
