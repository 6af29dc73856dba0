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

    /**
     * ", 150 missing values" when there are some, and how many of them are categorical cells: those
     * take their column's missing slot where a number cell is filled or refused, so a user who
     * counts the file's empty cells finds them all here.
     */
    private static String missing(CsvSource source) {
        long categorical = source.categoricalColumns().stream().mapToLong(name -> source.categoryCounts(name).missingRows()).sum();
        long all = source.missingValues() + categorical;
        if (all == 0) {
            return "";
        }
        String which = categorical == 0 ? "" : categorical == all ? (all == 1 ? ", in a categorical column" : ", all in categorical columns")
                : String.format(Locale.ROOT, " (%,d in categorical columns)", categorical);
        return String.format(Locale.ROOT, ", %,d missing value%s%s", all, all == 1 ? "" : "s", which);
    }
}
