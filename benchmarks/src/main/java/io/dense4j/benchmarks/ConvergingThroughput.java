package io.dense4j.benchmarks;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.model.Model;
import io.dense4j.train.EpochMetrics;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import java.util.List;
import java.util.Locale;

/**
 * Training throughput as a run converges, against a run that learns nothing, in one JVM: W-MLP on
 * the data recipe's rows at batch 256, plain SGD, one run at the learning rate 0.1 (it converges,
 * its predictions grow confident) and one at 1e-9 (the weights barely move), repeated. A
 * converging run must not slow down: confident rows once made subnormal gradients, on which x86
 * arithmetic takes a slow path (docs/benchmarks.md, "Subnormal gradients").
 *
 * <p>An unrecorded run first warms the JIT up, and the two runs swap places on every repeat, so
 * that neither one's first epoch carries the compilation of the other.
 *
 * <p>Usage: ConvergingThroughput [rows, default 200000] [epochs, default 8] [repeats, default 2].
 * Prints one line per run with each epoch's samples/s, then one JSON line per run.
 */
public final class ConvergingThroughput {
    private ConvergingThroughput() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Synthetic data = Synthetic.generate(Teacher.LINEAR, rows, WMlp.INPUTS, WMlp.DATA_SEED);
        FitOptions options = FitOptions.builder().epochs(epochs).batchSize(256).seed(WMlp.DATA_SEED).build();
        WMlp.model(0.1).fit(data.features(), data.labels(), options); // the JIT warmed up, unrecorded
        StringBuilder json = new StringBuilder();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (double learningRate : repeat % 2 == 1 ? List.of(0.1, 1e-9) : List.of(1e-9, 0.1)) {
                Model model = WMlp.model(learningRate);
                History history = model.fit(data.features(), data.labels(), options);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "lr %-6s run %d: samples/s", learningRate, repeat));
                StringBuilder perEpoch = new StringBuilder();
                for (EpochMetrics epoch : history.epochs()) {
                    line.append(String.format(Locale.ROOT, " %,.0f", epoch.samplesPerSecond()));
                    perEpoch.append(perEpoch.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", epoch.samplesPerSecond()));
                }
                line.append(String.format(Locale.ROOT, "; last loss %.3g", history.last().loss()));
                System.out.println(line);
                json.append(String.format(Locale.ROOT, "{\"workload\": \"W-MLP converging\", \"system\": \"dense4j\", \"rows\": %d, \"batch\": 256, "
                        + "\"learningRate\": %s, \"run\": %d, \"samplesPerSecond\": [%s], \"lastLoss\": %s}%n", rows, learningRate,
                        repeat, perEpoch, history.last().loss()));
            }
        }
        System.out.print(json);
    }
}
