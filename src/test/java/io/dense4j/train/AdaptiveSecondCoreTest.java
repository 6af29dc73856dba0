package io.dense4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.tensor.SecondCore;
import org.junit.jupiter.api.Test;

/** The schedule, driven with made-up step times: which mode each step gets, and what a probe decides. */
class AdaptiveSecondCoreTest {
    private static final int PROBE = AdaptiveSecondCore.PROBE_STEPS + 1; // one untimed step, then the timed ones

    /** Runs one probe: steps with the second core take {@code with} ns, steps without it {@code without}. */
    private static void probe(AdaptiveSecondCore adaptive, SecondCore core, long with, long without) {
        for (int i = 0; i < PROBE; i++) {
            assertSame(core, adaptive.forNextStep(), "probe step " + i + " with the second core");
            adaptive.stepTook(with);
        }
        for (int i = 0; i < PROBE; i++) {
            assertNull(adaptive.forNextStep(), "probe step " + i + " without it");
            assertTrue(core.isPaused(), "its helper parked while steps run without it");
            adaptive.stepTook(without);
        }
    }

    @Test
    void keepsTheSecondCoreWhileItIsFasterAndDropsItWhenItIsNot() {
        try (SecondCore core = SecondCore.start()) {
            AdaptiveSecondCore adaptive = new AdaptiveSecondCore(core);
            probe(adaptive, core, 190_000, 220_000);
            assertTrue(adaptive.usingSecondCore());
            for (int i = 0; i < AdaptiveSecondCore.STEPS_BETWEEN_PROBES; i++) {
                assertSame(core, adaptive.forNextStep());
                adaptive.stepTook(1); // times between probes are not compared
            }
            // the host turns: two threads now cost more than one
            probe(adaptive, core, 345_000, 220_000);
            assertFalse(adaptive.usingSecondCore());
            for (int i = 0; i < AdaptiveSecondCore.STEPS_BETWEEN_PROBES; i++) {
                assertNull(adaptive.forNextStep());
                adaptive.stepTook(1);
            }
            // and back: the next probe wakes the helper and measures again
            probe(adaptive, core, 190_000, 220_000);
            assertTrue(adaptive.usingSecondCore());
            assertNotNull(adaptive.forNextStep());
        }
    }

    @Test
    void decidesByTheMedianSoThatOneSlowStepDoesNotTipIt() {
        try (SecondCore core = SecondCore.start()) {
            AdaptiveSecondCore adaptive = new AdaptiveSecondCore(core);
            adaptive.stepTook(50_000_000); // the untimed first step: waking the helper may take long
            for (int i = 0; i < AdaptiveSecondCore.PROBE_STEPS; i++) {
                adaptive.stepTook(i == 3 ? 90_000_000 : 190_000); // one step hit by a pause
            }
            for (int i = 0; i < PROBE; i++) {
                adaptive.stepTook(220_000);
            }
            assertTrue(adaptive.usingSecondCore());
        }
    }

    @Test
    void aStepTakenWithThePausedCoreStillComputesBothTasks() {
        try (SecondCore core = SecondCore.start()) {
            AdaptiveSecondCore adaptive = new AdaptiveSecondCore(core);
            probe(adaptive, core, 345_000, 220_000);
            int[] ran = new int[1];
            core.runBoth(() -> ran[0]++, () -> ran[0]++); // a caller holding the core anyway
            assertEquals(2, ran[0]);
        }
    }
}
