package io.dense4j.spark;

import io.dense4j.data.DataFileException;
import io.dense4j.data.csv.ColumnKinds;
import io.dense4j.data.csv.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** A look at each file's first rows on the driver: which columns hold text or dates, as one machine decides from its files'. */
final class FirstRows {
    private FirstRows() {
    }

    /** The format settled, and the number columns that count the rows in some file's first rows. */
    record Settled(io.dense4j.data.csv.CsvFormat format, List<String> rowNumbers) {
    }

    /**
     * {@code source}'s format with the columns {@code kinds} makes categorical: declared ones, and
     * with inference those with text in the first rows of any file ({@code firsts}: each file's
     * first piece, in file order), read here on the driver as one machine reads its files (a column
     * empty in those rows is followed further until it shows a value); and with inference, the
     * other columns whose numbers there are mostly dates, as one machine reads them; and of the
     * number columns left, those that count the rows there.
     */
    static Settled settled(SparkCsvSource source, ColumnKinds kinds, List<Piece> firsts, Configuration conf) {
        Path firstName = Path.of(firsts.get(0).name());
        List<String> features;
        try {
            features = new CsvReader(firstName, source.format()).featureNames(PieceInput.firstLine(firsts.get(0).uri(), source.format(),
                    conf));
        } catch (IOException failed) {
            throw new DataFileException(firstName, "cannot be read: " + failed.getMessage(), failed);
        }
        List<String> withText = new java.util.ArrayList<>();
        List<String> withDates = new java.util.ArrayList<>();
        List<String> rowNumbers = new java.util.ArrayList<>();
        for (Piece first : kinds.infer() ? firsts : List.<Piece>of()) {
            Path name = Path.of(first.name());
            try (InputStream in = PieceInput.whole(first.uri(), conf)) {
                io.dense4j.data.csv.FirstRowKinds found = new CsvReader(name, source.format()).firstRowKinds(in, ColumnKinds.INFERENCE_ROWS);
                found.withText().stream().filter(column -> !withText.contains(column)).forEach(withText::add);
                found.withDates().stream().filter(column -> !withDates.contains(column)).forEach(withDates::add);
                found.rowNumbers().stream().filter(column -> !rowNumbers.contains(column)).forEach(rowNumbers::add);
            } catch (DataFileException problem) {
                throw problem.inFile(name);
            } catch (IOException failed) {
                throw new DataFileException(name, "cannot be read: " + failed.getMessage(), failed);
            }
        }
        try {
            List<String> categorical = kinds.resolve(firstName, features, withText);
            source.format().dates().stream().filter(column -> !withDates.contains(column)).forEach(withDates::add);
            io.dense4j.data.csv.CsvFormat format = source.format().withCategorical(categorical)
                    .withDates(features.stream().filter(column -> withDates.contains(column) && !categorical.contains(column)).toList());
            rowNumbers.removeAll(format.categorical());
            rowNumbers.removeAll(format.dates());
            return new Settled(format, rowNumbers);
        } catch (DataFileException problem) {
            throw problem.inFile(firstName);
        }
    }
}
