package io.dense4j.cli;

import java.nio.file.Path;

/**
 * ND4J's native libraries that could not be loaded, said in one line: JavaCPP unpacks them from
 * their jars into a cache folder on first use, so a full disk, a home folder that cannot be
 * written, or a platform the build carries none for stops every command at its first array, with a
 * page of nested initialization errors that names none of these.
 */
final class NativeLibraries {
    /** What JavaCPP unpacks for ND4J on linux-x86_64 (OpenBLAS and libnd4jcpu), rounded up. */
    private static final String UNPACKED = "about 400 MB";

    private NativeLibraries() {
    }

    /** The line to print for {@code failed}, or null when it is not a native library that failed to load. */
    static String problem(LinkageError failed) {
        UnsatisfiedLinkError deepest = null;
        for (Throwable cause = failed; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof UnsatisfiedLinkError link) {
                deepest = link;
            }
        }
        if (deepest == null) {
            return null;
        }
        String why = String.valueOf(deepest.getMessage()).lines().findFirst().orElse("").replaceFirst("^java\\.io\\.IOException: ", "");
        return "cannot load ND4J's native libraries (" + why + "): JavaCPP unpacks them, " + UNPACKED + ", into " + cacheFolder()
                + ", which must be writable and have room for them (JAVA_OPTS=-Dorg.bytedeco.javacpp.cachedir=DIR puts them "
                + "elsewhere); this build carries them for linux-x86_64 (.mvn/maven.config)";
    }

    /** Where JavaCPP unpacks libraries, as it decides by default: its property, else ~/.javacpp/cache. */
    private static Path cacheFolder() {
        String given = System.getProperty("org.bytedeco.javacpp.cachedir");
        return given != null ? Path.of(given) : Path.of(System.getProperty("user.home"), ".javacpp", "cache");
    }
}
