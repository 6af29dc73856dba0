package io.dense4j.spark;

import io.dense4j.data.DataFileException;
import io.dense4j.data.csv.ColumnKinds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** A look at the first file's first rows on the driver: which columns hold text, as one machine decides from its file's. */
final class FirstRows {
    /** The most of the first file the look reads. */
    private static final int HEAD_BYTES = 16 << 20;

    private FirstRows() {
    }

    /**
     * The columns {@code kinds} makes categorical: declared ones, and with inference those with
     * text in the first rows of the first file (read here on the driver, as one machine reads them).
     */
    static List<String> categoricalColumns(SparkCsvSource source, ColumnKinds kinds, Piece first, Configuration conf) {
        Path head = null;
        try {
            head = java.nio.file.Files.createTempFile("dense4j-head-", ".csv");
            java.nio.file.Files.write(head, PieceInput.head(first.uri(), conf, ColumnKinds.INFERENCE_ROWS + 1, HEAD_BYTES));
            io.dense4j.data.csv.CsvReader reader = new io.dense4j.data.csv.CsvReader(head, source.format());
            List<String> withText = kinds.infer() ? reader.textColumns(ColumnKinds.INFERENCE_ROWS) : List.of();
            return kinds.resolve(Path.of(first.name()), reader.featureNames(), withText);
        } catch (DataFileException problem) {
            throw problem.inFile(Path.of(first.name()));
        } catch (IOException failed) {
            throw new DataFileException(Path.of(first.name()), "cannot be read: " + failed.getMessage(), failed);
        } finally {
            if (head != null) {
                try {
                    java.nio.file.Files.deleteIfExists(head);
                } catch (IOException ignored) {
                    // a temporary file: the system's cleaner takes it
                }
            }
        }
    }
}
