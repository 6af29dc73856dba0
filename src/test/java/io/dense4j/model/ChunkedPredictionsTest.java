package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Categories;
import io.dense4j.data.DataFileException;
import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * predict with the file parsed in chunks by several threads: the output, byte for byte, and a bad
 * cell's message, line included, are those of one parsing thread.
 */
class ChunkedPredictionsTest {
    private static final List<String> FEATURES = List.of("a", "b", "c", "plan");

    @TempDir
    Path folder;

    /** A small network over 3 numbers (missing ones filled) and a categorical column. */
    private static Model model() {
        InputSchema schema = new InputSchema(FEATURES, List.of("no", "yes"), List.of(0.5, -0.25, 1.0, 0.0), "label",
                Map.of("plan", new Categories(List.of("gold", "basic", "silver"))));
        return new Sequential(new Dense(16, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withSeed(9));
    }

    /** Rows with an id first, the features in another order than the model's, a label, missing cells and unknown plans. */
    private Path write(int rows, int badRow) throws IOException {
        Random random = new Random(4);
        String[] plans = {"gold", "basic", "silver", "platinum", ""};
        StringBuilder text = new StringBuilder("id,plan,c,label,b,a\n");
        for (int i = 0; i < rows; i++) {
            String a = i == badRow ? "1.2.3" : random.nextInt(30) == 0 ? "" : String.format(Locale.ROOT, "%.5f", random.nextGaussian());
            text.append("r").append(i).append(',').append(plans[random.nextInt(plans.length)]).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", random.nextDouble() * 10)).append(',')
                    .append(random.nextBoolean() ? "yes" : "no").append(',')
                    .append(random.nextInt(30) == 0 ? "NA" : String.format(Locale.ROOT, "%.4f", random.nextGaussian())).append(',')
                    .append(a).append('\n');
        }
        return Files.writeString(folder.resolve("rows-" + badRow + ".csv"), text);
    }

    private static byte[] predict(Model model, Path data, RowBlocks.Parallelism parallelism) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvPredictions.written(model, CsvFiles.of(data), CsvFormat.defaults(), 0.5, List.of("id"), out, parallelism);
        return out.toByteArray();
    }

    @Test
    void chunksParsedOnThreeThreadsGiveOneThreadsOutputByteForByte() throws IOException {
        Path data = write(40_000, -1); // about 1.4 MB: 45 chunks of 32 KiB
        Model model = model();
        byte[] serial = predict(model, data, new RowBlocks.Parallelism(1, 0, 32 << 10));
        byte[] chunked = predict(model, data, new RowBlocks.Parallelism(3, 0, 32 << 10));
        assertEquals(40_001, new String(serial).lines().count());
        List<String> serialLines = new String(serial).lines().toList();
        List<String> chunkedLines = new String(chunked).lines().toList();
        for (int i = 0; i < Math.min(serialLines.size(), chunkedLines.size()); i++) {
            assertEquals(serialLines.get(i), chunkedLines.get(i), "line " + (i + 1));
        }
        assertArrayEquals(serial, chunked);
        ByteArrayOutputStream unknownNoted = new ByteArrayOutputStream();
        CsvPredictions.Written written = CsvPredictions.written(model, CsvFiles.of(data), CsvFormat.defaults(), 0.5, List.of("id"),
                unknownNoted, new RowBlocks.Parallelism(3, 0, 32 << 10));
        assertEquals(40_000, written.rows());
        assertEquals(CsvPredictions.written(model, CsvFiles.of(data), CsvFormat.defaults(), 0.5, List.of("id"),
                new ByteArrayOutputStream(), new RowBlocks.Parallelism(1, 0, 32 << 10)).unknownCategoryRows(),
                written.unknownCategoryRows(), "the chunks' counts of unknown plans add up to one reader's");
    }

    @Test
    void aBadCellInALateChunkNamesTheLineOneThreadNames() throws IOException {
        Path data = write(30_000, 27_345);
        Model model = model();
        DataFileException serial = assertThrows(DataFileException.class,
                () -> predict(model, data, new RowBlocks.Parallelism(1, 0, 32 << 10)));
        DataFileException chunked = assertThrows(DataFileException.class,
                () -> predict(model, data, new RowBlocks.Parallelism(3, 0, 32 << 10)));
        assertEquals(serial.getMessage(), chunked.getMessage());
        assertEquals(27_347, chunked.line(), "the header, then rows from line 2");
    }

    /**
     * Notes of several lines, quoted, every 7th row: a chunk cut inside one says so, and the rows
     * from its start are read on one thread; the output is one thread's, and so is a late bad
     * cell's line.
     */
    @Test
    void aQuotedFieldOfSeveralLinesCutByAChunkIsReadOnFromThatChunk() throws IOException {
        Random random = new Random(5);
        StringBuilder text = new StringBuilder("id,note,plan,c,label,b,a\n");
        for (int i = 0; i < 30_000; i++) {
            String note = i % 7 == 3 ? "\"called twice,\nno answer\n\"\"call back\"\"\"" : "ok";
            text.append("r").append(i).append(',').append(note).append(',').append(random.nextBoolean() ? "gold" : "basic").append(',')
                    .append(String.format(Locale.ROOT, "%.3f,%s,%.4f,%.5f%n", random.nextDouble(), random.nextBoolean() ? "yes" : "no",
                            random.nextGaussian(), random.nextGaussian()));
        }
        Path data = Files.writeString(folder.resolve("notes.csv"), text);
        io.dense4j.data.csv.CsvReader reader = new io.dense4j.data.csv.CsvReader(data, CsvFormat.defaults().withLabel("label")
                .withCategorical(List.of("id", "note", "plan")));
        io.dense4j.data.csv.CsvChunks chunks = io.dense4j.data.csv.CsvChunks.of(reader, 32 << 10);
        long cut = java.util.stream.IntStream.range(1, chunks.count()).filter(k -> {
            try {
                chunks.read(k, (line, features, label, weight) -> { });
                return false;
            } catch (io.dense4j.data.csv.PartEndsInsideAQuotedField inside) {
                return true;
            } catch (RuntimeException startedInsideARow) {
                return false;
            }
        }).count();
        assertTrue(cut > 0, "some chunk's last row runs on into the next");

        Model model = model();
        byte[] serial = predict(model, data, new RowBlocks.Parallelism(1, 0, 32 << 10));
        byte[] chunked = predict(model, data, new RowBlocks.Parallelism(3, 0, 32 << 10));
        assertEquals(30_001, new String(serial).lines().count(), "one line a row: the kept ids hold no line end");
        assertArrayEquals(serial, chunked);

        Files.writeString(data, text.toString().replace("r29000,ok,gold,", "r29000,ok,gold,x"));
        DataFileException late = assertThrows(DataFileException.class,
                () -> predict(model, data, new RowBlocks.Parallelism(3, 0, 32 << 10)));
        assertEquals(assertThrows(DataFileException.class, () -> predict(model, data, new RowBlocks.Parallelism(1, 0, 32 << 10)))
                .getMessage(), late.getMessage());
        assertEquals(2 + 29_000 + 2 * (29_000 / 7 + 1), late.line(), "rows 3, 10, … up to 28,997 hold two line ends each");
    }
}
