package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class NativeKernelsTest {
    @Test
    void isLoadedWhereTheBuildMadeIt() {
        boolean linuxX8664 = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && System.getProperty("os.arch", "").equals("amd64");
        boolean built = NativeKernels.class.getResource(NativeKernels.RESOURCE) != null;
        assertEquals(linuxX8664 && built, NativeKernels.enabled(), "a library that was built but does not load would go unnoticed");
    }

    @Test
    void thePropertyTurnsItOff() {
        String before = System.getProperty("dense4j.native");
        System.setProperty("dense4j.native", "false");
        try {
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
