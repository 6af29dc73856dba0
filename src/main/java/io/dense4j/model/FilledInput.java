package io.dense4j.model;

import io.dense4j.data.Categories;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Features given to a model in Java arrays, their missing values read as the scorer and an ONNX
 * export read them, so that a row scores alike in all three: NaN, or in a number column one of the
 * model's whole-number marks (-9 for a model trained with {@code --missing-values -9}; none in a
 * column of dates, whose values are days), is missing. A value is compared with a mark as the
 * float32 the model's rows are read into, as the others compare it. A missing number takes its
 * training mean when the model fills them, and is an error naming the row and feature otherwise;
 * a categorical column's missing code takes its "missing" slot, as an empty cell does. Made once
 * for a schema, and kept by the model.
 */
final class FilledInput {
    private final InputSchema schema;
    private final double[] fill;
    /** Per feature: the code of its "missing" slot when it is categorical, else -1. */
    private final int[] missingSlot;
    /** Per feature: the whole-number values that mark a missing one. */
    private final float[][] marks;

    FilledInput(InputSchema schema) {
        this.schema = schema;
        this.fill = schema.fillValues();
        List<String> names = schema.featureNames();
        this.missingSlot = new int[names.size()];
        this.marks = new float[names.size()][];
        for (int j = 0; j < names.size(); j++) {
            Categories categories = schema.categories().get(names.get(j));
            missingSlot[j] = categories == null ? -1 : categories.missing();
            marks[j] = schema.numberMarksOf(names.get(j));
        }
    }

    /** The schema it fills as. */
    InputSchema schema() {
        return schema;
    }

    /** {@code x}, or a copy with its missing values filled; {@code x} itself when nothing is missing. */
    float[][] filled(float[][] x) {
        if (x == null) {
            return null;
        }
        float[][] filled = x;
        for (int row = 0; row < x.length; row++) {
            if (x[row] == null || x[row].length != missingSlot.length) {
                return x; // not the model's width: the dataset's checks say so
            }
            for (int j = 0; j < x[row].length; j++) {
                double value = value(row, j, x[row][j]);
                if (value != x[row][j]) { // a NaN is always replaced, or refused
                    if (filled == x) {
                        filled = x.clone();
                    }
                    if (filled[row] == x[row]) {
                        filled[row] = x[row].clone();
                    }
                    filled[row][j] = (float) value;
                }
            }
        }
        return filled;
    }

    /**
     * As {@link #filled(float[][])}, for a matrix [rows, features] of any data type: a filled copy
     * in float64, which the model's dataset then reads as its own type (an integer matrix's would
     * cut a mean of 1.5 to 1).
     */
    INDArray filled(INDArray x) {
        if (x == null || x.rank() != 2 || x.columns() != missingSlot.length) {
            return x;
        }
        int width = (int) x.columns();
        // one bulk copy, row by row: element reads through ND4J would cost a native call each
        double[] values = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        boolean changed = false;
        for (int i = 0; i < values.length; i++) {
            double value = value(i / width, i % width, values[i]);
            if (value != values[i]) { // a NaN is always replaced, or refused
                values[i] = value;
                changed = true;
            }
        }
        return changed ? Nd4j.create(values, x.shape(), DataType.DOUBLE) : x;
    }

    /** Feature {@code j}'s value {@code x} of row {@code row} as the model reads it. */
    private double value(int row, int j, double x) {
        boolean missing = x != x;
        for (int m = 0; !missing && m < marks[j].length; m++) {
            missing = (float) x == marks[j][m];
        }
        if (!missing) {
            return x;
        }
        if (missingSlot[j] >= 0) {
            return missingSlot[j];
        }
        if (fill == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "row %d, feature \"%s\" is missing (%s), and the model fills "
                    + "no missing values (trained with %s, it fills them with the training means)", row, io.dense4j.data.Printable.of(schema.featureNames().get(j)),
                    x != x ? "NaN" : "marked " + (long) x, io.dense4j.data.Remedy.of("--fill-missing",
                            "CsvSource.Options.fillingMissing()")));
        }
        return fill[j];
    }
}
