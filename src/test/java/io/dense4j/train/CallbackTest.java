package io.dense4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Dataset;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Callbacks as a user writes them: what they hear, in what order, and how they stop a run. */
class CallbackTest {
    private static final Dataset ROWS;

    static {
        Synthetic data = Synthetic.generate(Teacher.LINEAR, 100, 2, 3);
        ROWS = Dataset.of(data.features(), data.labels(), DataType.FLOAT);
    }

    /** A callback of a user's own: it writes down what it hears and stops the run once the loss is low enough. */
    private static final class StopBelow implements Callback {
        private final double loss;
        private final List<String> events = new ArrayList<>();
        private TrainingRun run;

        StopBelow(double loss) {
            this.loss = loss;
        }

        @Override
        public void onTrainBegin(TrainingRun started) {
            run = started;
            events.add("begin " + started.firstEpoch() + ".." + started.epochs());
        }

        @Override
        public void onEpochBegin(int epoch) {
            events.add("epoch " + epoch);
        }

        @Override
        public void onBatchEnd(int epoch, int batch, int batches, double batchLoss) {
            events.add(batch + "/" + batches);
        }

        @Override
        public void onEpochEnd(EpochMetrics metrics) {
            events.add("end " + metrics.epoch());
            if (metrics.loss() < loss) {
                run.requestStop();
            }
        }

        @Override
        public void onTrainEnd(History history) {
            events.add("done, stopped early: " + history.stoppedEarly());
        }
    }

    @Test
    void aUsersCallbackHearsEveryEventInOrderAndCanStopTheRun() {
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.5));
        StopBelow stop = new StopBelow(Double.POSITIVE_INFINITY); // asks to stop after the first epoch
        History history = model.fit(ROWS, FitOptions.builder().epochs(5).batchSize(40).shuffle(false).callbacks(stop).build());

        assertEquals(List.of("begin 1..5", "epoch 1", "1/3", "2/3", "3/3", "end 1", "done, stopped early: true"), stop.events);
        assertEquals(1, history.epochs().size());
        assertTrue(history.stoppedEarly());
    }

    @Test
    void aCsvLoggerWritesALinePerEpochAndAResumedRunKeepsTheEpochsBeforeIt(@TempDir Path folder) throws IOException {
        Path log = folder.resolve("log.csv");
        Trainer trainer = new Trainer(new Sequential(new Dense(1, new Sigmoid()))
                .compile(2, new BinaryCrossEntropy(), new SGD(0.5)));
        History first = trainer.fit(ROWS, FitOptions.builder().epochs(2).callbacks(new CsvLogger(log)).build());
        List<String> lines = Files.readAllLines(log);
        assertEquals(CsvLogger.HEADER, lines.get(0));
        assertEquals(3, lines.size());
        String[] cells = lines.get(2).split(",", -1);
        assertEquals("2", cells[0]);
        assertEquals(first.last().loss(), Double.parseDouble(cells[1]), 0.0);
        assertEquals("", cells[3], "no validation: an empty cell");
        assertEquals("100", cells[5]);

        Files.writeString(log, lines.get(0) + "\n" + lines.get(1) + "\n" + "3,stale line of an abandoned run\n");
        trainer.fit(ROWS, FitOptions.builder().epochs(4).callbacks(new CsvLogger(log)).build()); // epochs 3 and 4
        List<String> resumed = Files.readAllLines(log);
        assertEquals(List.of("epoch", "1", "3", "4"), resumed.stream().map(line -> line.split(",")[0]).toList());
        assertEquals(lines.get(1), resumed.get(1), "the earlier epoch's line is kept as it was");
    }

    /**
     * Each epoch appends its line to the file the run started, rather than writing the file again
     * (which costs the whole log per epoch over thousands of full-batch epochs); a line a crash cut
     * short, without its line break, is dropped on resume, and epochs keep their microseconds.
     */
    @Test
    void aCsvLoggerAppendsEachEpochAndAResumeDropsALineCutShort(@TempDir Path folder) throws IOException {
        Path log = folder.resolve("log.csv");
        Trainer trainer = new Trainer(new Sequential(new Dense(1, new Sigmoid()))
                .compile(2, new BinaryCrossEntropy(), new SGD(0.5)));
        Object[] started = new Object[1];
        Callback watch = new Callback() {
            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                try {
                    Object key = Files.readAttributes(log, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                    if (metrics.epoch() == 1) {
                        started[0] = key;
                    } else {
                        assertEquals(started[0], key, "epoch " + metrics.epoch() + " wrote another file");
                    }
                } catch (IOException failed) {
                    throw new java.io.UncheckedIOException(failed);
                }
            }
        };
        trainer.fit(ROWS, FitOptions.builder().epochs(3).callbacks(new CsvLogger(log), watch).build());
        List<String> lines = Files.readAllLines(log);
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).matches("3,.*,100,\\d+\\.\\d{6}"), lines.get(3));

        // a log removed mid-run (rotated) is made again, from its header, and the run goes on
        Path rotated = folder.resolve("rotated.csv");
        Trainer fresh = new Trainer(new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.5)));
        fresh.fit(ROWS, FitOptions.builder().epochs(2).callbacks(new CsvLogger(rotated), new Callback() {
            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                try {
                    if (metrics.epoch() == 1) {
                        Files.delete(rotated);
                    }
                } catch (IOException failed) {
                    throw new java.io.UncheckedIOException(failed);
                }
            }
        }).build());
        assertEquals(List.of("epoch", "2"), Files.readAllLines(rotated).stream().map(line -> line.split(",")[0]).toList());

        Files.writeString(log, lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).substring(0, 12));
        trainer.fit(ROWS, FitOptions.builder().epochs(4).callbacks(new CsvLogger(log)).build()); // epochs 4 only: 2 was cut short
        assertEquals(List.of("epoch", "1", "4"), Files.readAllLines(log).stream().map(line -> line.split(",")[0]).toList());
    }

    /**
     * A log that cannot grow (here its name turned into a folder after epoch 1; a full disk does
     * the same) stops with one warning, and the run trains every epoch: its model is what matters.
     */
    @Test
    void aLogThatCannotGrowStopsAndTheRunGoesOn(@TempDir Path folder) throws IOException {
        Path log = folder.resolve("log.csv");
        Callback inTheWay = new Callback() {
            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                try {
                    if (metrics.epoch() == 1) {
                        Files.delete(log);
                        Files.createDirectory(log);
                    }
                } catch (IOException failed) {
                    throw new java.io.UncheckedIOException(failed);
                }
            }
        };
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        Trainer trainer = new Trainer(new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.5)));
        History history = trainer.fit(ROWS, FitOptions.builder().epochs(4)
                .callbacks(new CsvLogger(log, new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8)), inTheWay)
                .build());
        assertEquals(4, history.epochs().size());
        assertEquals("Warning: the training log " + log + " stopped before epoch 2's line: Is a directory; training goes on without it\n",
                said.toString(java.nio.charset.StandardCharsets.UTF_8), "said once, not again at each epoch or the end");
    }

    /** A write cut short by a full disk (here a limit on file size) is taken back: the log stays whole lines of CSV. */
    @Test
    void aLogCutShortMidLineIsCutBackToItsLastWholeLine(@TempDir Path folder) throws Exception {
        Path log = folder.resolve("log.csv");
        String said = LogUnderFileLimit.run(log, 4);
        List<String> lines = said.lines().toList();
        assertEquals(2, lines.size(), said);
        assertTrue(lines.get(0).matches("Warning: the training log " + java.util.regex.Pattern.quote(log.toString())
                + " stopped before epoch \\d+'s line: File too large; training goes on without it"), lines.get(0));
        assertEquals("logged 1000 epochs", lines.get(1), "the run went on");
        byte[] bytes = Files.readAllBytes(log);
        assertTrue(bytes.length > 3000 && bytes.length <= 4096, bytes.length + " bytes");
        assertEquals('\n', bytes[bytes.length - 1], "no line cut short");
        List<String> logged = Files.readAllLines(log);
        int stoppedAt = Integer.parseInt(lines.get(0).replaceAll(".*before epoch (\\d+)'s line.*", "$1"));
        assertEquals(stoppedAt, logged.size(), "the header and every epoch before the one that did not fit");
        assertTrue(logged.stream().skip(1).allMatch(line -> line.split(",", -1).length == 7), "every line whole");
    }
}
