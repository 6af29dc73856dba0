package io.dense4j.train;

import io.dense4j.io.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * For tests: a training log written by another JVM whose files may not grow past a few KB
 * ({@code ulimit -f}), as on a disk that fills: the write that crosses the limit is cut short
 * mid-line by the system, as a full disk cuts it. Its main logs 1,000 epochs and says what it
 * printed.
 */
public final class LogUnderFileLimit {
    private LogUnderFileLimit() {
    }

    /** Runs the main in a JVM limited to files of {@code kilobytes}; what it printed. */
    static String run(Path log, int kilobytes) throws IOException, InterruptedException {
        Path said = log.resolveSibling("said.txt");
        // the JVM writes no file of its own with its performance data off; it ignores SIGXFSZ, so a write past the limit fails
        ProcessBuilder limited = new ProcessBuilder(ChildJvm.limited("-f " + kilobytes,
                ChildJvm.command(List.of("-XX:-UsePerfData"), LogUnderFileLimit.class, log.toString())))
                .redirectErrorStream(true).redirectOutput(said.toFile());
        limited.environment().remove("POSIXLY_CORRECT"); // where bash's ulimit -f would count blocks of 512 bytes
        Process process = limited.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the limited JVM did not end");
        }
        return Files.readString(said, StandardCharsets.UTF_8);
    }

    public static void main(String[] args) {
        CsvLogger logger = new CsvLogger(Path.of(args[0]), System.out);
        logger.onTrainBegin(new TrainingRun(null, 1, 1000, 1, false));
        for (int epoch = 1; epoch <= 1000; epoch++) {
            logger.onEpochEnd(new EpochMetrics(epoch, 0.5 / epoch, 0.75, Double.NaN, Double.NaN, 100, 0.001));
        }
        logger.onTrainEnd(new History(List.of(), false));
        System.out.println("logged 1000 epochs");
    }
}
