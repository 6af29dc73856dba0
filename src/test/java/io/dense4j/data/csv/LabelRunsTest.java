package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelRunsTest {

    private static LabelRuns counted(int[] classes, int from, int to, boolean flip) {
        LabelRuns.Counter counter = new LabelRuns.Counter();
        for (int i = from; i < to; i++) {
            counter.add(flip ? 1 - classes[i] : classes[i]);
        }
        return counter.runs();
    }

    @Test
    void countsTheLongestRunAndTheRunsAtTheEnds() {
        // 0 0 1 1 1 0 1 1 1 1 0 0 (by hand: runs of 2, 3, 1, 4, 2)
        int[] classes = {0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0};
        assertEquals(new LabelRuns(0, 2, 0, 2, 4, 12, 7), counted(classes, 0, classes.length, false));
        assertEquals(new LabelRuns(1, 3, 1, 3, 3, 3, 3), counted(classes, 2, 5, false));
        assertEquals(LabelRuns.NONE, new LabelRuns.Counter().runs());
        LabelRuns.Counter unlabeled = new LabelRuns.Counter();
        unlabeled.add(-1);
        assertEquals(LabelRuns.NONE, unlabeled.runs());
    }

    @Test
    void runsCountedInPartsAndJoinedAreOneReadersWhereverThePartsAreCut() {
        Random random = new Random(3);
        for (int trial = 0; trial < 2_000; trial++) {
            int[] classes = new int[1 + random.nextInt(40)];
            int label = random.nextInt(2);
            for (int i = 0; i < classes.length; i++) {
                label = random.nextInt(4) == 0 ? 1 - label : label; // runs of a few rows
                classes[i] = label;
            }
            int cuts = random.nextInt(4);
            int[] at = random.ints(cuts, 0, classes.length + 1).sorted().toArray();
            LabelRuns joined = LabelRuns.NONE;
            int from = 0;
            for (int k = 0; k <= cuts; k++) {
                int to = k < cuts ? at[k] : classes.length;
                boolean flip = random.nextBoolean(); // a part that met the labels in the other order numbers them the other way
                LabelRuns part = counted(classes, from, to, flip);
                joined = joined.then(flip ? part.flipped() : part);
                from = to;
            }
            assertEquals(counted(classes, 0, classes.length, false), joined, "trial " + trial);
        }
    }

    @Test
    void aSortedFileIsBeyondChanceAndAShuffledOneOrRarePositivesAreNot() {
        Random random = new Random(5);
        int[] sorted = new int[200_000];
        int[] shuffled = new int[200_000];
        int[] rare = new int[1_000_000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i < 120_000 ? 0 : 1;
            shuffled[i] = random.nextDouble() < 0.4 ? 1 : 0;
        }
        for (int i = 0; i < rare.length; i++) {
            rare[i] = random.nextDouble() < 0.01 ? 1 : 0;
        }
        assertTrue(counted(sorted, 0, sorted.length, false).beyondChanceAndLongerThan(65_536));
        assertFalse(counted(sorted, 0, sorted.length, false).beyondChanceAndLongerThan(120_000), "no longer than the buffer");
        assertFalse(counted(shuffled, 0, shuffled.length, false).beyondChanceAndLongerThan(10));
        // about 1,000 negatives in a row come by chance at 1% positives: not worth a note even with a small buffer
        LabelRuns rareRuns = counted(rare, 0, rare.length, false);
        assertTrue(rareRuns.longest() > 500, "longest " + rareRuns.longest());
        assertFalse(rareRuns.beyondChanceAndLongerThan(500));
        int[] one = new int[1_000];
        assertFalse(counted(one, 0, one.length, false).beyondChanceAndLongerThan(10), "one class: nothing to mix");
    }
}
