package io.dense4j.data.csv;

import io.dense4j.data.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * For tests: a CSV file's rows read straight into memory with {@link CsvReader}, classes mapped as
 * {@link LabelMapping} maps them: the reference the cached and streamed paths must agree with.
 */
public final class InMemoryCsv {
    private InMemoryCsv() {
    }

    public static Dataset read(Path file, CsvFormat format, DataType type) {
        List<float[]> rows = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        CsvReader.Summary summary = new CsvReader(file, format).read((line, features, provisionalClass, weight) -> {
            rows.add(features.clone());
            classes.add(provisionalClass);
            weights.add(weight);
        });
        boolean flip = summary.labels().flipped();
        float[] labels = new float[classes.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = flip ? 1 - classes.get(i) : classes.get(i);
        }
        Dataset data = Dataset.of(rows.toArray(float[][]::new), labels, type);
        if (format.weightName() == null) {
            return data;
        }
        float[] w = new float[weights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i);
        }
        return data.withWeights(w);
    }
}
