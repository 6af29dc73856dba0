package io.dense4j.tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * dense4j's own small native library ({@code src/main/c}): the loops that neither ND4J, OpenBLAS
 * nor Java 17's C2 do in one fast call, namely {@link NativeRows}' indexed row additions,
 * {@link SlotStep}'s and {@link SlotTiles}' plain SGD steps on categorical columns' slot rows,
 * {@link NativeInputRows}' reading of a batch's input rows and {@link NativeElementwise}'s
 * two-array elementwise loops. Each gives the same bits as the Java
 * or BLAS path taken without it.
 *
 * <p>The build compiles it for Linux x86-64 when gcc is there. Elsewhere, or with
 * {@code -Ddense4j.native=false}, {@link #enabled()} is false and callers take their Java or BLAS
 * path (for the slot step: writing the slot gradient, then stepping it).
 */
public final class NativeKernels {
    /** Where the build puts the library among the classes. */
    static final String RESOURCE = "/io/dense4j/tensor/linux-x86_64/libdense4j.so";
    private static final boolean LOADED = load();

    private NativeKernels() {
    }

    /**
     * Whether the library is loaded and not turned off ({@code -Ddense4j.native=false}); read
     * when a plan is built, so a property set later applies to plans built later.
     */
    public static boolean enabled() {
        return LOADED && !"false".equals(System.getProperty("dense4j.native"));
    }

    /** Whether the library is loaded, whatever the property says. */
    static boolean loaded() {
        return LOADED;
    }

    /** Refuses a call into the library when it is not loaded, whatever the property says. */
    static void checkLoaded() {
        if (!LOADED) {
            throw new IllegalStateException("dense4j's native library is not loaded");
        }
    }

    private static boolean load() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return false;
        }
        try (InputStream library = NativeKernels.class.getResourceAsStream(RESOURCE)) {
            if (library == null) {
                return false; // built without gcc
            }
            Path file = Files.createTempFile("dense4j-", ".so");
            try {
                Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
                System.load(file.toAbsolutePath().toString());
            } finally {
                Files.deleteIfExists(file); // loaded: the mapping outlives the name
            }
            return true;
        } catch (IOException | UnsatisfiedLinkError | SecurityException unavailable) {
            return false;
        }
    }
}
