package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class NativeKernelsTest {
    @Test
    void isLoadedWhereTheBuildMadeIt() {
        boolean linuxX8664 = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && System.getProperty("os.arch", "").equals("amd64");
        boolean built = NativeKernels.class.getResource(NativeKernels.RESOURCE) != null;
        assertEquals(linuxX8664 && built, NativeKernels.loaded(), "a library that was built but does not load would go unnoticed");
    }

    @Test
    void thePropertyTurnsItOff() {
        assumeTrue(NativeKernels.loaded(), "no library to turn off on this platform");
        String before = System.getProperty("dense4j.native");
        System.clearProperty("dense4j.native");
        try {
            assertEquals(true, NativeKernels.enabled(), "on by default where it is loaded");
            System.setProperty("dense4j.native", "false");
            assertEquals(false, NativeKernels.enabled());
        } finally {
            if (before == null) {
                System.clearProperty("dense4j.native");
            } else {
                System.setProperty("dense4j.native", before);
            }
        }
    }
}
