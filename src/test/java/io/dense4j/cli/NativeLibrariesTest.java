package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.io.ChildJvm;
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
        // a platform this build carries no libraries for: the load fails as on a full disk, at the first array
        Process process = new ProcessBuilder(ChildJvm.command(List.of("-Dorg.bytedeco.javacpp.platform=linux-arm64",
                "-Dorg.bytedeco.javacpp.cachedir=" + cache), Main.class,
                "train", "--data", data.toString(), "--epochs", "1", "--no-cache", "--out", folder.resolve("m.zip").toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(folder.resolve("err.txt").toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the JVM did not end");
        }
        String err = Files.readString(folder.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), err);
        assertEquals(List.of("dense4j: cannot load ND4J's native libraries (Could not find jniopenblas_nolapack in class, module, and "
                + "library paths.): JavaCPP unpacks them, about 400 MB, into " + cache + ", which must be writable and have room "
                + "for them (JAVA_OPTS=-Dorg.bytedeco.javacpp.cachedir=DIR puts them elsewhere); this build carries them for "
                + "linux-x86_64 (.mvn/maven.config)"), err.lines().toList());
    }

    /** Java's home for a user the system has no entry for is "?": the libraries go under $HOME, not into ./? of the working folder. */
    @Test
    void aUserWithoutAnEntryUnpacksIntoTheShellsHomeNotIntoTheWorkingFolder() throws Exception {
        Path home = Files.createDirectory(folder.resolve("home"));
        Path working = Files.createDirectory(folder.resolve("working"));
        Path data = Files.writeString(folder.resolve("tiny.csv"), "a,label\n1,0\n2,1\n3,0\n4,1\n");
        // no libraries for this platform, so nothing is unpacked, and the line names where they would go
        ProcessBuilder child = new ProcessBuilder(ChildJvm.command(List.of("-Dorg.bytedeco.javacpp.platform=linux-arm64",
                "-Duser.home=?"), Main.class, "train", "--data", data.toString(), "--epochs", "1", "--no-cache", "--out",
                folder.resolve("m.zip").toString())).directory(working.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(folder.resolve("err.txt").toFile());
        child.environment().put("HOME", home.toString());
        Process process = child.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the JVM did not end");
        }
        String err = Files.readString(folder.resolve("err.txt"), StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), err);
        assertTrue(err.contains("into " + home.resolve(".javacpp").resolve("cache")), err);
        assertEquals(List.of(), java.util.Arrays.asList(working.toFile().list()), "nothing in the working folder");
    }

    /**
     * Under a limit on address space the libraries fail to map, and OpenBLAS's threads then keep
     * the JVM from exiting at all: the command says why in one line and ends itself. Where this
     * machine loads them under the limit, or the JVM cannot start under it, there is nothing to check.
     */
    @Test
    void aLimitOnAddressSpaceIsSaidAndTheProcessEndsRatherThanHang() throws Exception {
        Path data = Files.writeString(folder.resolve("tiny.csv"), "a,label\n1,0\n2,1\n3,0\n4,1\n");
        Process process = new ProcessBuilder(ChildJvm.limited("-v 6000000", ChildJvm.command(List.of(), Main.class, "train", "--data",
                data.toString(), "--epochs", "1", "--no-cache", "--out", folder.resolve("m.zip").toString())))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(folder.resolve("err.txt").toFile()).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String err = Files.readString(folder.resolve("err.txt"), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeTrue(err.contains("failed to map segment"), "the libraries loaded, or the JVM did not start: " + err);
        assertTrue(ended, "the process ended: " + err);
        assertEquals(137, process.exitValue(), "128 + SIGKILL's 9: " + err);
        List<String> lines = err.lines().toList();
        assertEquals(2, lines.size(), err);
        assertTrue(lines.get(0).startsWith("dense4j: cannot load ND4J's native libraries (") && lines.get(0).endsWith("the process may "
                + "not map enough memory for them; a limit such as ulimit -v of less than about 8 GB stops them loading"), lines.get(0));
        assertEquals("dense4j: ending the process with SIGKILL: OpenBLAS's threads would keep it from exiting", lines.get(1));
    }

    @Test
    void theReasonIsTheDeepestLinkErrorsAndOnlyNd4jsLoadingIsThisProblem() {
        UnsatisfiedLinkError full = loading(new UnsatisfiedLinkError("java.io.IOException: No space left on device"), "org.bytedeco.javacpp.Loader");
        full.initCause(new java.io.IOException("No space left on device"));
        ExceptionInInitializerError initializing = new ExceptionInInitializerError(new RuntimeException("ND4J is probably missing "
                + "dependencies", full));
        assertTrue(NativeLibraries.problem(initializing).startsWith("cannot load ND4J's native libraries (No space left on device): "
                + "JavaCPP unpacks them"), NativeLibraries.problem(initializing));

        UnsatisfiedLinkError mapping = loading(new UnsatisfiedLinkError("/root/.javacpp/cache/libjnind4jcpu.so: libnd4jcpu.so: failed "
                + "to map segment from shared object"), "org.bytedeco.javacpp.Loader");
        ExceptionInInitializerError unmapped = new ExceptionInInitializerError(new RuntimeException("ND4J", mapping));
        assertEquals("cannot load ND4J's native libraries (/root/.javacpp/cache/libjnind4jcpu.so: libnd4jcpu.so: failed to map segment "
                + "from shared object): the process may not map enough memory for them; a limit such as ulimit -v of less than about 8 "
                + "GB stops them loading", NativeLibraries.problem(unmapped, true));
        assertTrue(NativeLibraries.problem(unmapped, false).endsWith(" may not allow programs to run from it (a noexec mount); "
                + "JAVA_OPTS=-Dorg.bytedeco.javacpp.cachedir=DIR unpacks them elsewhere"), "the same words without a limit: a noexec "
                + "folder: " + NativeLibraries.problem(unmapped, false));

        UnsatisfiedLinkError fonts = loading(new UnsatisfiedLinkError("libfontmanager.so: libfreetype.so.6: cannot open shared object "
                + "file"), "sun.font.FontManagerNativeLibrary");
        assertNull(NativeLibraries.problem(fonts), "another library's failure is not ND4J's");
        assertNull(NativeLibraries.problem(new NoClassDefFoundError("picocli/CommandLine")));
        assertNull(NativeLibraries.problem(new ExceptionInInitializerError(new IllegalStateException("a bug"))));
    }

    /** {@code error} as thrown by {@code className}. */
    private static UnsatisfiedLinkError loading(UnsatisfiedLinkError error, String className) {
        error.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, "load", className + ".java", 1)});
        return error;
    }
}
