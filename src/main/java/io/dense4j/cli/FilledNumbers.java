package io.dense4j.cli;

import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.csv.Printable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The notes on missing numbers that a model fills with its training means: which columns train
 * filled and how often, and how many a scored file had. Filling is the default, so these lines
 * are what keeps a column gone empty upstream from passing unseen: the most-missing column first.
 */
final class FilledNumbers {
    private FilledNumbers() {
    }

    /**
     * One line on {@code out} naming the number columns with missing values among the training rows
     * {@code statistics} counted, most missing first; nothing when there are none. The categorical
     * columns are left out: their missing cells have a slot of their own.
     */
    static void noteTraining(List<String> featureNames, Set<String> categorical, FeatureStatistics statistics, PrintStream out) {
        long[] missing = statistics.missingByFeature();
        long rows = statistics.count();
        List<Integer> columns = new ArrayList<>();
        for (int j = 0; j < missing.length; j++) {
            if (missing[j] > 0 && !categorical.contains(featureNames.get(j))) {
                columns.add(j);
            }
        }
        if (columns.isEmpty()) {
            return;
        }
        columns.sort(Comparator.comparingLong((Integer j) -> missing[j]).reversed()); // stable: file order among equals
        List<String> named = new ArrayList<>();
        for (int j : columns) {
            String name = Printable.of(featureNames.get(j));
            named.add(named.isEmpty() ? String.format(Locale.ROOT, "%s in %,d of the %,d training rows (%s)", name, missing[j], rows,
                    share(missing[j], rows)) : String.format(Locale.ROOT, "%s in %,d (%s)", name, missing[j], share(missing[j], rows)));
        }
        out.printf(Locale.ROOT, "Note: missing numbers, filled with the training rows' means (--no-fill-missing refuses them): %s%n",
                ColumnOptions.firstOf(named));
    }

    /** One line on {@code out} saying that {@code missing} numbers of {@code rows} scored rows were filled; nothing for none. */
    static void noteScoring(long missing, long rows, PrintStream out) {
        if (missing > 0) {
            out.printf(Locale.ROOT, "Note: filled %,d missing number%s in the %,d rows with the model's training means%n", missing,
                    missing == 1 ? "" : "s", rows);
        }
    }

    /** {@code part} of {@code whole} as a percentage of one decimal, never rounded to 0% or 100% when it is neither. */
    static String share(long part, long whole) {
        double percent = 100.0 * part / whole;
        if (part < whole && percent > 99.9) {
            return ">99.9%";
        }
        if (part > 0 && percent < 0.1) {
            return "<0.1%";
        }
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }
}
