package io.dense4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WorkersTest {

    @Test
    void runsTaskIOnThreadIModuloTheThreadsAndEachOnce() {
        Workers workers = new Workers(3);
        workers.start();
        try {
            Thread[] ranOn = new Thread[7];
            int[] runs = new int[7];
            workers.run(7, i -> {
                ranOn[i] = Thread.currentThread();
                runs[i]++;
            });
            assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1}, runs);
            assertSame(Thread.currentThread(), ranOn[0]);
            assertSame(Thread.currentThread(), ranOn[3]);
            assertSame(Thread.currentThread(), ranOn[6]);
            assertSame(ranOn[1], ranOn[4]);
            assertSame(ranOn[2], ranOn[5]);
            assertTrue(ranOn[1] != ranOn[2] && ranOn[1] != Thread.currentThread());
        } finally {
            workers.stop();
        }
    }

    @Test
    @Timeout(10) // a lost wake-up hangs: fail instead
    void aHelperParkedAfterItsSpinWakesForTheNextTasks() throws InterruptedException {
        Workers workers = new Workers(2);
        workers.start();
        try {
            AtomicInteger sum = new AtomicInteger();
            workers.run(2, sum::addAndGet);
            Thread.sleep(Workers.SPIN_NANOS / 1_000_000 + 20); // long past the spin: the helper parks
            workers.run(2, i -> sum.addAndGet(10 * i));
            assertEquals(1 + 10, sum.get());
        } finally {
            workers.stop();
        }
    }

    @Test
    void stoppedOrWithOneThreadEveryTaskRunsOnTheCaller() {
        for (Workers workers : new Workers[] {new Workers(4), new Workers(1)}) {
            Thread[] ranOn = new Thread[5];
            workers.run(5, i -> ranOn[i] = Thread.currentThread());
            for (Thread thread : ranOn) {
                assertSame(Thread.currentThread(), thread);
            }
        }
    }

    @Test
    void rethrowsAHelpersFailureOnTheCallerOnceAllTasksHaveFinished() {
        Workers workers = new Workers(2);
        workers.start();
        try {
            int[] finished = new int[1];
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> workers.run(2, i -> {
                if (i == 1) {
                    throw new IllegalStateException("task 1 failed");
                }
                finished[0]++;
            }));
            assertEquals("task 1 failed", thrown.getMessage());
            assertEquals(1, finished[0]);
            int[] after = new int[2];
            workers.run(2, i -> after[i]++); // still usable
            assertArrayEquals(new int[] {1, 1}, after);
        } finally {
            workers.stop();
        }
    }

    @Test
    void aCallerFailureCarriesTheHelpersAsSuppressed() {
        Workers workers = new Workers(2);
        workers.start();
        try {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> workers.run(2, i -> {
                if (i == 0) {
                    throw new IllegalArgumentException("caller's");
                }
                throw new IllegalStateException("helper's");
            }));
            assertEquals("helper's", thrown.getSuppressed()[0].getMessage());
        } finally {
            workers.stop();
        }
    }

    @Test
    void stopEndsTheHelperThreadsAndStartBringsThemBack() {
        Workers workers = new Workers(3);
        for (int cycle = 0; cycle < 2; cycle++) {
            workers.start();
            assertEquals(2, helperThreads());
            int[] ran = new int[3];
            workers.run(3, i -> ran[i]++);
            assertArrayEquals(new int[] {1, 1, 1}, ran);
            workers.stop();
            assertEquals(0, helperThreads());
        }
    }

    @Test
    void aRunOnFewerThreadsAfterOneOnMoreLeavesTheIdleHelpersReady() {
        Workers workers = new Workers(3);
        workers.start();
        try {
            int[] counts = new int[5];
            workers.run(5, i -> counts[i]++);
            workers.run(2, i -> counts[i]++); // the third thread's helper skips this generation
            workers.run(5, i -> counts[i]++);
            assertArrayEquals(new int[] {3, 3, 2, 2, 2}, counts);
        } finally {
            workers.stop();
        }
    }

    private static long helperThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("dense4j-worker-") && thread.isAlive()).count();
    }
}
