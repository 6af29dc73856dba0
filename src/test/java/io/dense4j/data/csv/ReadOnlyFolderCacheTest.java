package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.BatchSource;
import io.dense4j.data.RowSelection;
import io.dense4j.io.ReadOnlyPaths;
import io.dense4j.tensor.NativeArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** A CSV file in a folder that cannot be written: its cache goes to the user's cache folder, or there is none. */
class ReadOnlyFolderCacheTest {
    private static final String CSV = "a,b,label\n1,2,yes\n3,4,no\n5,6,yes\n7,8,no\n";

    @TempDir
    Path folder;

    private final ReadOnlyPaths readOnly;

    ReadOnlyFolderCacheTest() throws IOException {
        readOnly = new ReadOnlyPaths();
    }

    private Path dataFolder() throws IOException {
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("rows.csv"), CSV);
        return data;
    }

    @AfterEach
    void makeWritableAgain() throws Exception {
        readOnly.close();
    }

    private static List<String> rows(CsvSource source) {
        NativeArray features = NativeArray.allocate(DataType.FLOAT, 8L * source.width());
        NativeArray labels = NativeArray.allocate(DataType.FLOAT, 8);
        List<String> rows = new ArrayList<>();
        try (BatchSource batches = source.rows(RowSelection.all(), null, DataType.FLOAT)) {
            batches.startPass(0, 0, false);
            for (int count; (count = batches.next(8, features, labels)) > 0; ) {
                for (int r = 0; r < count; r++) {
                    rows.add(features.get(2 * r) + " " + features.get(2 * r + 1) + " | " + labels.get(r));
                }
            }
        }
        return rows;
    }

    private static final List<String> ROWS = List.of("1.0 2.0 | 1.0", "3.0 4.0 | 0.0", "5.0 6.0 | 1.0", "7.0 8.0 | 0.0");

    @Test
    void theCacheGoesToTheUsersCacheFolderAndIsReusedFromThere() throws Exception {
        Path data = dataFolder();
        readOnly.make(data);
        Path userCache = folder.resolve("home/.cache/dense4j"); // made when first needed
        CsvSource.Options options = CsvSource.Options.defaults().withFallbackCacheDirectory(userCache);
        CsvSource built = CsvSource.open(data.resolve("rows.csv"), CsvFormat.defaults(), options);
        Path cache = built.cacheFile();
        assertEquals(userCache, cache.getParent());
        assertTrue(cache.getFileName().toString().matches("rows\\.csv-[0-9a-f]{16}\\.dense4j-cache"), cache.toString());
        assertEquals("built " + cache + " (no cache yet; " + data + " cannot be written)", built.cacheStatus());
        assertEquals(ROWS, rows(built));
        CsvSource reused = CsvSource.open(data.resolve("rows.csv"), CsvFormat.defaults(), options);
        assertEquals("reused " + cache, reused.cacheStatus());
        assertEquals(ROWS, rows(reused));
        try (var left = Files.list(userCache)) {
            assertEquals(List.of(cache), left.toList()); // the probe files are gone
        }
    }

    @Test
    void withNowhereToWriteThereIsNoCacheAndTheRowsAreStreamed() throws Exception {
        Path data = dataFolder();
        Path userCache = Files.createDirectories(folder.resolve("cache"));
        readOnly.make(data);
        readOnly.make(userCache);
        CsvSource streamed = CsvSource.open(data.resolve("rows.csv"), CsvFormat.defaults(),
                CsvSource.Options.defaults().withFallbackCacheDirectory(userCache));
        assertNull(streamed.cacheFile());
        assertEquals("off (" + data + " and " + userCache + " cannot be written)", streamed.cacheStatus());
        assertEquals(ROWS, rows(streamed));
        CsvSource noFallback = CsvSource.open(data.resolve("rows.csv"), CsvFormat.defaults(),
                CsvSource.Options.defaults().withFallbackCacheDirectory(null));
        assertEquals("off (" + data + " cannot be written)", noFallback.cacheStatus());
    }

    @Test
    void aCacheBuiltBeforeTheFolderTurnedReadOnlyIsStillUsed() throws Exception {
        Path data = dataFolder();
        Path userCache = folder.resolve("cache");
        CsvSource.Options options = CsvSource.Options.defaults().withFallbackCacheDirectory(userCache);
        CsvSource.open(data.resolve("rows.csv"), CsvFormat.defaults(), options);
        readOnly.make(data);
        CsvSource reused = CsvSource.open(data.resolve("rows.csv"), CsvFormat.defaults(), options);
        assertEquals("reused " + data.resolve("rows.csv.dense4j-cache"), reused.cacheStatus());
        assertEquals(ROWS, rows(reused));
        assertFalse(Files.exists(userCache));
    }

    @Test
    void twoFilesOfOneNameInDifferentFoldersKeepCachesOfTheirOwn() {
        Path shared = folder.resolve("cache");
        Path first = CsvCache.fallbackLocation(folder.resolve("a/rows.csv"), shared);
        Path second = CsvCache.fallbackLocation(folder.resolve("b/rows.csv"), shared);
        assertFalse(first.equals(second), first + " and " + second);
        assertEquals(first, CsvCache.fallbackLocation(folder.resolve("a/../a/rows.csv"), shared));
    }
}
