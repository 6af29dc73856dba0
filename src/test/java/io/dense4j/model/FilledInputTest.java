package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dense4j.data.Categories;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A model given Java arrays reads a missing value as the scorer and an ONNX export do: NaN, or one
 * of its whole-number marks in a number column, is the training mean, or a categorical column's
 * "missing" slot; p = σ(x + 0.25·[colour missing]) by weights set by hand.
 */
class FilledInputTest {
    private static final float NAN = Float.NaN;

    /** x (number, mean 1.5, its own mark 999), colour (red, green, blue + other + missing), day (a date): marks -9 and "?". */
    private static Model model(List<Double> fill, DataType type) {
        InputSchema schema = new InputSchema(List.of("x", "colour", "day"), List.of("no", "yes"), fill, "label",
                Map.of("colour", new Categories(List.of("red", "green", "blue"))), List.of("-9", "?"), Map.of("x", List.of("999")),
                List.of("day"));
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(schema, new BinaryCrossEntropy(), new SGD(0.1),
                CompileOptions.defaults().withDataType(type));
        // the encoded row is the numbers (x, day), then colour's five slots: only x and colour's "missing" slot weigh
        model.setWeights(0, Nd4j.create(new double[][] {{1}, {0.01}, {0}, {0}, {0}, {0}, {0.25}}).castTo(type));
        return model;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void aMissingNumberTakesItsMeanAndAMissingCodeItsSlot() {
        Model model = model(List.of(1.5, 0.0, 20.0), DataType.FLOAT);
        float[][] rows = {{NAN, 0, 100}, {-9, 1, 100}, {999, NAN, 100}, {2, 4, 100}, {2, 0, -9}, {2, 0, NAN}};
        float[][] given = {rows[0].clone(), rows[1].clone(), rows[2].clone(), rows[3].clone(), rows[4].clone(), rows[5].clone()};
        double[] p = model.predictProbability(rows);
        assertEquals(sigmoid(1.5 + 1.0), p[0], 1e-6, "NaN in x is its mean, 1.5");
        assertEquals(sigmoid(1.5 + 1.0), p[1], 1e-6, "-9, a mark of every column, is missing in x");
        assertEquals(sigmoid(1.5 + 0.25 + 1.0), p[2], 1e-6, "999, x's own mark, is missing; NaN in colour is its missing slot");
        assertEquals(sigmoid(2 + 0.25 + 1.0), p[3], 1e-6, "code 4 is colour's missing slot, as NaN is");
        assertEquals(sigmoid(2 - 0.09), p[4], 1e-6, "-9 in a column of dates is a day, not a mark");
        assertEquals(sigmoid(2 + 0.2), p[5], 1e-6, "NaN in a column of dates is its mean day");
        for (int row = 0; row < rows.length; row++) {
            assertArrayEquals(given[row], rows[row], 0f, "the caller's rows are left as given");
        }
    }

    @Test
    void aMatrixIsFilledInItsOwnPrecisionAndEvaluatedAlike() {
        Model model = model(List.of(1.5, 0.0, 20.0), DataType.DOUBLE);
        INDArray rows = Nd4j.create(new double[][] {{Double.NaN, 0, 100}, {0.1, Double.NaN, 100}});
        INDArray p = model.predictProbability(rows);
        assertEquals(sigmoid(1.5 + 1.0), p.getDouble(0, 0), 1e-15);
        assertEquals(sigmoid(0.1 + 0.25 + 1.0), p.getDouble(1, 0), 1e-15, "0.1 kept to float64");
        assertEquals(Double.NaN, rows.getDouble(0, 0), "the caller's matrix is left as given");
        assertArrayEquals(new int[] {1, 1}, model.predictClass(rows));
        assertEquals(1.0, model.evaluate(rows, Nd4j.create(new double[] {1, 1}, 2, 1)).accuracy(), 0.0);
    }

    /** An int matrix's mark takes the mean 1.5, not 1; a value is a mark as the float32 the model reads it as, as the scorer says. */
    @Test
    void aMarkIsFilledWhateverTheMatrixTypeAndComparedInFloat32() {
        Model model = model(List.of(1.5, 0.0, 20.0), DataType.FLOAT);
        INDArray ints = Nd4j.createFromArray(new int[][] {{-9, 0, 100}});
        assertEquals(sigmoid(1.5 + 1.0), model.predictProbability(ints).getDouble(0, 0), 1e-6);
        INDArray nearly = Nd4j.create(new double[][] {{999.00001, 0, 100}}); // 999 as a float32
        assertEquals(sigmoid(1.5 + 1.0), model.predictProbability(nearly).getDouble(0, 0), 1e-6);
    }

    @Test
    void aMissingNumberIsAnErrorNamingItsRowAndFeatureWhereTheModelFillsNone() {
        Model model = model(null, DataType.FLOAT);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> model.predictProbability(new float[][] {{1, 0, 100}, {NAN, 0, 100}}));
        assertEquals("row 1, feature \"x\" is missing (NaN), and the model fills no missing values (trained with --fill-missing [Java: "
                + "CsvSource.Options.fillingMissing()], it fills them with the training means)", nan.getMessage());
        IllegalArgumentException marked = assertThrows(IllegalArgumentException.class,
                () -> model.predictProbability(Nd4j.create(new float[][] {{-9, 0, 100}})));
        assertEquals("row 0, feature \"x\" is missing (marked -9), and the model fills no missing values (trained with --fill-missing "
                + "[Java: CsvSource.Options.fillingMissing()], it fills them with the training means)", marked.getMessage());
        assertEquals(sigmoid(1 + 0.25 + 1.0), model.predictProbability(new float[][] {{1, NAN, 100}})[0], 1e-6,
                "a categorical column's missing slot needs no fill");
    }

    @Test
    void aModelWithoutColumnNamesStillRefusesNaN() {
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> model.predictProbability(new float[][] {{NAN, 1}}));
        assertEquals("features must be finite, but row 0, column 0 is NaN", nan.getMessage());
    }
}
