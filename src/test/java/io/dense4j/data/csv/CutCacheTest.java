package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.BatchSource;
import io.dense4j.data.RowSelection;
import io.dense4j.tensor.NativeArray;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A cache cut short by another program while training reads it through its mapping: the JVM's
 * "unsafe memory access" fault is told from others, and what the command line says of it names
 * the cache.
 */
class CutCacheTest {
    @TempDir
    Path folder;

    @Test
    void aCacheTruncatedWhileMappedIsNamedWithWhatToDo() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i).append(',').append(i % 13).append(',').append(i % 2).append('\n');
        }
        Path data = Files.writeString(folder.resolve("rows.csv"), csv);
        CsvSource source = CsvSource.open(data, CsvFormat.defaults(), CsvSource.Options.defaults());
        Path cache = source.cacheFile();
        NativeArray features = NativeArray.allocate(DataType.FLOAT, 2L * 64);
        NativeArray labels = NativeArray.allocate(DataType.FLOAT, 64);
        try (BatchSource batches = source.rows(RowSelection.all(), null, DataType.FLOAT)) {
            batches.startPass(0, 0, false);
            assertEquals(64, batches.next(64, features, labels));
            try (FileChannel channel = FileChannel.open(cache, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            InternalError fault = null;
            try {
                batches.next(64, features, labels);
                Thread.sleep(10); // the JVM raises the fault at a later point of this thread: a return from native code is one
            } catch (InternalError raised) {
                fault = raised;
            }
            assertNotNull(fault, "reading a truncated mapping faults");
            assertTrue(MappedPages.lost(fault), fault.getMessage());
        }
        assertTrue(MappedPages.mapped().contains(cache), "named when the fault is said");
        assertFalse(MappedPages.lost(new InternalError("another fault")));
    }

    @Test
    void theMessageNamesTheCachesMappedUpToThree() {
        String then = " was cut short while it was read (another program truncated or replaced it, or its disk failed); run the command "
                + "again, and a cache is built again if it changed";
        assertEquals("a file read through memory mapping" + then, MappedPages.problem(List.of()));
        assertEquals("the cache /d/a.csv.dense4j-cache" + then, MappedPages.problem(List.of(Path.of("/d/a.csv.dense4j-cache"))));
        assertEquals("one of the caches /a, /b" + then, MappedPages.problem(List.of(Path.of("/b"), Path.of("/a"))));
        assertEquals("one of 4 caches, such as /a, /b, /c" + then,
                MappedPages.problem(List.of(Path.of("/d"), Path.of("/c"), Path.of("/b"), Path.of("/a"))));
    }
}
