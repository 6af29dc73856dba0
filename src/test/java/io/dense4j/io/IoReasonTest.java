package io.dense4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure's reason in words, never the bare path Java's file-system exceptions carry as their message. */
class IoReasonTest {
    @TempDir
    Path folder;

    @Test
    void theSystemsReasonWhenGivenElseTheKindsInWords() {
        assertEquals("Read-only file system", IoReason.of(new FileSystemException("/mnt/x.csv", null, "Read-only file system")));
        assertEquals("access denied", IoReason.of(new AccessDeniedException("/data/x.csv")));
        assertEquals("no such file or folder", IoReason.of(new NoSuchFileException("/data/x.csv")));
        assertEquals("No space left on device", IoReason.of(new IOException("No space left on device")));
        assertEquals("IOException", IoReason.of(new IOException()));
    }

    @Test
    void whatJavaThrowsForAFileThatIsGone() {
        Path gone = folder.resolve("gone.csv");
        IOException failed = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> Files.newInputStream(gone));
        assertEquals(gone.toString(), failed.getMessage(), "the path alone, which a message naming the file would repeat");
        assertEquals("no such file or folder", IoReason.of(failed));
        IOException folderAsFile = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> java.nio.channels.FileChannel.open(folder, java.nio.file.StandardOpenOption.WRITE));
        assertEquals("Is a directory", IoReason.of(folderAsFile));
    }
}
