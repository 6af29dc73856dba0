package io.dense4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Dataset;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Each batch's loss is taken before its step, so an epoch's last step can take the weights where
 * no row has a finite loss, and the validation rows are the first to show it. That is a divergence,
 * not a held-out row outside the training range, and is said as one.
 */
class LastStepDivergenceTest {

    @Test
    void aLastStepThatLeavesNoRowAFiniteLossIsADivergence() {
        Synthetic data = Synthetic.generate(Teacher.XOR, 96, 4, 3);
        Dataset rows = Dataset.of(data.features(), data.labels(), DataType.FLOAT);
        Model model = new Sequential(new Dense(6, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(4, new BinaryCrossEntropy(), new SGD(1e5), CompileOptions.defaults().withSeed(5));
        TrainingDivergedException diverged = assertThrows(TrainingDivergedException.class, () -> new Trainer(model).fit(rows,
                FitOptions.builder().epochs(3).batchSize(16).validationSplit(0.25).seed(2).build()));
        assertTrue(diverged.getMessage().matches("training diverged: after epoch 1's last step \\(5\\), the loss is NaN on the "
                + "validation rows and (NaN|Infinity) on the training rows; the parameters are those after that step\\. Try a "
                + "lower learning rate.*"), diverged.getMessage());
        assertEquals(1, diverged.epoch());
        assertEquals(5, diverged.step());
        // every training batch of that epoch had a finite loss before its step: the first batch of the next would not have
        float[] weights = model.parameters().toFloatVector();
        float largest = 0;
        for (float weight : weights) {
            assertFalse(Float.isNaN(weight));
            largest = Math.max(largest, Math.abs(weight));
        }
        assertTrue(largest > 1e15f, "weights far past any data's scale: " + largest);
    }
}
