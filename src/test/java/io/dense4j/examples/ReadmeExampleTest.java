package io.dense4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.metrics.Evaluation;
import org.junit.jupiter.api.Test;

class ReadmeExampleTest {

    @Test
    void theReadmeExampleLearnsXor() throws java.io.IOException {
        Evaluation evaluation = ReadmeExample.run();
        assertTrue(evaluation.accuracy() > 0.95, evaluation.toString());
        // the README quotes the example's last line: it must be what the example prints
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        assertTrue(readme.contains(evaluation.toString()), "README.md should quote: " + evaluation);
    }
}
