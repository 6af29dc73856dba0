package io.dense4j.model;

import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvReader;
import io.dense4j.io.AtomicFiles;
import io.dense4j.runtime.Plan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Predictions for every row of a CSV file of any size, streamed into a CSV file of
 * {@code probability,class} lines in input order (the probability in the fewest digits that read
 * back as the same float, the class by the label name the model was trained on; after kept
 * columns of those names, {@code predicted_probability} and {@code predicted_class}): the rows are
 * parsed a block at a time on threads of their own ({@link RowBlocks}), missing values filled as
 * the model fills them, while the block before is predicted, and the output written atomically, so
 * a failure at any row leaves no partial file.
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
     * What a prediction run wrote: its rows, per categorical column the rows whose category
     * the model does not know (read as "other"), and per number column the missing values it
     * filled, the columns without any left out.
     */
    public record Written(long rows, java.util.Map<String, Long> unknownCategoryRows, java.util.Map<String, Long> missingByColumn) {
    }

    /** As {@link #write(Model, Path, CsvFormat, double, List, Path)}, saying what was written. */
    public static Written written(Model model, Path data, CsvFormat format, double threshold, List<String> kept, Path out)
            throws IOException {
        return written(model, CsvFiles.of(data), format, threshold, kept, out);
    }

    /** As above for the rows of several files, one after another, under one header. */
    public static Written written(Model model, CsvFiles data, CsvFormat format, double threshold, List<String> kept, Path out)
            throws IOException {
        for (Path file : data.paths()) { // written atomically, the predictions would replace the rows they are read from
            if (java.nio.file.Files.exists(out) && java.nio.file.Files.isSameFile(out, file)) {
                throw new IllegalArgumentException(out + " is one of the files the predictions are read from; give another file");
            }
        }
        List<Input> inputs = inputs(model, data, format, threshold);
        Written[] written = new Written[1];
        try {
            AtomicFiles.write(out, io.dense4j.io.GzipByName.forFile(out, stream -> written[0] = writeRows(model, inputs, threshold, kept,
                    stream, RowBlocks.Parallelism.forThisMachine())));
        } catch (UncheckedIOException failed) {
            throw failed.getCause();
        }
        return written[0];
    }

    /** As above, into {@code out} as the rows come (standard output, a pipe), which is left open. */
    public static Written written(Model model, Path data, CsvFormat format, double threshold, List<String> kept, OutputStream out)
            throws IOException {
        return written(model, CsvFiles.of(data), format, threshold, kept, out);
    }

    /** As above for the rows of several files, one after another, under one header. */
    public static Written written(Model model, CsvFiles data, CsvFormat format, double threshold, List<String> kept,
                                  OutputStream out) throws IOException {
        return written(model, data, format, threshold, kept, out, RowBlocks.Parallelism.forThisMachine());
    }

    /** As above, parsed by the threads {@code parallelism} says. */
    static Written written(Model model, CsvFiles data, CsvFormat format, double threshold, List<String> kept, OutputStream out,
                           RowBlocks.Parallelism parallelism) throws IOException {
        Written written = writeRows(model, inputs(model, data, format, threshold), threshold, kept, out, parallelism);
        out.flush();
        return written;
    }

    /**
     * As above for the rows of {@code in}, a stream read once as it comes (standard input, a pipe),
     * uncompressed and whole, its first line {@code firstLine} included; {@code name} names it in
     * messages. Nothing is copied or cached: memory stays bounded whatever comes through.
     */
    public static Written written(Model model, Path name, byte[] firstLine, InputStream in, CsvFormat format, double threshold,
                                  List<String> kept, OutputStream out) throws IOException {
        checkThreshold(threshold);
        Input input = new Input(name, layout(model, name, format, new CsvReader(name, format.withoutLabel()).columnNames(firstLine)), in);
        Written written = writeRows(model, List.of(input), threshold, kept, out, RowBlocks.Parallelism.forThisMachine());
        out.flush();
        return written;
    }

    /** Rows to predict: a file ({@code stream} null), or a stream read once. */
    private record Input(Path name, CsvFormat layout, InputStream stream) {
    }

    /** As above, returning the rows written. */
    public static long write(Model model, Path data, CsvFormat format, double threshold, List<String> kept, OutputStream out)
            throws IOException {
        return written(model, data, format, threshold, kept, out).rows();
    }

    private static void checkThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("the threshold is a probability in [0, 1], got " + threshold);
        }
    }

    /** Each file with its layout, all checked before a line is written. */
    private static List<Input> inputs(Model model, CsvFiles data, CsvFormat format, double threshold) {
        checkThreshold(threshold);
        List<Input> inputs = new ArrayList<>();
        for (Path file : data.paths()) {
            inputs.add(new Input(file, layout(model, file, format, new CsvReader(file, format.withoutLabel()).columnNames()), null));
        }
        return inputs;
    }

    /**
     * The header name of one of the output's own columns: {@code name}, prefixed with
     * {@code predicted_} as often as a kept column already has that name (a label column named
     * "class"), so that the output never holds two columns of one name, which no CSV reader,
     * dense4j's included, can tell apart.
     */
    static String ownColumn(String name, List<String> kept) {
        String own = name;
        while (kept.contains(own)) {
            own = "predicted_" + own;
        }
        return own;
    }

    private static Written writeRows(Model model, List<Input> inputs, double threshold, List<String> kept,
                                     OutputStream stream, RowBlocks.Parallelism parallelism) throws IOException {
        StringBuilder header = new StringBuilder();
        kept.forEach(name -> header.append(quoted(name)).append(','));
        // written with the first rows: a file that fails before any (no data rows, say) leaves standard output empty
        header.append(ownColumn("probability", kept)).append(',').append(ownColumn("class", kept)).append('\n');
        byte[] headerLine = header.toString().getBytes(StandardCharsets.UTF_8);
        boolean headerWritten = false;
        Chunk chunk = new Chunk(model, stream, threshold);
        long rows = 0;
        java.util.Map<String, Long> missing = new java.util.LinkedHashMap<>();
        java.util.Map<String, Long> unknown = new java.util.LinkedHashMap<>();
        try (io.dense4j.runtime.BlasThreads besideTheReader = io.dense4j.runtime.BlasThreads.besideOneThread()) {
            for (Input input : inputs) {
                CsvReader reader = new CsvReader(input.name(), input.layout()).keeping(kept);
                if (inputs.size() > 1) { // an empty part of a folder adds no rows
                    reader = reader.asPartOfASet();
                }
                InputSchema schema = model.inputSchema();
                if (schema != null) { // for a model: its categories, and its messages (a fill is the model's, not a flag's)
                    reader = reader.scoring(keyedAs(schema.categories(), input.layout().categorical()));
                }
                CsvReader filling = chunk.fill == null ? reader : reader.allowingMissing();
                try (RowBlocks blocks = input.stream() != null
                        ? new ParsedBlocks(handler -> filling.read(input.stream(), handler), chunk.capacity, model.inputWidth(),
                                chunk.fill, false)
                        : RowBlocks.of(filling, input.layout().labeled(), chunk.capacity, model.inputWidth(), chunk.fill,
                                parallelism, java.nio.file.Files.size(input.name()))) {
                    long rowsBefore = 0;
                    for (RowBlocks.Block block = blocks.next(); block != null; block = blocks.next()) {
                        if (!headerWritten) {
                            stream.write(headerLine);
                            headerWritten = true;
                        }
                        chunk.write(block, input.name(), rowsBefore);
                        rowsBefore += block.rows;
                        blocks.recycle(block);
                    }
                    rows += blocks.summary().rows();
                    long[] counts = blocks.summary().missingByFeature();
                    for (int j = 0; j < counts.length; j++) { // every column in the model's order, whichever file has gaps first
                        missing.merge(blocks.summary().featureNames().get(j), counts[j], Long::sum);
                    }
                    blocks.summary().unknownCategoryRows().forEach((column, count) -> unknown.merge(column, count, Long::sum));
                } catch (NoProbability overflow) { // a file is read again for the row's line; a stream cannot be
                    long line = -1;
                    try {
                        line = input.stream() == null ? io.dense4j.data.csv.DataRowLine.of(filling, overflow.row + 1) : -1;
                    } catch (RuntimeException changed) { // changed or gone since: the row's place among the rows still names it
                        overflow.addSuppressed(changed);
                    }
                    throw line < 0 ? overflow : NoProbability.counted(overflow.row, String.format(java.util.Locale.ROOT,
                            "%s, line %,d: data row", input.name(), line));
                }
            }
            if (rows == 0 && inputs.size() > 1) { // a single file says so itself
                throw new io.dense4j.data.DataFileException(inputs.get(0).name(), "and the files after it hold a header row but no "
                        + "data rows", null);
            }
            if (!headerWritten) {
                stream.write(headerLine);
            }
            missing.values().removeIf(count -> count == 0);
            return new Written(rows, unknown, missing);
        }
    }

    /** How to read {@code data}, whose header holds {@code columns} (read as if it had no label: predict reads none). */
    private static CsvFormat layout(Model model, Path data, CsvFormat format, List<String> columns) {
        InputSchema schema = model.inputSchema();
        if (schema != null) {
            format = schema.reading(format); // a "?" the model trained as missing is missing here too
        }
        if (format.header() && schema != null) {
            schema.requireColumns(data.toString(), columns, format.delimiter());
            ScoringFiles.checkChosenColumns(schema, format); // the model's columns, by name: --features and --drop may only agree
            if (format.labelName() != null && schema.featureNames().contains(format.labelName())) {
                // predict reads no label, but a label named among the features means the user meant another model or file
                throw new IllegalArgumentException(io.dense4j.data.Remedy.of("--label", "CsvFormat.withLabel") + " names column \""
                        + io.dense4j.data.Printable.of(format.labelName()) + "\", which the model reads as a feature; predict reads no "
                        + "label, so leave it out");
            }
            return format.withoutLabel().withFeatures(schema.featureNames()).withCategorical(List.copyOf(schema.categories().keySet()));
        }
        // a model trained on a file without a header names its columns by place ("column 3"), its label's place the one skipped
        int label = schema == null || format.header() || format.labelName() != null || format.labelIndex() >= 0 ? -1
                : schema.labelPlaceWithoutHeader();
        boolean labeled = columns.size() == model.inputWidth() + 1;
        if (label >= 0 && labeled) {
            format = format.withLabelIndex(label);
        }
        if (schema == null || schema.categories().isEmpty()) {
            return byPlace(model, data, format, columns);
        }
        List<String> categorical = schema.categories().keySet().stream()
                .map(name -> label >= 0 && !labeled ? placeWithoutLabel(name, label) : name).toList();
        if (format.header() || !columns.containsAll(categorical)) {
            throw new IllegalArgumentException("the model reads categorical columns by their header names, so " + data
                    + " must be read with its header");
        }
        return byPlace(model, data, format, columns).withCategorical(categorical);
    }

    /**
     * The model's categories keyed as the file's layout names its categorical columns, in the same
     * order: by header name, or by place in a file without the label column a model by place had.
     */
    private static java.util.Map<String, io.dense4j.data.Categories> keyedAs(java.util.Map<String, io.dense4j.data.Categories> categories,
                                                                          List<String> names) {
        java.util.Map<String, io.dense4j.data.Categories> keyed = new java.util.LinkedHashMap<>();
        java.util.Iterator<io.dense4j.data.Categories> values = categories.values().iterator();
        for (String name : names) {
            keyed.put(name, values.next());
        }
        return keyed;
    }

    /** The name by place of the column {@code name} ("column k") in a file without the label column that was at {@code label}. */
    private static String placeWithoutLabel(String name, int label) {
        int place = Integer.parseInt(name.substring("column ".length())) - 1;
        return "column " + (place > label ? place : place + 1);
    }

    /** How to read {@code data}'s columns by their place: all but the label, or those --features or --drop choose. */
    private static CsvFormat byPlace(Model model, Path data, CsvFormat format, List<String> columns) {
        int width = model.inputWidth();
        if (format.features() != null || !format.dropped().isEmpty()) {
            // the columns chosen, read without a label: predict reads none
            int chosen = format.features() != null ? format.features().size()
                    : columns.size() - new java.util.HashSet<>(format.dropped()).size();
            if (chosen != width) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: --features or --drop leave %d of its columns, and the model reads %d "
                        + "features (drop the label column too, if the file has one)", data, chosen, width));
            }
            return format.withoutLabel();
        }
        CsvFormat layout = format;
        if (columns.size() == width + 1) {
            int label = format.labelName() != null ? columns.indexOf(format.labelName())
                    : format.labelIndex() >= 0 ? format.labelIndex() : columns.size() - 1;
            if (label < 0 || label >= columns.size()) {
                throw new IllegalArgumentException(data + " has no label column " + (format.labelName() != null
                        ? "named \"" + format.labelName() + "\"" : String.valueOf(format.labelIndex())));
            }
        } else if (columns.size() == width) {
            layout = format.withoutLabel();
        } else {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s has %d columns %s; the model reads %d features (and allows one label column)",
                    data, columns.size(), columns, width));
        }
        return layout;
    }

    /**
     * Predicts a block of rows with a plan of the model's and writes their lines, in order. The
     * plan is borrowed for a block's pass alone: a file read from a pipe that waits, or written to
     * one, holds none of the process's plans meanwhile.
     */
    private static final class Chunk {
        private final Model model;
        /** Rows a block holds: a plan's. */
        final int capacity;
        private final OutputStream out;
        private final double threshold;
        private final boolean doublePrecision;
        /** What the class column says for class 0 and class 1: the label names the model was trained on. */
        private final String[] classNames;
        private final int width;
        /** The model's values for missing ones, or null when missing values are errors. */
        final double[] fill;
        private final StringBuilder lines = new StringBuilder();

        Chunk(Model model, OutputStream out, double threshold) {
            this.model = model;
            this.capacity = model.chunkRows();
            this.out = out;
            this.threshold = threshold;
            this.doublePrecision = model.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE;
            List<String> classes = model.inputSchema() == null ? null : model.inputSchema().classes();
            this.classNames = new String[] {className(classes, 0), className(classes, 1)};
            this.width = model.inputWidth();
            this.fill = model.inputSchema() == null ? null : model.inputSchema().fillValues();
        }

        /** Class {@code k}'s label name, quoted as CSV needs, or the number when the model knows no name. */
        private static String className(List<String> classes, int k) {
            return quoted(classes == null || classes.get(k) == null ? String.valueOf(k) : classes.get(k));
        }

        /** Writes the lines of {@code block}, rows {@code rowsBefore + 1} on of {@code file}'s data. */
        void write(RowBlocks.Block block, Path file, long rowsBefore) throws IOException {
            lines.setLength(0);
            Plan plan = model.borrowPlan();
            try {
                plan.input().put(0, block.features, 0, block.rows * width);
                plan.forward(block.rows);
                for (int i = 0; i < block.rows; i++) {
                    lines.append(block.kept, i == 0 ? 0 : block.keptEnd[i - 1], block.keptEnd[i]);
                    if (!plan.hasProbability(i)) { // finite values that overflow the layers: no probability to write, and no class
                        throw NoProbability.counted(rowsBefore + i, file + ": data row");
                    }
                    double p = plan.probability(i); // in the model's precision, classed as evaluate and ONNX class it
                    // the shortest digits that read back as the same value in that precision
                    lines.append(doublePrecision ? Double.toString(p) : Float.toString((float) p)).append(',')
                            .append(classNames[p >= threshold ? 1 : 0]).append('\n');
                }
            } finally {
                model.givePlan(plan);
            }
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code text} as a CSV field: in quotes, its quotes doubled, when it holds a comma, a quote or a line end, or starts or ends with a blank. */
    static String quoted(String text) {
        boolean padded = !text.isEmpty() && (isBlank(text.charAt(0)) || isBlank(text.charAt(text.length() - 1)));
        return padded || text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
                ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** A space or tab: CSV readers, dense4j's included, drop them around an unquoted cell, so a cell that has them is quoted. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
