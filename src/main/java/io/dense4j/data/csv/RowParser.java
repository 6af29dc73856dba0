package io.dense4j.data.csv;

/**
 * Reads one data row into the features array and hands it to the {@link CsvReader.RowHandler}.
 * Exists to hold the row loop, the code every cell of a file goes through, apart from the pass
 * around it: a feature cell that is a plain number is parsed as its field is scanned
 * ({@link PlainDecimal#parseField}), and only other cells go through the {@link FieldScanner} and
 * the {@link CellParser}. A row allocates nothing; the features array is reused.
 */
final class RowParser {
    private final int columns;
    private final int labelColumn;
    private final int weightColumn;
    private final int[] featureOf;
    private final float[] features;
    private final int delimiter;
    private final boolean header;
    private final PlainDecimal plain;
    private final FieldScanner scanner;
    private final CellParser cells;
    /**
     * Each column's own marks of a missing value (the format's, and the column's), for categorical
     * cells, and numbers the fast path leaves to the cell parser; indexed by column from 0.
     */
    private final MissingMarks[] marks;
    private final boolean marksNumbers;
    /** Whether each column, counting from 0, holds dates, which the plain-number fast path must not take; null when none does. */
    private final boolean[] dates;
    private final LabelParser labels;
    private final CsvProblems problems;
    private final CsvReader.RowHandler handler;
    /** The kept columns (0-based), in the order their cells go to the handler; empty for none. */
    private final int[] keptColumns;
    /** Where each kept column's cell starts and ends in the current row, indexed by column. */
    private final int[] cellFrom;
    private final int[] cellTo;
    private final int lastKeptColumn;
    private final FieldScanner keptScanner;
    private byte[] keptLine = new byte[256];
    private long missing;
    /** Each feature's missing values in the rows handed on so far. */
    private final long[] missingByFeature;
    /** Each feature's category cells, null for a number; and the places of the categorical features. */
    private final CategoryCells[] categoryCells;
    private final int[] categoricalPlaces;

    /** The labels' runs over the rows parsed so far. */
    private final LabelRuns.Counter labelRuns = new LabelRuns.Counter();

    /**
     * @param categories each categorical feature's cells by name (all of {@code format.categorical()}),
     *                   which give its cells their numbers
     * @param forAModel  whether the rows are read for a model to score, which its messages then address
     */
    RowParser(ColumnLayout layout, CsvFormat format, boolean allowMissing, boolean collectLabels, java.util.List<String> classes,
              CsvProblems problems,
              CsvReader.RowHandler handler, int[] keptColumns, java.util.Map<String, ? extends CategoryCells> categories,
              boolean forAModel) {
        this.columns = layout.columns();
        this.labelColumn = layout.labelColumn();
        this.weightColumn = layout.weightColumn();
        this.features = new float[layout.featureCount()];
        this.missingByFeature = new long[layout.featureCount()];
        this.categoryCells = new CategoryCells[layout.featureCount()];
        this.categoricalPlaces = new int[categories.size()];
        java.util.List<String> featureNames = layout.featureNames();
        int[] places = layout.featureOf().clone();
        int next = 0;
        for (String name : format.categorical()) {
            int place = featureNames.indexOf(name);
            if (place < 0) {
                throw problems.row("has no feature column named \"" + name + "\" to read as categories; its features are "
                        + ColumnLayout.listed(featureNames));
            }
            categoryCells[place] = categories.get(name);
            categoricalPlaces[next++] = place;
        }
        for (int column = 0; column < places.length; column++) {
            if (places[column] >= 0 && categoryCells[places[column]] != null) {
                places[column] = -2 - places[column]; // −2 and below: a categorical feature's place, off the numbers' fast path
            }
        }
        this.featureOf = places;
        this.delimiter = format.delimiter();
        this.plain = new PlainDecimal(format.decimal());
        this.header = format.header();
        this.scanner = new FieldScanner(delimiter, problems);
        this.marks = MissingMarks.byColumn(format, layout);
        this.marksNumbers = MissingMarks.someMarkNumbers(marks);
        this.dates = DateCells.columns(format, layout);
        this.cells = new CellParser(allowMissing, problems, format, forAModel, marks, dates);
        this.labels = new LabelParser(collectLabels, classes, problems, format.labelChoiceNote(), MissingMarks.of(format));
        this.problems = problems;
        this.handler = handler;
        this.keptColumns = keptColumns;
        if (keptColumns.length > 0 && !(handler instanceof CsvReader.KeepingHandler)) {
            throw new IllegalArgumentException("kept columns need a KeepingHandler to take their cells");
        }
        this.cellFrom = new int[keptColumns.length > 0 ? columns : 0];
        this.cellTo = new int[cellFrom.length];
        this.lastKeptColumn = java.util.Arrays.stream(keptColumns).max().orElse(-1);
        this.keptScanner = new FieldScanner(delimiter, problems);
    }

    /**
     * Reads the row {@code bytes[from, to)}, line {@code line}, and hands it on; throws for a bad
     * cell or field count before the handler hears of the row. Quoted fields are unescaped in place.
     */
    void parse(byte[] bytes, int from, int to, long line) {
        if (keptColumns.length > 0) {
            findKeptCells(bytes, from, to); // first: the loop below unescapes quoted fields in place
        }
        int[] featureOf = this.featureOf;
        float[] features = this.features;
        int columns = this.columns;
        int delimiter = this.delimiter;
        PlainDecimal plain = this.plain;
        FieldScanner scanner = this.scanner;
        long rowMissing = 0; // counted in only once the row is good
        int labelFrom = -1;
        int labelTo = -1;
        int weightFrom = -1;
        int weightTo = -1;
        int column = 1;
        int at = from;
        while (true) {
            if (column > columns) {
                throw problems.misshapen("has more than " + columns + " fields; the "
                        + (header ? "header has " : "first row has ") + columns);
            }
            int place = featureOf[column - 1];
            if (place >= 0 && (dates == null || !dates[column - 1])) { // the common case first: a plain number read as the field is scanned
                double value = plain.parseField(bytes, at, to, delimiter);
                float rounded = (float) value;
                if (value == value && !Float.isInfinite(rounded) && !(marksNumbers && marks[column - 1].marksNumber(rounded))) {
                    features[place] = rounded;
                    int next = plain.end();
                    if (next >= to) {
                        break;
                    }
                    at = next + 1;
                    column++;
                    continue;
                }
            }
            int next = scanner.field(bytes, at, to, column);
            if (place >= 0) {
                float value = cells.number(bytes, scanner.start(), scanner.end(), column);
                if (value != value) { // the cell parser gives NaN only for an allowed missing value
                    rowMissing++;
                }
                features[place] = value;
            } else if (place <= -2) {
                int categorical = -2 - place;
                // blanks inside the quotes are left out too, as for a number: "CA  " from a padded CHAR column is CA
                int start = CellParser.afterBlanks(bytes, scanner.start(), scanner.end());
                int end = CellParser.beforeBlanks(bytes, start, scanner.end());
                features[categorical] = start == end || CellParser.isMissingMark(bytes, start, end) || marks[column - 1].matches(bytes, start, end)
                        ? categoryCells[categorical].missing()
                        : categoryCells[categorical].code(bytes, start, end, column, problems);
            } else if (column - 1 == labelColumn) {
                // read once the row's field count is known good; without the blanks inside its quotes, as a category
                labelFrom = CellParser.afterBlanks(bytes, scanner.start(), scanner.end());
                labelTo = CellParser.beforeBlanks(bytes, labelFrom, scanner.end());
            } else if (column - 1 == weightColumn) {
                weightFrom = scanner.start();
                weightTo = scanner.end();
            }
            if (next >= to) {
                break;
            }
            at = next + 1;
            column++;
        }
        if (column < columns) {
            throw problems.misshapen("has " + column + " fields; the " + (header ? "header has " : "first row has ") + columns);
        }
        int provisionalClass = labelColumn < 0 ? -1 : labels.provisionalClass(bytes, labelFrom, labelTo, labelColumn + 1);
        float weight = weightColumn < 0 ? 1 : cells.weight(bytes, weightFrom, weightTo, weightColumn + 1);
        for (int k = 0; k < keptColumns.length; k++) {
            int kept = keptColumns[k];
            // copied as text, so it must be text; whatever else it holds is copied as it is
            if (!CsvProblems.ascii(keptLine, cellFrom[kept], cellTo[kept]) && !CsvProblems.utf8(keptLine, cellFrom[kept], cellTo[kept])) {
                throw problems.notText(keptLine, cellFrom[kept], cellTo[kept], kept + 1);
            }
            ((CsvReader.KeepingHandler) handler).keptCell(k, keptLine, cellFrom[kept], cellTo[kept]);
        }
        for (int place : categoricalPlaces) {
            categoryCells[place].count(features[place]);
        }
        labelRuns.add(provisionalClass);
        if (rowMissing > 0) {
            countMissing(rowMissing);
        }
        handler.row(line, features, provisionalClass, weight); // last: a handler may fill the NaN in place
    }

    /**
     * Finds the kept columns' cells in a copy of the row, unquoted there, so that the row loop,
     * which every cell of every file goes through, does no work for them. A row too short leaves
     * stale places behind, never handed on: the loop then reports it.
     */
    private void findKeptCells(byte[] bytes, int from, int to) {
        if (keptLine.length < to - from) {
            keptLine = new byte[Math.max(to - from, 2 * keptLine.length)];
        }
        System.arraycopy(bytes, from, keptLine, 0, to - from);
        int end = to - from;
        for (int column = 1, at = 0; column <= lastKeptColumn + 1; column++) {
            int next = keptScanner.field(keptLine, at, end, column);
            cellFrom[column - 1] = keptScanner.untrimmedStart(); // copied through as written, spaces too
            cellTo[column - 1] = keptScanner.untrimmedEnd();
            if (next >= end) {
                break;
            }
            at = next + 1;
        }
    }

    /** The cells of categorical feature {@code place}, or null for a number. */
    CategoryCells categoryCells(int place) {
        return categoryCells[place];
    }

    /** The label names the rows so far have shown. */
    LabelMapping labels() {
        return labels.mapping();
    }

    /** Missing feature values read as NaN in the rows handed on so far. */
    long missingValues() {
        return missing;
    }

    /**
     * Counts the row's {@code rowMissing} missing numbers by column: a method of its own, so that
     * this rare path adds no code to {@link #parse}, which every row goes through.
     */
    private void countMissing(long rowMissing) {
        missing += rowMissing;
        for (int place = 0; place < features.length; place++) { // a category's cell may hold NaN until it is numbered
            missingByFeature[place] += categoryCells[place] == null && features[place] != features[place] ? 1 : 0;
        }
    }

    /** Each feature's missing values read as NaN in the rows handed on so far, in the features' order. */
    long[] missingByFeature() {
        return missingByFeature.clone();
    }

    /** How the labels of the rows handed on so far came in runs. */
    LabelRuns labelRuns() {
        return labelRuns.runs();
    }
}
