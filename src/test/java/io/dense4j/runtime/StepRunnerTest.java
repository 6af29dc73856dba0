package io.dense4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.graph.Compiler;
import io.dense4j.graph.Graph;
import io.dense4j.graph.InputLayout;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Layer;
import io.dense4j.layer.Normalization;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.tensor.NativeKernels;
import io.dense4j.tensor.NonzeroRows;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** A step cut into parts on several threads is the step one plan takes over the whole batch. */
class StepRunnerTest {

    private static Parameters parameters(DataType type, int inputs) {
        List<Layer> layers = List.of(new Normalization(), new Dense(16, new ReLU()), new Dense(8, new ReLU()),
                new Dense(1, new Sigmoid()));
        Graph graph = Compiler.compile(layers, inputs, new BinaryCrossEntropy(), true, false);
        Parameters parameters = new Parameters(graph, type);
        parameters.initialize(3);
        parameters.mean(0).set(0, 0.1);
        parameters.scale(0).set(0, 0.5);
        return parameters;
    }

    private static DatasetBatches rows(int count, int inputs, DataType type) {
        Synthetic data = Synthetic.generate(Teacher.XOR, count, inputs, 4);
        return new DatasetBatches(Dataset.of(data.features(), data.labels(), type));
    }

    /** The loss sum, correct count and gradient of one pass over {@code count} rows. */
    private static double[] step(Parameters parameters, ExecutionPolicy policy, int count, Gradients into) {
        Workers workers = new Workers(policy.threads());
        StepRunner runner = new StepRunner(parameters, into, policy, count, workers);
        DatasetBatches source = rows(count, 5, parameters.dataType());
        source.startPass(0, 0, false);
        runner.load(source, count);
        workers.start();
        try {
            return new double[] {runner.run(count), runner.correct(), runner.parts()};
        } finally {
            workers.stop();
        }
    }

    @Test
    void partsGiveTheWholeBatchsGradientLossAndCountInFloat64() {
        Parameters parameters = parameters(DataType.DOUBLE, 5);
        Gradients whole = new Gradients(parameters.graph(), DataType.DOUBLE);
        Plan plan = new Plan(parameters, whole, 301);
        DatasetBatches source = rows(301, 5, DataType.DOUBLE);
        source.startPass(0, 0, false);
        source.next(301, plan.input(), plan.labels());
        double loss = plan.trainingStep(301, 301);
        int correct = plan.countCorrect(301);

        Gradients parted = new Gradients(parameters.graph(), DataType.DOUBLE);
        double[] result = step(parameters, ExecutionPolicy.ofThreads(2).withParts(3), 301, parted);
        assertEquals(3, result[2], "301 rows in 3 parts on 2 threads");
        assertEquals(loss, result[0], 1e-12);
        assertEquals(correct, result[1]);
        assertArrayEquals(whole.values().toDoubleArray(), parted.values().toDoubleArray(), 1e-14);
    }

    @Test
    void withFixedPartsAStepsGradientIsBitForBitTheSameOnAnyNumberOfThreads() {
        Parameters parameters = parameters(DataType.FLOAT, 5);
        for (int rows : new int[] {1, 130, 1000}) {
            Gradients one = new Gradients(parameters.graph(), DataType.FLOAT);
            double[] alone = step(parameters, ExecutionPolicy.ofThreads(1).withParts(5), rows, one);
            for (int threads : new int[] {2, 3, 8}) {
                Gradients many = new Gradients(parameters.graph(), DataType.FLOAT);
                double[] shared = step(parameters, ExecutionPolicy.ofThreads(threads).withParts(5), rows, many);
                assertArrayEquals(alone, shared, 0.0, rows + " rows on " + threads + " threads");
                assertArrayEquals(one.values().toDoubleArray(), many.values().toDoubleArray(), 0.0,
                        rows + " rows on " + threads + " threads");
            }
        }
    }

    @Test
    void aShortPassInARunnerForPartsIsOnePartWithTheSameResult() {
        Parameters parameters = parameters(DataType.DOUBLE, 5);
        Gradients direct = new Gradients(parameters.graph(), DataType.DOUBLE);
        double[] alone = step(parameters, ExecutionPolicy.ofThreads(2), 50, direct);

        Gradients parted = new Gradients(parameters.graph(), DataType.DOUBLE);
        Workers workers = new Workers(2);
        StepRunner runner = new StepRunner(parameters, parted, ExecutionPolicy.ofThreads(2), 500, workers);
        DatasetBatches source = rows(50, 5, DataType.DOUBLE); // fewer than 2 × 64 rows: one part
        source.startPass(0, 0, false);
        runner.load(source, 50);
        assertEquals(1, runner.parts());
        assertEquals(alone[0], runner.run(50), 0.0);
        assertArrayEquals(direct.values().toDoubleArray(), parted.values().toDoubleArray(), 0.0);
    }

    /**
     * Numbers in columns 0 and 2, codes in 1 (5 slots) and 3 (40 slots), read by a hidden layer of
     * 70 (axpy rows when not native), or by the output layer alone.
     */
    private static Parameters categorical(DataType type, boolean hidden) {
        List<Layer> layers = hidden ? List.of(new Dense(70, new ReLU()), new Dense(1, new Sigmoid())) : List.of(new Dense(1, new Sigmoid()));
        Graph graph = Compiler.compile(layers, new InputLayout(new int[] {0, 5, 0, 40}), new BinaryCrossEntropy(), true, false);
        Parameters parameters = new Parameters(graph, type);
        parameters.initialize(3);
        return parameters;
    }

    static DatasetBatches categoricalRows(int count, DataType type, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[count][];
        double[] y = new double[count];
        for (int r = 0; r < count; r++) {
            x[r] = new double[] {random.nextGaussian(), random.nextInt(5), random.nextGaussian(), (int) (40 * Math.pow(random.nextDouble(), 3))};
            y[r] = random.nextInt(2);
        }
        return new DatasetBatches(Dataset.of(Nd4j.createFromArray(x), Nd4j.createFromArray(y).reshape(count, 1), type));
    }

    /** Each slot block's values: column 1's, then column 3's. */
    private static double[] slotBlocks(Gradients gradients) {
        return gradients.nonzeroRows().stream().flatMapToDouble(block -> java.util.Arrays.stream(block.block().toDoubleArray())).toArray();
    }

    /**
     * The slot gradients are written from every part's dL/dZ rows in row order, as one plan over
     * the batch writes them, by tasks that each take some of the columns: they agree with one
     * plan's as the other gradients do (dL/dZ's last bits depend on the gemms' shapes, so on the
     * cut), and for a given cut are the same bits on any number of threads.
     */
    @Test
    void aStepInPartsGivesTheSlotGradientsOfOnePlanOnAnyNumberOfThreads() {
        for (String nativeRows : new String[] {"true", "false"}) { // the native library, and one BLAS call per row
            withProperty("dense4j.native", nativeRows, StepRunnerTest::slotGradientsOfOnePlanOnAnyNumberOfThreads);
        }
    }

    /** Runs {@code test} with the system property {@code name} set to {@code value}, then puts the property back. */
    private static void withProperty(String name, String value, Runnable test) {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            test.run();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }

    private static void slotGradientsOfOnePlanOnAnyNumberOfThreads() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean hidden : new boolean[] {false, true}) {
                Parameters parameters = categorical(type, hidden);
                double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-14;
                for (int rows : new int[] {9, 300}) {
                    Gradients whole = new Gradients(parameters.graph(), type);
                    Plan plan = new Plan(parameters, whole, rows);
                    DatasetBatches second = categoricalRows(rows, type, 2);
                    second.startPass(0, 0, false);
                    second.next(rows, plan.input(), plan.labels());
                    plan.trainingStep(rows, rows);
                    for (int parts : new int[] {2, 3, 5}) {
                        double[] onOneThread = null;
                        for (int threads : new int[] {1, 2, 3}) {
                            String what = type + (hidden ? ", hidden layer, " : ", ") + rows + " rows in " + parts + " parts on "
                                    + threads + " threads";
                            // after a penalty, say, the blocks are forgotten: the second step must zero them whole
                            Gradients parted = partedSteps(parameters, type, rows, parts, threads, threads == 2);
                            assertArrayEquals(slotBlocks(whole), slotBlocks(parted), tolerance, what);
                            assertArrayEquals(whole.values().toDoubleArray(), parted.values().toDoubleArray(), tolerance, what);
                            for (NonzeroRows block : parted.nonzeroRows()) {
                                assertTrue(block.known(), what + ": the step listed its slot rows");
                            }
                            if (onOneThread == null) {
                                onOneThread = parted.values().toDoubleArray();
                            }
                            assertArrayEquals(onOneThread, parted.values().toDoubleArray(), 0, what);
                        }
                    }
                }
            }
        }
    }

    /**
     * Two steps of {@code rows} rows in parts, the second on the rows the whole plan above took,
     * so that it must clear the first's slot rows (the whole blocks, if {@code forgetBetween}
     * writes every gradient between them); the gradients after the second.
     */
    private static Gradients partedSteps(Parameters parameters, DataType type, int rows, int parts, int threads,
                                         boolean forgetBetween) {
        Gradients parted = new Gradients(parameters.graph(), type);
        Workers workers = new Workers(threads);
        StepRunner runner = new StepRunner(parameters, parted, new ExecutionPolicy(threads, parts, 1,
                ExecutionPolicy.DEFAULT_PART_GRADIENT_BYTES), rows, workers);
        workers.start();
        try {
            for (long seed : new long[] {1, 2}) {
                DatasetBatches batch = categoricalRows(rows, type, seed);
                batch.startPass(0, 0, false);
                runner.load(batch, rows);
                runner.run(rows);
                assertEquals(parts, runner.parts());
                if (forgetBetween && seed == 1) {
                    parted.values().fill(7); // as a penalty writes every weight's gradient
                    parted.forgetNonzeroRows();
                }
            }
        } finally {
            workers.stop();
        }
        return parted;
    }

    /**
     * A step that leaves the slot gradients unsummed, and the plain SGD step that sums them into
     * the weights, move every weight to the same bits as writing the gradients and stepping them:
     * on one plan and in parts, on one thread and two, for several steps, column by column and tile
     * by tile of units. With the native library the slot blocks are then never written; a warm
     * step allocates nothing.
     */
    @Test
    void slotSumsLeftForPlainSgdStepTheWeightsAsWrittenGradientsDo() {
        for (String tiles : new String[] {"never", "always"}) {
            withProperty("dense4j.slotTiles", tiles, StepRunnerTest::slotSumsStepTheWeightsAsWrittenGradientsDo);
        }
    }

    /** A mistyped choice of the slot step's loop stops the plan that would use it, naming the property and the value. */
    @Test
    void anUnknownSlotTilesChoiceIsRefusedWhenThePlanIsBuilt() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        Parameters parameters = categorical(DataType.FLOAT, true);
        withProperty("dense4j.slotTiles", "sometimes", () -> {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new Plan(parameters, new Gradients(parameters.graph(), DataType.FLOAT), 8));
            assertEquals("-Ddense4j.slotTiles takes auto, always or never, got \"sometimes\"", refused.getMessage());
        });
    }

    private static void slotSumsStepTheWeightsAsWrittenGradientsDo() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean hidden : new boolean[] {false, true}) {
                for (int rows : new int[] {9, 300}) {
                    for (int[] cut : new int[][] {{1, 1}, {1, 3}, {2, 2}, {2, 3}}) { // {threads, parts}
                        ExecutionPolicy policy = new ExecutionPolicy(cut[0], cut[1], 1, ExecutionPolicy.DEFAULT_PART_GRADIENT_BYTES);
                        String what = type + (hidden ? ", hidden layer, " : ", ") + rows + " rows, " + cut[1] + " parts on " + cut[0]
                                + " threads, tiles " + System.getProperty("dense4j.slotTiles");
                        Parameters written = categorical(type, hidden);
                        Parameters summed = categorical(type, hidden);
                        sgdSteps(written, policy, rows, false, false);
                        Gradients unsummedGradients = sgdSteps(summed, policy, rows, true, false);
                        assertArrayEquals(written.values().toDoubleArray(), summed.values().toDoubleArray(), 0, what);
                        if (cut[0] == 1) {
                            sgdSteps(summed, policy, rows, true, true);
                        }
                        if (io.dense4j.tensor.NativeKernels.enabled()) {
                            assertTrue(java.util.Arrays.stream(slotBlocks(unsummedGradients)).allMatch(v -> v == 0),
                                    what + ": the slot blocks were left unwritten");
                        }
                    }
                }
            }
        }
    }

    /**
     * Four plain SGD steps (0.3) on batches of {@code rows} rows, then with {@code checkAllocation}
     * 200 more on the caller's thread, which must allocate nothing; returns the steps' gradients.
     */
    private static Gradients sgdSteps(Parameters parameters, ExecutionPolicy policy, int rows, boolean leaveSlotSums,
                                      boolean checkAllocation) {
        Gradients gradients = new Gradients(parameters.graph(), parameters.dataType());
        Workers workers = new Workers(policy.threads());
        StepRunner runner = new StepRunner(parameters, gradients, policy, rows, workers);
        io.dense4j.optim.Updater sgd = io.dense4j.optim.Updater.create(new io.dense4j.optim.SGD(0.3), parameters.values(),
                gradients.values(), parameters.allWeights(), gradients.nonzeroRows(), runner::runOnStepThreads);
        assertTrue(sgd.takesUnsummedSlots());
        workers.start();
        try {
            for (long seed = 1; seed <= 4; seed++) {
                DatasetBatches batch = categoricalRows(rows, parameters.dataType(), seed);
                batch.startPass(0, 0, false);
                runner.load(batch, rows);
                runner.run(rows, leaveSlotSums);
                sgd.step();
            }
            if (checkAllocation) {
                var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                DatasetBatches batch = categoricalRows(rows, parameters.dataType(), 5);
                batch.startPass(0, 0, false);
                runner.load(batch, rows);
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 200; i++) {
                    runner.run(rows, true);
                    sgd.step();
                }
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                assertTrue(allocated < 3_200, "200 warm steps allocated " + allocated + " bytes"); // an object per step would be 3,200
            }
        } finally {
            workers.stop();
        }
        return gradients;
    }

    @Test
    void refusesASourceThatRunsOutInTheMiddleOfAStep() {
        Parameters parameters = parameters(DataType.FLOAT, 5);
        StepRunner runner = new StepRunner(parameters, new Gradients(parameters.graph(), DataType.FLOAT),
                ExecutionPolicy.ofThreads(1), 300, new Workers(1));
        DatasetBatches source = rows(200, 5, DataType.FLOAT);
        source.startPass(0, 0, false);
        assertThrows(IllegalStateException.class, () -> runner.load(source, 300));
    }

    @Test
    void aWarmPartedStepAllocatesNothingOnAnyOfItsThreads() {
        Graph graph = Compiler.compile(List.of(new Dense(32, new ReLU()), new Dense(1, new Sigmoid())), 10,
                new BinaryCrossEntropy(), true, false);
        Parameters parameters = new Parameters(graph, DataType.FLOAT);
        parameters.initialize(1);
        Gradients gradients = new Gradients(graph, DataType.FLOAT);
        Workers workers = new Workers(2);
        StepRunner runner = new StepRunner(parameters, gradients, ExecutionPolicy.ofThreads(2).withParts(8), 1024, workers);
        DatasetBatches source = rows(1024, 10, DataType.FLOAT);
        source.startPass(0, 0, false);
        runner.load(source, 1024);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        workers.start();
        try (BlasThreads blas = BlasThreads.exactly(1)) {
            for (int i = 0; i < 3_000; i++) {
                runner.run(1024);
            }
            long[] ids = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread == Thread.currentThread() || thread.getName().startsWith("dense4j-worker-"))
                    .mapToLong(Thread::getId).toArray();
            assertEquals(2, ids.length, "the caller and one helper");
            // windows of 300 and 600 steps: what reading the counters costs is the same in both
            long[] start = threads.getThreadAllocatedBytes(ids);
            for (int i = 0; i < 300; i++) {
                runner.run(1024);
            }
            long[] middle = threads.getThreadAllocatedBytes(ids);
            for (int i = 0; i < 600; i++) {
                runner.run(1024);
            }
            long[] end = threads.getThreadAllocatedBytes(ids);
            long first = middle[0] + middle[1] - start[0] - start[1];
            long second = end[0] + end[1] - middle[0] - middle[1];
            // An object per step, 16 bytes at least, would add 4,800 bytes over the 300 more steps. The
            // bound leaves room for a one-off allocation that is not per step: in full test runs, one
            // window in a few once held 104 bytes more than the other.
            assertTrue(second - first < 300, "bytes allocated by 300 more warm steps of 8 parts "
                    + "on 2 threads: " + first + " in 300 steps, " + second + " in 600");
        } finally {
            workers.stop();
        }
    }
}
