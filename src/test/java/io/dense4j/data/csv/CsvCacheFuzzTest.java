package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dense4j.data.BatchSource;
import io.dense4j.data.Categories;
import io.dense4j.data.DataFileException;
import io.dense4j.data.RowSelection;
import io.dense4j.model.JsonEdits;
import io.dense4j.tensor.NativeArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A cache edited on disk with its checksums made to match, as a deliberate edit would make them
 * (so that the fuzzer reaches the metadata's use rather than the checksums' check): the source
 * opens on it, or builds the cache again from the CSV, or stops with a one-line error naming the
 * file; a source that opens reads every row and its summaries without any other error, and one
 * that built the cache again reads what the unedited cache gave.
 *
 * <p>A plain test run replays the inputs kept in {@code CsvCacheFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class CsvCacheFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvFormat FORMAT = CsvFormat.defaults().withCategorical(List.of("colour")).withDates(List.of("day"));
    private static final Path FOLDER = folder();
    private static final Path CSV = FOLDER.resolve("t.csv");
    private static final Path CACHES = FOLDER.resolve("caches");
    private static final CsvSource.Options OPTIONS = CsvSource.Options.defaults().fillingMissing().withCacheDirectory(CACHES);
    private static final byte[] CACHE = seedCache();
    private static final String READ = read();
    /** The bytes of the seed cache's rows, before its metadata and footer. */
    private static final int ROW_BYTES = CACHE.length - CsvCache.FOOTER - (int) ByteBuffer.wrap(CACHE).order(ByteOrder.LITTLE_ENDIAN)
            .getLong(CACHE.length - CsvCache.FOOTER);

    @FuzzTest(maxDuration = "5m")
    void readsAnEditedCacheOrBuildsItAgain(FuzzedDataProvider data) throws IOException {
        byte[] rows = Arrays.copyOf(CACHE, ROW_BYTES);
        JsonNode metadata = metadata();
        for (int edits = data.consumeInt(0, 3); edits > 0; edits--) {
            JsonEdits.apply(metadata, data);
        }
        if (data.consumeBoolean() && rows.length >= 4) { // a cell, a label or a weight replaced
            int at = data.consumeInt(0, rows.length / 4 - 1) * 4;
            ByteBuffer.wrap(rows).order(ByteOrder.LITTLE_ENDIAN).putFloat(at, data.pickValue(new float[] {-1, 0, 1, 2, 0.5f, 1e9f,
                -2, Float.NaN, Float.POSITIVE_INFINITY, data.consumeFloat()}));
        }
        write(rows, metadata, data.consumeBoolean());
        String outcome;
        try {
            outcome = read();
        } catch (DataFileException | IllegalArgumentException problem) {
            String message = problem.getMessage();
            assertNotNull(message, "an error without a message: " + problem);
            assertFalse(message.contains("\n") || message.contains("\r"), "an error of more than one line: " + message);
            assertTrue(message.contains(CSV.getFileName().toString()), "an error that does not name the file: " + message);
            return;
        }
        if (outcome.startsWith("built")) {
            assertEquals(READ.substring(READ.indexOf('\n')), outcome.substring(outcome.indexOf('\n')), "built again");
        }
    }

    /** A categorical column the metadata lists that is not one of its columns: the cache is built again. */
    @Test
    void aCacheWhoseMetadataNoFirstPassWritesIsBuiltAgain() throws IOException {
        JsonNode metadata = metadata();
        ((ObjectNode) metadata.get("categorical").get(0)).put("name", "x2");
        write(Arrays.copyOf(CACHE, ROW_BYTES), metadata, true);
        String outcome = read();
        assertTrue(outcome.startsWith("built"), outcome);
        assertEquals(READ.substring(READ.indexOf('\n')), outcome.substring(outcome.indexOf('\n')));
    }

    /** A row's class edited to 2, its checksum made to match: the read names the cache and what to do. */
    @Test
    void aRowOfAClassNoFirstPassWritesIsAnError() throws IOException {
        byte[] rows = Arrays.copyOf(CACHE, ROW_BYTES);
        int label = 3; // x, colour, day, then the provisional class
        ByteBuffer.wrap(rows).order(ByteOrder.LITTLE_ENDIAN).putFloat(label * Float.BYTES, 2);
        write(rows, metadata(), true);
        DataFileException refused = org.junit.jupiter.api.Assertions.assertThrows(DataFileException.class, CsvCacheFuzzTest::read);
        assertEquals(CSV + ": its cache " + cacheFile() + " holds a row of class 2.0, which no first pass writes: delete the cache, "
                + "and the next read builds it again", refused.getMessage());
    }

    /** The unedited cache is reused, and reads as the CSV does. */
    @Test
    void theSeedCacheIsReused() throws IOException {
        Files.write(cacheFile(), CACHE);
        String outcome = read();
        assertTrue(outcome.startsWith("reused"), outcome);
        assertEquals(READ.substring(READ.indexOf('\n')), outcome.substring(outcome.indexOf('\n')));
    }

    /** The cache's status, then the source's summaries and every row with its categories and filled numbers, as text. */
    private static String read() {
        CsvSource source = CsvSource.open(CSV, FORMAT, OPTIONS);
        StringBuilder text = new StringBuilder(source.cacheStatus().startsWith("reused") ? "reused" : "built").append('\n');
        Map<String, Categories> categories = source.categories(100);
        text.append(source.featureNames()).append(source.classes()).append(Arrays.toString(source.classTotals()))
                .append(source.missingByColumn()).append(categories).append(source.rows()).append('\n');
        double[] fill = source.statistics(RowSelection.all()).mean();
        try (BatchSource rows = source.rows(RowSelection.all(), fill, categories, DataType.FLOAT)) {
            int batch = 16;
            NativeArray features = NativeArray.allocate(DataType.FLOAT, (long) batch * rows.width());
            NativeArray labels = NativeArray.allocate(DataType.FLOAT, batch);
            rows.startPass(1, 3, true);
            for (int count; (count = rows.next(batch, features, labels)) > 0; ) {
                for (int i = 0; i < count * rows.width(); i++) {
                    text.append((float) features.get(i)).append(' ');
                }
                for (int i = 0; i < count; i++) {
                    text.append(labels.get(i)).append(' ');
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    /** The seed cache's metadata, to edit. */
    private static JsonNode metadata() throws IOException {
        return JSON.readTree(Arrays.copyOfRange(CACHE, ROW_BYTES, CACHE.length - CsvCache.FOOTER));
    }

    /** Writes the cache of these rows and metadata, its checksum made to match, and with {@code rowsCrc} the rows' too. */
    private static void write(byte[] rows, JsonNode metadata, boolean rowsCrc) throws IOException {
        if (metadata instanceof ObjectNode object && rowsCrc) {
            CRC32C crc = new CRC32C();
            crc.update(rows);
            object.put("rowsCrc32c", crc.getValue());
        }
        byte[] text = JSON.writeValueAsBytes(metadata);
        CRC32C textCrc = new CRC32C();
        textCrc.update(text);
        ByteBuffer edited = ByteBuffer.allocate(rows.length + text.length + CsvCache.FOOTER).order(ByteOrder.LITTLE_ENDIAN);
        edited.put(rows).put(text).putLong(text.length).putLong(textCrc.getValue()).putLong(CsvCache.MAGIC);
        Files.write(cacheFile(), edited.array());
    }

    private static Path cacheFile() {
        return CsvCache.location(CSV, CACHES);
    }

    private static Path folder() {
        try {
            Path folder = Files.createTempDirectory("cache-fuzz");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** 60 rows of a number (a few missing), a colour, a day and a label, and the cache a first read builds of them. */
    private static byte[] seedCache() {
        StringBuilder csv = new StringBuilder("x,colour,day,label\n");
        String[] colours = {"red", "green", "blue", "", "teal"};
        for (int row = 0; row < 60; row++) {
            csv.append(row % 7 == 3 ? "" : String.valueOf(row * 0.25 - 3)).append(',').append(colours[row % 5]).append(",2024-0")
                    .append(1 + row % 9).append("-1").append(row % 10).append(',').append(row % 3 == 0 ? "yes" : "no").append('\n');
        }
        try {
            Files.writeString(CSV, csv);
            CSV.toFile().deleteOnExit();
            CsvSource.open(CSV, FORMAT, OPTIONS);
            cacheFile().toFile().deleteOnExit();
            CACHES.toFile().deleteOnExit();
            return Files.readAllBytes(cacheFile());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
