package io.dense4j.cli;

import io.dense4j.model.InputSchema;
import java.nio.file.Path;
import java.util.List;

/** Checks a data file's feature columns against the ones a model was trained on. */
final class FeatureColumns {
    private FeatureColumns() {
    }

    /** Throws, naming both lists, unless {@code columns} are the schema's features (no schema: nothing to check). */
    static void check(Path data, List<String> columns, InputSchema schema) {
        if (schema != null && !columns.equals(schema.featureNames())) {
            throw new IllegalArgumentException(String.format("%s has the feature columns %s, but the model was trained on %s",
                    data, columns, schema.featureNames()));
        }
    }
}
