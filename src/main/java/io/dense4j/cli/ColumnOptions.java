package io.dense4j.cli;

import io.dense4j.data.Categories;
import io.dense4j.data.RowSelection;
import io.dense4j.data.csv.CategoricalRows;
import io.dense4j.data.csv.CategoryDictionary;
import io.dense4j.data.csv.ColumnKinds;
import io.dense4j.data.csv.CsvSource;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which columns train and cv read as categories, and how many categories each keeps; and the notes
 * that say what was found: the columns taken as categorical, the ones over the cap, and the rows
 * whose value a model does not know.
 */
final class ColumnOptions {
    /** Column notes one line each, up to this many; the rest are counted in one line, so that a wide file's output stays short. */
    private static final int NOTES_SHOWN = 5;
    /** Columns named in one line, up to this many. */
    private static final int NAMES_SHOWN = 10;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--categorical", split = ",", paramLabel = "NAMES", description = "Read these columns as categories "
            + "(one-hot), whatever they hold: numbers such as zip codes too. Columns whose first "
            + ColumnKinds.INFERENCE_ROWS + " rows hold more text cells than numbers are categorical anyway, unless their text is "
            + "one missing-value mark alone among numbers (\"?\", \"NULL\").")
    List<String> categorical = List.of();

    @Option(names = "--numeric", split = ",", paramLabel = "NAMES", description = "Read these columns as numbers, "
            + "whatever their first rows hold (a text cell is then an error).")
    List<String> numeric = List.of();

    @Option(names = "--max-categories", defaultValue = "100", description = "Categories kept per categorical column, "
            + "the most frequent; the rest, and values never seen in training, share one slot for other values (default: ${DEFAULT-VALUE}; at most 100,000).")
    int maxCategories;

    private CategoricalRows described;

    /** Checks the flags before any data is read. */
    void check() {
        if (maxCategories < 1 || maxCategories > io.dense4j.data.csv.CategoryDictionary.MOST_VALUES) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, "--max-categories takes a number from 1 to %,d "
                    + "(the most distinct values a column's first pass counts), got %d", io.dense4j.data.csv.CategoryDictionary.MOST_VALUES,
                    maxCategories));
        }
        List<String> both = categorical.stream().filter(numeric::contains).toList();
        if (!both.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--categorical and --numeric both name " + String.join(", ", both)
                    + ": give each column one kind");
        }
    }

    /** {@code options}, with these columns declared. */
    CsvSource.Options applyTo(CsvSource.Options options) {
        return options.withKinds(kinds());
    }

    /** Which columns are categorical: those declared, and those with text in their first rows unless declared numeric. */
    ColumnKinds kinds() {
        return ColumnKinds.inferred().withCategorical(categorical).withNumeric(numeric);
    }

    /** Says which number columns hold dates, read as days since 1970-01-01, and how to read them as categories instead. */
    static void noteDates(List<String> dateColumns, PrintStream out) {
        if (!dateColumns.isEmpty()) {
            List<String> named = dateColumns.stream().map(io.dense4j.data.Printable::of).toList();
            boolean typable = dateColumns.stream().allMatch(ColumnOptions::typable);
            out.printf(Locale.ROOT, "Dates: %s, each read as its days since 1970-01-01 (2020-03-14 is 18,335, noon that day 18,335.5); "
                    + "%s reads %s as categories%n", firstOf(named), typable ? "--categorical "
                    + io.dense4j.data.Remedy.word(String.join(",", dateColumns)) : "--categorical", named.size() == 1 ? "it" : "them");
        }
    }

    /**
     * The encodings of {@code source}'s categorical columns learned from its {@code training}
     * rows, said in one line (once per file: cv learns one per fold), with a note for a column
     * over the cap, one for a column past the dictionary's bound, and an error for a column with
     * no values at all.
     */
    Map<String, Categories> categories(CategoricalRows source, RowSelection training, PrintStream out) {
        Map<String, Categories> categories = source.categories(maxCategories, training);
        if (source == described || categories.isEmpty()) {
            return categories;
        }
        described = source;
        for (String name : categories.keySet()) {
            if (source.categoryCounts(name).size() == 0) {
                throw new IllegalArgumentException(source.name() + ": categorical column \"" + name
                        + "\" has no values, only missing cells; leave it out (--drop " + name + ")");
            }
        }
        List<String> kept = categories.entrySet().stream()
                .map(column -> io.dense4j.data.Printable.of(column.getKey()) + " (" + column.getValue().values().size() + ")").toList();
        out.println("Categorical columns (one-hot over their categories, other, missing): " + firstOf(kept));
        List<Map.Entry<String, Categories>> constant = categories.entrySet().stream()
                .filter(column -> oneValueInEveryRow(source.categoryCounts(column.getKey()))).toList();
        if (!constant.isEmpty()) { // as a constant number's note says: nothing to learn, and a later file's other values move predictions
            boolean one = constant.size() == 1;
            List<String> named = constant.stream().map(column -> {
                String name = io.dense4j.data.Printable.of(column.getKey());
                String value = "\"" + io.dense4j.data.Printable.of(column.getValue().values().get(0)) + "\"";
                return one ? name + " holds " + value : name + " (" + value + ")";
            }).toList();
            String it = one ? "it" : "them";
            out.printf(Locale.ROOT, "Note: categorical %s in every row, so the model learns nothing from %s, and a later file's "
                    + "other values or missing cells move its predictions; --drop leaves %s out%n",
                    one ? "column " + named.get(0) : "columns " + firstOf(named) + " hold one value each", it, it);
        }
        for (var column : categories.entrySet()) { // text in the first rows, numbers after: most likely a column of numbers
            CategoryDictionary seen = source.categoryCounts(column.getKey());
            long numbers = numberRows(seen);
            long valued = java.util.Arrays.stream(seen.counts()).sum() + seen.overflowRows();
            if (!categorical.contains(column.getKey()) && 2 * numbers > valued) {
                String name = io.dense4j.data.Printable.of(column.getKey());
                out.printf(Locale.ROOT, "Note: column \"%s\" is read as categories for the text in its first rows, but %,d of its %,d "
                        + "rows with a value hold a number; --numeric %s reads it as numbers (its text cells then stop the read, or "
                        + "are skipped with --skip-bad-rows)%n", name, numbers, valued, name);
            }
        }
        noteCaseVariants(categories, out);
        DatesAsText.note(categories, categorical, out);
        int capped = 0;
        for (var column : categories.entrySet()) {
            CategoryDictionary seen = source.categoryCounts(column.getKey());
            if (seen.size() <= maxCategories && !seen.overflowed() || ++capped > NOTES_SHOWN) {
                continue; // under the cap, or counted and said in one line after
            }
            long otherRows = source.unknownCategoryRows(Map.of(column.getKey(), column.getValue())).get(column.getKey());
            // the values are counted over the file, the kept ones over the training rows (a split's, a fold's)
            String name = io.dense4j.data.Printable.of(column.getKey()); // a header's bytes are the file's, not ours to print
            out.printf(Locale.ROOT, "Note: column \"%s\" has %s%,d distinct values; kept the %,d most frequent%s, and the "
                            + "file's %,d rows (%s) with another go to the slot for other values%s%n", name,
                    seen.overflowed() ? "over " : "", seen.size(), column.getValue().values().size(),
                    training.validationTo() > training.validationFrom() ? " in the training rows" : "", otherRows,
                    share(otherRows, source.rows()), seen.overflowed() || seen.size() > source.rows() / 2
                            ? " (an identifier? leave it out: --drop " + name + ")" : " (--max-categories)");
        }
        if (capped > NOTES_SHOWN) {
            out.printf(Locale.ROOT, "Note: %,d more columns have more distinct values than --max-categories %,d keeps; their rarer "
                    + "values go to the slot for other values%n", capped - NOTES_SHOWN, maxCategories);
        }
        return categories;
    }

    /**
     * A note for a feature column with no name, or with pandas' name for one ("Unnamed: 0"): most
     * often the row index that pandas' {@code to_csv} and R's {@code write.csv} write by default;
     * and for a number column that counts up by one from row to row in the file's first rows
     * ({@code rowNumbers}), as a row number or an id given in file order does. Such a column
     * numbers the rows, so a file sorted by its label or by time gives the label away through it.
     */
    static void noteRowNumbers(List<String> featureNames, List<String> rowNumbers, boolean header, boolean featuresGiven,
                               PrintStream out) {
        for (String name : featureNames) {
            boolean unnamed = name.isEmpty() || name.matches("Unnamed: \\d+");
            boolean counts = rowNumbers.contains(name);
            String shown = io.dense4j.data.Printable.of(name);
            String way = leaveOut(name, header, featuresGiven);
            if (unnamed) {
                out.printf(Locale.ROOT, "Note: feature column \"%s\" has %s, as the row index pandas and R write by default%s "
                        + "leave it out%s%n", shown, name.isEmpty() ? "no name" : "pandas' name for none", counts
                        ? ", and counts up by one from row to row in the first rows as one does;" : "; if it numbers the rows,", way);
            } else if (counts) {
                out.printf(Locale.ROOT, "Note: feature column \"%s\" counts up by one from row to row in the first rows, as a row "
                        + "number does, and tells the model where a row is in the file; if it numbers the rows, leave it out%s%n",
                        shown, way);
            }
        }
    }

    /** Whether a column flag can name {@code name}: the flags split their values at commas, and control characters cannot be typed. */
    private static boolean typable(String name) {
        return io.dense4j.data.Printable.whole(name).equals(name) && !name.contains(",");
    }

    /** How a run leaves out the feature column {@code name}: the flag that names it, where the command line can. */
    private static String leaveOut(String name, boolean header, boolean featuresGiven) {
        if (!header) {
            return " of the file: without a header row, --drop and --features cannot name it";
        }
        if (featuresGiven) {
            return " of --features";
        }
        if (!typable(name)) {
            return " by naming the other columns in --features (its name cannot be given to --drop)";
        }
        return ": --drop " + (name.isEmpty() ? "''" : io.dense4j.data.Remedy.word(name));
    }

    /**
     * A note for categorical columns whose kept values differ only in case ("Yes", "yes", "YES"):
     * each is a category of its own, with its own weight, which is seldom what a file's writer meant.
     */
    private static void noteCaseVariants(Map<String, Categories> categories, PrintStream out) {
        List<String> columns = new java.util.ArrayList<>();
        for (var column : categories.entrySet()) {
            Map<String, List<String>> byLowerCase = new java.util.LinkedHashMap<>();
            column.getValue().values().forEach(value -> byLowerCase.computeIfAbsent(value.toLowerCase(Locale.ROOT),
                    lower -> new java.util.ArrayList<>()).add(value));
            List<String> groups = byLowerCase.values().stream().filter(alike -> alike.size() > 1).map(alike -> String.join(", ",
                    alike.stream().map(value -> "\"" + io.dense4j.data.Printable.of(value) + "\"").toList())).toList();
            if (!groups.isEmpty()) { // three groups of a column at most
                columns.add(io.dense4j.data.Printable.of(column.getKey()) + " (" + String.join("; ", groups.subList(0,
                        Math.min(3, groups.size()))) + (groups.size() > 3 ? "; …" : "") + ")");
            }
        }
        if (!columns.isEmpty()) {
            out.printf(Locale.ROOT, "Note: values that differ only in case are categories of their own, each with its own weight, "
                    + "in %s; if they mean one value, write them alike in the file%n", firstOf(columns));
        }
    }

    /** Whether every row of the file holds one and the same value: no other, none missing, none past the bound. */
    private static boolean oneValueInEveryRow(CategoryDictionary seen) {
        return seen.missingRows() == 0 && !seen.overflowed() && java.util.Arrays.stream(seen.counts()).filter(count -> count > 0).count() == 1;
    }

    /** The rows whose value in {@code seen} is a plain number (digits, a sign, a point, an exponent). */
    private static long numberRows(CategoryDictionary seen) {
        List<String> values = seen.values();
        long[] counts = seen.counts();
        long rows = 0;
        for (int id = 0; id < values.size(); id++) {
            rows += NUMBER.matcher(values.get(id)).matches() ? counts[id] : 0;
        }
        return rows;
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** {@code part} of {@code whole} as a percentage, never rounded to 100% or 0% when it is not. */
    static String share(long part, long whole) {
        return io.dense4j.data.Share.of(part, whole);
    }

    /** The first {@link #NAMES_SHOWN} items, then how many more. */
    static String firstOf(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(NAMES_SHOWN, items.size())));
        return items.size() > NAMES_SHOWN ? String.format(Locale.ROOT, "%s and %,d more", shown, items.size() - NAMES_SHOWN) : shown;
    }

    /**
     * A note for a model whose categories have blanks at their ends ("CA  "), as dense4j kept a
     * quoted cell's blanks before it read cells without them: such a category now matches no cell,
     * and its rows read as "other".
     */
    static void noteBlankEndedCategories(io.dense4j.model.InputSchema schema, java.nio.file.Path modelFile, PrintStream out) {
        if (schema == null) {
            return;
        }
        List<String> columns = schema.categories().entrySet().stream().filter(column -> column.getValue().values().stream()
                .anyMatch(ColumnOptions::blankEnded)).map(column -> io.dense4j.data.Printable.of(column.getKey()))
                .toList();
        if (!columns.isEmpty()) {
            out.printf(Locale.ROOT, "Note: %s keeps categories with blanks at their ends in %s, as dense4j once read quoted cells; cells are now "
                    + "read without them, so those categories match no cell: train the model again%n",
                    modelFile, firstOf(columns));
        }
    }

    /** Whether {@code value} starts or ends with a space or a tab, which a cell's reading leaves out. */
    private static boolean blankEnded(String value) {
        return !value.isEmpty() && (" \t".indexOf(value.charAt(0)) >= 0 || " \t".indexOf(value.charAt(value.length() - 1)) >= 0);
    }

    /** One line on {@code out} naming the rows whose category the model does not know, per column; nothing when none. */
    static void noteUnknown(Map<String, Long> unknownRows, long rows, PrintStream out) {
        List<String> named = unknownRows.entrySet().stream().filter(column -> column.getValue() > 0)
                .map(column -> String.format(Locale.ROOT, "%s %,d", io.dense4j.data.Printable.of(column.getKey()),
                        column.getValue())).toList();
        if (!named.isEmpty()) {
            out.printf(Locale.ROOT, "Note: rows with a category the model does not keep (unseen in training, or past its "
                    + "--max-categories), read in the slot for other values, of %,d: %s%n", rows,
                    firstOf(named));
        }
    }
}
