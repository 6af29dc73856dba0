package io.dense4j.data.csv;

import io.dense4j.data.Printable;
import java.util.List;

/**
 * Turns a row's label cell into its provisional class through the pass's {@link LabelMapping},
 * judging each name when it first appears: it must be valid UTF-8 and, unless names are only
 * being collected, fit the labels seen before it. Exists to keep those checks, and their
 * messages, apart from the row loop: a name that does not fit is taken back out of the mapping,
 * so that when bad rows are skipped the next row sees the labels as they were.
 */
final class LabelParser {
    private final LabelMapping labels;
    private final boolean collect;
    private final CsvProblems problems;
    private final String labelChoice;
    private final MissingMarks marks;
    /** A model's class names, which each label must be one of; null to take the file's. */
    private final java.util.List<String> classes;

    /**
     * With {@code collect}, any names up to {@link CsvReader#COLLECTED_LABELS_MAX} are taken
     * unjudged; with {@code classes} (a model's), a name that is none of them is refused at its row.
     */
    LabelParser(boolean collect, java.util.List<String> classes, CsvProblems problems) {
        this(collect, classes, problems, "", MissingMarks.NONE);
    }

    /**
     * @param labelChoice what an error about a label adds ({@link CsvFormat#labelChoiceNote})
     * @param marks       the format's own marks of a missing value, which a label is not either
     */
    LabelParser(boolean collect, java.util.List<String> classes, CsvProblems problems, String labelChoice, MissingMarks marks) {
        this.labels = collect ? LabelMapping.collecting(CsvReader.COLLECTED_LABELS_MAX) : new LabelMapping();
        this.collect = collect;
        this.classes = classes;
        this.problems = problems;
        this.labelChoice = labelChoice;
        this.marks = marks;
    }

    /** The provisional class of the label cell {@code bytes[from, to)} in {@code column}, counting from 1. */
    int provisionalClass(byte[] bytes, int from, int to, int column) {
        if (from == to) {
            throw problems.cell(column, "empty label cell (a missing value)" + (problems.unnamed(column)
                    // a header and every line ending in a delimiter: the last column, the default label, is nothing
                    ? "; the column has no name, as when every line ends in a delimiter: name the label column (--label NAME "
                    + "or its index from 0) and leave the empty one out (--drop '')" : labelChoice));
        }
        if (marks.matches(bytes, from, to)) { // a row to skip, whether a model's classes are known or not
            // a whole number that marks missing features ("0") also takes numeric labels: say which flag
            throw problems.cell(column, "the label \"" + CsvProblems.text(bytes, from, to) + "\" is a missing value, as --missing-values "
                    + "marks it" + labelChoice);
        }
        int seenBefore = labels.seen();
        int provisional = labels.provisionalClass(bytes, from, to);
        if (classes != null && (provisional < 0 || labels.seen() > seenBefore)) { // a name first met: one of the model's?
            String name = new String(bytes, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
            if (LabelMapping.classOf(classes, name) < 0) {
                labels.keepFirst(seenBefore); // the mapping stays as it was, whoever catches this
                if (LabelMapping.isMissing(name)) { // a missing label, a row to skip as training skips it
                    throw problems.cell(column, "the label \"" + CsvProblems.text(bytes, from, to) + "\" is a missing value");
                }
                // never a row to skip: a class spelled otherwise ("Yes") would leave the rows of one class out of the scores
                throw new NotTheModels(problems.cell(column, "label \"" + CsvProblems.text(bytes, from, to) + "\" is none of the "
                        + "model's classes, \"" + Printable.of(classes.get(0)) + "\" and \"" + Printable.of(classes.get(1)) + "\""
                        + LabelMapping.caseHint(name, classes) + (CsvProblems.utf8(bytes, from, to) ? "" : problems.encodingHint(bytes, from, to))));
            }
        }
        if (provisional < 0) {
            String[] names = labels.names();
            throw problems.cell(column, collect ? "label \"" + CsvProblems.text(bytes, from, to) + "\" makes more than "
                    + CsvReader.COLLECTED_LABELS_MAX + " distinct labels; a binary classifier has two"
                    : "label \"" + CsvProblems.text(bytes, from, to) + "\" is a third class; the labels so far are \""
                    + Printable.whole(names[0]) + "\" and \"" + Printable.whole(names[1]) + "\""
                    + LabelMapping.caseHint(new String(bytes, from, to - from, java.nio.charset.StandardCharsets.UTF_8), List.of(names))
                    + labelChoice
                    // a label spelled in another encoding ("Best\xE4tigt") is no third class: say what it is
                    + (CsvProblems.utf8(bytes, from, to) ? "" : problems.encodingHint(bytes, from, to)));
        }
        if (labels.seen() > seenBefore) {
            problems.decode(bytes, from, to, column); // a new name must be valid UTF-8
            String problem = collect ? null : labels.problem();
            if (problem != null) {
                labels.keepFirst(seenBefore); // the rejected name must not count if the row is skipped
                throw problems.cell(column, problem + labelChoice);
            }
        }
        return provisional;
    }

    /** The names seen so far. */
    LabelMapping mapping() {
        return labels;
    }

    /** A label that is none of a model's classes: it stops the read even when bad rows are skipped. */
    static final class NotTheModels extends RuntimeException {
        private final transient io.dense4j.data.DataFileException problem;

        NotTheModels(io.dense4j.data.DataFileException problem) {
            super(problem.getMessage(), problem, false, false);
            this.problem = problem;
        }

        io.dense4j.data.DataFileException problem() {
            return problem;
        }
    }
}
