package io.dense4j.optim;

import static org.nd4j.linalg.api.buffer.DataType.DOUBLE;
import static org.nd4j.linalg.api.buffer.DataType.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.Slices;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdaterTest {
    private static final Slices NO_WEIGHTS = Slices.of(java.util.List.of());

    @Test
    void sgdStepsAgainstTheGradient() {
        NativeArray theta = NativeArray.of(DOUBLE, 1, -2);
        NativeArray gradient = NativeArray.of(DOUBLE, 0.5, -1);
        Updater.create(new SGD(0.1), theta, gradient, NO_WEIGHTS).step();
        assertArrayEquals(new double[] {1 - 0.05, -2 + 0.1}, theta.toDoubleArray(), 1e-15);
    }

    private static NativeArray random(org.nd4j.linalg.api.buffer.DataType type, int length, long seed) {
        java.util.Random random = new java.util.Random(seed);
        NativeArray array = NativeArray.allocate(type, length);
        for (int i = 0; i < length; i++) {
            array.set(i, random.nextGaussian());
        }
        return array;
    }

    /**
     * An update's pieces spread over several threads give the bits of the same update on the
     * calling thread, for every optimizer, over 10 steps (a state sweep included) of an array of
     * several pieces; and plain SGD's pieces give the bits of one axpy over the whole array.
     */
    @Test
    void anUpdateInPiecesOnSeveralThreadsIsTheCallersToTheBit() {
        int length = 3 * UpdatePieces.SIZE + 1_000;
        io.dense4j.runtime.Workers workers = new io.dense4j.runtime.Workers(3);
        workers.start();
        // OpenBLAS on one thread, as training runs it: a threaded axpy would split at points of its own
        try (io.dense4j.runtime.BlasThreads oneEach = io.dense4j.runtime.BlasThreads.exactly(1)) {
            for (org.nd4j.linalg.api.buffer.DataType type : new org.nd4j.linalg.api.buffer.DataType[] {FLOAT, DOUBLE}) {
                Optimizer[] optimizers = {new SGD(0.1), new SGD(0.1).withClipNorm(0.5), new SGD(0.1, 0.9, false),
                    new SGD(0.1, 0.9, true), new Adam(0.01).withWeightDecay(0.01)};
                for (Optimizer optimizer : optimizers) {
                    NativeArray alone = random(type, length, 1);
                    NativeArray spread = random(type, length, 1);
                    NativeArray gradient = random(type, length, 2);
                    NativeArray gradientCopy = random(type, length, 2);
                    Updater onCaller = Updater.create(optimizer, alone, gradient, Slices.of(List.of(alone.slice(10, 5_000))),
                            List.of(), TaskRunner.CALLER);
                    Updater onThreads = Updater.create(optimizer, spread, gradientCopy, Slices.of(List.of(spread.slice(10, 5_000))),
                            List.of(), workers::run);
                    for (int step = 0; step < 10; step++) {
                        onCaller.step();
                        onThreads.step();
                    }
                    String what = type + ", " + optimizer;
                    assertArrayEquals(alone.toDoubleArray(), spread.toDoubleArray(), 0, what);
                    for (int i = 0; i < onCaller.state().size(); i++) {
                        assertArrayEquals(onCaller.state().get(i).toDoubleArray(), onThreads.state().get(i).toDoubleArray(), 0, what);
                    }
                }
                // every piece gets the whole update, the state's sweep of subnormals included: as one updater per piece
                Optimizer[] pieceWise = {new SGD(0.1, 0.9, false), new Adam(0.01)};
                for (Optimizer optimizer : pieceWise) {
                    NativeArray spread = random(type, length, 1);
                    NativeArray gradient = random(type, length, 2);
                    for (int i = 0; i < length; i += 7) {
                        gradient.set(i, type == FLOAT ? 1e-40 : 1e-310); // λ·g and the moments become subnormal
                    }
                    NativeArray bySegment = random(type, length, 1);
                    Updater onThreads = Updater.create(optimizer, spread, gradient, NO_WEIGHTS, List.of(), workers::run);
                    List<Updater> segments = new java.util.ArrayList<>();
                    for (int start = 0; start < length; start += UpdatePieces.SIZE) {
                        int size = Math.min(UpdatePieces.SIZE, length - start);
                        segments.add(Updater.create(optimizer, bySegment.slice(start, size), gradient.slice(start, size), NO_WEIGHTS));
                    }
                    for (int step = 0; step < Updater.FLUSH_EVERY; step++) { // the last step sweeps the state
                        onThreads.step();
                        segments.forEach(Updater::step);
                    }
                    assertArrayEquals(bySegment.toDoubleArray(), spread.toDoubleArray(), 0, type + ", " + optimizer + " by segment");
                    double[] state = onThreads.state().get(0).toDoubleArray();
                    for (int i = 0; i < length && type == FLOAT; i += 7) { // float64 state is kept exact
                        assertTrue(state[i] == 0 || Math.abs(state[i]) >= Float.MIN_NORMAL,
                                type + ", " + optimizer + ": element " + i + " of the state was left subnormal, " + state[i]);
                    }
                }
                NativeArray whole = random(type, length, 1);
                NativeArray pieces = random(type, length, 1);
                NativeArray gradient = random(type, length, 2);
                io.dense4j.tensor.Blas.axpy(length, -0.1, gradient, whole);
                Updater.create(new SGD(0.1), pieces, gradient, NO_WEIGHTS, List.of(), workers::run).step();
                assertArrayEquals(whole.toDoubleArray(), pieces.toDoubleArray(), 0, type + ": one axpy over the whole array");
            }
        } finally {
            workers.stop();
        }
    }

    /**
     * Plain SGD over a block known to be zero outside some rows steps those rows only, each element
     * by a multiply and then an add, w + round(−λ·g) in float32 (the bits a step on unsummed rows
     * gives, {@link io.dense4j.tensor.SlotStep}); an unknown block is stepped whole, the
     * same way. The rest of the array steps by one axpy, as without slot blocks.
     */
    @Test
    void sgdOnKnownNonzeroRowsStepsThoseRowsByAMultiplyThenAnAdd() {
        for (int width : new int[] {6, 70, 256}) {
            for (boolean known : new boolean[] {true, false}) {
                int length = 3 + 9 * width + 5; // a stretch, a block of 9 rows, a stretch
                NativeArray gradient = NativeArray.allocate(FLOAT, length);
                io.dense4j.tensor.NonzeroRows block = new io.dense4j.tensor.NonzeroRows(gradient, 3, 9, width);
                block.clear(); // as a backward pass starts: the block zero, no row listed
                java.util.Random random = new java.util.Random(width);
                NativeArray parameters = NativeArray.allocate(FLOAT, length);
                for (int i = 0; i < length; i++) {
                    parameters.set(i, random.nextGaussian());
                    int row = Math.floorDiv(i - 3, width);
                    if (row < 0 || row >= 9 || row == 1 || row == 6) {
                        gradient.set(i, random.nextGaussian());
                    }
                }
                block.add(6);
                block.add(1);
                if (!known) {
                    block.forget();
                }
                NativeArray expected = NativeArray.allocate(FLOAT, length);
                expected.copyFrom(parameters, 0, 0, length);
                io.dense4j.tensor.Blas.axpy(length, -0.1, gradient, expected);
                float alpha = (float) -0.1;
                for (int i = 3; i < 3 + 9 * width; i++) {
                    float step = alpha * (float) gradient.get(i);
                    expected.set(i, (float) parameters.get(i) + step);
                }
                Updater.create(new SGD(0.1), parameters, gradient, NO_WEIGHTS, List.of(block), TaskRunner.CALLER).step();
                assertArrayEquals(expected.toDoubleArray(), parameters.toDoubleArray(), 0, "width " + width + ", rows known " + known);
            }
        }
    }

    @Test
    void momentumAccumulatesVelocity() {
        // μ = 0.9, λ = 0.1, g = 1 twice: v1 = −0.1, θ1 = −0.1; v2 = 0.9·(−0.1) − 0.1 = −0.19, θ2 = −0.29
        NativeArray theta = NativeArray.of(DOUBLE, 0);
        Updater updater = Updater.create(new SGD(0.1, 0.9, false), theta, NativeArray.of(DOUBLE, 1), NO_WEIGHTS);
        updater.step();
        assertEquals(-0.1, theta.get(0), 1e-15);
        updater.step();
        assertEquals(-0.29, theta.get(0), 1e-15);
        assertEquals(-0.19, updater.state().get(0).get(0), 1e-15);
    }

    @Test
    void nesterovLooksAhead() {
        // θ ← θ + μ·v − λ·g with v ← μ·v − λ·g: step 1: v = −0.1, θ = 0.9·(−0.1) − 0.1 = −0.19;
        // step 2: v = −0.19, θ = −0.19 + 0.9·(−0.19) − 0.1 = −0.461
        NativeArray theta = NativeArray.of(DOUBLE, 0);
        Updater updater = Updater.create(new SGD(0.1, 0.9, true), theta, NativeArray.of(DOUBLE, 1), NO_WEIGHTS);
        updater.step();
        assertEquals(-0.19, theta.get(0), 1e-15);
        updater.step();
        assertEquals(-0.461, theta.get(0), 1e-15);
    }

    @Test
    void adamFirstStepIsTheLearningRateTimesTheGradientSign() {
        // t = 1: m̂ = g, v̂ = g², so the step is λ·g / (|g| + ε) ≈ λ·sign(g) whatever the scale of g.
        NativeArray theta = NativeArray.of(DOUBLE, 0, 0);
        Updater.create(new Adam(0.01, 0.9, 0.999, 1e-8), theta, NativeArray.of(DOUBLE, 250, -0.003), NO_WEIGHTS).step();
        assertEquals(-0.01, theta.get(0), 1e-9);
        assertEquals(0.01, theta.get(1), 1e-7);
    }

    @Test
    void adamMatchesTheTextbookUpdateOverSteps() {
        double beta1 = 0.9;
        double beta2 = 0.999;
        double epsilon = 1e-7;
        double learningRate = 0.05;
        double[] gradients = {0.3, -1.2, 0.7};
        NativeArray theta = NativeArray.of(DOUBLE, 0.5);
        NativeArray g = NativeArray.of(DOUBLE, 0);
        Updater updater = Updater.create(new Adam(learningRate, beta1, beta2, epsilon), theta, g, NO_WEIGHTS);
        double expected = 0.5;
        double m = 0;
        double v = 0;
        for (int t = 1; t <= gradients.length; t++) {
            g.set(0, gradients[t - 1]);
            updater.step();
            m = beta1 * m + (1 - beta1) * gradients[t - 1];
            v = beta2 * v + (1 - beta2) * gradients[t - 1] * gradients[t - 1];
            double mHat = m / (1 - Math.pow(beta1, t));
            double vHat = v / (1 - Math.pow(beta2, t));
            // textbook Adam (Kingma & Ba, Algorithm 1), which the updater's folded form equals exactly
            expected -= learningRate * mHat / (Math.sqrt(vHat) + epsilon);
            assertEquals(expected, theta.get(0), 1e-8);
        }
    }

    /**
     * An idle weight (gradient 0) whose state starts at float32's least normal value: each step's
     * decay keeps it subnormal until the sweep on every {@link Updater#FLUSH_EVERY}-th step stores
     * 0. The weight does not move either way: 1 + 1e-38 is 1 in float32.
     */
    @Test
    void anIdleWeightsDecayedStateIsFlushedToZeroOnEveryEighthStepInFloat32() {
        NativeArray theta = NativeArray.of(FLOAT, 1, 1);
        NativeArray gradient = NativeArray.of(FLOAT, 0, 0);
        Updater momentum = Updater.create(new SGD(0.1, 0.9, false), theta, gradient, NO_WEIGHTS);
        Updater adam = Updater.create(new Adam(1e-3), theta, gradient, NO_WEIGHTS);
        for (Updater updater : List.of(momentum, adam)) {
            for (NativeArray state : updater.state()) {
                state.set(0, Float.MIN_NORMAL);
                state.set(1, 1e-30); // still normal after eight decays: kept
            }
            float[] decay = updater == momentum ? new float[] {0.9f} : new float[] {0.9f, 0.999f};
            for (int step = 1; step <= Updater.FLUSH_EVERY; step++) {
                updater.step();
                for (int k = 0; k < decay.length; k++) {
                    float idle = (float) updater.state().get(k).get(0);
                    if (step < Updater.FLUSH_EVERY) {
                        assertTrue(idle > 0 && idle < Float.MIN_NORMAL, "step " + step + ": " + idle); // subnormal until the sweep
                    } else {
                        assertEquals(0, Float.floatToRawIntBits(idle), "step " + step);
                    }
                    assertTrue((float) updater.state().get(k).get(1) >= Float.MIN_NORMAL);
                }
            }
            assertArrayEquals(new double[] {1, 1}, theta.toDoubleArray(), 0);
        }
    }

    @Test
    void theSweepFollowsTheStepCountAResumedRunRestores() {
        NativeArray theta = NativeArray.of(FLOAT, 1);
        Updater resumed = Updater.create(new SGD(0.1, 0.9, false), theta, NativeArray.of(FLOAT, 0), NO_WEIGHTS);
        resumed.restoreSteps(5);
        resumed.state().get(0).set(0, Float.MIN_NORMAL);
        resumed.step();
        resumed.step();
        assertTrue(resumed.state().get(0).get(0) > 0); // steps 6 and 7
        resumed.step();
        assertEquals(0, resumed.state().get(0).get(0)); // step 8
        assertEquals(8, resumed.steps());
    }

    @Test
    void float64StateDecaysExactlyIntoTheSubnormalRange() {
        NativeArray theta = NativeArray.of(DOUBLE, 1);
        Updater momentum = Updater.create(new SGD(0.1, 0.9, false), theta, NativeArray.of(DOUBLE, 0), NO_WEIGHTS);
        momentum.state().get(0).set(0, 2e-308);
        for (int step = 0; step < Updater.FLUSH_EVERY; step++) {
            momentum.step();
        }
        assertEquals(Math.pow(0.9, Updater.FLUSH_EVERY) * 2e-308, momentum.state().get(0).get(0), 1e-322); // kept: float64 stays exact
    }

    @Test
    void specsRejectBadSettings() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SGD(0)).getMessage().contains("learning rate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, 1.0, false)).getMessage().contains("momentum in [0, 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SGD(0.1, 0, true)).getMessage().contains("nesterov"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Adam(Double.NaN)).getMessage().contains("learning rate"));
    }

    @Test
    void clippingScalesALongGradientToTheNormAsPyTorchDoes() {
        // g = (3, 4), ‖g‖ = 5, clip to 1: g·1/(5 + 1e−6); a gradient within the norm is untouched
        NativeArray theta = NativeArray.of(DOUBLE, 0, 0);
        NativeArray gradient = NativeArray.of(DOUBLE, 3, 4);
        Updater.create(new SGD(1).withClipNorm(1), theta, gradient, NO_WEIGHTS).step();
        double factor = 1 / (5 + 1e-6);
        assertArrayEquals(new double[] {-3 * factor, -4 * factor}, theta.toDoubleArray(), 1e-15);
        NativeArray short_ = NativeArray.of(DOUBLE, 0.3, 0.4);
        NativeArray at = NativeArray.of(DOUBLE, 0, 0);
        Updater.create(new SGD(1).withClipNorm(1), at, short_, NO_WEIGHTS).step();
        assertArrayEquals(new double[] {-0.3, -0.4}, at.toDoubleArray(), 0);
    }

    @Test
    void adamWShrinksTheWeightsButNotTheBiasesBeforeItsStep() {
        // θ = (w = 2, b = 3) with g = 0: Adam's step is 0, so only the decay moves w: 2·(1 − 0.1·0.5)
        NativeArray theta = NativeArray.of(DOUBLE, 2, 3);
        Slices weights = Slices.of(java.util.List.of(theta.slice(0, 1)));
        Updater.create(new Adam(0.1).withWeightDecay(0.5), theta, NativeArray.of(DOUBLE, 0, 0), weights).step();
        assertArrayEquals(new double[] {2 * (1 - 0.1 * 0.5), 3}, theta.toDoubleArray(), 1e-15);
    }

    @Test
    void aNewLearningRateTakesEffectAtTheNextStep() {
        NativeArray theta = NativeArray.of(DOUBLE, 1);
        Updater updater = Updater.create(new SGD(0.1), theta, NativeArray.of(DOUBLE, 1), NO_WEIGHTS);
        updater.step();
        updater.setLearningRate(0.01);
        updater.step();
        assertEquals(1 - 0.1 - 0.01, theta.get(0), 1e-15);
        assertEquals(0.01, updater.learningRate());
        assertThrows(IllegalArgumentException.class, () -> updater.setLearningRate(0));
        assertThrows(IllegalArgumentException.class, () -> new SGD(0.1).withClipNorm(-1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1).withWeightDecay(Double.NaN));
    }

    /**
     * Only plain SGD without clipping takes a slot block left unsummed: momentum, Adam and a
     * clipping SGD read the whole gradient, and refuse a step on a block that holds an earlier
     * step's, rather than step on it.
     */
    @Test
    void onlyPlainSgdWithoutClippingStepsABlockLeftUnsummed() {
        for (Optimizer optimizer : List.<Optimizer>of(new SGD(0.1, 0.9, false), new Adam(0.01), new SGD(0.1).withClipNorm(1))) {
            NativeArray gradient = NativeArray.allocate(FLOAT, 12);
            io.dense4j.tensor.NonzeroRows block = new io.dense4j.tensor.NonzeroRows(gradient, 0, 3, 4);
            Updater updater = Updater.create(optimizer, NativeArray.allocate(FLOAT, 12), gradient, NO_WEIGHTS, List.of(block),
                    TaskRunner.CALLER);
            assertTrue(!updater.takesUnsummedSlots(), optimizer.toString());
            block.leaveUnsummed((alpha, parameters, task) -> { });
            IllegalStateException refused = assertThrows(IllegalStateException.class, updater::step, optimizer.toString());
            assertTrue(refused.getMessage().contains("unsummed"), refused.getMessage());
        }
        NativeArray gradient = NativeArray.allocate(FLOAT, 12);
        io.dense4j.tensor.NonzeroRows block = new io.dense4j.tensor.NonzeroRows(gradient, 0, 3, 4);
        NativeArray parameters = NativeArray.allocate(FLOAT, 12);
        Updater sgd = Updater.create(new SGD(0.25), parameters, gradient, NO_WEIGHTS, List.of(block), TaskRunner.CALLER);
        assertTrue(sgd.takesUnsummedSlots());
        double[] seen = new double[1];
        block.leaveUnsummed((alpha, into, task) -> seen[0] = alpha);
        sgd.step();
        assertEquals(-0.25, seen[0], 0, "the sums are stepped by −λ");
        assertTrue(block.takeUnsummed() == null, "and taken once");
    }
}
