package io.dense4j.benchmarks;

import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NativeKernels;
import io.dense4j.tensor.NativeRows;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two native loops of W-CSV-CAT's first layer alone, on one thread: the gather that adds each
 * row's 10 weight rows into its output row ({@link NativeRows#gather}), and plain SGD's step of
 * the slot rows a batch read by the sums of their gradient rows ({@link NativeRows#stepRows}).
 * Rows of 256 float32 units (W-MLP's first layer), 10 columns of 102 slots, codes drawn as
 * {@link CategoricalBenchmark} draws them. Without the matrix products around them, a change to
 * these loops shows here far more plainly than in the whole step.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class RowKernelBenchmark {
    static final int COLUMNS = 10;
    static final int SLOTS = CategoricalBenchmark.KEPT + 2;

    /** One batch's codes, its dL/dZ rows and the slot table, with the step's rows grouped by slot as {@code SlotSums} groups them. */
    @State(Scope.Thread)
    public static class Batch {
        @Param({"32", "256", "4096"})
        int batch;

        /** "w-csv-cat": the codes as the workload's file gives them; "categories": spread evenly over the slots. */
        @Param({"w-csv-cat", "categories"})
        String input;

        NativeArray table;
        NativeArray output;
        NativeArray[] gradients;
        int[] slotRows;
        int[] entryParts;
        int[] entryRows;
        int[] groupStarts;
        int[] groupSlots;
        int groups;
        long[] addresses;

        @Setup
        public void setUp() {
            if (!NativeKernels.enabled()) {
                throw new IllegalStateException("dense4j's native library is not loaded here");
            }
            boolean file = input.equals("w-csv-cat");
            if (!file && !input.equals("categories")) {
                throw new IllegalArgumentException("input is w-csv-cat or categories, got " + input);
            }
            Random random = new Random(WMlp.DATA_SEED);
            table = filled(COLUMNS * SLOTS * WMlp.HIDDEN, random);
            output = filled(batch * WMlp.HIDDEN, random);
            gradients = new NativeArray[] {filled(batch * WMlp.HIDDEN, random)};
            slotRows = new int[batch * COLUMNS];
            for (int r = 0; r < batch; r++) {
                for (int c = 0; c < COLUMNS; c++) {
                    int code = file ? CategoricalBenchmark.fileCode(CategoricalBenchmark.LEVELS[c], random) : random.nextInt(SLOTS);
                    slotRows[r * COLUMNS + c] = c * SLOTS + code;
                }
            }
            groupBySlot();
            planSteps();
        }

        /** Each slot row's entries (its rows, in row order), the slots in the order their first rows come, column by column. */
        private void groupBySlot() {
            int entries = batch * COLUMNS;
            entryParts = new int[entries];
            entryRows = new int[entries];
            groupStarts = new int[entries + 1];
            groupSlots = new int[entries];
            addresses = new long[entries];
            int entry = 0;
            for (int c = 0; c < COLUMNS; c++) {
                int[] count = new int[SLOTS];
                int[] order = new int[SLOTS];
                int seen = 0;
                for (int r = 0; r < batch; r++) {
                    int slot = slotRows[r * COLUMNS + c] - c * SLOTS;
                    if (count[slot]++ == 0) {
                        order[seen++] = slot;
                    }
                }
                int[] next = new int[SLOTS];
                for (int i = 0; i < seen; i++) {
                    int slot = order[i];
                    groupStarts[groups] = entry;
                    groupSlots[groups++] = c * SLOTS + slot;
                    next[slot] = entry;
                    entry += count[slot];
                }
                for (int r = 0; r < batch; r++) {
                    entryRows[next[slotRows[r * COLUMNS + c] - c * SLOTS]++] = r;
                }
            }
            groupStarts[groups] = entry;
        }

        int[] next = new int[SLOTS];
        int[] parts;
        int[] starts;
        int[] slotsRead;
        NativeArray[] columnSlots;

        void planSteps() {
            parts = new int[batch];
            entryRows = new int[batch];
            starts = new int[SLOTS + 1];
            slotsRead = new int[SLOTS];
            columnSlots = new NativeArray[COLUMNS];
            for (int c = 0; c < COLUMNS; c++) {
                columnSlots[c] = table.slice((long) c * SLOTS * WMlp.HIDDEN, SLOTS * WMlp.HIDDEN);
            }
        }

        int group(int column) {
            int groups = 0;
            for (int row = 0, at = column; row < batch; row++, at += COLUMNS) {
                int slot = slotRows[at] - column * SLOTS;
                if (next[slot]++ == 0) {
                    slotsRead[groups++] = slot;
                }
            }
            for (int g = 0, start = 0; g < groups; g++) {
                int slot = slotsRead[g];
                starts[g] = start;
                start += next[slot];
                next[slot] = starts[g];
            }
            starts[groups] = batch;
            for (int row = 0, at = column; row < batch; row++, at += COLUMNS) {
                int entry = next[slotRows[at] - column * SLOTS]++;
                parts[entry] = 0;
                entryRows[entry] = row;
            }
            for (int g = 0; g < groups; g++) {
                next[slotsRead[g]] = 0;
            }
            return groups;
        }

        private static NativeArray filled(int length, Random random) {
            NativeArray array = NativeArray.allocate(DataType.FLOAT, length);
            for (int i = 0; i < length; i++) {
                array.set(i, random.nextGaussian() * 0.01);
            }
            return array;
        }
    }

    /** output row r += the weight row of each of its 10 codes, for every row of the batch. */
    @Benchmark
    public NativeArray gather(Batch batch) {
        NativeRows.gather(batch.table, batch.output, batch.slotRows, batch.batch, COLUMNS, WMlp.HIDDEN);
        return batch.output;
    }

    /**
     * Each slot row the batch read += −λ · the sum of its rows' gradients. λ is tiny, so the
     * weights stay put over millions of calls and no value turns subnormal.
     */
    /** As SlotSums ran at abe038f: per column, a Java counting sort of the rows by slot, then NativeRows.stepRows. */
    @Benchmark
    public NativeArray slotStep(Batch batch) {
        for (int c = 0; c < COLUMNS; c++) {
            int groups = batch.group(c);
            NativeRows.stepRows(batch.columnSlots[c], batch.gradients, batch.parts, batch.entryRows, batch.starts, batch.slotsRead,
                    groups, WMlp.HIDDEN, -1e-9, batch.addresses);
        }
        return batch.table;
    }
}
