package io.dense4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Files and folders made read-only for a test, and made writable again when it closes (so that
 * its temporary folder can be deleted). Permissions do not stop root, so as root a path is made
 * immutable ({@code chattr +i}, which stops root too); either way a test goes on only once the
 * path refuses writes.
 */
public final class ReadOnlyPaths implements AutoCloseable {
    private final List<Path> made = new ArrayList<>();
    private final boolean root;

    public ReadOnlyPaths() throws IOException {
        root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    /** Makes {@code target}, a file or a folder, refuse writes (a folder: new files) from this process. */
    public void make(Path target) throws Exception {
        boolean folder = Files.isDirectory(target);
        if (root) {
            chattr("+i", target, true);
        } else {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(folder ? "r-xr-xr-x" : "r--r--r--"));
        }
        made.add(target);
        assertFalse(Files.isWritable(target), target + " is still writable");
        if (folder) {
            assertThrows(IOException.class, () -> Files.createFile(target.resolve("probe")), target + " still takes files");
        }
    }

    @Override
    public void close() throws Exception {
        for (Path target : made) {
            if (root) {
                chattr("-i", target, false);
            } else {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(Files.isDirectory(target) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        made.clear();
    }

    private static void chattr(String change, Path target, boolean mustWork) throws Exception {
        Process chattr = new ProcessBuilder("chattr", change, target.toString()).redirectErrorStream(true).start();
        String said = new String(chattr.getInputStream().readAllBytes());
        int code = chattr.waitFor();
        if (mustWork) {
            assertEquals(0, code, "chattr " + change + " " + target + ": " + said);
        }
    }
}
