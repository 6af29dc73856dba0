package io.dense4j.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kind of machine a run trained on, as far as it decides the last bits of the weights. A fixed
 * cut gives the same weights on any number of cores, but not on any CPU: the bundled OpenBLAS
 * picks its matrix kernels by the CPU's family, model and vector instructions (or by
 * {@code OPENBLAS_CORETYPE}), and kernels for another CPU add in another order; and the JDK's
 * {@code Math.exp} may round otherwise from one JDK to the next. So a model records the kind it
 * was trained on, and {@code verify} can say why a retraining elsewhere differs.
 *
 * @param cpu  the CPU as OpenBLAS tells it apart, e.g. {@code GenuineIntel family 6 model 167, AVX-512} or
 *             {@code ARM implementer 0x41 part 0xd0c, NEON}; where it cannot be read, the architecture alone
 * @param java the JDK's runtime version, e.g. {@code 17.0.15+6-Debian-1deb12u1}
 */
public record MachineKind(String cpu, String java) {
    /** Longer than any kind this class names; a model file's longer text is not one dense4j wrote. */
    public static final int MOST_CHARS = 200;
    /** What alone changes the last bits on another CPU, in words. */
    public static final String OTHER_CPU = "OpenBLAS's matrix products add in another order on another kind of CPU";
    private static final String OTHER_JDK = "another JDK may round Math.exp otherwise";
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    /** The most of /proc/cpuinfo read: its first processor's lines come first and are far shorter. */
    private static final int MOST_CPUINFO_BYTES = 64 * 1024;

    public MachineKind {
        for (String part : List.of(cpu, java)) {
            if (part.isEmpty() || part.length() > MOST_CHARS) {
                throw new IllegalArgumentException("a machine kind of " + part.length() + " characters is none dense4j names");
            }
        }
    }

    private static final class Here {
        static final MachineKind KIND = new MachineKind(cpuOf(cpuinfo(), System.getenv("OPENBLAS_CORETYPE"),
                System.getProperty("os.arch")), Runtime.version().toString());
    }

    /**
     * What between {@code kinds} and {@code here} alone changes the last bits of the same training,
     * in words: OpenBLAS's kernels for another CPU, another JDK's Math.exp, or both; null if the
     * kinds are {@code here}'s.
     */
    public static String whatDiffers(List<MachineKind> kinds, MachineKind here) {
        boolean cpu = kinds.stream().anyMatch(kind -> !kind.cpu().equals(here.cpu()));
        boolean java = kinds.stream().anyMatch(kind -> !kind.java().equals(here.java()));
        return cpu && java ? OTHER_CPU + ", and " + OTHER_JDK : cpu ? OTHER_CPU : java ? OTHER_JDK : null;
    }

    /** This machine's kind. */
    public static MachineKind here() {
        return Here.KIND;
    }

    /**
     * The CPU {@code cpuinfo} (the text of /proc/cpuinfo, or null where there is none) describes:
     * vendor, family, model and the widest vector instructions (on ARM: implementer, part and
     * vector extension), then the OpenBLAS core type when
     * {@code coreType} forces one; {@code arch} alone where the text says none of it.
     */
    static String cpuOf(String cpuinfo, String coreType, String arch) {
        Map<String, String> first = firstProcessor(cpuinfo == null ? "" : cpuinfo);
        String cpu;
        if (first.containsKey("vendor_id") && first.containsKey("cpu family") && first.containsKey("model")) {
            cpu = String.format(Locale.ROOT, "%s family %s model %s, %s", first.get("vendor_id"), first.get("cpu family"),
                    first.get("model"), vectors(" " + first.getOrDefault("flags", "") + " "));
        } else if (first.containsKey("CPU implementer") && first.containsKey("CPU part")) { // Linux on ARM
            String features = " " + first.getOrDefault("Features", "") + " ";
            cpu = String.format(Locale.ROOT, "ARM implementer %s part %s, %s", first.get("CPU implementer"), first.get("CPU part"),
                    features.contains(" sve ") ? "SVE" : features.contains(" asimd ") ? "NEON" : "no NEON");
        } else {
            cpu = arch + ", CPU not read";
        }
        if (coreType != null && !coreType.isBlank()) {
            cpu += ", OPENBLAS_CORETYPE=" + coreType.strip();
        }
        return cpu.length() > MOST_CHARS ? cpu.substring(0, MOST_CHARS) : cpu;
    }

    /** The widest vector instructions {@code flags} (space-bounded) name, as OpenBLAS tells its x86 kernels apart. */
    private static String vectors(String flags) {
        if (flags.contains(" avx512f ")) {
            return "AVX-512";
        }
        if (flags.contains(" avx2 ")) {
            return "AVX2";
        }
        return flags.contains(" avx ") ? "AVX" : "no AVX";
    }

    /** The "key : value" lines before the first blank line: the first processor's. */
    private static Map<String, String> firstProcessor(String cpuinfo) {
        Map<String, String> fields = new HashMap<>();
        for (String line : cpuinfo.split("\n", -1)) {
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    /** The start of /proc/cpuinfo, or null where it cannot be read (another system). */
    private static String cpuinfo() {
        try (var in = Files.newInputStream(CPUINFO)) {
            return new String(in.readNBytes(MOST_CPUINFO_BYTES), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException | UnsupportedOperationException notThere) {
            return null;
        }
    }

    @Override
    public String toString() {
        return cpu + ", Java " + java;
    }
}
