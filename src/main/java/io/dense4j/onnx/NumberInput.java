package io.dense4j.onnx;

import io.dense4j.data.csv.CsvFormat;
import io.dense4j.model.InputSchema;
import java.util.ArrayList;
import java.util.List;
import onnx.Onnx.TensorProto;

/**
 * The exported model's {@code features} input, the numeric columns, and what makes a value of it
 * missing: NaN, and a whole-number mark the model keeps (-9 in every column, or a glucose of 0 in
 * its own), compared in float32 as dense4j's reader reads every cell. A column of dates takes no
 * whole-number mark: its 0 and -1 are the days 1970-01-01 and 1969-12-31, as the reader reads
 * them. A missing value is filled with its column's training mean, or made NaN when the model
 * fills none.
 */
final class NumberInput {
    private NumberInput() {
    }

    /** Declares the input of the {@code numeric} columns of {@code features} and gives the value the first layer reads. */
    static String of(OnnxGraph onnx, InputSchema schema, List<String> features, int[] numeric, TensorProto.DataType real) {
        boolean fills = schema != null && schema.missingValueFill() != null;
        List<double[]> rows = markRows(schema, features, numeric);
        String given = marksGiven(schema, features, numeric);
        String numbers = onnx.input(OnnxExport.FEATURES, real, numeric.length, String.join(", ", OnnxExport.picked(features, numeric))
                + (fills ? "; NaN" + given + " where missing, filled with the training mean"
                : "; no missing values (the model fills none" + (given.isEmpty() ? "" : "; " + given.substring(4) + " gives NaN") + ")"));
        String marked = null;
        String compared = rows.isEmpty() || real == TensorProto.DataType.FLOAT ? numbers : onnx.node("Cast",
                "features_float32", List.of(numbers), OnnxGraph.attribute("to", TensorProto.DataType.FLOAT.getNumber()));
        for (int r = 0; r < rows.size(); r++) {
            String marks = onnx.constant("missing_marks_" + r, rows.get(r), numeric.length);
            if (real != TensorProto.DataType.FLOAT) { // a whole number of 7 digits is exact in either
                marks = onnx.node("Cast", "missing_marks_float32_" + r, List.of(marks),
                        OnnxGraph.attribute("to", TensorProto.DataType.FLOAT.getNumber()));
            }
            String equal = onnx.node("Equal", "marked_" + r, List.of(compared, marks));
            marked = marked == null ? equal : onnx.node("Or", "marked_up_to_" + r, List.of(marked, equal));
        }
        if (fills) {
            double[] fill = new double[numeric.length];
            for (int j = 0; j < numeric.length; j++) {
                fill[j] = schema.missingValueFill().get(numeric[j]);
            }
            String missing = onnx.node("IsNaN", "missing", List.of(numbers));
            if (marked != null) {
                missing = onnx.node("Or", "missing_or_marked", List.of(missing, marked));
            }
            return onnx.node("Where", "filled", List.of(missing, onnx.constant("training_means", fill, numeric.length), numbers));
        }
        if (marked != null) { // no fill: a missing value gives NaN, as a NaN input does
            return onnx.node("Where", "marked_as_nan", List.of(marked, onnx.constant("nan", new double[] {Double.NaN}), numbers));
        }
        return numbers;
    }

    /**
     * The columns' whole-number marks as rows as wide as the input: row r holds each column's r-th
     * mark (those of every column first, then its own), NaN, which equals nothing, where a column
     * has fewer; so one Equal per row marks every column at once.
     */
    private static List<double[]> markRows(InputSchema schema, List<String> features, int[] numeric) {
        List<double[]> rows = new ArrayList<>();
        for (int j = 0; schema != null && j < numeric.length; j++) {
            float[] marks = schema.numberMarksOf(features.get(numeric[j])); // none in a column of dates
            for (int r = 0; r < marks.length; r++) {
                if (r == rows.size()) {
                    double[] row = new double[numeric.length];
                    java.util.Arrays.fill(row, Double.NaN);
                    rows.add(row);
                }
                rows.get(r)[j] = marks[r];
            }
        }
        return rows;
    }

    /**
     * " or -9 or glucose=0": the whole-number marks, of every column and then of one, for the
     * input's description; " or -1 or -9 (not in columns of dates)" when some are columns of dates.
     */
    private static String marksGiven(InputSchema schema, List<String> features, int[] numeric) {
        if (schema == null) {
            return "";
        }
        List<String> numbers = java.util.Arrays.stream(numeric).mapToObj(features::get).filter(name -> !schema.dates().contains(name))
                .toList();
        List<String> given = new ArrayList<>(numbers.isEmpty() ? List.of() : schema.missingMarks().stream()
                .filter(CsvFormat::isNumberMark).toList());
        if (!given.isEmpty() && numbers.size() < numeric.length) { // said once, after the marks of every column
            given.set(given.size() - 1, given.get(given.size() - 1) + " (not in columns of dates)");
        }
        for (String name : numbers) {
            schema.columnMissingMarks().getOrDefault(name, List.of()).stream().filter(CsvFormat::isNumberMark)
                    .filter(mark -> !schema.missingMarks().contains(mark)).forEach(mark -> given.add(name + "=" + mark));
        }
        return given.stream().map(mark -> " or " + mark).collect(java.util.stream.Collectors.joining());
    }
}
