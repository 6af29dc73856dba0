package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dense4j.data.Categories;
import io.dense4j.data.Dataset;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.Adam;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.SGD;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.tensor.NativeKernels;
import io.dense4j.train.FitOptions;
import io.dense4j.train.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training with categorical columns visits only the slot weight rows a batch read, when they are
 * few (clearing their gradients, adding the parts', plain SGD's step): whatever the optimizer, the parts, the passes of
 * a large batch, a penalty or clipping, the weights after several epochs are those of a Dense layer
 * multiplying the one-hot rows, which touches every row. A row left stale anywhere would show at
 * once, as a step's size (≈ 1e-3), against agreement to 1e-10.
 */
class SlotRowsTrainingTest {
    /** Columns: u, a (12 categories → 14 slots), v, b (30 categories → 32 slots); a batch of a few rows reads few slots. */
    private static final List<String> FEATURES = List.of("u", "a", "v", "b");
    private static final int A_SLOTS = 14;
    private static final int B_SLOTS = 32;

    private static InputSchema schema() {
        Map<String, Categories> categories = new LinkedHashMap<>();
        categories.put("a", new Categories(names("a", A_SLOTS - 2)));
        categories.put("b", new Categories(names("b", B_SLOTS - 2)));
        return new InputSchema(FEATURES, List.of("no", "yes"), null, "label", categories);
    }

    private static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    /** Raw rows (numbers and codes) with labels that depend on both kinds of column. */
    private static INDArray[] rows(int count) {
        Random random = new Random(5);
        double[][] x = new double[count][4];
        double[] y = new double[count];
        for (int r = 0; r < count; r++) {
            x[r][0] = random.nextGaussian();
            x[r][1] = random.nextInt(A_SLOTS);
            x[r][2] = random.nextGaussian();
            x[r][3] = (int) (B_SLOTS * Math.pow(random.nextDouble(), 2)); // skewed, as real categories are
            y[r] = x[r][0] + (x[r][1] % 3 == 0 ? 1 : -0.5) + (x[r][3] < 4 ? 0.8 : 0) + 0.3 * random.nextGaussian() > 0.5 ? 1 : 0;
        }
        return new INDArray[] {Nd4j.createFromArray(x), Nd4j.createFromArray(y).reshape(count, 1)};
    }

    /** The rows as a plain Dense reads them: u, v, then a's one-hot slots, then b's. */
    private static INDArray oneHot(INDArray raw) {
        INDArray encoded = Nd4j.zeros(DataType.DOUBLE, raw.rows(), 2 + A_SLOTS + B_SLOTS);
        for (int r = 0; r < raw.rows(); r++) {
            encoded.putScalar(r, 0, raw.getDouble(r, 0));
            encoded.putScalar(r, 1, raw.getDouble(r, 2));
            encoded.putScalar(r, 2 + raw.getInt(r, 1), 1);
            encoded.putScalar(r, 2 + A_SLOTS + raw.getInt(r, 3), 1);
        }
        return encoded;
    }

    /**
     * Trains a gathering model and a one-hot one from the same weights the same way; asserts they
     * end with the same weights, and that training moved them.
     */
    private static void assertSameTraining(String what, int units, BinaryCrossEntropy loss, Optimizer optimizer,
                                           ExecutionPolicy policy, int rows, FitOptions options) {
        CompileOptions float64 = CompileOptions.defaults().withDataType(DataType.DOUBLE).withSeed(3);
        Model gathering = new Sequential(new Dense(units, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(schema(), loss, optimizer, float64);
        Model multiplying = new Sequential(new Dense(units, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(2 + A_SLOTS + B_SLOTS, loss, optimizer, float64);
        multiplying.parameters().assign(gathering.parameters());
        double[] start = gathering.parameters().toDoubleVector();
        INDArray[] data = rows(rows);
        new Trainer(gathering, optimizer, policy).fit(Dataset.of(data[0], data[1], DataType.DOUBLE), options);
        new Trainer(multiplying, optimizer, policy).fit(Dataset.of(oneHot(data[0]), data[1], DataType.DOUBLE), options);
        double[] gathered = gathering.parameters().toDoubleVector();
        assertArrayEquals(multiplying.parameters().toDoubleVector(), gathered, 1e-10, what);
        double moved = 0;
        for (int i = 0; i < start.length; i++) {
            moved = Math.max(moved, Math.abs(gathered[i] - start[i]));
        }
        assertTrue(moved > 1e-2, what + ": training moved the weights by " + moved);
    }

    private static FitOptions batches(int size) {
        return FitOptions.builder().epochs(3).batchSize(size).shuffle(true).seed(9).build();
    }

    @Test
    void plainSgdOnOneThreadAndInParts() {
        ExecutionPolicy oneThread = ExecutionPolicy.ofThreads(1);
        ExecutionPolicy twoParts = new ExecutionPolicy(2, 2, 4, ExecutionPolicy.DEFAULT_PART_GRADIENT_BYTES);
        for (int units : new int[] {6, 70}) { // rows added by a Java loop, and by axpy
            assertSameTraining("batch 4, " + units + " units", units, new BinaryCrossEntropy(), new SGD(0.1), oneThread, 300, batches(4));
            assertSameTraining("batch 8 in 2 parts, " + units + " units", units, new BinaryCrossEntropy(), new SGD(0.1), twoParts,
                    300, batches(8));
            // parts of 50 rows read more than half the 46 slot rows: the blocks are added whole
            assertSameTraining("batch 100 in 2 parts, " + units + " units", units, new BinaryCrossEntropy(), new SGD(0.1), twoParts,
                    300, batches(100));
        }
    }

    @Test
    void aPenaltyClippingMomentumAndAdamStepEveryRowAsTheyShould() {
        ExecutionPolicy twoParts = new ExecutionPolicy(2, 2, 4, ExecutionPolicy.DEFAULT_PART_GRADIENT_BYTES);
        BinaryCrossEntropy plain = new BinaryCrossEntropy();
        assertSameTraining("L2", 6, plain.withL2(0.01), new SGD(0.1), twoParts, 300, batches(8));
        assertSameTraining("clipping", 6, plain, new SGD(0.1).withClipNorm(0.05), twoParts, 300, batches(8));
        assertSameTraining("momentum", 6, plain, new SGD(0.1, 0.9, false), twoParts, 300, batches(8));
        assertSameTraining("Adam with weight decay", 6, plain, new Adam(0.01).withWeightDecay(0.01), twoParts, 300, batches(8));
    }

    @Test
    void theNativeKernelsTrainToTheSameBitsAsJavaAndBlas() {
        assumeTrue(NativeKernels.enabled(), "no native library on this platform: there is one path only");
        // float32, 2 parts: the rows added in one native call per batch, or one BLAS call per row;
        // ReLU's backward pass, the sigmoid's passes and Adam's update in the native loops, or the
        // Java ones (momentum's update is BLAS calls either way)
        List<Optimizer> optimizers = List.of(new Adam(0.01), new SGD(0.1, 0.9, true), new SGD(0.5));
        for (int setup = 0; setup < optimizers.size(); setup++) {
            Optimizer optimizer = optimizers.get(setup);
            Dense hidden = setup < 2 ? new Dense(70, new ReLU()) : new Dense(70, new Sigmoid());
            double[][] trained = new double[2][];
            double[] initial = null;
            for (int run = 0; run < 2; run++) {
                String before = System.getProperty("dense4j.native");
                System.setProperty("dense4j.native", run == 0 ? "false" : "true");
                try {
                    Model model = new Sequential(hidden, new Dense(1, new Sigmoid()))
                            .compile(schema(), new BinaryCrossEntropy(), optimizer, CompileOptions.defaults().withSeed(3));
                    initial = model.parameters().toDoubleVector();
                    INDArray[] data = rows(300);
                    new Trainer(model, model.optimizer(), new ExecutionPolicy(2, 2, 4, ExecutionPolicy.DEFAULT_PART_GRADIENT_BYTES))
                            .fit(Dataset.of(data[0], data[1], DataType.FLOAT), batches(8));
                    trained[run] = model.parameters().toDoubleVector();
                } finally {
                    if (before == null) {
                        System.clearProperty("dense4j.native");
                    } else {
                        System.setProperty("dense4j.native", before);
                    }
                }
            }
            assertArrayEquals(trained[0], trained[1], 0, hidden + ", " + optimizer);
            assertTrue(java.util.Arrays.stream(trained[1]).allMatch(Double::isFinite), "finite weights");
            assertTrue(!java.util.Arrays.equals(initial, trained[1]), "training moved the weights");
        }
    }

    /**
     * Plain SGD takes the slot gradients unsummed, straight from the dL/dZ rows into the weights; a
     * clip norm that never clips makes the trainer write them first, as clipping needs them. Both
     * train to the same bits, float32, on one plan and in parts.
     */
    @Test
    void plainSgdTakingTheSlotRowsUnsummedTrainsToTheBitsOfWritingThem() {
        for (ExecutionPolicy policy : List.of(ExecutionPolicy.ofThreads(1),
                new ExecutionPolicy(2, 2, 4, ExecutionPolicy.DEFAULT_PART_GRADIENT_BYTES))) {
            for (int batch : new int[] {8, 100}) {
                double[][] trained = new double[2][];
                for (int run = 0; run < 2; run++) {
                    SGD sgd = run == 0 ? new SGD(0.5) : new SGD(0.5).withClipNorm(1e30);
                    Model model = new Sequential(new Dense(70, new ReLU()), new Dense(1, new Sigmoid()))
                            .compile(schema(), new BinaryCrossEntropy(), sgd, CompileOptions.defaults().withSeed(3));
                    INDArray[] data = rows(300);
                    new Trainer(model, sgd, policy).fit(Dataset.of(data[0], data[1], DataType.FLOAT), batches(batch));
                    trained[run] = model.parameters().toDoubleVector();
                }
                assertArrayEquals(trained[1], trained[0], 0, policy + ", batch " + batch);
            }
        }
    }

    @Test
    void aBatchLargerThanOnePassIsSummedOverItsPasses() {
        // full batch on 4,100 rows: passes of 4,096 and 4 rows, the second reading a few slots only
        assertSameTraining("full batch", 6, new BinaryCrossEntropy(), new SGD(0.5), ExecutionPolicy.ofThreads(2), 4_100,
                FitOptions.builder().epochs(4).fullBatch().shuffle(false).build());
    }
}
