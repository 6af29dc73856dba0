package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import io.dense4j.data.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What makes several CSV files one table: the same feature and label columns, and labels that
 * name two classes across them all. Each rule names the first file that breaks it.
 */
final class FileSetRules {
    private FileSetRules() {
    }

    /** Throws unless {@code other} gives the features and label {@code first} gives, naming the first difference. */
    static void checkSameColumns(Path firstFile, CsvReader first, Path otherFile, CsvReader other) {
        List<String> expected = first.featureNames();
        List<String> found = other.featureNames();
        String difference = null;
        for (int j = 0; j < Math.min(expected.size(), found.size()) && difference == null; j++) {
            if (!expected.get(j).equals(found.get(j))) {
                difference = "feature " + (j + 1) + " is \"" + found.get(j) + "\", where " + firstFile + " has \""
                        + expected.get(j) + "\"";
            }
        }
        if (difference == null && found.size() != expected.size()) {
            difference = found.size() > expected.size() ? "has the feature \"" + found.get(expected.size()) + "\" after those of "
                    + firstFile : "lacks " + firstFile + "'s feature \"" + expected.get(found.size()) + "\"";
        }
        if (difference == null && !java.util.Objects.equals(first.labelColumnName(), other.labelColumnName())) {
            difference = "its label column is \"" + other.labelColumnName() + "\", where " + firstFile + " has \""
                    + first.labelColumnName() + "\"";
        }
        if (difference != null) {
            throw new DataFileException(otherFile, "does not have the columns of the files before it: " + difference, null);
        }
    }

    /**
     * The class names the files' labels map to, checked across them: a model's {@code classes},
     * or, when null, those their labels give (two at most, and at least two in all). The label
     * column's name ({@code labelColumn}, null without a header) goes in the message of a label
     * the model does not know: a file may hold another column where the label was.
     */
    static List<String> classes(List<CsvFile> files, List<String> classes, String labelColumn, String labelChoice) {
        List<String> seen = new ArrayList<>();
        for (CsvFile file : files) {
            for (String name : file.labelNames()) {
                if (classes != null && LabelMapping.classOf(classes, name) < 0) {
                    throw new DataFileException(file.path(), "has the label \"" + Printable.of(name) + "\"" + (labelColumn == null ? ","
                            : " in its label column, \"" + Printable.of(labelColumn) + "\",") + " which is not one of the model's classes " + classes.stream().map(known -> known == null ? "(none)" : Printable.of(known)).toList(), null);
                }
                if (LabelMapping.indexOfSameValue(seen, name) < 0) { // by value, as one file's are: 0 and -1 are two labels
                    if (seen.size() == 2) {
                        throw new DataFileException(file.path(), "has the label \"" + Printable.of(name) + "\", a third one after \""
                                + Printable.of(seen.get(0)) + "\" and \"" + Printable.of(seen.get(1)) + "\" in the files before it"
                                + LabelMapping.caseHint(name, seen) + "; a binary classifier needs two" + labelChoice, null);
                    }
                    seen.add(name);
                    String problem = LabelMapping.restore(seen).problem();
                    if (problem != null) {
                        throw new DataFileException(file.path(), "has labels that do not go with the files before it: " + problem
                                + labelChoice, null);
                    }
                }
            }
        }
        if (classes != null) {
            return classes;
        }
        if (seen.size() < 2) {
            String holds = files.size() > 1 ? "and the files after it hold " : "holds ";
            throw new DataFileException(files.get(0).path(), seen.isEmpty() ? holds + "no data rows"
                    : (files.size() > 1 ? "and the files after it have" : "has") + " only one label value (\"" + Printable.whole(seen.get(0)) + "\") in "
                    + (files.size() > 1 ? "their" : "its") + " label column; a binary classifier needs two", null);
        }
        return Arrays.asList(LabelMapping.restore(seen).classes());
    }
}
