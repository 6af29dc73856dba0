package io.dense4j.data.csv;

import io.dense4j.data.BatchSource;
import io.dense4j.tensor.NativeArray;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/** A pass of a batch source written out for comparing: every row as "f1 f2 … | label", in the pass's order. */
final class Passes {
    private Passes() {
    }

    /** A pass in file order. */
    static List<String> rows(BatchSource source) {
        return rows(source, 0, 0, false);
    }

    static List<String> rows(BatchSource source, int epoch, long seed, boolean shuffle) {
        NativeArray features = NativeArray.allocate(DataType.FLOAT, 16L * source.width());
        NativeArray labels = NativeArray.allocate(DataType.FLOAT, 16);
        List<String> rows = new ArrayList<>();
        source.startPass(epoch, seed, shuffle);
        for (int count; (count = source.next(16, features, labels)) > 0; ) {
            for (int r = 0; r < count; r++) {
                StringBuilder row = new StringBuilder();
                for (int j = 0; j < source.width(); j++) {
                    row.append(features.get(r * source.width() + j)).append(' ');
                }
                rows.add(row.append("| ").append(labels.get(r)).toString());
            }
        }
        return rows;
    }
}
