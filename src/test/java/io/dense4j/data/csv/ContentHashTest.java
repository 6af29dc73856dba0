package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHashTest {

    @TempDir
    Path folder;

    // Expected values printed by xxhsum -H2 0.8.1 (Debian's xxhash) for the same bytes.
    @Test
    void equalsWhatXxhsumPrintsForEmptyShortAndMultiBlockFiles() throws IOException {
        assertEquals("99aa06d3014798d86001c324468d497f", ContentHash.of(Files.write(folder.resolve("empty"), new byte[0]), 0));
        Path xor = Files.writeString(folder.resolve("xor.csv"), "a,b,label\n" + "0,0,0\n0,1,1\n1,0,1\n1,1,0\n".repeat(20));
        assertEquals("ee898596a0b54d62f6791474cdfec6cb", ContentHash.of(xor, Files.size(xor)));
        byte[] blocks = new byte[3 * (1 << 20) + 12_345]; // three whole 1 MiB reads and a partial one
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = (byte) ((i * 31L + 7) % 251);
        }
        Path big = Files.write(folder.resolve("blocks.bin"), blocks);
        assertEquals("5763da81fcaadfa0ae193e841c381b16", ContentHash.of(big, blocks.length));
        assertEquals("2a7fb9e80cd40e8f51f00a88b520e2c1", ContentHash.of(big, 2_000_000), "the first 2,000,000 bytes only");
    }

    @Test
    void aFileShorterThanTheBytesAskedForIsAnErrorNamingIt() throws IOException {
        Path file = Files.writeString(folder.resolve("short.csv"), "a,label\n1,0\n");
        DataFileException shorter = assertThrows(DataFileException.class, () -> ContentHash.of(file, 1000));
        assertTrue(shorter.getMessage().contains("short.csv") && shorter.getMessage().contains("got shorter while it was being read"),
                shorter.getMessage());
    }
}
