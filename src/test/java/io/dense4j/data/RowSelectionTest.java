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
}
