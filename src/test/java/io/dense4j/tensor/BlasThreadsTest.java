package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlasThreadsTest {

    @Test
    void smallBatchesTrainOnOneThreadAndTheCountIsRestored() {
        int before = BlasThreads.current();
        try (BlasThreads threads = BlasThreads.forBatch(1)) {
            assertEquals(1, BlasThreads.current());
        }
        assertEquals(before, BlasThreads.current());
        try (BlasThreads threads = BlasThreads.forBatch(BlasThreads.SINGLE_THREAD_BELOW_ROWS)) {
            assertEquals(before, BlasThreads.current()); // large batches keep the configured count
        }
        assertEquals(before, BlasThreads.current());
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> BlasThreads.exactly(0));
    }
}
