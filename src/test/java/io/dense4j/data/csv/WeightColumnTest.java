package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.BatchSource;
import io.dense4j.data.DataFileException;
import io.dense4j.data.RowSelection;
import io.dense4j.tensor.NativeArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/** A CSV column of row weights: read as weights, never as a feature, the same from the cache and the stream; bad cells refused. */
class WeightColumnTest {
    @TempDir
    Path folder;

    private static final CsvFormat WEIGHTED = CsvFormat.defaults().withWeightColumn("w");

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    /** Each row's features, label and weight from one in-order pass. */
    private static float[][] pass(BatchSource rows) {
        int count = (int) rows.rows();
        NativeArray features = NativeArray.allocate(DataType.FLOAT, (long) count * rows.width());
        NativeArray labels = NativeArray.allocate(DataType.FLOAT, count);
        NativeArray weights = NativeArray.allocate(DataType.FLOAT, count);
        rows.startPass(0, 0, false);
        assertEquals(count, rows.next(count, features, labels, weights));
        float[][] values = new float[3][];
        values[0] = toFloats(features);
        values[1] = toFloats(labels);
        values[2] = toFloats(weights);
        return values;
    }

    private static float[] toFloats(NativeArray array) {
        float[] values = new float[array.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i);
        }
        return values;
    }

    @Test
    void theWeightColumnGivesEachRowsWeightFromTheCacheAndTheStreamAndIsNoFeature() throws IOException {
        Path file = write("weighted.csv", "a,w,b,label\n1,0.5,2,no\n3,2,4,yes\n5,0,6,no\n7,1e1,8,yes\n");
        CsvSource cached = CsvSource.open(file, WEIGHTED, CsvSource.Options.defaults());
        CsvSource streamed = CsvSource.open(file, WEIGHTED, CsvSource.Options.defaults().withoutCache());
        assertEquals(List.of("a", "b"), cached.featureNames());
        assertTrue(cached.weighted());
        for (CsvSource source : List.of(cached, streamed)) {
            try (BatchSource rows = source.rows(RowSelection.all(), null, DataType.FLOAT)) {
                assertTrue(rows.weighted());
                float[][] values = pass(rows);
                assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, values[0]);
                assertArrayEquals(new float[] {0, 1, 0, 1}, values[1]);
                assertArrayEquals(new float[] {0.5f, 2, 0, 10}, values[2]);
            }
        }
        // reopened, the cache is reused with its weights; without the weight column it is rebuilt, w then a feature
        CsvSource reused = CsvSource.open(file, WEIGHTED, CsvSource.Options.defaults());
        assertTrue(reused.cacheStatus().startsWith("reused"), reused.cacheStatus());
        CsvSource unweighted = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(unweighted.cacheStatus().contains("other reading options"), unweighted.cacheStatus());
        assertFalse(unweighted.weighted());
        assertEquals(List.of("a", "w", "b"), unweighted.featureNames());
        try (BatchSource rows = unweighted.rows(RowSelection.all(), null, DataType.FLOAT)) {
            assertArrayEquals(new float[] {1, 1, 1, 1}, pass(rows)[2], "an unweighted source gives weights of 1");
        }
    }

    @Test
    void aShuffledStreamKeepsEachRowsWeightWithItsRow() throws IOException {
        StringBuilder csv = new StringBuilder("x,w,label\n");
        for (int i = 0; i < 500; i++) {
            csv.append(i).append(',').append(i * 0.25).append(',').append(i % 2).append('\n');
        }
        CsvSource streamed = CsvSource.open(write("many.csv", csv.toString()), WEIGHTED,
                CsvSource.Options.defaults().withoutCache().withShuffleBuffer(64));
        try (BatchSource rows = streamed.rows(RowSelection.all(), null, DataType.FLOAT)) {
            NativeArray features = NativeArray.allocate(DataType.FLOAT, 500);
            NativeArray labels = NativeArray.allocate(DataType.FLOAT, 500);
            NativeArray weights = NativeArray.allocate(DataType.FLOAT, 500);
            rows.startPass(1, 7, true);
            assertEquals(500, rows.next(500, features, labels, weights));
            boolean moved = false;
            for (int r = 0; r < 500; r++) {
                double x = features.get(r);
                moved |= x != r;
                assertEquals(x * 0.25, weights.get(r), 0, "row " + r);
                assertEquals(x % 2, labels.get(r), 0, "row " + r);
            }
            assertTrue(moved, "the pass was shuffled");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "NaN", "", "NA", "heavy", "Infinity", "1e39"})
    void aBadWeightCellIsAnErrorNamingTheFileLineAndColumnEvenWhenMissingValuesAreFilled(String cell) throws IOException {
        Path file = write("bad.csv", "a,w,label\n1,1,0\n2," + cell + ",1\n");
        for (CsvSource.Options options : List.of(CsvSource.Options.defaults(), CsvSource.Options.defaults().fillingMissing())) {
            DataFileException error = assertThrows(DataFileException.class, () -> CsvSource.open(file, WEIGHTED, options));
            assertEquals(file + ", line 3, column 2 (\"w\"): "
                    + (cell.isEmpty() ? "empty cell" : "\"" + cell + "\" is not a weight")
                    + "; a row's weight must be a finite number >= 0", error.getMessage());
        }
    }

    @Test
    void aRowWithABadWeightIsSkippedWithTheOtherBadRows() throws IOException {
        Path file = write("skip.csv", "a,w,label\n1,1,0\n2,-3,1\n3,2,1\n");
        CsvSource source = CsvSource.open(file, WEIGHTED, CsvSource.Options.defaults().skippingBadRows());
        assertEquals(2, source.rows());
        assertEquals(java.util.Map.of(file, List.of(3L)), source.firstSkippedLines());
    }

    @Test
    void theWeightColumnMustExistAndBeNeitherTheLabelNorAFeature() throws IOException {
        Path file = write("plain.csv", "a,b,label\n1,2,0\n3,4,1\n");
        DataFileException missing = assertThrows(DataFileException.class, () -> CsvSource.open(file,
                CsvFormat.defaults().withWeightColumn("weight"), CsvSource.Options.defaults()));
        assertEquals(file + ", line 1: has no weight column named \"weight\"; its columns are a, b, label", missing.getMessage());
        DataFileException label = assertThrows(DataFileException.class, () -> CsvSource.open(file,
                CsvFormat.defaults().withWeightColumn("label"), CsvSource.Options.defaults()));
        assertTrue(label.getMessage().endsWith("column \"label\" is the label; it cannot also be the weight"), label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CsvFormat.defaults().withFeatures(List.of("a", "b")).withWeightColumn("b"));
        assertThrows(IllegalArgumentException.class, () -> CsvFormat.defaults().withoutHeader().withWeightColumn("b"));
    }
}
