package io.dense4j.model;

import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvReader;
import io.dense4j.data.MissingValues;
import io.dense4j.io.AtomicFiles;
import io.dense4j.runtime.Plan;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Predictions for every row of a CSV file of any size, streamed into a CSV file of
 * {@code probability,class} lines in input order (the probability in the fewest digits that read
 * back as the same float, the class by the label name the model was trained on): the rows are read a chunk at a time, missing
 * values filled as the model fills them, and the output written atomically, so a failure at any
 * row leaves no partial file.
 */
public final class CsvPredictions {
    private CsvPredictions() {
    }

    /**
     * Predicts every row of {@code data} into {@code out}. With a header and a model that knows its
     * features' names, the file may hold any other columns too: the model's are picked by name.
     * Otherwise its feature columns must be the model's (by name when the model knows them, else by
     * count), with at most one more column, the label, which is ignored.
     *
     * @return the rows predicted
     */
    public static long write(Model model, Path data, CsvFormat format, double threshold, Path out) throws IOException {
        return write(model, data, format, threshold, List.of(), out);
    }

    /**
     * As above, each line starting with the cells of the columns {@code kept} (by header name, in
     * that order, as the file writes them): an id, say, to join the predictions back on.
     */
    public static long write(Model model, Path data, CsvFormat format, double threshold, List<String> kept, Path out)
            throws IOException {
        return written(model, data, format, threshold, kept, out).rows();
    }

    /**
     * What a prediction run wrote: its rows, and per categorical column the rows whose category
     * the model does not know (read as "other").
     */
    public record Written(long rows, java.util.Map<String, Long> unknownCategoryRows) {
    }

    /** As {@link #write(Model, Path, CsvFormat, double, List, Path)}, saying what was written. */
    public static Written written(Model model, Path data, CsvFormat format, double threshold, List<String> kept, Path out)
            throws IOException {
        CsvFormat layout = layout(model, data, format, threshold);
        Written[] written = new Written[1];
        try {
            AtomicFiles.write(out, stream -> written[0] = writeRows(model, data, layout, threshold, kept, stream));
        } catch (UncheckedIOException failed) {
            throw failed.getCause();
        }
        return written[0];
    }

    /** As above, into {@code out} as the rows come (standard output, a pipe), which is left open. */
    public static Written written(Model model, Path data, CsvFormat format, double threshold, List<String> kept, OutputStream out)
            throws IOException {
        Written written = writeRows(model, data, layout(model, data, format, threshold), threshold, kept, out);
        out.flush();
        return written;
    }

    /** As above, returning the rows written. */
    public static long write(Model model, Path data, CsvFormat format, double threshold, List<String> kept, OutputStream out)
            throws IOException {
        return written(model, data, format, threshold, kept, out).rows();
    }

    private static CsvFormat layout(Model model, Path data, CsvFormat format, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the threshold is a probability in [0, 1], got " + threshold);
        }
        return layout(model, data, format, new CsvReader(data, format).columnNames());
    }

    private static Written writeRows(Model model, Path data, CsvFormat layout, double threshold, List<String> kept,
                                     OutputStream stream) throws IOException {
        StringBuilder header = new StringBuilder();
        kept.forEach(name -> header.append(Chunk.quoted(name)).append(','));
        stream.write(header.append("probability,class\n").toString().getBytes(StandardCharsets.UTF_8));
        Chunk chunk = new Chunk(model, stream, threshold);
        try {
            CsvReader reader = new CsvReader(data, layout).keeping(kept);
            InputSchema schema = model.inputSchema();
            if (schema != null && !schema.categories().isEmpty()) {
                reader = reader.scoring(schema.categories());
            }
            CsvReader.Summary summary = (chunk.fill == null ? reader : reader.allowingMissing()).read(chunk);
            chunk.flush();
            return new Written(summary.rows(), summary.unknownCategoryRows());
        } finally {
            model.givePlan(chunk.plan);
        }
    }

    private static CsvFormat layout(Model model, Path data, CsvFormat format, List<String> columns) {
        InputSchema schema = model.inputSchema();
        if (format.header() && format.features() == null && schema != null) {
            schema.requireColumns(data, columns);
            return format.withoutLabel().withFeatures(schema.featureNames()).withCategorical(List.copyOf(schema.categories().keySet()));
        }
        if (schema != null && !schema.categories().isEmpty()) {
            throw new IllegalArgumentException("the model reads categorical columns by their header names, so " + data
                    + " must be read with its header and without --features or --drop");
        }
        int width = model.inputWidth();
        List<String> features = new ArrayList<>(columns);
        CsvFormat layout = format;
        if (columns.size() == width + 1) {
            int label = format.labelName() != null ? columns.indexOf(format.labelName())
                    : format.labelIndex() >= 0 ? format.labelIndex() : columns.size() - 1;
            if (label < 0 || label >= columns.size()) {
                throw new IllegalArgumentException(data + " has no label column " + (format.labelName() != null
                        ? "named \"" + format.labelName() + "\"" : String.valueOf(format.labelIndex())));
            }
            features.remove(label);
        } else if (columns.size() == width) {
            layout = format.withoutLabel();
        } else {
            throw new IllegalArgumentException(String.format("%s has %d columns %s; the model reads %d features (and allows one label column)",
                    data, columns.size(), columns, width));
        }
        if (format.header() && schema != null) {
            schema.checkFeatures(data, features);
        }
        return layout;
    }

    /** Gathers rows into the plan's input, predicts each full chunk, writes its lines in order. */
    private static final class Chunk implements CsvReader.KeepingHandler {
        private final Plan plan;
        private final OutputStream out;
        private final double threshold;
        private final boolean doublePrecision;
        /** What the class column says for class 0 and class 1: the label names the model was trained on. */
        private final String[] classNames;
        private final int width;
        /** The model's values for missing ones, or null when missing values are errors. */
        final double[] fill;
        private final StringBuilder lines = new StringBuilder();
        /** The kept cells of the chunk's rows, each row's followed by its probability's comma. */
        private final StringBuilder keptCells = new StringBuilder();
        private final int[] keptEnd;
        private int rows;

        Chunk(Model model, OutputStream out, double threshold) {
            this.plan = model.borrowPlan();
            this.out = out;
            this.threshold = threshold;
            this.doublePrecision = model.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE;
            List<String> classes = model.inputSchema() == null ? null : model.inputSchema().classes();
            this.classNames = new String[] {className(classes, 0), className(classes, 1)};
            this.width = model.inputWidth();
            this.fill = model.inputSchema() == null ? null : model.inputSchema().fillValues();
            this.keptEnd = new int[plan.capacity()];
        }

        @Override
        public void keptCell(int k, byte[] bytes, int from, int to) {
            keptCells.append(quoted(new String(bytes, from, to - from, StandardCharsets.UTF_8))).append(',');
        }

        @Override
        public void row(long line, float[] features, int provisionalClass, float weight) {
            if (fill != null) {
                MissingValues.fill(features, 0, fill);
            }
            plan.input().put(rows * width, features, 0, width);
            keptEnd[rows] = keptCells.length();
            if (++rows == plan.capacity()) {
                flush();
            }
        }

        /** Class {@code k}'s label name, quoted as CSV needs, or the number when the model knows no name. */
        private static String className(List<String> classes, int k) {
            return quoted(classes == null || classes.get(k) == null ? String.valueOf(k) : classes.get(k));
        }

        /** {@code text} as a CSV field: in quotes, its quotes doubled, when it holds a comma, a quote or a line end. */
        static String quoted(String text) {
            return text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
                    ? '"' + text.replace("\"", "\"\"") + '"' : text;
        }

        void flush() {
            if (rows == 0) {
                return;
            }
            plan.forward(rows);
            lines.setLength(0);
            for (int i = 0; i < rows; i++) {
                lines.append(keptCells, i == 0 ? 0 : keptEnd[i - 1], keptEnd[i]);
                double p = plan.probability(i);
                // the shortest digits that read back as the same value in the model's precision
                lines.append(doublePrecision ? Double.toString(p) : Float.toString((float) p)).append(',')
                        .append(classNames[p >= threshold ? 1 : 0]).append('\n');
            }
            try {
                out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
            rows = 0;
            keptCells.setLength(0);
        }
    }
}
