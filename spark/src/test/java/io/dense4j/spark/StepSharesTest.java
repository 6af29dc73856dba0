package io.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.RowSelection;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How the pieces share the steps of an epoch (no Spark needed: the blocks are built here). */
class StepSharesTest {

    @Test
    void everyRowOnceAnEpochAndEveryStepNearTheBatchSizeWhateverThePieces() {
        // 64 pieces of 25 rows, batch 32: 50 steps an epoch, half a row per piece and step
        int pieces = 64;
        int rows = 25;
        int steps = (pieces * rows + 31) / 32;
        RowBlock[] blocks = new RowBlock[pieces];
        for (int p = 0; p < pieces; p++) {
            blocks[p] = new RowBlock(p, 1, rows, new float[rows], new byte[rows], null);
        }
        for (int epoch = 1; epoch <= 2; epoch++) {
            int[][] seen = new int[pieces][rows];
            for (int step = 0; step < steps; step++) {
                int batch = 0;
                for (int p = 0; p < pieces; p++) {
                    for (int row : blocks[p].stepRows(RowSelection.all(), p * rows, new byte[] {0, 1}, epoch, 7, true, step, steps, pieces)) {
                        seen[p][row]++;
                        batch++;
                    }
                }
                assertTrue(batch >= 31 && batch <= 33, "step " + step + " has " + batch + " rows"); // not 0 or 64
            }
            for (int[] piece : seen) {
                assertEquals("[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]", Arrays.toString(piece));
            }
        }
    }

    @Test
    void equalSharesAreNotShiftedByTheOffset() {
        // 2 pieces of 200 rows and 4 steps: rows [50s, 50s + 50) of each, in file order (what ExactAggregationTest relies on)
        RowBlock block = new RowBlock(1, 1, 200, new float[200], new byte[200], null);
        int[] step2 = block.stepRows(RowSelection.all(), 200, new byte[] {0, 1}, 1, 7, false, 2, 4, 2);
        assertEquals(50, step2.length);
        assertEquals(100, step2[0]);
        assertEquals(149, step2[49]);
    }
}
