package io.dense4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import io.dense4j.runtime.ExecutionPolicy;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A warm epoch of fit makes no Java objects per step on any of its threads: not an ND4J array, not a
 * byte. Counted with the JVM's per-thread allocation counters, so it is exact and not a timing: the
 * allocations of an epoch of many steps must equal those of an epoch of few (what fit does once per
 * epoch: the metrics, the history, the callbacks' calls).
 */
class SteadyStateAllocationTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 32, 256})
    void aWarmTrainingStepAllocatesNothing(int batch) {
        Model model = new Sequential(new Dense(64, new ReLU()), new Dense(64, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(20, new BinaryCrossEntropy(), new SGD(0.01, 0.9, true));
        assertWarmEpochsAllocateNothing(model, batch);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 256})
    void dropoutPenaltiesClippingAndSchedulesAllocateNothingEither(int batch) {
        Model model = new Sequential(new Dense(64, new ReLU()), new io.dense4j.layer.Dropout(0.3), new Dense(64, new ReLU()),
                new io.dense4j.layer.Dropout(0.3), new Dense(1, new Sigmoid()))
                .compile(20, new BinaryCrossEntropy().withL2(1e-4).withClassWeights(new io.dense4j.loss.ClassWeights(0.6, 3)),
                        new io.dense4j.optim.Adam(0.001).withWeightDecay(0.01).withClipNorm(1));
        assertWarmEpochsAllocateNothing(model, batch, LearningRateSchedule.cosine(1, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 256})
    void aFirstLayerThatGathersWeightRowsAllocatesNothingEither(int batch) {
        // columns 3 and 11 categorical (4 and 2 categories, plus other and missing): 64 units, so the rows go through axpy
        java.util.List<String> names = java.util.stream.IntStream.range(0, 20).mapToObj(j -> "x" + j).toList();
        java.util.Map<String, io.dense4j.data.Categories> categories = new java.util.LinkedHashMap<>();
        categories.put("x3", new io.dense4j.data.Categories(java.util.List.of("a", "b", "c", "d")));
        categories.put("x11", new io.dense4j.data.Categories(java.util.List.of("p", "q")));
        for (SGD optimizer : new SGD[] {new SGD(0.01, 0.9, true), new SGD(0.01)}) { // plain SGD steps only the rows read
            Model model = new Sequential(new Dense(64, new ReLU()), new Dense(64, new ReLU()), new Dense(1, new Sigmoid()))
                    .compile(new io.dense4j.model.InputSchema(names, java.util.List.of("0", "1"), null, "label", categories),
                            new BinaryCrossEntropy(), optimizer, io.dense4j.model.CompileOptions.defaults());
            assertWarmEpochsAllocateNothing(model, batch, new int[] {3, 11}, new int[] {6, 4});
        }
    }

    private static void assertWarmEpochsAllocateNothing(Model model, int batch, Callback... callbacks) {
        assertWarmEpochsAllocateNothing(model, batch, new int[0], new int[0], callbacks);
    }

    /** As above, the columns {@code codeColumns} holding codes below {@code slots} (a categorical column's rows). */
    private static void assertWarmEpochsAllocateNothing(Model model, int batch, int[] codeColumns, int[] slots, Callback... callbacks) {
        Trainer trainer = new Trainer(model, model.optimizer(), ExecutionPolicy.ofThreads(2)); // from 128 rows, two parts as on 2 cores
        Synthetic data = Synthetic.generate(Teacher.LINEAR, batch * 64, 20, 3);
        org.nd4j.linalg.api.ndarray.INDArray features = data.features().dup();
        for (int c = 0; c < codeColumns.length; c++) {
            for (int row = 0; row < features.rows(); row++) {
                features.putScalar(row, codeColumns[c], (row * 7 + c) % slots[c]);
            }
        }
        Dataset rows = Dataset.of(features, data.labels(), DataType.FLOAT);
        DatasetBatches few = new DatasetBatches(rows, io.dense4j.data.RowSelection.training(0.97, 5)); // about 2 batches
        DatasetBatches many = new DatasetBatches(rows); // 64 batches
        int epochs = 200_000 / (batch * 64) + 5; // warm up: let the JIT compile the step, on both sources' paths
        trainer.fit(many, null, FitOptions.builder().epochs(epochs).batchSize(batch).shuffle(false).callbacks(callbacks).build());
        for (int i = 0; i < 20; i++) {
            bytesOfOneMoreEpoch(trainer, few, batch, callbacks);
        }

        long fewBytes = bytesOfOneMoreEpoch(trainer, few, batch, callbacks);
        long manyBytes = bytesOfOneMoreEpoch(trainer, many, batch, callbacks);
        assertEquals(fewBytes, manyBytes, "an epoch of 64 steps allocates what an epoch of about 2 does");
    }

    /** Bytes allocated by the calling thread and fit's worker threads during one more epoch. */
    private static long bytesOfOneMoreEpoch(Trainer trainer, DatasetBatches rows, int batch, Callback... callbacks) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] before = new long[1];
        long[] during = new long[1];
        Callback counter = new Callback() {
            private long[] ids;

            @Override
            public void onEpochBegin(int epoch) {
                ids = Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread == Thread.currentThread() || thread.getName().startsWith("dense4j-worker-"))
                        .mapToLong(Thread::getId).toArray();
                before[0] = Arrays.stream(threads.getThreadAllocatedBytes(ids)).sum();
            }

            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                during[0] = Arrays.stream(threads.getThreadAllocatedBytes(ids)).sum() - before[0];
            }
        };
        trainer.fit(rows, null, FitOptions.builder().epochs(trainer.epochsTrained() + 1).batchSize(batch).shuffle(false)
                .callbacks(callbacks).callbacks(counter).build());
        return during[0];
    }
}
