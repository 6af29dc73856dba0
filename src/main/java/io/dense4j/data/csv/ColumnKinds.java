package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which feature columns a file's reader takes as categorical: those with more text cells than
 * numbers in the first {@link #INFERENCE_ROWS} rows ({@link TextColumns}: but not numbers beside one
 * missing-value mark alone) unless {@code infer} is off, plus those declared categorical, less
 * those declared numeric. A column inferred as numeric that holds text further on stops the read
 * with the line, the column and the cell, and a hint to declare it.
 *
 * @param infer       whether mostly text in the first rows makes a column categorical
 * @param categorical columns read as categories whatever they hold (numbers included: zip codes)
 * @param numeric     columns read as numbers whatever the first rows hold
 */
public record ColumnKinds(boolean infer, List<String> categorical, List<String> numeric) {
    /** The data rows whose cells decide which columns are categorical. */
    public static final int INFERENCE_ROWS = 1_000;

    public ColumnKinds {
        categorical = List.copyOf(categorical);
        numeric = List.copyOf(numeric);
        Set<String> both = new HashSet<>(categorical);
        both.retainAll(numeric);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("columns " + both + " are declared both categorical and numeric");
        }
    }

    /** Mostly text in the first rows makes a column categorical. */
    public static ColumnKinds inferred() {
        return new ColumnKinds(true, List.of(), List.of());
    }

    /** Exactly these columns categorical, every other feature numeric (a model's columns, to score it). */
    public static ColumnKinds exactly(List<String> categorical) {
        return new ColumnKinds(false, categorical, List.of());
    }

    public ColumnKinds withCategorical(List<String> names) {
        return new ColumnKinds(infer, union(categorical, names), numeric);
    }

    public ColumnKinds withNumeric(List<String> names) {
        return new ColumnKinds(infer, categorical, union(numeric, names));
    }

    private static List<String> union(List<String> first, List<String> second) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    /**
     * The categorical columns of a file whose features are {@code features}, in their order, given
     * the columns with text in its first rows.
     *
     * @throws DataFileException naming a declared column that is not a feature of {@code file}
     */
    public List<String> resolve(Path file, List<String> features, List<String> withText) {
        Set<String> known = new HashSet<>(features);
        for (List<String> declared : List.of(categorical, numeric)) {
            for (String name : declared) {
                if (!known.contains(name)) {
                    throw new DataFileException(file, "has no feature column named \"" + name + "\" to read as "
                            + (declared == categorical ? "categories" : "numbers") + "; its features are "
                            + ColumnLayout.listed(features), null);
                }
            }
        }
        Set<String> chosen = new HashSet<>(categorical);
        if (infer) {
            chosen.addAll(withText);
        }
        numeric.forEach(chosen::remove);
        return features.stream().filter(chosen::contains).toList();
    }

    /**
     * {@code problem}, or for text in a column declared numeric, the same with the declaration
     * named: the usual hint to declare the column categorical would ignore it.
     */
    DataFileException explained(DataFileException problem) {
        String name = problem.columnName();
        String hint = CellParser.categoricalHint(name);
        if (name == null || !numeric.contains(name) || !problem.problem().contains(hint)) {
            return problem;
        }
        return problem.withProblem(problem.problem().replace(hint, "the column is read as numbers because "
                + io.dense4j.data.Remedy.of("--numeric", "CsvSource.Options.withNumeric") + " names it; leave it out there to read "
                + "the column as categories"));
    }
}
