package io.dense4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.DatasetBatches;
import io.dense4j.graph.Compiler;
import io.dense4j.graph.Graph;
import io.dense4j.graph.InputLayout;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A part's gradients leave the slot weight rows out, and find every other element where a step's are. */
class GradientsTest {
    /** 2 numbers and codes of 5 and 40 slots into 3 units, then 3 → 1: weights 47 × 3 + 3, then 3 + 1. */
    private static Graph graph() {
        return Compiler.compile(List.of(new Dense(3, new ReLU()), new Dense(1, new Sigmoid())),
                new InputLayout(new int[] {0, 5, 0, 40}), new BinaryCrossEntropy(), true, false);
    }

    @Test
    void aPartsArrayLeavesTheSlotRowsOutAndKeepsTheRestInOrder() {
        Graph graph = graph();
        Gradients step = new Gradients(graph, DataType.DOUBLE);
        Gradients part = Gradients.forPart(graph, DataType.DOUBLE);
        assertEquals(47 * 3 + 3 + 3 + 1, step.values().length());
        assertEquals(2 * 3 + 3 + 3 + 1, part.values().length(), "the 45 slot rows of 3 left out");
        assertEquals(part.values().length(), Gradients.partLength(graph));
        assertEquals(2, step.nonzeroRows().size(), "one block per categorical column");
        assertTrue(part.nonzeroRows().isEmpty());
        assertNull(part.nonzeroRows(0));
        assertEquals(6, part.weights(0).length(), "the numbers' rows");
        for (int i = 0; i < part.values().length(); i++) {
            part.values().set(i, i + 1);
        }
        // the numbers' rows, then (past the slot rows) the bias and the next layer, where a step's array has them
        assertEquals(1, part.slice(0, 6).get(0), 0);
        assertEquals(7, part.slice(141, 3).get(0), 0, "the first layer's bias, element 141 of a step's array");
        assertEquals(7, part.bias(0).get(0), 0);
        assertEquals(10, part.slice(144, 4).get(0), 0, "the second layer's weights");
        assertEquals(10, part.weights(1).get(0), 0);
        assertEquals(step.weights(1).length(), part.weights(1).length());
        assertThrows(IllegalArgumentException.class, () -> part.slice(4, 4), "crosses the slot rows");
        assertEquals(step.values().length(), step.slice(0, step.values().length()).length(), "a step's array is the full layout");
    }

    @Test
    void thePartsMemoryBudgetCountsThePartsArraysWithoutTheSlotRows() {
        Parameters parameters = new Parameters(graph(), DataType.FLOAT);
        parameters.initialize(1);
        long partBytes = StepRunner.partGradientBytes(parameters);
        assertEquals((2 * 3 + 3 + 3 + 1) * 4, partBytes);
        // room for 2 parts' arrays without the slot rows; with them it would hold one
        ExecutionPolicy policy = new ExecutionPolicy(2, 0, 1, 2 * partBytes);
        StepRunner runner = new StepRunner(parameters, new Gradients(parameters.graph(), DataType.FLOAT), policy, 8, new Workers(2));
        DatasetBatches rows = StepRunnerTest.categoricalRows(8, DataType.FLOAT, 3);
        rows.startPass(0, 0, false);
        runner.load(rows, 8);
        assertEquals(2, runner.parts());
    }
}
