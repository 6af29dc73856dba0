package io.dense4j.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.layer.Dense;
import io.dense4j.layer.Layer;
import io.dense4j.layer.Linear;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CompilerTest {

    private static Graph compile(boolean fuse, BinaryCrossEntropy loss, Layer... layers) {
        return Compiler.compile(List.of(layers), 4, loss, fuse, false);
    }

    private static String labels(Graph graph) {
        return graph.nodes().stream().map(Node::label).collect(Collectors.joining(", "));
    }

    private static IllegalArgumentException rejects(BinaryCrossEntropy loss, int inputWidth, Layer... layers) {
        return assertThrows(IllegalArgumentException.class,
                () -> Compiler.compile(List.of(layers), inputWidth, loss, true, false));
    }

    @Test
    void infersEveryWidthFromTheInput() {
        Graph graph = compile(false, new BinaryCrossEntropy(), new Dense(8, new ReLU()), new Dense(3), new Dense(1, new Sigmoid()));
        assertEquals(List.of(4, 8, 3), graph.nodes().stream().map(Node::inputWidth).collect(Collectors.toList()));
        assertEquals(List.of(8, 3, 1), graph.nodes().stream().map(Node::outputWidth).collect(Collectors.toList()));
        // (4·8 + 8) + (8·3 + 3) + (3·1 + 1) parameters
        assertEquals(40 + 27 + 4, graph.parameterCount());
    }

    @Test
    void dropsIdentityActivations() {
        Graph graph = compile(false, new BinaryCrossEntropy(), new Linear(), new Dense(3), new Linear(), new Dense(1, new Sigmoid()));
        assertEquals("Dense, Dense+Sigmoid", labels(graph));
    }

    @Test
    void fusesAFinalSigmoidIntoTheLossFromLogits() {
        Graph asActivation = compile(true, new BinaryCrossEntropy(), new Dense(3), new Dense(1, new Sigmoid()));
        assertEquals("Dense, Dense", labels(asActivation));
        assertEquals(LossForm.FROM_LOGITS, asActivation.lossForm());

        Graph asLayer = compile(true, new BinaryCrossEntropy(), new Dense(3, new ReLU()), new Dense(1), new Sigmoid());
        assertEquals("Dense+ReLU, Dense", labels(asLayer));
        assertEquals(LossForm.FROM_LOGITS, asLayer.lossForm());
        assertTrue(asLayer.rewrites().stream().anyMatch(line -> line.contains("fused the final Sigmoid (layer 2)")));
    }

    @Test
    void keepsTheSigmoidOpWhenFusionIsOff() {
        Graph graph = compile(false, new BinaryCrossEntropy(), new Dense(3), new ReLU(), new Dense(1), new Sigmoid());
        assertEquals("Dense, ReLU, Dense, Sigmoid", labels(graph));
        assertEquals(LossForm.FROM_PROBABILITIES, graph.lossForm());
    }

    @Test
    void foldsAnActivationLayerIntoTheDenseOpBeforeIt() {
        Graph graph = compile(true, new BinaryCrossEntropy(true), new Dense(5), new ReLU(), new Dense(5, new ReLU()),
                new Sigmoid(), new Dense(1));
        // the second ReLU cannot take the Sigmoid: it already has an activation
        assertEquals("Dense+ReLU, Dense+ReLU, Sigmoid, Dense", labels(graph));
    }

    @Test
    void leavesAnActivationOnTheInputAsItsOwnOp() {
        Graph graph = compile(true, new BinaryCrossEntropy(), new ReLU(), new Dense(1, new Sigmoid()));
        assertEquals("ReLU, Dense", labels(graph));
    }

    @Test
    void rejectsAnEmptyModel() {
        assertTrue(rejects(new BinaryCrossEntropy(), 4).getMessage().contains("Sequential is empty"));
    }

    @Test
    void rejectsAModelWithoutDenseLayers() {
        assertTrue(rejects(new BinaryCrossEntropy(), 1, new Sigmoid()).getMessage().contains("no Dense layer"));
    }

    @Test
    void rejectsANonPositiveInputWidth() {
        String message = rejects(new BinaryCrossEntropy(), 0, new Dense(1, new Sigmoid())).getMessage();
        assertTrue(message.contains("input width >= 1") && message.contains("got 0"), message);
    }

    @Test
    void rejectsAFinalWidthOtherThanOne() {
        String message = rejects(new BinaryCrossEntropy(), 4, new Dense(8), new Dense(2, new Sigmoid())).getMessage();
        assertTrue(message.contains("layer 1 (Dense), outputs 2") && message.contains("output 1 value per row"), message);
    }

    @Test
    void rejectsProbabilityLossWithoutAFinalSigmoid() {
        String message = rejects(new BinaryCrossEntropy(), 4, new Dense(1, new ReLU())).getMessage();
        assertTrue(message.contains("expects probabilities") && message.contains("layer 0 (Dense+ReLU), ends in ReLU"), message);
        assertTrue(message.contains("BinaryCrossEntropy(true)"), message);
    }

    @Test
    void namesTheUsersLastLayerEvenWhenItIsAnIdentity() {
        String message = rejects(new BinaryCrossEntropy(), 4, new Dense(1), new Linear()).getMessage();
        assertTrue(message.contains("layer 1 (Linear), ends in Linear"), message);
        // a Sigmoid followed by identities still ends in Sigmoid
        assertEquals("Dense", labels(compile(true, new BinaryCrossEntropy(), new Dense(1, new Sigmoid()), new Linear())));
    }

    @Test
    void rejectsLogitLossAfterASigmoid() {
        String message = rejects(new BinaryCrossEntropy(true), 4, new Dense(1), new Sigmoid()).getMessage();
        assertTrue(message.contains("expects logits") && message.contains("layer 1 (Sigmoid)"), message);
    }

    @Test
    void rejectsNonPositiveUnitsWhenTheLayerIsMade() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Dense(0));
        assertTrue(error.getMessage().contains("Dense expects units >= 1, got 0"), error.getMessage());
    }
}
