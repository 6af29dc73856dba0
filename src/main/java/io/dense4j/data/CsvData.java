package io.dense4j.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A CSV file read into memory: its rows as a {@link Dataset}, the names of its feature columns,
 * how its labels map to classes, and the bad rows skipped if skipping was asked for. For files
 * that fit in memory; the reader itself streams.
 */
public record CsvData(Dataset dataset, List<String> featureNames, LabelMapping labels, long skippedRows,
                     List<Long> firstSkippedLines) {

    /**
     * Reads {@code file} to train on, checking every cell (see {@link CsvReader}): the labels must
     * hold both classes, mapped as {@link LabelMapping} says.
     */
    public static CsvData read(Path file, CsvFormat format, DataType type) {
        return read(file, format, type, null);
    }

    /**
     * Reads {@code file} to score a model whose classes are named {@code classes} (class 0, class
     * 1): every label must be one of them, and one class alone is fine. With null classes, as
     * {@link #read(Path, CsvFormat, DataType)}.
     */
    public static CsvData read(Path file, CsvFormat format, DataType type, List<String> classes) {
        return read(file, format, type, classes, false);
    }

    /** As {@link #read(Path, CsvFormat, DataType, List)}, passing over bad data rows when {@code skipBadRows}. */
    public static CsvData read(Path file, CsvFormat format, DataType type, List<String> classes, boolean skipBadRows) {
        return read(file, format, type, classes, skipBadRows, null);
    }

    /**
     * As {@link #read(Path, CsvFormat, DataType, List, boolean)}, filling each missing value with
     * its feature's entry in {@code fill} (a model's saved means; null: missing values are errors).
     */
    public static CsvData read(Path file, CsvFormat format, DataType type, List<String> classes, boolean skipBadRows,
                               double[] fill) {
        Rows rows = new Rows(file, fill);
        CsvReader reader = new CsvReader(file, format);
        if (skipBadRows) {
            reader = reader.skippingBadRows();
        }
        if (fill != null) {
            reader = reader.allowingMissing();
        }
        CsvReader.Summary summary = reader.read(rows);

        String[] seen = summary.labels().names();
        boolean flip;
        if (classes == null) {
            if (seen.length < 2) {
                // one class cannot be learned from; say which, so a wrong label column shows
                throw new DataFileException(file, "has only one label value (" + seen[0]
                        + ") in its label column; a binary classifier needs two", null);
            }
            flip = summary.labels().flipped();
        } else {
            for (String name : seen) {
                if (!classes.contains(name)) {
                    throw new DataFileException(file, "has the label \"" + name + "\", which is not one of the model's classes "
                            + classes, null);
                }
            }
            flip = classes.indexOf(seen[0]) == 1;
        }
        float[] labels = Arrays.copyOf(rows.labels, rows.count);
        if (flip) {
            for (int i = 0; i < labels.length; i++) {
                labels[i] = 1 - labels[i];
            }
        }
        int width = summary.featureNames().size();
        Dataset dataset = Dataset.fromRows(rows.features, labels, rows.count, width, type);
        return new CsvData(dataset, summary.featureNames(), summary.labels(), summary.skippedRows(),
                summary.firstSkippedLines());
    }

    /** Collects rows in growing arrays. */
    private static final class Rows implements CsvReader.RowHandler {
        private final Path file;
        private final double[] fill;
        private float[] features = new float[1 << 16];
        private float[] labels = new float[1 << 10];
        private int count;

        Rows(Path file, double[] fill) {
            this.file = file;
            this.fill = fill;
        }

        @Override
        public void row(long line, float[] rowFeatures, int provisionalClass) {
            int width = rowFeatures.length;
            if ((long) (count + 1) * width > Integer.MAX_VALUE - 8) {
                throw new DataFileException(file, line, "more than 2^31 − 8 feature values do not fit one in-memory dataset");
            }
            if ((count + 1) * width > features.length) {
                features = Arrays.copyOf(features, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * features.length + width));
            }
            if (count == labels.length) {
                labels = Arrays.copyOf(labels, 2 * labels.length);
            }
            if (fill != null && fill.length != width) {
                throw new IllegalArgumentException(file + " has " + width + " features, but " + fill.length
                        + " fill values were given");
            }
            System.arraycopy(rowFeatures, 0, features, count * width, width);
            if (fill != null) {
                MissingValues.fill(features, count * width, fill);
            }
            labels[count++] = provisionalClass;
        }
    }
}
