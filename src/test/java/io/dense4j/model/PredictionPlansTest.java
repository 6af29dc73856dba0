package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dense4j.data.csv.CsvFormat;
import io.dense4j.runtime.Plan;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * At most {@link PredictionPlans#MOST_THREADS} threads of a process hold a plan at once, and what
 * holds one is a pass, never a thread waiting: not a thread that holds plans already, nor a file
 * of rows waiting on its pipe. p = σ(a − 2b) by weights set by hand.
 */
class PredictionPlansTest {
    private static Model model() {
        return CsvPredictionsTest.model();
    }

    /** A BatchSource that predicts with another model inside a scoring holds two plans: it must not wait for itself. */
    @Test
    void aThreadThatHoldsPlansTakesMoreWithoutWaitingOnItself() {
        Model model = model();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            List<Plan> held = new ArrayList<>();
            for (int i = 0; i < PredictionPlans.MOST_THREADS + 8; i++) {
                held.add(model.borrowPlan());
            }
            held.forEach(model::givePlan);
        });
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertEquals(0.5, model.predictProbability(
                new float[][] {{1, 0.5f}})[0], 1e-7), "every plan given back, none kept from other threads");
    }

    @Test
    void filesOfRowsWaitingOnTheirPipesHoldNoPlan() throws Exception {
        Model model = model();
        List<PipedOutputStream> feeds = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < PredictionPlans.MOST_THREADS; i++) {
            PipedOutputStream feed = new PipedOutputStream();
            PipedInputStream rows = new PipedInputStream(feed, 1 << 12);
            feed.write("a,b\n1,0.5\n".getBytes(StandardCharsets.UTF_8)); // a row, then the pipe waits
            feed.flush();
            feeds.add(feed);
            Path name = Path.of("pipe-" + i);
            Thread reader = new Thread(() -> {
                try {
                    CsvPredictions.written(model, name, "a,b".getBytes(StandardCharsets.UTF_8), rows, CsvFormat.defaults(), 0.5,
                            List.of(), OutputStream.nullOutputStream());
                } catch (java.io.IOException closed) {
                    // the pipe's end, once the test is done
                }
            });
            reader.start();
            readers.add(reader);
        }
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertEquals(0.5, model.predictProbability(
                    new float[][] {{1, 0.5f}})[0], 1e-7), "a prediction beside 64 files waiting for rows");
        } finally {
            for (PipedOutputStream feed : feeds) {
                feed.close();
            }
            for (Thread reader : readers) {
                reader.join(60_000);
            }
        }
    }
}
