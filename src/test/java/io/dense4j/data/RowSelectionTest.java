package io.dense4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RowSelectionTest {

    @Test
    void kFoldsHoldOutEveryRowExactlyOnce() {
        int rows = 10_000;
        int folds = 5;
        long total = 0;
        for (long row = 0; row < rows; row++) {
            int heldBy = 0;
            for (int fold = 0; fold < folds; fold++) {
                boolean held = RowSelection.fold(folds, fold, 7, true).includes(row);
                assertEquals(!held, RowSelection.fold(folds, fold, 7, false).includes(row), "the two sides of a fold are complements");
                heldBy += held ? 1 : 0;
            }
            assertEquals(1, heldBy, "row " + row);
        }
        for (int fold = 0; fold < folds; fold++) {
            long held = RowSelection.fold(folds, fold, 7, true).count(rows);
            total += held;
            assertEquals(rows / folds, held, 4 * Math.sqrt(rows * 0.2 * 0.8), "fold " + fold + " holds about a fifth");
        }
        assertEquals(rows, total);
    }

    @Test
    void aValidationSplitIsTheFirstShareOfTheSameUniforms() {
        // a split of 0.2 holds out what fold 0 of 5 holds out: u in [0, 0.2)
        for (long row = 0; row < 2_000; row++) {
            assertEquals(RowSelection.fold(5, 0, 11, true).includes(row), RowSelection.validation(0.2, 11).includes(row));
        }
        assertTrue(RowSelection.all().includes(123));
        assertEquals(0, RowSelection.validation(0, 3).count(50));
        assertThrows(IllegalArgumentException.class, () -> RowSelection.fold(1, 0, 3, true));
        assertThrows(IllegalArgumentException.class, () -> RowSelection.fold(3, 3, 3, true));
        assertThrows(IllegalArgumentException.class, () -> RowSelection.training(1, 3));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 42, 977})
    void aStratifiedSplitGivesEachClassItsShareWithinTwoRows(long seed) {
        // 5% positives in blocks, as a sorted or time-ordered file would have them
        int rows = 4_000;
        double[] labels = new double[rows];
        for (int row = 0; row < rows; row++) {
            labels[row] = (row / 100) % 20 == 0 ? 1 : 0;
        }
        RowSelection held = RowSelection.validation(0.2, seed).stratify();
        RowSelection kept = RowSelection.training(0.2, seed).stratify();
        RowSelection.Walker heldWalker = held.walker();
        RowSelection.Walker keptWalker = kept.walker();
        long[] heldByClass = new long[2];
        for (int row = 0; row < rows; row++) {
            boolean isHeld = heldWalker.includes(labels[row]);
            assertEquals(!isHeld, keptWalker.includes(labels[row]), "the two sides are complements");
            heldByClass[(int) labels[row]] += isHeld ? 1 : 0;
        }
        assertEquals(0.2 * 200, heldByClass[1], 2, "positives held out");
        assertEquals(0.2 * 3_800, heldByClass[0], 2, "negatives held out");
        assertEquals(heldByClass[0] + heldByClass[1], held.count(3_800, 200));
        assertEquals(rows - heldByClass[0] - heldByClass[1], kept.count(3_800, 200));
        assertThrows(IllegalStateException.class, () -> held.includes(3));
    }

    @Test
    void stratifiedFoldsHoldOutEveryRowOnceAndEachClassEvenly() {
        int rows = 1_000;
        long[][] positivesByFold = new long[1][5];
        int[] heldBy = new int[rows];
        for (int fold = 0; fold < 5; fold++) {
            RowSelection.Walker walker = RowSelection.fold(5, fold, 3, true).stratify().walker();
            for (int row = 0; row < rows; row++) {
                if (walker.includes(row % 10 == 0 ? 1 : 0)) {
                    heldBy[row]++;
                    positivesByFold[0][fold] += row % 10 == 0 ? 1 : 0;
                }
            }
        }
        for (int row = 0; row < rows; row++) {
            assertEquals(1, heldBy[row], "row " + row);
        }
        for (long positives : positivesByFold[0]) {
            assertEquals(20, positives, 2);
        }
    }
    /** The n-th row a split holds is found among the data rows by walking them; a stratified split cannot say. */
    @Test
    void theNthRowHeldIsADataRow() {
        RowSelection held = RowSelection.validation(0.3, 7);
        long n = 0;
        for (long row = 0; row < 200; row++) {
            if (held.includes(row)) {
                assertEquals(row, held.dataRow(n++));
            }
        }
        assertEquals(5, RowSelection.all().dataRow(5));
        assertEquals(-1, RowSelection.validation(0.3, 7).stratify().dataRow(0));
    }
}
