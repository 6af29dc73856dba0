package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SecondCoreTest {

    @Test
    void runsOneTaskOnTheHelperAndOneHereAndWaitsForBoth() {
        try (SecondCore core = SecondCore.start()) {
            AtomicReference<Thread> helper = new AtomicReference<>();
            long[] written = new long[1];
            for (int round = 1; round <= 1000; round++) {
                long value = round;
                core.runBoth(() -> {
                    helper.set(Thread.currentThread());
                    written[0] = value; // a plain write, made visible by the hand-back
                }, () -> { });
                assertEquals(round, written[0]);
            }
            assertNotEquals(Thread.currentThread(), helper.get());
        }
    }

    @Test
    void aPausedCoreParksItsHelperRunsBothTasksHereAndHandsOffAgainOnceResumed() throws InterruptedException {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Thread helper;
        try (SecondCore core = SecondCore.start()) {
            core.runBoth(() -> ranOn.set(Thread.currentThread()), () -> { });
            helper = ranOn.get();
            assertNotEquals(Thread.currentThread(), helper);

            core.pause();
            assertTrue(core.isPaused());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (helper.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(Thread.State.WAITING, helper.getState(), "a paused helper parks instead of spinning");
            int[] order = new int[2];
            int[] next = {1};
            core.runBoth(() -> {
                ranOn.set(Thread.currentThread());
                order[0] = next[0]++;
            }, () -> order[1] = next[0]++);
            assertEquals(Thread.currentThread(), ranOn.get());
            assertEquals(1, order[0], "the helper's task first, then the caller's");
            assertEquals(2, order[1]);

            core.resume();
            core.runBoth(() -> ranOn.set(Thread.currentThread()), () -> { });
            assertEquals(helper, ranOn.get());
            core.pause();
        }
        helper.join(5_000);
        assertFalse(helper.isAlive(), "closing a paused core ends its helper");
    }

    @Test
    void rethrowsTheHelpersFailureOnTheCallersThreadAfterBothFinish() {
        try (SecondCore core = SecondCore.start()) {
            boolean[] callerRan = new boolean[1];
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> core.runBoth(() -> {
                        throw new ArithmeticException("boom");
                    }, () -> callerRan[0] = true));
            assertTrue(callerRan[0]);
            assertTrue(error.getMessage().contains("boom"), error.getMessage());
            core.runBoth(() -> { }, () -> { }); // still usable afterwards
        }
    }

    @Test
    void aCallerFailureCarriesTheHelpersAndLeavesNothingBehind() {
        try (SecondCore core = SecondCore.start()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> core.runBoth(() -> {
                throw new ArithmeticException("helper");
            }, () -> {
                throw new IllegalArgumentException("caller");
            }));
            assertEquals("helper", error.getSuppressed()[0].getMessage());
            core.runBoth(() -> { }, () -> { }); // no stale failure from the step before
        }
    }

    @Test
    void isUsedOnlyBetweenItsMeasuredBoundsAndRefusesWorkOnceClosed() {
        assertNull(SecondCore.forBatch(SecondCore.MIN_ROWS - 1));
        assertNull(SecondCore.forBatch(BlasThreads.SINGLE_THREAD_BELOW_ROWS));
        try (SecondCore core = SecondCore.forBatch(SecondCore.MIN_ROWS)) {
            assertNotNull(core, "a 2-core machine trains batches of 32 on two threads");
        }
        SecondCore core = SecondCore.start();
        core.close();
        assertThrows(IllegalStateException.class, () -> core.runBoth(() -> { }, () -> { }));
    }
}
