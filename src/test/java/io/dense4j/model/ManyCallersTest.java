package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dense4j.io.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 threads predicting batches with one model at once, as a servlet container's default pool
 * may: OpenBLAS would end the process past 128 threads in it, so at most 64 threads hold a plan at
 * once and the others wait. In a child JVM, which a native crash would end without taking the
 * tests along.
 */
class ManyCallersTest {
    @TempDir
    Path folder;

    @Test
    void twoHundredThreadsPredictTogetherAsOneDoes() throws Exception {
        // in the test's folder: a crash's hs_err log goes there, not into the project
        Process child = new ProcessBuilder(ChildJvm.command(List.of("-Xmx1g", "-XX:ErrorFile=" + folder.resolve("hs_err_%p.log")),
                ManyCallers.class, "200")).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("out.txt").toFile()).start();
        if (!child.waitFor(300, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the callers did not end");
        }
        String out = Files.readString(folder.resolve("out.txt"), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), out);
        assertEquals("differing 0", out.lines().reduce((first, last) -> last).orElse(""), out);
    }
}
