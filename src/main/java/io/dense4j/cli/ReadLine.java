package io.dense4j.cli;

import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvSource;
import java.util.Locale;

/** The line train and cv print once the data is read: what they read, and whether from a cache. */
final class ReadLine {
    private ReadLine() {
    }

    /** "Read train.csv: 1,666 rows, 13 features (7 categorical), labels …; cache: built …". */
    static String of(CsvFiles data, CsvSource source) {
        return String.format(Locale.ROOT, "Read %s: %,d rows, %d feature%s%s, labels %s%s; cache: %s", data, source.rows(),
                source.width(), source.width() == 1 ? "" : "s",
                source.categoricalColumns().isEmpty() ? "" : " (" + source.categoricalColumns().size() + " categorical)",
                source.labels(), missing(source), source.cacheStatus());
    }

    /** The missing cells, numbers and categorical ones (see {@link io.dense4j.data.MissingCount}). */
    private static String missing(CsvSource source) {
        long categorical = source.categoricalColumns().stream().mapToLong(name -> source.categoryCounts(name).missingRows()).sum();
        return io.dense4j.data.MissingCount.described(source.missingValues(), categorical);
    }
}
