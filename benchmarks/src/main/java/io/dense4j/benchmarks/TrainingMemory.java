package io.dense4j.benchmarks;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.model.Model;
import io.dense4j.optim.SGD;
import io.dense4j.train.FitOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Peak resident memory of a W-MLP training run, one system and batch size per JVM (run it once
 * per pair): the data recipe's 200,000 rows (20,000 at batch 1) generated in memory, then training
 * with plain SGD 0.1 through each system's own training call for one epoch (Deeplearning4j, 35 to 60
 * times slower at small batches, stops at the time cap if it comes first). Prints one JSON line with the process's peak RSS (VmHWM), so that it
 * counts the data, the JVM, the native buffers and whatever each system allocates per step.
 *
 * <p>Usage: TrainingMemory dense4j|dl4j BATCH|full [seconds cap for Deeplearning4j, default 10]
 */
public final class TrainingMemory {
    private TrainingMemory() {
    }

    public static void main(String[] args) throws IOException {
        String system = args[0];
        boolean full = args[1].equals("full");
        int batch = full ? 200_000 : Integer.parseInt(args[1]);
        double cap = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        int rows = batch == 1 ? 20_000 : 200_000;
        Synthetic data = Synthetic.generate(Teacher.LINEAR, rows, WMlp.INPUTS, WMlp.DATA_SEED);
        long started = System.nanoTime();
        long samples = system.equals("dense4j") ? dense4j(data, batch) : dl4j(data, batch, cap, started);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "{\"workload\": \"W-MLP training run\", \"system\": \"%s\", \"batch\": %s, "
                        + "\"samples\": %d, \"seconds\": %.2f, \"peakRssMiB\": %.1f}%n",
                system, full ? "\"full\"" : String.valueOf(batch), samples, seconds, peakRssKiB() / 1024.0);
    }

    /** One {@code fit} call of one epoch, as a user trains (the cap is not needed: an epoch takes seconds). */
    private static long dense4j(Synthetic data, int batch) {
        Model model = WMlp.model(0.1);
        model.fit(data.features(), data.labels(), FitOptions.builder().epochs(1).batchSize(batch).build());
        return data.features().rows();
    }

    /** {@code MultiLayerNetwork.fit} on consecutive batches of the data until an epoch is done or the cap passes. */
    private static long dl4j(Synthetic data, int batch, double cap, long started) {
        MultiLayerNetwork network = WMlp.dl4jNetwork();
        long rows = data.features().rows();
        long samples = 0;
        for (long start = 0; start < rows && (System.nanoTime() - started) / 1e9 < cap; start += batch) {
            long end = Math.min(rows, start + batch);
            INDArray x = data.features().get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray y = data.labels().get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            network.fit(new DataSet(x, y));
            samples += end - start;
        }
        return samples;
    }

    /** VmHWM, the process's peak resident set, in KiB (Linux). */
    private static long peakRssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
