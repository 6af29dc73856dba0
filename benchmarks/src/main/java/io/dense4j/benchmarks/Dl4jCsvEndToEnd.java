package io.dense4j.benchmarks;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Deeplearning4j + DataVec peer of {@code dense4j train} and {@code dense4j predict} on a CSV
 * file (issue 18), run by benchmarks/end-to-end next to benchmarks/peers/csv_end_to_end.py, and
 * written the way Deeplearning4j's users write it: DataVec's {@code CSVRecordReader} (header row
 * skipped) feeding a {@code RecordReaderDataSetIterator}, and {@code MultiLayerNetwork.fit} on that
 * iterator, so that the CSV is parsed again on every epoch while the network trains (DL4J streams;
 * it has no step that reads the whole file first). The network is {@link WMlp#dl4jNetwork()}: 100 →
 * Dense 256 ReLU → Dense 256 ReLU → Output 1 Sigmoid with binary cross-entropy (XENT), Xavier
 * initialization, SGD 0.1, float32, batches of 256.
 *
 * <p>With a single sigmoid output the label is a number, not a class index, so the iterator is made
 * in regression mode with the label taken from column 100 alone: labels of shape [batch, 1], the 0/1
 * target of binary cross-entropy. The classification mode ({@code numClasses = 2}) would give one-hot
 * labels of shape [batch, 2], which fit a two-unit softmax, not this network.
 *
 * <p>No shuffling: a CSVRecordReader on one file reads its lines in file order; a FileSplit can
 * shuffle the order of files but not the lines within one, and shuffling rows in memory
 * ({@code DataSet.shuffle}) would mean reading the whole file first, which is not how DataVec is
 * used. The generated rows are independent draws, so file order is already a random order, only the
 * same one on every epoch.
 *
 * <ul>
 *   <li>{@code train --data FILE --epochs E [--save MODEL.zip]}: prints "loaded" once the first batch
 *       is parsed, a line per epoch with its in-process wall time (epoch 1 counts from opening the
 *       reader, so it includes DataVec's parsing, as every epoch does) and the mean loss of the
 *       epoch's batches, then {@code ModelSerializer.writeModel} when asked.</li>
 *   <li>{@code predict --data FILE --model MODEL.zip --out PRED.csv}: reads the CSV with DataVec in
 *       batches of 4096 (the label column is read and left unused), {@code network.output} on each,
 *       and writes {@code probability,class} lines (class 1 when the probability is at least 0.5).</li>
 * </ul>
 *
 * <p>Every line goes to stdout and is flushed at once, so that a caller can time-stamp it; the last
 * line is "RESULT " and a JSON object of the figures, named as the Python peer names them.
 */
public final class Dl4jCsvEndToEnd {
    private static final long START = System.nanoTime();
    private static final int FEATURES = WMlp.INPUTS;
    private static final int TRAIN_BATCH = 256;
    private static final int PREDICT_BATCH = 4096;

    private Dl4jCsvEndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("train") || args[0].equals("predict"))) {
            usage("the first argument is train or predict");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (!options.containsKey("data")) {
            usage("--data is required");
        }
        if (args[0].equals("train")) {
            train(new File(options.get("data")), Integer.parseInt(options.getOrDefault("epochs", "3")),
                    options.get("save"));
        } else {
            if (!options.containsKey("model") || !options.containsKey("out")) {
                usage("predict needs --model and --out");
            }
            predict(new File(options.get("data")), new File(options.get("model")), Path.of(options.get("out")));
        }
    }

    private static void train(File data, int epochs, String save) throws Exception {
        MultiLayerNetwork network = WMlp.dl4jNetwork();
        EpochLoss loss = new EpochLoss();
        network.setListeners(loss);
        long opened = System.nanoTime();
        CSVRecordReader reader = new CSVRecordReader(1, ',');
        reader.initialize(new FileSplit(data));
        DataSetIterator batches = new RecordReaderDataSetIterator(reader, TRAIN_BATCH, FEATURES, FEATURES, true);
        // The iterator reads lazily: the first batch shows when parsing starts giving data and which
        // shapes reach the network; the reset re-opens the file, so training still sees every row.
        DataSet first = batches.next();
        double loadSeconds = seconds(opened);
        say(String.format(Locale.ROOT, "loaded %s: first batch of %d rows ready in %.2f s, features %s, labels %s "
                        + "(DataVec streams the CSV: each epoch parses it again)", data, first.numExamples(),
                loadSeconds, shape(first.getFeatures()), shape(first.getLabels())));
        if (first.getLabels().size(1) != 1) {
            throw new IllegalStateException("labels of shape " + shape(first.getLabels()) + ", expected [batch, 1]");
        }
        batches.reset();
        List<Double> epochSeconds = new ArrayList<>();
        List<Long> samplesPerSecond = new ArrayList<>();
        long rows = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long started = epoch == 1 ? opened : System.nanoTime();
            loss.clear();
            network.fit(batches);  // fit resets the iterator when it starts on an exhausted one
            double seconds = seconds(started);
            rows = loss.rows;
            epochSeconds.add(round(seconds));
            samplesPerSecond.add(Math.round(rows / seconds));
            say(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  %.2f s  (%,d samples/s)", epoch, epochs,
                    loss.mean(), seconds, Math.round(rows / seconds)));
        }
        if (save != null) {
            ModelSerializer.writeModel(network, new File(save), true);
            say("wrote " + save);
        }
        reader.close();
        double total = seconds(START);
        say(String.format(Locale.ROOT, "total %.2f s (from main(), the JVM's start not included)", total));
        Map<String, Object> figures = versions();
        figures.put("rows", rows);
        figures.put("loadSeconds", round(loadSeconds));
        figures.put("epochSeconds", epochSeconds);
        figures.put("samplesPerSecond", samplesPerSecond);
        figures.put("totalSecondsInProcess", round(total));
        say("RESULT " + json(figures));
    }

    private static void predict(File data, File model, Path out) throws Exception {
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(model, false);
        long rows = 0;
        long readNanos = 0;
        long forwardNanos = 0;
        long writeNanos = 0;
        try (CSVRecordReader reader = new CSVRecordReader(1, ',');
                BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            reader.initialize(new FileSplit(data));
            DataSetIterator batches = new RecordReaderDataSetIterator(reader, PREDICT_BATCH, FEATURES, FEATURES, true);
            writer.write("probability,class\n");
            while (true) {
                long t = System.nanoTime();
                if (!batches.hasNext()) {
                    break;
                }
                INDArray features = batches.next().getFeatures();
                long read = System.nanoTime();
                INDArray probability = network.output(features);
                float[] p = probability.toFloatVector();
                long forward = System.nanoTime();
                StringBuilder lines = new StringBuilder(p.length * 16);
                for (float value : p) {
                    lines.append(value).append(value >= 0.5f ? ",1\n" : ",0\n");
                }
                writer.write(lines.toString());
                rows += p.length;
                readNanos += read - t;
                forwardNanos += forward - read;
                writeNanos += System.nanoTime() - forward;
            }
        }
        double total = seconds(START);
        say(String.format(Locale.ROOT, "predicted %,d rows: read %.2f s, forward %.2f s, write %.2f s, total %.2f s "
                        + "from main() (%,d rows/s)", rows, readNanos / 1e9, forwardNanos / 1e9, writeNanos / 1e9, total,
                Math.round(rows / total)));
        Map<String, Object> figures = versions();
        figures.put("rows", rows);
        figures.put("readSeconds", round(readNanos / 1e9));
        figures.put("forwardSeconds", round(forwardNanos / 1e9));
        figures.put("writeSeconds", round(writeNanos / 1e9));
        figures.put("totalSecondsInProcess", round(total));
        figures.put("rowsPerSecondInProcess", Math.round(rows / total));
        say("RESULT " + json(figures));
    }

    /**
     * Sums each batch's score (the mean binary cross-entropy of its rows) weighted by its rows, so
     * that the epoch's loss is the mean over rows as the Python peer prints it.
     */
    private static final class EpochLoss extends BaseTrainingListener {
        double sum;
        long rows;

        void clear() {
            sum = 0;
            rows = 0;
        }

        double mean() {
            return sum / rows;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            long batch = model.batchSize();
            sum += model.score() * batch;
            rows += batch;
        }
    }

    private static Map<String, Object> versions() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("versions", "deeplearning4j 1.0.0-M2.1, datavec 1.0.0-M2.1, java " + System.getProperty("java.version"));
        figures.put("threads", Nd4j.getEnvironment().maxThreads());
        return figures;
    }

    private static String shape(INDArray array) {
        return java.util.Arrays.toString(array.shape());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** The figures as a JSON object: numbers, strings without quotes or backslashes, and lists of numbers. */
    private static String json(Map<String, Object> figures) {
        return figures.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + (e.getValue() instanceof String
                        ? "\"" + e.getValue() + "\""
                        : e.getValue() instanceof List<?> list
                                ? list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"))
                                : String.valueOf(e.getValue())))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static void say(String text) {
        System.out.println(text);
        System.out.flush();
    }

    private static void usage(String problem) {
        System.err.println("Dl4jCsvEndToEnd: " + problem);
        System.err.println("usage: train --data FILE --epochs E [--save MODEL.zip]");
        System.err.println("       predict --data FILE --model MODEL.zip --out PRED.csv");
        System.exit(2);
    }
}
