package io.dense4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlasThreadsTest {

    @Test
    void setsTheCountWhileOpenAndRestoresItWhenTheLastCloses() {
        int before = BlasThreads.current();
        try (BlasThreads outer = BlasThreads.exactly(1)) {
            assertEquals(1, BlasThreads.current());
            try (BlasThreads inner = BlasThreads.exactly(1)) {
                assertEquals(1, BlasThreads.current());
            }
            assertEquals(1, BlasThreads.current(), "the outer setting is still open");
        }
        assertEquals(before, BlasThreads.current());
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> BlasThreads.exactly(0));
    }
}
