package io.dense4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExecutionPolicyTest {
    /** W-MLP's 91,905 float32 parameters. */
    private static final long W_MLP_BYTES = 91_905L * 4;

    @Test
    void cutsStepsIntoPartsOfAtMost128RowsFromTwoPartsAt128() {
        ExecutionPolicy policy = ExecutionPolicy.ofThreads(2);
        assertEquals(1, policy.parts(1, W_MLP_BYTES));
        assertEquals(1, policy.parts(127, W_MLP_BYTES));
        assertEquals(2, policy.parts(128, W_MLP_BYTES)); // two parts of 64
        assertEquals(2, policy.parts(256, W_MLP_BYTES));
        assertEquals(3, policy.parts(257, W_MLP_BYTES)); // ⌈257 / 128⌉
        assertEquals(32, policy.parts(4096, W_MLP_BYTES));
        assertEquals(64, policy.parts(8192, W_MLP_BYTES));
        assertEquals(8192, policy.passRows(W_MLP_BYTES));
    }

    @Test
    void thePartsNeverDependOnTheThreads() {
        for (int rows : new int[] {1, 31, 32, 127, 128, 300, 4096, 8192}) {
            int parts = ExecutionPolicy.ofThreads(1).parts(rows, W_MLP_BYTES);
            for (int threads : new int[] {2, 4, 16, 64, 256}) {
                assertEquals(parts, ExecutionPolicy.ofThreads(threads).parts(rows, W_MLP_BYTES), rows + " rows, " + threads + " threads");
            }
        }
    }

    @Test
    void partSizesDifferByAtMostOneRowAndAddUpToTheStep() {
        int rows = 301;
        int parts = 3;
        assertEquals(101, ExecutionPolicy.partSize(rows, parts, 0));
        assertEquals(100, ExecutionPolicy.partSize(rows, parts, 1));
        assertEquals(100, ExecutionPolicy.partSize(rows, parts, 2));
    }

    @Test
    void bigModelsGetFewerPartsSoThatTheirGradientsFitTheBudget() {
        ExecutionPolicy policy = ExecutionPolicy.ofThreads(8);
        long hundredMegabytes = 100L << 20;
        assertEquals(2, policy.partLimit(hundredMegabytes)); // 256 MiB / 100 MiB
        assertEquals(2, policy.parts(4096, hundredMegabytes));
        assertEquals(256, policy.passRows(hundredMegabytes));
        assertEquals(1, policy.partLimit(1L << 30));
        assertEquals(1, policy.parts(4096, 1L << 30));
    }

    @Test
    void usesAsManyThreadsAsPartsAndTwoSideBySideForLargeProductsOfOnePart() {
        ExecutionPolicy sixteen = ExecutionPolicy.ofThreads(16);
        assertEquals(2, sixteen.threadsFor(32, W_MLP_BYTES));
        assertEquals(2, sixteen.threadsFor(256, W_MLP_BYTES));
        assertEquals(16, sixteen.threadsFor(4096, W_MLP_BYTES));
        ExecutionPolicy one = ExecutionPolicy.ofThreads(1);
        assertEquals(1, one.threadsFor(32, W_MLP_BYTES));
        assertEquals(1, one.threadsFor(4096, W_MLP_BYTES));
        assertFalse(one.sideBySide(1L << 20));
        assertTrue(sixteen.sideBySide(32L * 256 * 256), "W-MLP's hidden layer at 32 rows");
        assertFalse(sixteen.sideBySide(32L * 32 * 32), "the demo's 32-unit layers at 32 rows");
    }

    @Test
    void describesHowAStepRuns() {
        ExecutionPolicy policy = ExecutionPolicy.ofThreads(2);
        assertEquals("2 threads available; steps of 4,096 rows in 32 parts of up to 128 rows, on 2 threads, "
                + "OpenBLAS on 1 thread in each", policy.describe(4096, W_MLP_BYTES));
        assertEquals("2 threads available; steps of 32 rows in 1 part, a layer's weight and input gradients side by side "
                + "on 2 threads where each takes 262,144 multiply-adds or more, OpenBLAS on 1 thread", policy.describe(32, W_MLP_BYTES));
        assertTrue(policy.describe(200_000, W_MLP_BYTES).contains("per pass of 8,192 rows"));
    }

    @Test
    void rejectsNoThreads() {
        assertThrows(IllegalArgumentException.class, () -> ExecutionPolicy.ofThreads(0));
    }
}
