package io.dense4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SkippedRowsShareTest {
    @Test
    void theRowsSkippedAreSaidWithTheirShareOfTheRowsRead() {
        assertEquals("6 bad rows of 40 (15.0%)", SkippedRowsShare.of(6, 34));
        assertEquals("1,800 bad rows of 4,000 (45.0%)", SkippedRowsShare.of(1_800, 2_200), "a column that turned to text halfway");
        assertEquals("1 bad row of 2,000 (0.1%)", SkippedRowsShare.of(1, 1_999));
        assertEquals("1,999 bad rows of 2,000 (over 99.9%)", SkippedRowsShare.of(1_999, 1), "not rounded to all");
        assertEquals("3 bad rows of 3 (100.0%)", SkippedRowsShare.of(3, 0));
        assertEquals("1 bad row of 1,000,001 (under 0.1%)", SkippedRowsShare.of(1, 1_000_000), "not rounded to none");
    }
}
