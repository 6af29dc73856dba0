package io.dense4j.cli;

import io.dense4j.data.CsvFormat;
import io.dense4j.data.CsvReader;
import io.dense4j.data.MissingValues;
import io.dense4j.model.CompiledModel;
import io.dense4j.model.InputSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes a probability and a class for every row of a CSV file, streaming, in input order. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict every row of a CSV (with or without a label column); write probability,class per row.")
final class PredictCommand implements Callable<Integer> {
    /** Rows per forward pass. */
    private static final int CHUNK_ROWS = 4096;

    @Option(names = "--model", required = true, description = "A model file written by train.")
    Path modelFile;

    @Option(names = "--data", required = true, description = "A CSV with the model's feature columns, and optionally a label column.")
    Path data;

    @Mixin
    CsvOptions csv;

    @Mixin
    ThresholdOption threshold;

    /** The checked threshold, read by the row handler. */
    private double cut;

    @Option(names = "--out", required = true, description = "The CSV to write: a header probability,class and one line per input row.")
    Path out;

    @Override
    public Integer call() throws IOException {
        cut = threshold.value();
        if (csv.skipBadRows) {
            throw new IllegalArgumentException("predict writes one line per input row, so it cannot skip bad rows: "
                    + "leave out --skip-bad-rows");
        }
        CompiledModel model = CompiledModel.load(modelFile);
        CsvFormat format = formatFor(model, new CsvReader(data, csv.format()).columnNames());
        Path directory = out.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, out.getFileName().toString(), ".partial");
        try {
            long rows;
            try (BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                writer.write("probability,class\n");
                Predictions predictions = new Predictions(model, writer);
                CsvReader reader = new CsvReader(data, format);
                rows = (predictions.fill == null ? reader : reader.allowingMissing()).read(predictions).rows();
                predictions.flush();
            } catch (UncheckedIOException failed) {
                throw failed.getCause();
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf(Locale.ROOT, "Wrote %,d predictions to %s%n", rows, out);
        } finally {
            Files.deleteIfExists(partial);
        }
        return 0;
    }

    /**
     * The file's layout. With a header and a model that knows its features' names, the file may
     * hold any other columns too: the model's are picked by name. Otherwise its feature columns must
     * be the model's (by name when the model knows them, else by count), with at most one more
     * column, the label, which is ignored.
     */
    private CsvFormat formatFor(CompiledModel model, List<String> columns) {
        CsvFormat format = csv.format();
        InputSchema schema = model.inputSchema();
        if (format.header() && format.features() == null && schema != null
                && columns.containsAll(schema.featureNames())) {
            return format.withoutLabel().withFeatures(schema.featureNames());
        }
        int width = model.inputWidth();
        List<String> features = new ArrayList<>(columns);
        if (columns.size() == width + 1) {
            int label = format.labelName() != null ? columns.indexOf(format.labelName())
                    : format.labelIndex() >= 0 ? format.labelIndex() : columns.size() - 1;
            if (label < 0 || label >= columns.size()) {
                throw new IllegalArgumentException(data + " has no label column " + (format.labelName() != null
                        ? "named \"" + format.labelName() + "\"" : String.valueOf(format.labelIndex())));
            }
            features.remove(label);
        } else if (columns.size() == width) {
            format = format.withoutLabel();
        } else {
            throw new IllegalArgumentException(String.format("%s has %d columns %s; the model reads %d features (and allows one label column)",
                    data, columns.size(), columns, width));
        }
        if (csv.format().header()) {
            FeatureColumns.check(data, features, model.inputSchema());
        }
        return format;
    }

    /** Gathers rows into chunks, predicts each chunk, writes its lines in order. */
    private final class Predictions implements CsvReader.RowHandler {
        private final CompiledModel model;
        private final BufferedWriter writer;
        private final float[] chunk;
        private final int width;
        /** The model's values for missing ones, or null when missing values are errors. */
        final double[] fill;
        private int rows;

        Predictions(CompiledModel model, BufferedWriter writer) {
            this.model = model;
            this.writer = writer;
            this.width = model.inputWidth();
            this.fill = model.inputSchema() == null ? null : model.inputSchema().fillValues();
            this.chunk = new float[CHUNK_ROWS * width];
        }

        @Override
        public void row(long line, float[] features, int provisionalClass) {
            System.arraycopy(features, 0, chunk, rows * width, width);
            if (fill != null) {
                MissingValues.fill(chunk, rows * width, fill);
            }
            if (++rows == CHUNK_ROWS) {
                flush();
            }
        }

        void flush() {
            if (rows == 0) {
                return;
            }
            float[] batch = Arrays.copyOf(chunk, rows * width);
            double[] probabilities = model.predictProbability(Nd4j.create(batch, new long[] {rows, width}, 'c'))
                    .data().asDouble();
            try {
                for (double p : probabilities) {
                    writer.write(String.format(Locale.ROOT, "%.6f,%d%n", p, p >= cut ? 1 : 0));
                }
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
            rows = 0;
        }
    }
}
