package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which --out values are standard output: "-" and the system's names for file descriptor 1, not a file. */
class StandardOutputTest {

    @Test
    void theSystemsNamesForStandardOutputAreStandardOutput(@TempDir Path folder) throws IOException {
        for (String name : new String[] {"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"}) {
            assertTrue(StandardOutput.isNamedBy(Path.of(name)), name);
        }
        Path file = Files.writeString(folder.resolve("p.csv"), "probability,class\n");
        assertFalse(StandardOutput.isNamedBy(file));
        assertFalse(StandardOutput.isNamedBy(folder.resolve("not-yet.csv")));
        // by name, not by what it is: under >/dev/null (cron, CI), --out /dev/null is a file to write as any other
        assertFalse(StandardOutput.isNamedBy(Path.of("/dev/null")));
    }
}
