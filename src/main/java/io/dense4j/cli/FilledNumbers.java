package io.dense4j.cli;

import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.Printable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The notes on missing numbers that a model fills with its training means: which columns train
 * filled and how often, and which a scored file had. Filling is the default, so these lines are
 * what keeps a column gone empty upstream from passing unseen: the most-missing column first.
 */
final class FilledNumbers {
    private FilledNumbers() {
    }

    /**
     * One line on {@code out} naming the number columns with missing values among the training rows
     * {@code statistics} counted, most missing first, and how many more the rows held out had of
     * the {@code inTheFile} missing numbers read (-1: not known); nothing, and false, when there
     * are none. The categorical columns are left out: their missing cells have a slot of their own.
     */
    static boolean noteTraining(List<String> featureNames, Set<String> categorical, FeatureStatistics statistics, long inTheFile,
                                PrintStream out) {
        long[] missing = statistics.missingByFeature();
        Map<String, Long> byColumn = new LinkedHashMap<>();
        long training = 0;
        for (int j = 0; j < missing.length; j++) {
            if (missing[j] > 0 && !categorical.contains(featureNames.get(j))) {
                byColumn.put(featureNames.get(j), missing[j]);
                training += missing[j];
            }
        }
        long heldOut = inTheFile < 0 ? 0 : inTheFile - training;
        if (byColumn.isEmpty() && heldOut <= 0) {
            return false;
        }
        String held = String.format(Locale.ROOT, "%,d in the rows held out", heldOut);
        out.printf(Locale.ROOT, "Note: missing numbers, filled with the training rows' means (--no-fill-missing refuses them): %s%n",
                byColumn.isEmpty() ? "none in the training rows, " + held
                        : columns(byColumn, statistics.count(), "training rows") + (heldOut > 0 ? "; and " + held : ""));
        return true;
    }

    /**
     * One line on {@code out} naming the columns whose missing numbers the model filled in the
     * {@code rows} scored, most missing first ({@code byColumn}, or null to give their number
     * alone, {@code missing}); nothing when there were none.
     */
    static void noteScoring(Map<String, Long> byColumn, long missing, long rows, PrintStream out) {
        if (missing <= 0) {
            return;
        }
        out.printf(Locale.ROOT, "Note: missing numbers, filled with the model's training means: %s%n", byColumn == null
                ? String.format(Locale.ROOT, "%,d in the %,d row%s", missing, rows, rows == 1 ? "" : "s")
                : columns(byColumn, rows, rows == 1 ? "row" : "rows"));
    }

    /** "b in 10 of the 40 training rows (25.0%), a in 2 (5.0%)": the columns most missing first, at most ten named. */
    private static String columns(Map<String, Long> byColumn, long rows, String rowsAre) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(byColumn.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed()); // stable: file order among equals
        List<String> named = new ArrayList<>();
        for (Map.Entry<String, Long> column : sorted) {
            String name = Printable.of(column.getKey());
            named.add(named.isEmpty() ? String.format(Locale.ROOT, "%s in %,d of the %,d %s (%s)", name, column.getValue(), rows, rowsAre,
                    share(column.getValue(), rows)) : String.format(Locale.ROOT, "%s in %,d (%s)", name, column.getValue(),
                    share(column.getValue(), rows)));
        }
        return ColumnOptions.firstOf(named);
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
