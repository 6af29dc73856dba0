package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.train.EpochMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void redrawsOneLineWithRateAndEtaThenPrintsTheEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        ProgressLine progress = new ProgressLine(2, 10, new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0]);

        // 100 batches of 10 rows, 20 ms each: the line is redrawn every 100 ms, at most
        for (int batch = 1; batch <= 100; batch++) {
            now[0] = batch * 20_000_000L;
            progress.onBatchEnd(1, batch, 100, 0.5);
        }
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        long redraws = drawn.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 15 && redraws <= 21, redraws + " redraws in 2 s");
        // halfway (batch 50, 1 s in since batch 1 at 20 ms): 500 rows in 0.98 s ≈ 510 samples/s, 1 s left
        assertTrue(drawn.contains("epoch 1 [===============               ]  50%  510 samples/s  ETA 1s  loss 0.5000"), drawn);

        progress.onEpochEnd(new EpochMetrics(1, 0.25, 0.9, Double.NaN, Double.NaN, 1000, 2.0));
        String all = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(all.endsWith("\repoch 1/2  loss 0.2500  accuracy 0.9000  (500 samples/s)\n"), all);
        assertEquals(-1, all.substring(all.lastIndexOf('\r') + 1).indexOf('['), "the bar is cleared before the summary");
    }
}
