package io.dense4j.cli;

import io.dense4j.io.IoReason;
import java.io.IOException;

/**
 * ND4J's native libraries that could not be loaded, said in one line: JavaCPP unpacks them from
 * their jars into a cache folder on first use, so a full disk, a home folder that cannot be
 * written, a memory limit, or a platform the build carries none for stops every command at its
 * first array, with a page of nested initialization errors that names none of these.
 */
final class NativeLibraries {
    /**
     * Whether a load failed for want of address space. OpenBLAS's threads, started before the
     * failure, then retry their buffers' allocation forever, and the JVM's exit (System.exit and
     * Runtime.halt alike) waits on them: the process must be killed to end.
     */
    private static volatile boolean outOfAddressSpace;

    /** What JavaCPP unpacks for ND4J on linux-x86_64 (OpenBLAS and libnd4jcpu), rounded up. */
    private static final String UNPACKED = "about 400 MB";

    private NativeLibraries() {
    }

    /**
     * Gives Java the home folder the shell has where Java found none: for a user the system has no
     * entry for (docker run --user 4244) Java's user.home is "?", relative to the working folder, so
     * JavaCPP would unpack the libraries ({@value #UNPACKED}) into ./? of every folder a command runs
     * in. The home is then $HOME, else the temporary folder, as the dense4j script gives it; before
     * any array is made, as JavaCPP reads user.home once.
     */
    static void giveAHomeToUnpackInto() {
        if ("?".equals(System.getProperty("user.home"))) {
            String home = System.getenv("HOME");
            boolean usable = home != null && !home.isEmpty() && !home.equals("?")
                    && java.nio.file.Files.isDirectory(java.nio.file.Path.of(home));
            System.setProperty("user.home", usable ? home : System.getProperty("java.io.tmpdir"));
        }
    }

    /** The line to print for {@code failed}, or null when it is not ND4J's native libraries that failed to load. */
    static String problem(LinkageError failed) {
        return problem(failed, addressSpaceLimited());
    }

    /** As {@link #problem(LinkageError)}, for a process whose address space is limited or not. */
    static String problem(LinkageError failed, boolean addressSpaceLimited) {
        UnsatisfiedLinkError deepest = null;
        boolean loadingNd4j = false;
        for (Throwable cause = failed; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof UnsatisfiedLinkError link) {
                deepest = link;
            }
            for (StackTraceElement frame : cause.getStackTrace()) {
                loadingNd4j |= frame.getClassName().startsWith("org.bytedeco.") || frame.getClassName().startsWith("org.nd4j.");
            }
        }
        if (deepest == null || !loadingNd4j) {
            return null;
        }
        String why = deepest.getCause() instanceof IOException io ? IoReason.of(io)
                : String.valueOf(deepest.getMessage()).lines().findFirst().orElse("").replaceFirst("^[\\w.$]+(Exception|Error): ", "");
        if (why.contains("failed to map segment")) { // the system's words for a limit on address space, and for a noexec folder
            if (addressSpaceLimited) {
                outOfAddressSpace = true;
                return "cannot load ND4J's native libraries (" + why + "): the process may not map enough memory for them; a limit "
                        + "such as ulimit -v of less than about 8 GB stops them loading";
            }
            return "cannot load ND4J's native libraries (" + why + "): " + cacheFolder() + " may not allow programs to run from it "
                    + "(a noexec mount); JAVA_OPTS=-Dorg.bytedeco.javacpp.cachedir=DIR unpacks them elsewhere";
        }
        return "cannot load ND4J's native libraries (" + why + "): JavaCPP unpacks them, " + UNPACKED + ", into " + cacheFolder()
                + ", which must be writable and have room for them (JAVA_OPTS=-Dorg.bytedeco.javacpp.cachedir=DIR puts them "
                + "elsewhere); this build carries them for linux-x86_64 (.mvn/maven.config)";
    }

    /** Whether this process has a finite limit on its address space (ulimit -v), as Linux lists it. */
    private static boolean addressSpaceLimited() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits")).stream()
                    .anyMatch(line -> line.startsWith("Max address space") && !line.contains("unlimited"));
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }

    /**
     * Arranges for this process to end with SIGKILL a second after the exit begins if a load
     * failed for want of address space, where the exit would otherwise never end (see
     * {@link #outOfAddressSpace}): the shutdown hooks (a standard input's copy deleted, say) run
     * in that second. Does nothing otherwise, or where no shell can send the signal.
     */
    static void killIfTheExitHangs() {
        if (!outOfAddressSpace) {
            return;
        }
        try {
            new ProcessBuilder("/bin/sh", "-c", "sleep 1; kill -KILL " + ProcessHandle.current().pid()).start();
            System.err.println("dense4j: ending the process with SIGKILL: OpenBLAS's threads would keep it from exiting");
        } catch (IOException cannot) {
            // no shell: the exit may hang, as it did before this was here
        }
    }

    /** The folder JavaCPP unpacks into, as it chooses it (a property, the home folder, else the temporary folder). */
    private static String cacheFolder() {
        try {
            return org.bytedeco.javacpp.Loader.getCacheDir().toString();
        } catch (IOException | RuntimeException | LinkageError unknown) {
            return "its cache folder (~/.javacpp/cache, else .javacpp-USER/cache in java.io.tmpdir)";
        }
    }
}
