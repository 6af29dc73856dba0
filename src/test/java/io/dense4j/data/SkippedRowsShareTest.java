package io.dense4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SkippedRowsShareTest {
    @Test
    void theRowsSkippedAreSaidWithTheirShareOfTheRowsRead() {
        assertEquals("6 bad rows of 40 (15%)", SkippedRowsShare.of(6, 34));
        assertEquals("1,800 bad rows of 4,000 (45%)", SkippedRowsShare.of(1_800, 2_200), "a column that turned to text halfway");
        assertEquals("1 bad row of 2,000 (0.1%)", SkippedRowsShare.of(1, 1_999));
        assertEquals("3 bad rows of 3 (100%)", SkippedRowsShare.of(3, 0));
        assertEquals("1 bad row of 1,000,001 (0.0%)", SkippedRowsShare.of(1, 1_000_000), "a share under a twentieth of a percent");
    }
}
