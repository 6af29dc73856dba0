package io.dense4j.spark;

import io.dense4j.data.DataFileException;
import io.dense4j.data.csv.ColumnKinds;
import io.dense4j.data.csv.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** A look at the first file's first rows on the driver: which columns hold text, as one machine decides from its file's. */
final class FirstRows {
    private FirstRows() {
    }

    /**
     * The columns {@code kinds} makes categorical: declared ones, and with inference those with
     * text in the first rows of the first file, read here on the driver as one machine reads its
     * file: a column empty in those rows is followed further until it shows a value.
     */
    static List<String> categoricalColumns(SparkCsvSource source, ColumnKinds kinds, Piece first, Configuration conf) {
        Path name = Path.of(first.name());
        CsvReader reader = new CsvReader(name, source.format());
        try {
            List<String> features = reader.featureNames(PieceInput.firstLine(first.uri(), source.format(), conf));
            List<String> withText = List.of();
            if (kinds.infer()) {
                try (InputStream in = PieceInput.whole(first.uri(), conf)) {
                    withText = reader.textColumns(in, ColumnKinds.INFERENCE_ROWS);
                }
            }
            return kinds.resolve(name, features, withText);
        } catch (DataFileException problem) {
            throw problem.inFile(name);
        } catch (IOException failed) {
            throw new DataFileException(name, "cannot be read: " + failed.getMessage(), failed);
        }
    }
}
