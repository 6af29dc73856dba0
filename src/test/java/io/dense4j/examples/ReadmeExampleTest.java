package io.dense4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.metrics.Evaluation;
import org.junit.jupiter.api.Test;

class ReadmeExampleTest {

    @Test
    void theReadmeExampleLearnsXor() {
        Evaluation evaluation = ReadmeExample.run();
        assertTrue(evaluation.accuracy() > 0.95, evaluation.toString());
    }
}
