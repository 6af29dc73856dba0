package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.train.EpochMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final ByteArrayOutputStream live = new ByteArrayOutputStream();
    private final long[] now = {0};

    private ProgressLine progress(int columns) {
        return new ProgressLine(2, 10, new PrintStream(lines, true, StandardCharsets.UTF_8),
                new PrintStream(live, true, StandardCharsets.UTF_8), () -> now[0], columns);
    }

    /** 100 batches of 10 rows, 20 ms each, from {@code start}. */
    private static void runEpoch(ProgressLine progress, int epoch, long start, long[] now) {
        now[0] = start;
        progress.onEpochBegin(epoch);
        for (int batch = 1; batch <= 100; batch++) {
            now[0] = start + batch * 20_000_000L;
            progress.onBatchEnd(epoch, batch, 100, 0.5);
        }
    }

    @Test
    void redrawsOneLineOnStandardErrorWithRateAndEtasThenPrintsTheEpochOnStandardOutput() {
        ProgressLine progress = progress(120);
        runEpoch(progress, 1, 0, now);
        String drawn = live.toString(StandardCharsets.UTF_8);
        long redraws = drawn.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 15 && redraws <= 20, redraws + " redraws in 2 s");
        // the first draw waits 100 ms: 50 rows in 0.1 s, 500 samples/s, never a rate from a nanosecond
        assertTrue(drawn.startsWith("\repoch 1/2  [=                             ]    5%  500 samples/s"), drawn);
        // halfway: 500 rows in 1 s, 1 s left in this epoch and 2 s for the next (2 s an epoch at this rate)
        assertTrue(drawn.contains("epoch 1/2  [===============               ]   50%  500 samples/s  ETA 1s (run 3s)  loss 0.5000"),
                drawn);

        now[0] = 2_000_000_000L;
        progress.onEpochEnd(new EpochMetrics(1, 0.25, 0.9, Double.NaN, Double.NaN, 1000, 2.0));
        assertTrue(live.toString(StandardCharsets.UTF_8).endsWith("\r"), "the bar is cleared");
        assertEquals("epoch 1/2  loss 0.2500  accuracy 0.9000  (500 samples/s)\n", lines.toString(StandardCharsets.UTF_8));

        live.reset();
        runEpoch(progress, 2, 2_000_000_000L, now);
        assertTrue(live.toString(StandardCharsets.UTF_8).contains("epoch 2/2  [===============               ]   50%  500 samples/s  "
                + "ETA 1s  loss"), "the last epoch's ETA is the run's: " + live);
    }

    /** A full batch: one batch an epoch draws no bar, so after each epoch a line keeps the run's time left up. */
    @Test
    void aFullBatchShowsTheRunsTimeLeftBetweenEpochs() {
        ProgressLine progress = new ProgressLine(4, 1000, new PrintStream(lines, true, StandardCharsets.UTF_8),
                new PrintStream(live, true, StandardCharsets.UTF_8), () -> now[0], 120);
        for (int epoch = 1; epoch <= 4; epoch++) { // 3 s an epoch
            now[0] = (epoch - 1) * 3_000_000_000L;
            progress.onEpochBegin(epoch);
            now[0] += 3_000_000_000L;
            progress.onBatchEnd(epoch, 1, 1, 0.5);
            progress.onEpochEnd(new io.dense4j.train.EpochMetrics(epoch, 0.5, 0.9, Double.NaN, Double.NaN, 1000, 3));
        }
        String drawn = live.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("\repoch 2/4  one step an epoch  ETA (run 9s)"), drawn);
        assertTrue(drawn.contains("\repoch 4/4  one step an epoch  ETA (run 3s)"), drawn);
        assertTrue(drawn.endsWith(" \r"), "cleared at the last epoch's end: " + drawn);

        // drawn when an epoch begins, after the epoch before has said all it says; a run that stops leaves no line behind
        live.reset();
        ProgressLine stopped = new ProgressLine(4, 1000, new PrintStream(lines, true, StandardCharsets.UTF_8),
                new PrintStream(live, true, StandardCharsets.UTF_8), () -> now[0], 120);
        now[0] = 0;
        stopped.onEpochBegin(1);
        now[0] = 3_000_000_000L;
        stopped.onBatchEnd(1, 1, 1, 0.5);
        stopped.onEpochEnd(new io.dense4j.train.EpochMetrics(1, 0.5, 0.9, Double.NaN, Double.NaN, 1000, 3));
        assertEquals("", live.toString(StandardCharsets.UTF_8), "nothing drawn after the epoch's own lines");
        stopped.onEpochBegin(2);
        assertTrue(live.toString(StandardCharsets.UTF_8).startsWith("\repoch 2/4  one step an epoch  ETA (run 9s)"));
        stopped.onTrainEnd(new io.dense4j.train.History(java.util.List.of(), true));
        assertTrue(live.toString(StandardCharsets.UTF_8).endsWith(" \r"), "cleared when the run ends early");
    }

    @Test
    void theLineNeverOutgrowsANarrowTerminal() {
        for (int columns : new int[] {60, 40, 25}) {
            live.reset();
            ProgressLine progress = progress(columns);
            runEpoch(progress, 1, 0, now);
            String[] drawn = live.toString(StandardCharsets.UTF_8).split("\r");
            int widest = Arrays.stream(drawn).mapToInt(String::length).max().orElse(0);
            assertTrue(widest < columns, widest + " characters on a " + columns + "-column terminal: " + Arrays.toString(drawn));
            assertTrue(drawn[drawn.length - 1].startsWith("epoch 1/2"), drawn[drawn.length - 1]);
        }
    }
}
