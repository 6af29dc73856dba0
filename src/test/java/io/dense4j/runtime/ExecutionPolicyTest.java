package io.dense4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExecutionPolicyTest {
    /** W-MLP's 91,905 float32 parameters. */
    private static final long W_MLP_BYTES = 91_905L * 4;

    @Test
    void cutsAStepIntoOnePartPerThreadOfAtLeast64Rows() {
        ExecutionPolicy two = ExecutionPolicy.ofThreads(2);
        assertEquals(1, two.parts(1, W_MLP_BYTES));
        assertEquals(1, two.parts(127, W_MLP_BYTES));
        assertEquals(2, two.parts(128, W_MLP_BYTES)); // two parts of 64
        assertEquals(2, two.parts(4096, W_MLP_BYTES));
        assertEquals(4096, two.passRows(W_MLP_BYTES));
        ExecutionPolicy sixtyFour = ExecutionPolicy.ofThreads(64);
        assertEquals(4, sixtyFour.parts(256, W_MLP_BYTES));
        assertEquals(64, sixtyFour.parts(4096, W_MLP_BYTES));
        assertEquals(8192, sixtyFour.passRows(W_MLP_BYTES)); // 64 parts of 128 rows
        assertEquals(1, ExecutionPolicy.ofThreads(1).parts(4096, W_MLP_BYTES));
    }

    @Test
    void fixedPartsDoNotDependOnTheThreads() {
        for (int rows : new int[] {1, 63, 64, 127, 128, 300, 4096}) {
            int parts = ExecutionPolicy.ofThreads(1).withParts(4).parts(rows, W_MLP_BYTES);
            int pass = ExecutionPolicy.ofThreads(1).withParts(4).passRows(W_MLP_BYTES);
            for (int threads : new int[] {2, 3, 16, 64}) {
                ExecutionPolicy policy = ExecutionPolicy.ofThreads(threads).withParts(4);
                assertEquals(parts, policy.parts(rows, W_MLP_BYTES), rows + " rows, " + threads + " threads");
                assertEquals(pass, policy.passRows(W_MLP_BYTES));
            }
        }
        assertEquals(4, ExecutionPolicy.ofThreads(2).withParts(4).parts(4096, W_MLP_BYTES));
        assertEquals(2, ExecutionPolicy.ofThreads(2).withParts(4).parts(130, W_MLP_BYTES), "never parts under 64 rows");
    }

    @Test
    void partSizesDifferByAtMostOneRowAndTheLargestIsKnownAhead() {
        assertEquals(101, ExecutionPolicy.partSize(301, 3, 0));
        assertEquals(100, ExecutionPolicy.partSize(301, 3, 1));
        assertEquals(100, ExecutionPolicy.partSize(301, 3, 2));
        ExecutionPolicy two = ExecutionPolicy.ofThreads(2);
        assertEquals(2048, two.largestPart(4096, W_MLP_BYTES));
        assertEquals(127, two.largestPart(127, W_MLP_BYTES), "127 rows are one part");
    }

    @Test
    void bigModelsGetFewerPartsSoThatTheirGradientsFitTheBudget() {
        ExecutionPolicy policy = ExecutionPolicy.ofThreads(8);
        long hundredMegabytes = 100L << 20;
        assertEquals(2, policy.partLimit(hundredMegabytes)); // 256 MiB / 100 MiB
        assertEquals(2, policy.parts(4096, hundredMegabytes));
        assertEquals(1, policy.partLimit(1L << 30));
        assertEquals(1, policy.parts(4096, 1L << 30));
    }

    @Test
    void describesHowAStepRuns() {
        ExecutionPolicy policy = ExecutionPolicy.ofThreads(2);
        assertEquals("2 threads available; steps of 4,096 rows in 2 parts of up to 2,048 rows (one per thread), on 2 threads, "
                + "OpenBLAS on 1 thread in each", policy.describe(4096, W_MLP_BYTES));
        assertEquals("2 threads available; steps of 32 rows in 1 part, on 1 thread, OpenBLAS on 1 thread",
                policy.describe(32, W_MLP_BYTES));
        assertTrue(policy.describe(200_000, W_MLP_BYTES).contains("per pass of 4,096 rows"));
        assertTrue(policy.withParts(8).describe(4096, W_MLP_BYTES).contains("fixed at 8 parts"));
    }

    @Test
    void rejectsNoThreadsAndNoParts() {
        assertThrows(IllegalArgumentException.class, () -> ExecutionPolicy.ofThreads(0));
        assertThrows(IllegalArgumentException.class, () -> ExecutionPolicy.ofThreads(2).withParts(0));
    }
}
