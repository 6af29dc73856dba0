package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.metrics.Evaluation;
import io.dense4j.optim.Adam;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.SGD;
import io.dense4j.train.FitOptions;
import org.junit.jupiter.api.Test;

/** Fixed seeds, asserted thresholds on fresh held-out data from the same recipe. */
class LearningTest {

    private static Evaluation trainAndTest(Sequential model, Optimizer optimizer, Teacher teacher, int width, int epochs) {
        Synthetic train = Synthetic.generate(teacher, 2000, width, 1);
        Synthetic test = Synthetic.generate(teacher, 1000, width, 2);
        Model compiled = model.compile(width, new BinaryCrossEntropy(), optimizer);
        compiled.fit(train.features(), train.labels(), FitOptions.builder().epochs(epochs).batchSize(32).build());
        return compiled.evaluate(test.features(), test.labels());
    }

    @Test
    void logisticRegressionLearnsALinearlySeparableSet() {
        Evaluation result = trainAndTest(new Sequential(new Dense(1, new Sigmoid())), new SGD(0.1), Teacher.LINEAR, 20, 20);
        assertTrue(result.accuracy() > 0.95, result.toString());
        assertTrue(result.rocAuc() > 0.99, result.toString());
    }

    @Test
    void oneHiddenLayerLearnsXorWhereLogisticRegressionCannot() {
        Evaluation linear = trainAndTest(new Sequential(new Dense(1, new Sigmoid())), new SGD(0.1), Teacher.XOR, 2, 20);
        Evaluation hidden = trainAndTest(new Sequential(new Dense(16, new ReLU(), Initializer.HE_NORMAL),
                new Dense(1, new Sigmoid())), new SGD(0.1, 0.9, false), Teacher.XOR, 2, 30);
        assertTrue(linear.accuracy() < 0.65, "logistic regression should fail on XOR: " + linear);
        assertTrue(hidden.accuracy() > 0.95, "one hidden layer should learn XOR: " + hidden);
    }

    @Test
    void twoHiddenLayersLearnTwoSpiralsWithAdam() {
        Evaluation result = trainAndTest(new Sequential(new Dense(32, new ReLU(), Initializer.HE_NORMAL),
                new Dense(32, new ReLU(), Initializer.HE_NORMAL), new Dense(1, new Sigmoid())),
                new Adam(0.01), Teacher.SPIRALS, 2, 60);
        assertTrue(result.accuracy() > 0.9, result.toString());
    }
}
