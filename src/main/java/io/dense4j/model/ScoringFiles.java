package io.dense4j.model;

import io.dense4j.data.csv.ColumnKinds;
import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvReader;
import io.dense4j.data.csv.CsvSource;
import java.nio.file.Path;
import java.util.List;

/**
 * Files opened to be scored by a trained model, read as the model reads its inputs: its feature
 * columns picked by name among any others, in any order; its label column by the name it was
 * trained on (by place, for a model trained on a file without a header row); its classes; exactly
 * its categorical columns, each value it knows numbered wherever it comes in a file, past a
 * column's bound too; missing values filled if it fills them. What {@code dense4j evaluate} reads
 * and what {@link Model#open} gives the Java API, so that both score the same rows alike.
 */
final class ScoringFiles {
    private ScoringFiles() {
    }

    /**
     * {@code files} read as {@code format} says where it chooses (a label or feature columns named
     * there are kept), and as {@code schema}'s model reads its inputs where it does not; streamed
     * without a cache, whatever {@code options} say, since a cache keeps the numbering of
     * categories it was built with.
     */
    static CsvSource open(InputSchema schema, CsvFiles files, CsvFormat format, CsvSource.Options options) {
        options = options.withoutCache();
        if (schema == null) { // a model of numbers alone: text in a column is a cell to name, not a category
            return CsvSource.open(files, format, options.withKinds(ColumnKinds.exactly(List.of())));
        }
        options = options.withClasses(schema.classes()).withKinds(ColumnKinds.exactly(List.copyOf(schema.categories().keySet())))
                .reserving(schema.categories());
        if (schema.missingValueFill() != null) {
            options = options.fillingMissing();
        }
        // the model's marks added once the header is checked: a column the file lacks is a feature it lacks, said so there
        CsvFormat read = schema.reading(asTheModelReads(schema, files, format));
        CsvSource source = CsvSource.open(files, read, options);
        schema.checkFeatures(source.name(), source.featureNames());
        return source;
    }

    /**
     * Refuses {@code --features} and {@code --drop} where they disagree with the columns the model
     * picks by name from a file with a header: other features, or one of the model's left out.
     * Agreeing ones change nothing.
     */
    static void checkChosenColumns(InputSchema schema, CsvFormat format) {
        if (format.features() != null && !format.features().equals(schema.featureNames())) {
            throw new IllegalArgumentException("--features disagrees with the model's feature columns (" + firstNames(schema.featureNames())
                    + "), which it picks by name; leave --features out");
        }
        for (String name : format.dropped()) {
            if (schema.featureNames().contains(name)) {
                throw new IllegalArgumentException("the model reads column \"" + name + "\", which --drop leaves out");
            }
        }
    }

    /** Up to five names, then how many more. */
    private static String firstNames(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(5, names.size())));
        return names.size() > 5 ? shown + " and " + (names.size() - 5) + " more" : shown;
    }

    /** {@code format}, reading the model's label and features by name where it has a header. */
    private static CsvFormat asTheModelReads(InputSchema schema, CsvFiles files, CsvFormat format) {
        if (format.labeled() && !format.choosesLabel()) {
            if (!format.header() && schema.labelPlaceWithoutHeader() >= 0) {
                format = format.withLabelIndex(schema.labelPlaceWithoutHeader()); // where the training file had it, as its features say
            } else if (format.header() && schema.labelName() != null) {
                format = format.withLabel(schema.labelName()); // whichever columns are chosen
            }
        }
        if (format.header()) {
            // the model's columns by name, in any order, among any others (an id, columns left out in training); a model that
            // names its columns by place says so first, whatever the flags
            for (Path file : files.paths()) {
                schema.requireColumns(file.toString(), new CsvReader(file, format).columnNames(), format.delimiter());
            }
            checkChosenColumns(schema, format);
            format = format.withFeatures(schema.featureNames());
        }
        return format;
    }
}
