package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which --out values are standard output: "-" and the system's names for file descriptor 1, not a file. */
class StandardOutputTest {

    @Test
    void theSystemsNamesForStandardOutputAreStandardOutput(@TempDir Path folder) throws IOException {
        assertTrue(StandardOutput.isNamedBy(Path.of("-")));
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/stdout")), "needs /dev/stdout");
        assertTrue(StandardOutput.isNamedBy(Path.of("/dev/stdout")));
        assertTrue(StandardOutput.isNamedBy(Path.of("/proc/self/fd/1")));
        Path file = Files.writeString(folder.resolve("p.csv"), "probability,class\n");
        assertFalse(StandardOutput.isNamedBy(file));
        assertFalse(StandardOutput.isNamedBy(folder.resolve("not-yet.csv")));
    }
}
