package io.dense4j.data.csv;

import io.dense4j.data.BatchSource;
import io.dense4j.data.DataFileException;
import io.dense4j.data.Dataset;
import io.dense4j.data.RowSelection;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class CsvFileTest {
    @TempDir
    Path folder;

    @Test
    void theGeneratorsCsvReadsBackAsTheSameRowsToFiveDecimals() throws IOException {
        Path file = folder.resolve("spirals.csv");
        Synthetic.writeCsv(file, Teacher.SPIRALS, 500, 3, 9);
        Synthetic expected = Synthetic.generate(Teacher.SPIRALS, 500, 3, 9);
        assertTrue(Files.readAllLines(file).get(0).equals("x1,x2,x3,label"));
        Path probe = Files.createFile(folder.resolve("probe")); // what the umask gives a new file
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(file));
        Files.delete(probe);
        try (var partials = Files.list(folder)) {
            assertEquals(List.of(file), partials.toList(), "no temporary file is left behind");
        }

        CsvSource data = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache());

        assertEquals(List.of("x1", "x2", "x3"), data.featureNames());
        assertEquals(500, data.rows());
        float[] x = expected.features().data().asFloat();
        float[] y = expected.labels().data().asFloat();
        var input = io.dense4j.tensor.NativeArray.allocate(DataType.DOUBLE, 500 * 3);
        var labels = io.dense4j.tensor.NativeArray.allocate(DataType.DOUBLE, 500);
        try (BatchSource rows = data.rows(RowSelection.all(), null, DataType.DOUBLE)) {
            rows.startPass(0, 0, false);
            assertEquals(500, rows.next(500, input, labels));
        }
        for (int row = 0; row < 500; row++) {
            assertEquals(y[row], labels.get(row), 0.0);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], input.get(i), 5e-6 + 1e-6 * Math.abs(x[i]));
        }
    }

    @Test
    void mapsTwoNamedClassesInSortedOrder() throws IOException {
        Path file = Files.writeString(folder.resolve("named.csv"), "x,label\n1,spam\n2,ham\n3,spam\n");
        CsvSource data = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache());
        assertEquals(List.of("ham", "spam"), data.classes());
        Dataset rows = InMemoryCsv.read(file, CsvFormat.defaults(), DataType.FLOAT);
        assertEquals(1, rows.label(0), 0.0);
        assertEquals(0, rows.label(1), 0.0);
        assertEquals("0 = \"ham\", 1 = \"spam\"", data.labels());
    }

    @Test
    void rejectsAFileWithOneClass() throws IOException {
        Path file = Files.writeString(folder.resolve("one.csv"), "x,label\n1,1\n2,1\n");
        DataFileException error = assertThrows(DataFileException.class, () -> CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withoutCache()));
        assertTrue(error.getMessage().contains("has only one label value (\"1\")"), error.getMessage());
    }
}
