package io.dense4j.benchmarks;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.model.Model;
import io.dense4j.train.Trainer;
import org.nd4j.linalg.api.buffer.DataType;
import io.dense4j.optim.SGD;
import io.dense4j.train.FitOptions;
import io.dense4j.train.TrainingDivergedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Time to accuracy on W-MLP (docs/workloads.md): for each batch size, the training wall time until the
 * loss on a fixed held-out set (20,000 rows of the same recipe) first drops below a target. Plain
 * SGD at learning rate 0.1, float32, 200,000 training rows (20,000 at batch 1), the held-out loss
 * measured after every epoch and its time not counted. Not a JMH benchmark: one run per batch size,
 * capped in time, so read it as "which converges first on the clock", not as a precise figure.
 *
 * <p>Usage: TimeToAccuracy [target loss, default 0.1] [time cap in seconds per batch size, default 60]
 * [curve CSV: each epoch's training seconds and held-out loss, for the loss-against-time plot]
 */
public final class TimeToAccuracy {
    private TimeToAccuracy() {
    }

    public static void main(String[] args) throws IOException {
        double target = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
        double capSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 60;
        List<String> curve = new ArrayList<>(List.of("batch,learningRate,seconds,heldOutLoss"));
        Synthetic train = Synthetic.generate(Teacher.LINEAR, 200_000, WMlp.INPUTS, WMlp.DATA_SEED);
        Synthetic heldOut = Synthetic.generate(Teacher.LINEAR, 20_000, WMlp.INPUTS, WMlp.DATA_SEED + 1);
        Dataset held = Dataset.of(heldOut.features(), heldOut.labels(), DataType.FLOAT);
        System.out.printf(Locale.ROOT, "W-MLP, SGD 0.1, float32: wall time until the held-out loss < %s (cap %.0f s)%n",
                target, capSeconds);
        System.out.println("batch,learningRate,trainingRows,epochs,steps,seconds,heldOutLoss,outcome");
        int[] batches = {1, 1, 32, 256, 4096, 200_000};
        double[] learningRates = {0.1, 0.01, 0.1, 0.1, 0.1, 0.1}; // batch 1 also at 0.01: at 0.1 it diverges
        for (int run = 0; run < batches.length; run++) {
            int batch = batches[run];
            double learningRate = learningRates[run];
            int rows = batch == 1 ? 20_000 : 200_000;
            Dataset rowsUsed = Dataset.of(train.features().get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()),
                    train.labels().get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()), DataType.FLOAT);
            Model model = WMlp.model(learningRate);
            Trainer trainer = new Trainer(model);
            double seconds = 0;
            double loss = model.scores(new DatasetBatches(held)).logLoss();
            int epochs = 0;
            long stepsPerEpoch = (rows + Math.min(batch, rows) - 1) / Math.min(batch, rows);
            long steps = 0;
            String outcome = null;
            String name = batch == 200_000 ? "full" : String.valueOf(batch);
            curve.add(String.format(Locale.ROOT, "%s,%s,%.4f,%.6f", name, learningRate, seconds, loss));
            while (loss >= target && seconds < capSeconds) {
                long started = System.nanoTime();
                try {
                    trainer.fit(rowsUsed, FitOptions.builder().epochs(epochs + 1).batchSize(Math.min(batch, rows)).build());
                } catch (TrainingDivergedException diverged) {
                    seconds += (System.nanoTime() - started) / 1e9;
                    steps += diverged.step();
                    outcome = "diverged at step " + steps;
                    break;
                }
                seconds += (System.nanoTime() - started) / 1e9;
                epochs++;
                steps += stepsPerEpoch;
                loss = model.scores(new DatasetBatches(held)).logLoss();
                curve.add(String.format(Locale.ROOT, "%s,%s,%.4f,%.6f", name, learningRate, seconds, loss));
            }
            if (outcome == null) {
                outcome = loss < target ? "reached" : "not within the cap";
            }
            System.out.printf(Locale.ROOT, "%s,%s,%d,%d,%d,%.2f,%.4f,%s%n", name,
                    learningRate, rows, epochs, steps, seconds, loss, outcome);
        }
        if (args.length > 2) {
            Files.write(Path.of(args[2]), curve);
        }
    }
}
