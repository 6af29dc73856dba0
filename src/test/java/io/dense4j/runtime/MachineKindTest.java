package io.dense4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MachineKindTest {
    /** The first processor's lines of two real /proc/cpuinfo files, shortened; the second processor's differ, to show only the first is read. */
    private static final String INTEL = """
            processor	: 0
            vendor_id	: GenuineIntel
            cpu family	: 6
            model		: 167
            model name	: Intel(R) Xeon(R) Processor
            flags		: fpu vme sse sse2 avx avx2 avx512f avx512dq amx_tile

            processor	: 1
            vendor_id	: GenuineIntel
            cpu family	: 6
            model		: 1
            """;
    private static final String AMD = """
            processor	: 0
            vendor_id	: AuthenticAMD
            cpu family	: 25
            model		: 1
            model name	: AMD EPYC
            flags		: fpu sse2 avx avx2 fma
            """;

    @Test
    void theCpuIsItsVendorFamilyModelAndWidestVectors() {
        assertEquals("GenuineIntel family 6 model 167, AVX-512", MachineKind.cpuOf(INTEL, null, "amd64"));
        assertEquals("AuthenticAMD family 25 model 1, AVX2", MachineKind.cpuOf(AMD, "", "amd64"));
        // "avx2" is no "avx512f", nor "avx512f" an "avx": whole flags only
        assertEquals("AuthenticAMD family 25 model 1, AVX", MachineKind.cpuOf(AMD.replace(" avx2", " avx512fx"), null, "amd64"));
        assertEquals("AuthenticAMD family 25 model 1, no AVX", MachineKind.cpuOf(AMD.replace("avx avx2 ", ""), null, "amd64"));
    }

    /** On ARM, /proc/cpuinfo names no vendor_id: the implementer and part tell the cores apart, and SVE or NEON the vectors. */
    @Test
    void anArmCpuIsItsImplementerPartAndVectors() {
        String neoverseN1 = """
                processor	: 0
                BogoMIPS	: 50.00
                Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp
                CPU implementer	: 0x41
                CPU architecture: 8
                CPU variant	: 0x3
                CPU part	: 0xd0c
                """;
        assertEquals("ARM implementer 0x41 part 0xd0c, NEON", MachineKind.cpuOf(neoverseN1, null, "aarch64"));
        assertEquals("ARM implementer 0x41 part 0xd40, SVE", MachineKind.cpuOf(neoverseN1.replace("0xd0c", "0xd40").replace(" asimddp",
                " asimddp sve"), null, "aarch64"));
    }

    /** OpenBLAS takes the kernels OPENBLAS_CORETYPE names (./dense4j sets it on AMD Zen 4), so the kind says it. */
    @Test
    void aForcedOpenBlasCoreIsPartOfTheKind() {
        assertEquals("AuthenticAMD family 25 model 1, AVX2, OPENBLAS_CORETYPE=SKYLAKEX", MachineKind.cpuOf(AMD, " SKYLAKEX\n", "amd64"));
    }

    @Test
    void withoutCpuinfoTheArchitectureIsAllThatIsSaid() {
        assertEquals("aarch64, CPU not read", MachineKind.cpuOf(null, null, "aarch64"));
        assertEquals("amd64, CPU not read", MachineKind.cpuOf("processor : 0\n", null, "amd64"));
    }

    @Test
    void aKindIsShortText() {
        assertEquals("GenuineIntel family 6 model 167, AVX-512, Java 17.0.15+6",
                new MachineKind("GenuineIntel family 6 model 167, AVX-512", "17.0.15+6").toString());
        assertEquals("a machine kind of 0 characters is none dense4j names",
                assertThrows(IllegalArgumentException.class, () -> new MachineKind("", "17")).getMessage());
        assertEquals(200, MachineKind.cpuOf(AMD.replace("AuthenticAMD", "A".repeat(300)), null, "amd64").length());
    }

    /** What alone changes the last bits between kinds: the CPU's OpenBLAS kernels, the JDK, or both. */
    @Test
    void whatDiffersBetweenKindsIsSaid() {
        MachineKind here = new MachineKind("GenuineIntel family 6 model 167, AVX-512", "17.0.15+6");
        MachineKind amd = new MachineKind("AuthenticAMD family 25 model 1, AVX2", "17.0.15+6");
        MachineKind newerJdk = new MachineKind(here.cpu(), "21.0.5+11");
        assertEquals(null, MachineKind.whatDiffers(java.util.List.of(here), here));
        assertEquals("OpenBLAS's matrix products add in another order on another kind of CPU",
                MachineKind.whatDiffers(java.util.List.of(amd, here), here));
        assertEquals("another JDK may round Math.exp otherwise", MachineKind.whatDiffers(java.util.List.of(newerJdk), here));
        assertEquals("OpenBLAS's matrix products add in another order on another kind of CPU, and another JDK may round Math.exp "
                + "otherwise", MachineKind.whatDiffers(java.util.List.of(amd, newerJdk), here));
    }

    /** Here, on Linux, the kind is read from this machine's own /proc/cpuinfo and JDK. */
    @Test
    void thisMachinesKindIsReadFromItself() throws IOException {
        MachineKind here = MachineKind.here();
        assertEquals(Runtime.version().toString(), here.java());
        Path cpuinfo = Path.of("/proc/cpuinfo");
        var vendor = Files.isReadable(cpuinfo) ? Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("vendor_id"))
                .findFirst() : java.util.Optional.<String>empty();
        if (vendor.isPresent()) { // x86 Linux; ARM's names its implementer instead, checked above from a real file's lines
            assertTrue(here.cpu().startsWith(vendor.get().replaceFirst("^vendor_id\\s*:\\s*", "") + " family "), here.cpu());
        }
    }
}
