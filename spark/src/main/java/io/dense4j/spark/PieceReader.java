package io.dense4j.spark;

import io.dense4j.data.csv.CsvReader;
import io.dense4j.data.DataFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.Function;

/**
 * Parses one piece into a {@link RowBlock} on an executor, with dense4j's own CSV reader, so every
 * cell is checked as on one machine; an error names the file, the line counted from the file's
 * start, the column and the text, exactly as the single-machine reader words it.
 */
final class PieceReader implements Function<Piece, RowBlock> {
    private static final long serialVersionUID = 1L;

    private final CsvLayout layout;
    private final boolean skipBadRows;
    private final boolean allowMissing;
    private final Map<String, String> hadoopConfiguration;
    /** Per file (by URI), per categorical column, the values numbered past the bound too ({@link CsvReader#reserving}). */
    private final Map<String, Map<String, List<String>>> reserved;

    PieceReader(CsvLayout layout, boolean skipBadRows, boolean allowMissing, Map<String, String> hadoopConfiguration,
                Map<String, Map<String, List<String>>> reserved) {
        this.layout = layout;
        this.skipBadRows = skipBadRows;
        this.allowMissing = allowMissing;
        this.hadoopConfiguration = hadoopConfiguration;
        this.reserved = reserved;
    }

    /**
     * The reader one machine would read the piece's file with: labels collected, not judged (a
     * name's fate depends on the names before it in the whole file).
     */
    static CsvReader readerOf(Piece piece, CsvLayout layout, boolean skipBadRows, boolean allowMissing) {
        CsvReader reader = new CsvReader(Path.of(piece.name()), layout.format()).collectingLabels();
        if (skipBadRows) {
            reader = reader.skippingBadRows();
        }
        return allowMissing ? reader.allowingMissing() : reader;
    }

    @Override
    public RowBlock call(Piece piece) throws IOException {
        Configuration conf = PieceInput.configuration(hadoopConfiguration);
        CsvReader reader = readerOf(piece, layout, skipBadRows, allowMissing).reserving(reserved.getOrDefault(piece.uri(), Map.of()));
        Rows rows = new Rows(layout.weightName() != null);
        CsvReader.Summary summary;
        long dataStart;
        try (PieceInput.LineRange in = PieceInput.open(piece, conf)) {
            dataStart = in.offset();
            try {
                summary = reader.readPiece(in, piece.start() == 0 ? null : piece.firstLine(), rows);
            } catch (DataFileException failed) {
                DataFileException problem = failed;
                if (!piece.splittable() && (failed.getCause() instanceof java.io.EOFException
                        || failed.getCause() instanceof java.util.zip.ZipException)) { // a compressed file cut short or damaged: its data
                    problem = new DataFileException(Path.of(piece.name()), "is compressed but damaged or cut short: "
                            + failed.getCause().getMessage(), failed.getCause());
                } else if (failed.getCause() instanceof IOException) {
                    throw failed; // the filesystem failed, not the data: Spark retries the task
                }
                // returned, not thrown: the driver reports the first problem in file order, as one machine would;
                // its line counts from the piece's start until then (counting the lines before costs a read of them)
                return RowBlock.failed(piece.index(), new RowBlock.PieceSummary(piece.index(), piece.uri(), piece.name(), dataStart,
                        new ArrayList<>(), 0, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), 0, new ArrayList<>(), null, 0,
                        new ArrayList<>(), problem));
            }
        } catch (PieceInput.FileChangedException changed) {
            throw new DataFileException(Path.of(piece.name()), changed.getMessage(), null);
        }
        // lines count from the piece's start; the driver moves the few it reports (ArrayLists: any serializer copes)
        RowBlock.PieceSummary pieceSummary = new RowBlock.PieceSummary(piece.index(), piece.uri(), piece.name(), dataStart,
                new ArrayList<>(summary.featureNames()), summary.rows(), new ArrayList<>(List.of(summary.labels().names())),
                new ArrayList<>(rows.labelLines), new ArrayList<>(rows.labelCounts), summary.skippedRows(),
                new ArrayList<>(summary.firstSkippedLines()), summary.firstSkippedProblem(), summary.missingValues(), new ArrayList<>(summary.categories().entrySet()
                        .stream().map(column -> RowBlock.PieceCategories.of(column.getKey(), column.getValue())).toList()), null);
        int width = summary.featureNames().size();
        return new RowBlock(piece.index(), width, rows.count, Arrays.copyOf(rows.features, rows.count * width),
                Arrays.copyOf(rows.classes, rows.count), rows.weights == null ? null : Arrays.copyOf(rows.weights, rows.count),
                pieceSummary);
    }

    /** Collects the rows into growing arrays, and per label name the line of its first row and its rows. */
    private static final class Rows implements CsvReader.RowHandler {
        float[] features = new float[0];
        byte[] classes = new byte[1024];
        float[] weights; // null when the rows are not weighted
        int count;
        final List<List<Long>> labelLines = new ArrayList<>(2); // each name's first good rows' lines, ArrayLists: any serializer copes
        final List<Long> labelCounts = new ArrayList<>(2);

        Rows(boolean weighted) {
            weights = weighted ? new float[1024] : null;
        }

        @Override
        public void row(long line, float[] values, int provisionalClass, float weight) {
            int width = values.length;
            if ((long) (count + 1) * width > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a piece holds at most " + (Integer.MAX_VALUE / width)
                        + " rows of " + width + " features: split the files into more pieces (minPartitions)");
            }
            if (features.length < (count + 1) * width) {
                features = Arrays.copyOf(features, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024L * width, 2L * features.length)));
            }
            if (classes.length == count) {
                classes = Arrays.copyOf(classes, (int) Math.min(Integer.MAX_VALUE - 8, 2L * count));
            }
            if (weights != null && weights.length == count) {
                weights = Arrays.copyOf(weights, (int) Math.min(Integer.MAX_VALUE - 8, 2L * count));
            }
            if (weights != null) {
                weights[count] = weight;
            }
            System.arraycopy(values, 0, features, count * width, width);
            classes[count++] = (byte) provisionalClass;
            while (labelLines.size() <= provisionalClass) {
                labelLines.add(new ArrayList<>(1));
                labelCounts.add(0L);
            }
            if (labelLines.get(provisionalClass).size() < RowBlock.PieceSummary.LABEL_LINES) {
                labelLines.get(provisionalClass).add(line); // a report of skipped rows names a rejected name's first few
            }
            labelCounts.set(provisionalClass, labelCounts.get(provisionalClass) + 1);
        }
    }
}
