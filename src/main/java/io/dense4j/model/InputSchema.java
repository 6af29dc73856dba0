package io.dense4j.model;

import io.dense4j.data.Categories;
import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.Remedy;
import io.dense4j.graph.InputLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a model's input columns and classes are called, saved with it so that data files can be
 * checked against it and predictions named, and how it fills missing values.
 *
 * @param featureNames     the feature columns, in the order the model reads them
 * @param classes          the label names meaning class 0 and class 1 (null where unknown)
 * @param missingValueFill each feature's value for a missing one (its training mean), or null when
 *                         missing values are errors
 * @param labelName        the label column's header name, or null (a file without a header, or a
 *                         model saved before dense4j recorded it)
 * @param categories       the categorical features' encodings, by name, in feature order; the
 *                         other features are numbers (their fill is unused for a categorical one,
 *                         whose missing value has a slot of its own)
 * @param missingMarks     the texts its files marked missing values with besides those always read
 *                         so ({@link io.dense4j.data.csv.CsvFormat#missingMarks}): a file it scores
 *                         is read with them, so that a "?" reaches the slot it trained
 * @param columnMissingMarks the marks of one feature column each, by name, besides {@code missingMarks}
 *                         ({@link io.dense4j.data.csv.CsvFormat#columnMissingMarks}): a glucose
 *                         of 0 read as missing where a count of 0 stays a value
 * @param dates            the number features whose cells are dates, each read as its days since 1970-01-01
 *                         ({@link io.dense4j.data.csv.CsvFormat#dates}); in another column a date is no number
 */
public record InputSchema(List<String> featureNames, List<String> classes, List<Double> missingValueFill, String labelName,
                          Map<String, Categories> categories, List<String> missingMarks,
                          Map<String, List<String>> columnMissingMarks, List<String> dates) {

    public InputSchema {
        missingMarks = missingMarks == null ? List.of() : List.copyOf(missingMarks); // null: a model saved before them
        String[] both = KeptMarks.markThatIsACategory(missingMarks, categories); // a mark is read as missing before a category is looked up
        if (both != null) {
            throw new IllegalArgumentException("\"" + io.dense4j.data.Printable.of(both[0]) + "\" is a missing-value mark and a "
                    + "category of \"" + io.dense4j.data.Printable.of(both[1]) + "\"");
        }
        featureNames = List.copyOf(featureNames);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : featureNames) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("a model's features have distinct names, and \"" + io.dense4j.data.Printable.of(name)
                        + "\" is there twice");
            }
        }
        Map<String, Categories> ordered = new LinkedHashMap<>();
        for (String name : featureNames) {
            if (categories.containsKey(name)) {
                ordered.put(name, categories.get(name));
            }
        }
        if (ordered.size() != categories.size()) {
            List<String> unknown = categories.keySet().stream().filter(name -> !ordered.containsKey(name)).toList();
            throw new IllegalArgumentException("categorical columns must be features, and " + unknown + " are not");
        }
        categories = Collections.unmodifiableMap(ordered);
        dates = dates == null ? List.of() : List.copyOf(dates); // null: a model saved before dates were read
        if (new java.util.HashSet<>(dates).size() != dates.size()) {
            throw new IllegalArgumentException("the columns of dates must be distinct, got " + dates);
        }
        for (String name : dates) {
            if (!seen.contains(name) || ordered.containsKey(name)) {
                throw new IllegalArgumentException("a column of dates is a number feature, and \"" + io.dense4j.data.Printable.of(name)
                        + "\" is " + (ordered.containsKey(name) ? "categorical" : "no feature"));
            }
        }
        java.util.Set<String> dated = java.util.Set.copyOf(dates);
        dates = featureNames.stream().filter(dated::contains).toList(); // in feature order, as a file's are found
        columnMissingMarks = KeptMarks.byColumn(columnMissingMarks, featureNames, categories);
        if (classes.size() != 2) {
            throw new IllegalArgumentException("a binary classifier has 2 classes, got " + classes);
        }
        classes = Collections.unmodifiableList(new ArrayList<>(classes));
        if (classes.get(0) != null && classes.get(0).equals(classes.get(1))) {
            throw new IllegalArgumentException("a binary classifier's two classes have two names, got \""
                    + io.dense4j.data.Printable.of(classes.get(0)) + "\" twice");
        }
        if (missingValueFill != null) {
            missingValueFill = List.copyOf(missingValueFill);
            if (missingValueFill.size() != featureNames.size()
                    || missingValueFill.stream().anyMatch(value -> !Double.isFinite(value))) {
                throw new IllegalArgumentException("missing-value fill needs one finite value per feature ("
                        + featureNames.size() + "), got " + missingValueFill);
            }
        }
    }

    /** With no column of dates. */
    public InputSchema(List<String> featureNames, List<String> classes, List<Double> missingValueFill, String labelName,
                       Map<String, Categories> categories, List<String> missingMarks, Map<String, List<String>> columnMissingMarks) {
        this(featureNames, classes, missingValueFill, labelName, categories, missingMarks, columnMissingMarks, List.of());
    }

    /** With no missing-value marks of one column alone. */
    public InputSchema(List<String> featureNames, List<String> classes, List<Double> missingValueFill, String labelName,
                       Map<String, Categories> categories, List<String> missingMarks) {
        this(featureNames, classes, missingValueFill, labelName, categories, missingMarks, Map.of());
    }

    /** The marks of a missing value in the feature {@code name}: those of every column, then its own. */
    public List<String> missingMarksOf(String name) {
        return io.dense4j.data.csv.CsvFormat.marksOf(name, missingMarks, columnMissingMarks);
    }

    /**
     * The whole-number marks (-9) of a missing value in the number feature {@code name}, as the
     * float32 its rows are read into: none in a column of dates, whose values are days, nor in a
     * categorical one, whose marks are text.
     */
    public float[] numberMarksOf(String name) {
        if (categories.containsKey(name) || dates.contains(name)) {
            return new float[0];
        }
        List<String> marks = missingMarksOf(name).stream().filter(io.dense4j.data.csv.CsvFormat::isNumberMark).toList();
        float[] values = new float[marks.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Integer.parseInt(marks.get(i));
        }
        return values;
    }

    /** With no missing-value marks but those always read. */
    public InputSchema(List<String> featureNames, List<String> classes, List<Double> missingValueFill, String labelName,
                       Map<String, Categories> categories) {
        this(featureNames, classes, missingValueFill, labelName, categories, List.of());
    }

    /** Every feature a number. */
    public InputSchema(List<String> featureNames, List<String> classes, List<Double> missingValueFill, String labelName) {
        this(featureNames, classes, missingValueFill, labelName, Map.of());
    }

    /**
     * The schema of {@code data}'s rows: its features, classes and label, and each categorical
     * column's {@code maxCategories} most frequent values; no missing-value fill (a fit on a file
     * read with missing values filled adds its training means).
     */
    public static InputSchema of(io.dense4j.data.csv.CsvSource data, int maxCategories) {
        return of(data, maxCategories, io.dense4j.data.RowSelection.all());
    }

    /**
     * As above, each categorical column's categories counted over the {@code training} rows alone
     * (for a fit with a validation split, {@code FitOptions.trainingRows()}), so a value only the
     * held-out rows hold reads as "other", as a value never seen does.
     */
    public static InputSchema of(io.dense4j.data.csv.CsvSource data, int maxCategories, io.dense4j.data.RowSelection training) {
        return new InputSchema(data.featureNames(), data.classes(), null, data.labelName(), data.categories(maxCategories, training),
                data.format().missingMarks(), data.format().columnMissingMarks(), data.format().dates());
    }

    /** Without a label column's name. */
    public InputSchema(List<String> featureNames, List<String> classes, List<Double> missingValueFill) {
        this(featureNames, classes, missingValueFill, null);
    }

    /** Without missing-value fill. */
    public InputSchema(List<String> featureNames, List<String> classes) {
        this(featureNames, classes, null);
    }

    /** The same, the label read from the column named {@code name} (null for none known). */
    public InputSchema withLabelName(String name) {
        return new InputSchema(featureNames, classes, missingValueFill, name, categories, missingMarks, columnMissingMarks, dates);
    }

    /** What each input column holds: a number, or the code of one of its categories. */
    public InputLayout layout() {
        int[] slots = new int[featureNames.size()];
        for (int j = 0; j < slots.length; j++) {
            Categories encoding = categories.get(featureNames.get(j));
            slots[j] = encoding == null ? 0 : encoding.slots();
        }
        return new InputLayout(slots);
    }

    /**
     * Each feature's mean over the training rows, to fill its missing values with.
     *
     * @param source names the data in the error
     * @throws IllegalArgumentException naming a feature that has no values at all
     */
    public static List<Double> meansToFill(String source, List<String> featureNames, FeatureStatistics statistics) {
        return meansToFill(source, featureNames, statistics, java.util.Set.of());
    }

    /** As above, with 0 (unused) for the {@code categorical} features, whose missing values have a slot. */
    public static List<Double> meansToFill(String source, List<String> featureNames, FeatureStatistics statistics,
                                           java.util.Set<String> categorical) {
        double[] means = statistics.mean();
        List<Double> fill = new ArrayList<>();
        for (int j = 0; j < means.length; j++) {
            if (categorical.contains(featureNames.get(j))) {
                fill.add(0.0);
                continue;
            }
            if (Double.isNaN(means[j])) {
                String name = featureNames.get(j);
                throw new IllegalArgumentException(source + ": column \"" + name + "\" has no values in the training rows, "
                        + "so no mean to fill its missing values with; leave it out (--drop " + (name.isEmpty() ? "''" : name) + ")");
            }
            fill.add(means[j]);
        }
        return fill;
    }

    /**
     * Throws unless {@code file}'s labels map to this model's classes as its own do: label k of the
     * file is class k here (by value, as labels match: "0.0" is the class of "0"). A file whose
     * own order turned them round (another --positive) would score or train with inverted labels.
     */
    public void checkClasses(String file, List<String> fileClasses) {
        // streams, not contains(null): an immutable list (List.of) throws on asking for null
        if (classes.stream().anyMatch(java.util.Objects::isNull) || fileClasses.stream().anyMatch(java.util.Objects::isNull)) {
            return; // unknown names: nothing to compare
        }
        for (int k = 0; k < 2; k++) {
            if (io.dense4j.data.csv.LabelMapping.classOf(classes, fileClasses.get(k)) != k) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s maps its labels as 0 = \"%s\", 1 = \"%s\", but the model's "
                        + "classes are 0 = \"%s\", 1 = \"%s\": read it with the model's classes (CsvSource.Options.withClasses)",
                        file, io.dense4j.data.Printable.of(fileClasses.get(0)), io.dense4j.data.Printable.of(fileClasses.get(1)),
                        io.dense4j.data.Printable.of(classes.get(0)), io.dense4j.data.Printable.of(classes.get(1))));
            }
        }
    }

    /**
     * Throws unless {@code data} is read as this model reads its inputs, as fit and scoring need
     * it: its feature columns, in this order; its classes; its label column, unless it chose one;
     * and the same columns as categories. Each message names what differs.
     */
    public void check(io.dense4j.data.csv.CsvSource data) {
        checkLabel(data); // first: another column taken as the label leaves the label among the features, its classes others
        if (!data.format().missingMarks().containsAll(missingMarks)) { // a "?" the model trained as missing would be read otherwise
            throw new IllegalArgumentException(data.name() + " is read without the missing-value marks the model was trained with ("
                    + KeptMarks.quoted(missingMarks) + "): read it with them (" + Remedy.of("--missing-values", "CsvFormat.withMissingMarks, or Model.open, which "
                    + "reads it so") + ")");
        }
        columnMissingMarks.forEach((name, own) -> {
            if (!data.format().missingMarksOf(name).containsAll(own)) {
                throw new IllegalArgumentException(data.name() + " is read without the missing-value marks the model was trained with in "
                        + "column \"" + io.dense4j.data.Printable.of(name) + "\" (" + KeptMarks.quoted(own) + "): read it with them "
                        + "(" + Remedy.of("--missing-values-in", "CsvFormat.withColumnMissingMarks, or Model.open, which reads it so") + ")");
            }
        });
        checkFeatures(data.name(), data.featureNames());
        checkClasses(data.name(), data.classes());
        if (!data.format().dates().equals(dates)) {
            throw new IllegalArgumentException(data.name() + " reads " + (data.format().dates().isEmpty() ? "no column"
                    : quoted(data.format().dates(), featureNames.size())) + " as dates, but the model reads "
                    + (dates.isEmpty() ? "none" : quoted(dates, featureNames.size())) + ": read them as the model does ("
                    + Remedy.of("--categorical, which keeps dates as text", "Model.open, which reads them so") + ")");
        }
        if (!data.categoricalColumns().equals(List.copyOf(categories.keySet()))) {
            throw new IllegalArgumentException(data.name() + " reads " + (data.categoricalColumns().isEmpty() ? "no column"
                    : quoted(data.categoricalColumns(), featureNames.size())) + " as categories, but the model reads "
                    + (categories.isEmpty() ? "none" : quoted(List.copyOf(categories.keySet()), featureNames.size()))
                    + ": read them as the model does (" + Remedy.of("--categorical and --numeric", "Model.open, which reads them so, "
                    + "or compile a model for these with InputSchema.of") + ")");
        }
    }

    /**
     * Throws unless rows to train on are read with exactly this model's missing-value marks, in every
     * column and in each one's own: a model keeps the marks it was trained with, and rows read with
     * others would train it on cells it later reads otherwise.
     */
    public void checkTrainingMarks(String data, io.dense4j.data.csv.CsvFormat format) {
        KeptMarks.checkTraining(data, format, missingMarks, columnMissingMarks);
    }

    /** {@code format} reading this model's missing-value marks as well as its own, as its files were read in training. */
    public io.dense4j.data.csv.CsvFormat reading(io.dense4j.data.csv.CsvFormat format) {
        return KeptMarks.reading(format, this).withDates(dates);
    }

    /**
     * Throws when {@code data} reads another label column than the one this model was trained on,
     * and took it without naming it: by default a file's last column is its label, and in a file
     * with more columns than the training file (an id, another outcome) that would score the
     * model against another column's values.
     */
    private void checkLabel(io.dense4j.data.csv.CsvSource data) {
        String read = data.labelName();
        io.dense4j.data.csv.CsvFormat format = data.format();
        if (labelName == null || read == null || labelName.equals(read) || !format.labeled() || format.choosesLabel()) {
            return;
        }
        throw new IllegalArgumentException(data.name() + " has \"" + io.dense4j.data.Printable.of(read) + "\" as its label, "
                + "the last column, but the model was trained on \"" + io.dense4j.data.Printable.of(labelName) + "\": name the "
                + "label column (" + Remedy.of("--label", "CsvFormat.withLabel, or Model.open, which reads the model's") + ")");
    }

    /**
     * Throws unless {@code columns} (the features read from {@code file}) are this schema's, in
     * its order; the message names what differs, up to ten names, not both whole lists.
     */
    public void checkFeatures(String file, List<String> columns) {
        if (columns.equals(featureNames)) {
            return;
        }
        requireColumns(file, columns);
        java.util.Set<String> known = new java.util.HashSet<>(featureNames);
        List<String> extra = columns.stream().filter(name -> !known.contains(name)).toList();
        throw new IllegalArgumentException(extra.isEmpty()
                ? file + " has the model's feature columns in another order; pick them by name (with a header) or reorder them"
                : file + " has feature columns the model was not trained on: " + quoted(extra, columns.size())
                + "; leave them out (--drop)");
    }

    /**
     * For a model trained on a file without a header, whose features are named by place ("column
     * 2", …): the place of its label column, from 0, the one place its features skip; −1 when the
     * features are not named so, or skip no place (the label was last) or more than one.
     */
    public int labelPlaceWithoutHeader() {
        java.util.BitSet places = new java.util.BitSet();
        for (String name : featureNames) {
            if (!name.matches("column [1-9][0-9]{0,8}")) {
                return -1;
            }
            places.set(Integer.parseInt(name.substring("column ".length())) - 1);
        }
        int skipped = places.nextClearBit(0);
        return places.cardinality() == featureNames.size() && skipped < featureNames.size()
                && places.nextClearBit(skipped + 1) == featureNames.size() + 1 ? skipped : -1;
    }

    /** As below, for a file read with the comma as its delimiter. */
    public void requireColumns(String file, java.util.Collection<String> columns) {
        requireColumns(file, columns, ',');
    }

    /**
     * Throws, naming up to ten of them, unless {@code columns} (of {@code file}'s header, read with
     * {@code delimiter}) include every one of this schema's features.
     */
    public void requireColumns(String file, java.util.Collection<String> columns, char delimiter) {
        java.util.Set<String> present = new java.util.HashSet<>(columns);
        List<String> missing = featureNames.stream().filter(name -> !present.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + " lacks the model's feature column" + (missing.size() == 1 ? " " : "s ")
                    + quoted(missing, featureNames.size()) + (labelName == null && namedByPlace()
                    ? " (the model was trained on a file without a header row, its columns named by place: give "
                    + Remedy.of("--no-header", "CsvFormat.withoutHeader()") + ")"
                    : columns.size() == 1 ? io.dense4j.data.csv.DelimiterHint.forOneColumn(columns.iterator().next(), delimiter, true)
                    : ""));
        }
    }

    /** Whether every feature is named by its place ("column 3"), as a file without a header row names them. */
    public boolean namedByPlace() {
        return featureNames.stream().allMatch(name -> name.matches("column [1-9][0-9]{0,8}"));
    }

    /** Up to ten names, quoted, then how many of {@code of} they are when more. */
    private static String quoted(List<String> names, int of) {
        String shown = names.stream().limit(10).map(name -> "\"" + io.dense4j.data.Printable.of(name) + "\"")
                .collect(java.util.stream.Collectors.joining(", "));
        return names.size() <= 10 ? shown : String.format(java.util.Locale.ROOT, "%s, … (%,d of %,d)", shown, names.size(), of);
    }

    /** The fill values as an array, or null. */
    public double[] fillValues() {
        return missingValueFill == null ? null : missingValueFill.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
