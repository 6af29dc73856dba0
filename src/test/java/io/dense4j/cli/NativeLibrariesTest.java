package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ND4J's native libraries that cannot be loaded are one line that says where they go and how to move them. */
class NativeLibrariesTest {
    @TempDir
    Path folder;

    @Test
    void aLibraryThatCannotBeLoadedIsOneLineNotAPageOfInitializationErrors() throws Exception {
        Path data = Files.writeString(folder.resolve("tiny.csv"), "a,label\n1,0\n2,1\n3,0\n4,1\n");
        Path cache = folder.resolve("javacpp");
        String java = ProcessHandle.current().info().command().orElse("java");
        // a platform this build carries no libraries for: the load fails as on a full disk, at the first array
        Process process = new ProcessBuilder(List.of(java, "-Dorg.bytedeco.javacpp.platform=linux-arm64",
                "-Dorg.bytedeco.javacpp.cachedir=" + cache, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--data", data.toString(), "--epochs", "1", "--no-cache", "--out", folder.resolve("m.zip").toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the JVM ends");
        assertEquals(1, process.exitValue(), err);
        assertEquals(List.of("dense4j: cannot load ND4J's native libraries (Could not find jniopenblas_nolapack in class, module, and "
                + "library paths.): JavaCPP unpacks them, about 400 MB, into " + cache + ", which must be writable and have room "
                + "for them (JAVA_OPTS=-Dorg.bytedeco.javacpp.cachedir=DIR puts them elsewhere); this build carries them for "
                + "linux-x86_64 (.mvn/maven.config)"), err.lines().toList());
    }

    @Test
    void theSystemsReasonIsTheDeepestLinkErrorsAndOtherLinkageErrorsAreNotThisOne() {
        UnsatisfiedLinkError full = new UnsatisfiedLinkError("java.io.IOException: No space left on device");
        ExceptionInInitializerError initializing = new ExceptionInInitializerError(new RuntimeException("ND4J is probably missing "
                + "dependencies", full));
        assertTrue(NativeLibraries.problem(initializing).startsWith("cannot load ND4J's native libraries (No space left on device): "),
                NativeLibraries.problem(initializing));
        assertNull(NativeLibraries.problem(new NoClassDefFoundError("picocli/CommandLine")));
        assertNull(NativeLibraries.problem(new ExceptionInInitializerError(new IllegalStateException("a bug"))));
    }
}
