package io.dense4j.model;

import io.dense4j.data.Categories;
import io.dense4j.data.Printable;
import io.dense4j.data.csv.CsvFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules for the marks of a missing value a model keeps ({@link InputSchema#missingMarks} and
 * {@link InputSchema#columnMissingMarks}): which marks a model may keep, which files may train it,
 * and the format a file it scores is read with, its own marks added to the model's.
 */
final class KeptMarks {
    private KeptMarks() {
    }

    /**
     * {@code marks} (null: a model saved before them) in feature order, checked as a model's own: each
     * column a feature, its marks ones some file can have, none of them one of its categories.
     */
    static Map<String, List<String>> byColumn(Map<String, List<String>> marks, List<String> featureNames,
                                              Map<String, Categories> categories) {
        if (marks == null || marks.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (String name : featureNames) {
            List<String> own = marks.get(name);
            if (own == null) {
                continue;
            }
            if (own.isEmpty()) {
                throw new IllegalArgumentException("the column \"" + Printable.of(name) + "\" is given no missing-value mark");
            }
            List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(own));
            try {
                CsvFormat.checkMissingMarks(distinct);
            } catch (IllegalArgumentException refused) {
                throw new IllegalArgumentException("column \"" + Printable.of(name) + "\": " + refused.getMessage(), refused);
            }
            String[] both = markThatIsACategory(distinct, categories.containsKey(name) ? Map.of(name, categories.get(name)) : Map.of());
            if (both != null) {
                throw new IllegalArgumentException("\"" + Printable.of(both[0]) + "\" is a missing-value mark and a "
                        + "category of \"" + Printable.of(both[1]) + "\"");
            }
            ordered.put(name, distinct);
        }
        if (ordered.size() != marks.size()) {
            List<String> unknown = marks.keySet().stream().filter(name -> !ordered.containsKey(name)).toList();
            throw new IllegalArgumentException("missing-value marks of one column are for features, and \"" + Printable.of(unknown.get(0))
                    + "\" is none" + (unknown.size() == 1 ? "" : String.format(java.util.Locale.ROOT, " (nor %,d more)", unknown.size() - 1)));
        }
        return Collections.unmodifiableMap(ordered);
    }

    /**
     * Throws unless rows to train on are read with exactly this model's missing-value marks, in every
     * column and in each one's own: a model keeps the marks it was trained with, and rows read with
     * others would train it on cells it later reads otherwise.
     */
    static void checkTraining(String data, CsvFormat format, List<String> missingMarks, Map<String, List<String>> columnMissingMarks) {
        List<String> marks = format.missingMarks();
        if (!java.util.Set.copyOf(marks).equals(java.util.Set.copyOf(missingMarks))) {
            throw new IllegalArgumentException(data + " is read with the missing-value marks " + (marks.isEmpty() ? "none but the usual"
                    : quoted(marks)) + ", and the model keeps " + (missingMarks.isEmpty() ? "none but the usual" : quoted(missingMarks))
                    + ": train it on rows read with its own (CsvFormat.withMissingMarks), or compile a model for these (InputSchema.of)");
        }
        if (!CsvFormat.sameColumnMarks(format.columnMissingMarks(), columnMissingMarks)) {
            throw new IllegalArgumentException(data + " is read with the missing-value marks of one column "
                    + CsvFormat.shownByColumn(format.columnMissingMarks()) + ", and the model keeps "
                    + CsvFormat.shownByColumn(columnMissingMarks) + ": train it on rows read with its own "
                    + "(CsvFormat.withColumnMissingMarks), or compile a model for these (InputSchema.of)");
        }
    }

    /** The first of {@code marks} that is a category of a column, with that column's name; null when none is. */
    static String[] markThatIsACategory(List<String> marks, Map<String, Categories> categories) {
        for (String mark : marks) {
            for (Map.Entry<String, Categories> column : categories.entrySet()) {
                if (column.getValue().values().contains(mark)) {
                    return new String[] {mark, column.getKey()};
                }
            }
        }
        return null;
    }

    static String quoted(List<String> marks) {
        return String.join(", ", marks.stream().map(mark -> "\"" + Printable.of(mark) + "\"").toList());
    }

    /** {@code format} reading this model's missing-value marks as well as its own, as its files were read in training. */
    static CsvFormat reading(CsvFormat format, InputSchema schema) {
        List<String> classes = schema.classes();
        Map<String, Categories> categories = schema.categories();
        List<String> missingMarks = schema.missingMarks();
        Map<String, List<String>> columnMissingMarks = schema.columnMissingMarks();
        for (String mark : format.missingMarks()) { // read as a missing label, a row of that class would be refused or skipped
            if (classes.contains(mark)) {
                throw new IllegalArgumentException("the missing-value mark \"" + Printable.of(mark)
                        + "\" is one of the model's classes: leave it out of the marks");
            }
        }
        String[] both = markThatIsACategory(format.missingMarks(), categories); // read as missing, it would lose its slot
        if (both != null) {
            throw new IllegalArgumentException("the missing-value mark \"" + Printable.of(both[0])
                    + "\" is a category the model trained for \"" + Printable.of(both[1]) + "\": leave it out of the marks");
        }
        format.columnMissingMarks().forEach((name, own) -> {
            String[] category = markThatIsACategory(own, categories.containsKey(name) ? Map.of(name, categories.get(name)) : Map.of());
            if (category != null) {
                throw new IllegalArgumentException("the missing-value mark \"" + Printable.of(category[0])
                        + "\" is a category the model trained for \"" + Printable.of(category[1]) + "\": leave it out "
                        + "of --missing-values-in");
            }
        });
        List<String> marks = new ArrayList<>(format.missingMarks());
        missingMarks.stream().filter(mark -> !marks.contains(mark)).forEach(marks::add);
        Map<String, List<String>> byColumn = new LinkedHashMap<>(format.columnMissingMarks());
        columnMissingMarks.forEach((name, own) -> {
            if (name.equals(format.labelName()) || name.equals(format.weightName())) {
                return; // a feature of the model's this file takes for its label: the read says so in its own words
            }
            List<String> added = own.stream().filter(mark -> !format.missingMarksOf(name).contains(mark)).toList();
            if (!added.isEmpty()) {
                byColumn.merge(name, added, (given, more) -> java.util.stream.Stream.concat(given.stream(), more.stream()).toList());
            }
        });
        if (marks.size() == format.missingMarks().size() && byColumn.equals(format.columnMissingMarks())) {
            return format;
        }
        String delimiter = String.valueOf(format.delimiter());
        java.util.Optional<String> cut = java.util.stream.Stream.concat(marks.stream(), byColumn.values().stream().flatMap(List::stream))
                .filter(mark -> mark.contains(delimiter)).findFirst();
        if (cut.isPresent()) { // the model's files had another delimiter: this one would cut the mark in two
            throw new IllegalArgumentException("the model's own mark of a missing value \"" + Printable.of(cut.get()) + "\" holds this "
                    + "file's delimiter " + (delimiter.equals("\t") ? "(a tab)" : "'" + delimiter + "'") + ", so no cell can hold it: "
                    + "read a file with another delimiter, and give it with --delimiter if it is not guessed");
        }
        try {
            return format.withMissingMarks(marks).withColumnMissingMarks(byColumn);
        } catch (IllegalArgumentException notInThisFile) { // "1.5", a mark in decimal-comma files, is a number in this one
            throw new IllegalArgumentException("the model's own marks of a missing value do not fit this file's number syntax ("
                    + notInThisFile.getMessage() + "): read it with the separators the model's files had (--decimal, --thousands)",
                    notInThisFile);
        }
    }
}
