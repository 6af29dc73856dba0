package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporary files killed cache builds left in a folder are deleted in one pass over it, for
 * every file's cache at once: a folder of thousands of files was read again for each cache built.
 */
class CacheSweepTest {
    @TempDir
    Path folder;

    @Test
    void oneBuildDeletesTheAbandonedPartsOfEveryFilesCacheInItsFolder() throws IOException {
        Path rows = Files.writeString(folder.resolve("rows.csv"), "a,label\n1,0\n2,1\n3,0\n4,1\n");
        Path ofAnother = abandoned("other.csv.dense4j-cache.partial-zz1-0");
        Path ofThis = abandoned("rows.csv.dense4j-cache.partial-zz2-3");
        Path usersOwn = abandoned("notes.partial-zz3-0");
        CsvSource.open(rows, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertFalse(Files.exists(ofAnother), "another file's cache's abandoned part");
        assertFalse(Files.exists(ofThis));
        try (var files = Files.list(folder)) {
            assertEquals(List.of("notes.partial-zz3-0", "rows.csv", "rows.csv.dense4j-cache"),
                    files.map(path -> path.getFileName().toString()).sorted().toList(), "a file of the user's own stays: " + usersOwn);
        }
    }

    /** A file named {@code name}, last changed a minute ago and locked by no one: as a killed writer leaves it. */
    private Path abandoned(String name) throws IOException {
        Path file = Files.write(folder.resolve(name), new byte[100]);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        return file;
    }
}
