package io.dense4j.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A CSV file read into memory: its rows as a {@link Dataset}, the names of its feature columns
 * and how its labels map to classes. For files that fit in memory; the reader itself streams.
 */
public record CsvData(Dataset dataset, List<String> featureNames, LabelMapping labels) {

    /** Reads {@code file} as {@code format} says, checking every cell (see {@link CsvReader}). */
    public static CsvData read(Path file, CsvFormat format, DataType type) {
        Rows rows = new Rows(file);
        CsvReader.Summary summary = new CsvReader(file, format).read(rows);
        if (summary.labels().seen() < 2) {
            // one class cannot be learned from; say which, so a wrong label column shows
            throw new DataFileException(file, "has only one label value (" + summary.labels().names()[0]
                    + ") in its label column; a binary classifier needs two", null);
        }
        float[] labels = Arrays.copyOf(rows.labels, rows.count);
        if (summary.labels().flipped()) {
            for (int i = 0; i < labels.length; i++) {
                labels[i] = 1 - labels[i];
            }
        }
        int width = summary.featureNames().size();
        Dataset dataset = Dataset.fromRows(rows.features, labels, rows.count, width, type);
        return new CsvData(dataset, summary.featureNames(), summary.labels());
    }

    /** Collects rows in growing arrays. */
    private static final class Rows implements CsvReader.RowHandler {
        private final Path file;
        private float[] features = new float[1 << 16];
        private float[] labels = new float[1 << 10];
        private int count;

        Rows(Path file) {
            this.file = file;
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
            System.arraycopy(rowFeatures, 0, features, count * width, width);
            labels[count++] = provisionalClass;
        }
    }
}
