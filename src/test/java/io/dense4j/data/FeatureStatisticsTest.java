package io.dense4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FeatureStatisticsTest {

    @Test
    void matchesTheTwoPassFormulasOnHandValues() {
        // feature 1: 1, 2, 3 → mean 2, σ² = (1 + 0 + 1)/3;  feature 2: 10, 20, 60 → mean 30, σ² = (400 + 100 + 900)/3
        FeatureStatistics statistics = new FeatureStatistics(2);
        statistics.add(new float[] {1, 10});
        statistics.add(new float[] {2, 20});
        statistics.add(new float[] {3, 60});
        assertEquals(3, statistics.count());
        assertArrayEquals(new double[] {2, 30}, statistics.mean(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(2.0 / 3), Math.sqrt(1400.0 / 3)}, statistics.standardDeviation(), 1e-12);
    }

    @Test
    void staysAccurateFarFromZero() {
        // 1e6 + {−1, 0, +1} repeated: the naive Σx² − n·mean² loses every digit of σ² = 2/3 in double
        FeatureStatistics statistics = new FeatureStatistics(1);
        for (int i = 0; i < 3000; i++) {
            statistics.add(new float[] {1_000_000f + (i % 3) - 1});
        }
        assertEquals(1_000_000, statistics.mean()[0], 1e-6);
        assertEquals(Math.sqrt(2.0 / 3), statistics.standardDeviation()[0], 1e-9);
    }

    @Test
    void mergingPiecesGivesTheFiguresOfAllTheRows() {
        float[][] rows = {{1, 10}, {2, Float.NaN}, {3, 60}, {7, 20}, {Float.NaN, -5}};
        FeatureStatistics all = new FeatureStatistics(2);
        FeatureStatistics first = new FeatureStatistics(2);
        FeatureStatistics second = new FeatureStatistics(2);
        for (int i = 0; i < rows.length; i++) {
            all.add(rows[i]);
            (i < 2 ? first : second).add(rows[i]);
        }
        first.merge(second);
        first.merge(new FeatureStatistics(2)); // an empty piece changes nothing
        assertEquals(5, first.count());
        assertEquals(2, first.missingValues());
        assertArrayEquals(all.mean(), first.mean(), 1e-12);
        assertArrayEquals(all.standardDeviation(), first.standardDeviation(), 1e-12);
        assertArrayEquals(new double[] {13.0 / 4, 85.0 / 4}, first.mean(), 1e-12); // by hand
    }
}
