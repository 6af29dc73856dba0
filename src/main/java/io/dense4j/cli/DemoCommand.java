package io.dense4j.cli;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.io.AtomicFiles;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.metrics.Evaluation;
import io.dense4j.metrics.RocCurve;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.Adam;
import io.dense4j.optim.SGD;
import io.dense4j.plot.Charts;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The README's main job: logistic regression (the seed's model) and a two-hidden-layer MLP trained
 * on two interleaved spirals, scored side by side on held-out rows.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train logistic regression and an MLP on two spirals and compare them on held-out rows.")
final class DemoCommand implements Callable<Integer> {
    private static final int BATCH_SIZE = 32;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "demo-output", description = "Folder for the models' summaries and graphs (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--rows", defaultValue = "4000", description = "Training rows (default: ${DEFAULT-VALUE}); half as many test rows.")
    int rows;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data, the weights and the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (rows < 10) {
            throw new ParameterException(spec.commandLine(), "--rows must be at least 10, got " + rows);
        }
        Synthetic train = Synthetic.generate(Teacher.SPIRALS, rows, 2, seed);
        Synthetic test = Synthetic.generate(Teacher.SPIRALS, rows / 2, 2, seed + 1);
        System.out.printf(Locale.ROOT, "dense4j demo: two interleaved spirals, %,d training rows, %,d held-out rows, seed %d%n%n",
                rows, rows / 2, seed);

        Model logistic = new Sequential(new Dense(1, new Sigmoid()))
                .compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        Model mlp = new Sequential(new Dense(32, new ReLU(), Initializer.HE_NORMAL),
                new Dense(32, new ReLU(), Initializer.HE_NORMAL), new Dense(1, new Sigmoid()))
                .compile(2, new BinaryCrossEntropy(), new Adam(0.01));
        System.out.println(mlp.summary());

        Run lr = Run.of("logistic regression", logistic, train, test, 30);
        Run net = Run.of("MLP 32-32 ReLU", mlp, train, test, 60);
        printSideBySide(lr, net);

        Files.createDirectories(out);
        writeText(out.resolve("logistic-regression.txt"), logistic.summary());
        writeText(out.resolve("mlp.txt"), mlp.summary());
        writeText(out.resolve("logistic-regression.dot"), logistic.toDot());
        writeText(out.resolve("mlp.dot"), mlp.toDot());
        Map<String, History> histories = new LinkedHashMap<>();
        Map<String, RocCurve> curves = new LinkedHashMap<>();
        double[] labels = test.labels().toDoubleVector();
        for (Run run : List.of(lr, net)) {
            histories.put(run.name, run.history);
            curves.put(run.name, RocCurve.of(run.model.predictProbability(test.features()).toDoubleVector(), labels));
        }
        Charts.lossCurves(histories, out.resolve("loss.png"));
        Charts.rocCurves(curves, out.resolve("roc.png"));
        Charts.decisionBoundary("Decision boundary: " + lr.name, logistic, test.features(), test.labels(),
                out.resolve("boundary-logistic-regression.png"));
        Charts.decisionBoundary("Decision boundary: " + net.name, mlp, test.features(), test.labels(),
                out.resolve("boundary-mlp.png"));
        System.out.printf(Locale.ROOT, "%nWrote the models' summaries, graphs (Graphviz DOT) and plots (loss.png, roc.png, "
                + "boundary-*.png) to %s%n", out.toAbsolutePath());
        return 0;
    }

    private static void printSideBySide(Run left, Run right) {
        String row = "%-22s %20s %20s%n";
        System.out.printf(Locale.ROOT, row, "", left.name, right.name);
        System.out.printf(Locale.ROOT, row, "parameters", String.format(Locale.ROOT, "%,d", left.model.parameterCount()),
                String.format(Locale.ROOT, "%,d", right.model.parameterCount()));
        System.out.printf(Locale.ROOT, row, "optimizer", left.model.optimizer().getClass().getSimpleName(),
                right.model.optimizer().getClass().getSimpleName());
        System.out.printf(Locale.ROOT, row, "epochs × batch", left.history.epochs().size() + " × " + BATCH_SIZE,
                right.history.epochs().size() + " × " + BATCH_SIZE);
        System.out.printf(Locale.ROOT, row, "training time", String.format(Locale.ROOT, "%.2f s", left.seconds),
                String.format(Locale.ROOT, "%.2f s", right.seconds));
        System.out.printf(Locale.ROOT, row, "final training loss", fixed(left.history.last().loss()), fixed(right.history.last().loss()));
        System.out.printf(Locale.ROOT, row, "test log loss", fixed(left.test.logLoss()), fixed(right.test.logLoss()));
        System.out.printf(Locale.ROOT, row, "test accuracy", fixed(left.test.accuracy()), fixed(right.test.accuracy()));
        System.out.printf(Locale.ROOT, row, "test ROC AUC", fixed(left.test.rocAuc()), fixed(right.test.rocAuc()));
        System.out.printf(Locale.ROOT, row, "test F1", fixed(left.test.f1()), fixed(right.test.f1()));
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** One model's training and test figures. */
    private record Run(String name, Model model, History history, double seconds, Evaluation test) {
        static Run of(String name, Model model, Synthetic train, Synthetic test, int epochs) {
            long started = System.nanoTime();
            History history = model.fit(train.features(), train.labels(), FitOptions.builder().epochs(epochs).batchSize(BATCH_SIZE).build());
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Run(name, model, history, seconds, model.evaluate(test.features(), test.labels()));
        }
    }

    private static void writeText(Path file, String text) throws IOException {
        AtomicFiles.write(file, stream -> stream.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
