package io.dense4j.data.csv;

import io.dense4j.data.Printable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a file's first line says about every row: the column names (the header's, or "column 1",
 * … without one), which column is the label, which (if any) holds the rows' weights, and which columns are features and in what place
 * each goes. Exists so that the layout is worked out once, checked against the format with errors
 * that name what the file does have, and then shared: by every row of a pass, and by the passes
 * over later pieces of the same file, whose own first line is data.
 */
final class ColumnLayout {
    private final List<String> names;
    private final int columns;
    private final int labelColumn;      // −1 for a file without a label column
    private final int weightColumn;     // −1 when every row weighs 1
    private final int[] featureOf;      // each column's place among the features, or −1 (the label, the weight, a left-out column)
    private final List<String> chosen;  // the format's chosen features, in their order, or null for all but the dropped
    private final int featureCount;

    private ColumnLayout(List<String> names, int labelColumn, int weightColumn, int[] featureOf, List<String> chosen) {
        this.names = names;
        this.columns = names.size();
        this.labelColumn = labelColumn;
        this.weightColumn = weightColumn;
        this.featureOf = featureOf;
        this.chosen = chosen;
        this.featureCount = featureNames().size();
    }

    /**
     * A carriage return inside the first line: lines that end in '\r' alone, as classic Mac OS
     * programs (and Excel's "CSV (Macintosh)") write them, so the whole file reads as one line,
     * whose "columns" would be every row's cells. Said as what it is, before anything else.
     */
    private static void refuseCarriageReturns(byte[] bytes, int from, int to, CsvProblems problems) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\r') {
                throw problems.row("holds a carriage return (\\r) with no line feed after it: the file's lines end in \\r alone "
                        + "(old Mac line ends); convert them to \\n first, for example with tr '\\r' '\\n'");
            }
        }
    }

    /**
     * The layout the first line, {@code bytes[from, to)}, gives under {@code format}. The line's
     * bytes are left as they are, so that a first line that is data can be read again as a row.
     */
    static ColumnLayout read(CsvFormat format, byte[] bytes, int from, int to, CsvProblems problems) {
        refuseCarriageReturns(bytes, from, to, problems);
        byte[] line = Arrays.copyOfRange(bytes, from, to); // the scanner unescapes quotes in place
        FieldScanner scanner = new FieldScanner(format.delimiter(), problems);
        List<String> cells = new ArrayList<>();
        for (int at = 0, column = 1; at <= line.length; column++) {
            int next = scanner.field(line, at, line.length, column);
            cells.add(problems.decode(line, scanner.start(), scanner.end(), column));
            at = next + 1;
        }
        int columns = cells.size();
        // blank lines before the first are passed over: a file of a byte-order mark alone, or of spaces (without a header, a
        // row of one missing value)
        if (format.header() && columns == 1 && cells.get(0).isBlank()) {
            throw problems.row("holds nothing but blanks: expected a header row and data rows");
        }
        if (columns < (format.labeled() ? 2 : 1)) {
            String hint = DelimiterHint.forOneColumn(cells.get(0), format.delimiter(), format.header());
            throw problems.row("found 1 column; a labeled CSV needs at least one feature and a label"
                    + (!hint.isEmpty() ? hint : format.delimiter() != ',' ? "" : " (is the delimiter a comma?)"));
        }
        List<String> names = cells;
        if (format.header()) {
            refuseRepeatedNames(names, problems);
        } else {
            names = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                names.add(CsvFormat.nameWithoutHeader(i));
            }
        }
        int labelColumn = format.labeled() ? labelColumn(format, names, problems) : -1;
        int weightColumn = weightColumn(format, names, labelColumn, problems);
        int[] featureOf = featureColumns(format, names, labelColumn, weightColumn, problems);
        ColumnLayout layout = new ColumnLayout(names, labelColumn, weightColumn, featureOf, format.features());
        layout.checkMarkedColumns(format, problems);
        return layout;
    }

    /** Marks of a missing value for one column are for a feature: another name is a typo, or a column not read. */
    private void checkMarkedColumns(CsvFormat format, CsvProblems problems) {
        if (format.columnMissingMarks().isEmpty()) {
            return;
        }
        Set<String> features = new HashSet<>(featureNames());
        for (String name : format.columnMissingMarks().keySet()) {
            if (!features.contains(name)) {
                String what = names.contains(name) ? "column \"" + Printable.of(name) + "\" is not a feature"
                        : "has no column named \"" + Printable.of(name) + "\"";
                throw problems.row(what + ", so it takes no missing-value marks of its own (--missing-values-in); its features are "
                        + listed(featureNames()));
            }
        }
    }

    /** Columns are picked by name, so two of one name would make the pick depend on their order. */
    private static void refuseRepeatedNames(List<String> names, CsvProblems problems) {
        Map<String, Integer> first = new HashMap<>();
        for (int column = 0; column < names.size(); column++) {
            Integer earlier = first.putIfAbsent(names.get(column), column);
            if (earlier != null) {
                throw problems.row("columns " + (earlier + 1) + " and " + (column + 1) + " are both named \"" + Printable.of(names.get(column))
                        + "\"; give each column a name of its own");
            }
        }
    }

    /**
     * For a name the header lacks: " (a column is named "Class"; names match exactly)" when one
     * differs from it only in case or in blanks around it, which a list cut at ten may not show.
     */
    static String namedAlike(String name, List<String> names) {
        String wanted = name.strip();
        return names.stream().filter(other -> !other.equals(name) && other.strip().equalsIgnoreCase(wanted)).findFirst()
                .map(other -> " (a column is named \"" + Printable.of(other) + "\"; names match exactly)").orElse("");
    }

    /** The column names for a message: all of a few, the first ten of many. */
    static String listed(List<String> names) {
        int shown = 10;
        List<String> printed = names.stream().limit(shown).map(Printable::of).toList();
        return names.size() <= shown ? String.join(", ", printed)
                : String.join(", ", printed) + String.format(java.util.Locale.ROOT, ", … (%,d columns)", names.size());
    }

    private static int labelColumn(CsvFormat format, List<String> names, CsvProblems problems) {
        int index = format.labelColumnIn(names);
        if (index < 0 && format.labelName() != null) {
            throw problems.row("has no column named \"" + format.labelName() + "\" to read as the label" + namedAlike(format.labelName(),
                    names) + " (" + io.dense4j.data.Remedy.of("--label NAME", "CsvFormat.withLabel") + " names another); its columns are "
                    + listed(names));
        }
        if (index < 0) {
            throw problems.row("has " + names.size() + " columns, so no label column " + format.labelIndex() + " (counting from 0)");
        }
        return index;
    }

    private static int weightColumn(CsvFormat format, List<String> names, int labelColumn, CsvProblems problems) {
        if (format.weightName() == null) {
            return -1;
        }
        int index = names.indexOf(format.weightName());
        if (index < 0) {
            throw problems.row("has no weight column named \"" + format.weightName() + "\"" + namedAlike(format.weightName(), names)
                    + "; its columns are " + listed(names));
        }
        if (index == labelColumn) {
            throw problems.row("column \"" + format.weightName() + "\" is the label; it cannot also be the weight");
        }
        return index;
    }

    /**
     * Which columns are features, and where each goes: the chosen ones in their order, or all but
     * the dropped, the label and the weight.
     */
    private static int[] featureColumns(CsvFormat format, List<String> names, int labelColumn, int weightColumn,
                                        CsvProblems problems) {
        Map<String, Integer> columnOf = new HashMap<>(); // by name: linear in the columns, whatever their number
        for (int column = names.size() - 1; column >= 0; column--) {
            columnOf.put(names.get(column), column); // without a header, names are unique; with one, repeats are refused
        }
        for (String name : format.features() == null ? format.dropped() : format.features()) {
            Integer column = columnOf.get(name);
            if (column == null) {
                throw problems.row("has no column named \"" + name + "\" to " + (format.features() == null ? "leave out" : "read")
                        + namedAlike(name, names) + "; its columns are " + listed(names));
            }
            if (column == labelColumn) {
                throw problems.row("column \"" + name + "\" is the label; it cannot also be "
                        + (format.features() == null ? "left out" : "a feature"));
            }
        }
        Map<String, Integer> chosenPlace = new HashMap<>();
        if (format.features() != null) {
            for (int place = 0; place < format.features().size(); place++) {
                chosenPlace.put(format.features().get(place), place);
            }
        }
        Set<String> dropped = new HashSet<>(format.dropped());
        int[] places = new int[names.size()];
        int next = 0;
        for (int column = 0; column < names.size(); column++) {
            String name = names.get(column);
            if (column == labelColumn || column == weightColumn) {
                places[column] = -1;
            } else if (format.features() != null) {
                Integer place = chosenPlace.get(name);
                places[column] = place == null || columnOf.get(name) != column ? -1 : place;
            } else {
                places[column] = dropped.contains(name) ? -1 : next++;
            }
        }
        if (format.features() == null && next == 0) {
            throw problems.row("has no feature column left once the label" + (weightColumn >= 0 ? ", the weight" : "")
                    + " and the dropped columns are taken out");
        }
        return places;
    }

    /** The column names: the header's, or "column 1", … without one. */
    List<String> names() {
        return names;
    }

    int columns() {
        return columns;
    }

    /** The label's column, counting from 0, or −1 when the file has none. */
    int labelColumn() {
        return labelColumn;
    }

    /** The weight's column, counting from 0, or −1 when every row weighs 1. */
    int weightColumn() {
        return weightColumn;
    }

    /**
     * Each column's place among the features, or −1 for the label, the weight and left-out columns. The array
     * is shared: read it, never change it.
     */
    int[] featureOf() {
        return featureOf;
    }

    /** How many features a row has. */
    int featureCount() {
        return featureCount;
    }

    /** The features' names, in their places' order: the format's list when it chooses them, else a new list each call. */
    List<String> featureNames() {
        if (chosen != null) {
            return chosen;
        }
        List<String> featureNames = new ArrayList<>();
        for (int column = 0; column < columns; column++) {
            if (featureOf[column] >= 0) {
                featureNames.add(names.get(column));
            }
        }
        return featureNames;
    }
}
