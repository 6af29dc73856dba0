package io.dense4j.benchmarks;

import io.dense4j.tensor.InputRows;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NativeInputRows;
import io.dense4j.tensor.NativeKernels;
import io.dense4j.tensor.NativeRows;
import io.dense4j.tensor.SlotStep;
import io.dense4j.tensor.SlotTiles;
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
 * The native loops of W-CSV-CAT's first layer alone, on one thread: reading a batch's input rows
 * (its 90 numbers packed, its 10 codes read into weight rows, {@link NativeInputRows}, beside
 * {@link InputRows}' Java loops as the baseline), the gather that adds each row's 10 weight rows
 * into its output row ({@link NativeRows#gather}), and plain SGD's step of the slot rows a batch
 * read by the sums of their gradient rows, column by column ({@link SlotStep}: grouping the rows
 * by slot, then stepping) or all columns at once tile by tile of units ({@link SlotTiles}, which
 * training takes once a step's dL/dZ rows outgrow a core's level-2 cache). Rows of 256 float32 units (W-MLP's first layer), 10 columns of 102 slots, codes drawn as
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

    /** One batch's codes, its dL/dZ rows, the slot table and each column's step. */
    @State(Scope.Thread)
    public static class Batch {
        @Param({"32", "256", "4096"})
        int batch;

        /** "w-csv-cat": the codes as the workload's file gives them; "categories": spread evenly over the slots. */
        @Param({"w-csv-cat", "categories"})
        String input;

        NativeArray table;
        NativeArray output;
        int[] slotRows;
        /** All the columns' slot rows, column by column in one call, as a step in one part takes them. */
        SlotStep step;
        SlotTiles tiles;
        int[] rows;
        /** The batch's input rows as a plan holds them: 100 values, a code in every tenth column from column 0. */
        NativeArray raw;
        NativeArray numbers;
        int[] numberColumns;
        int[] codeColumns;
        int[] codeLimits;
        int[] codeOffsets;
        int[] readSlotRows;

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
            NativeArray[] gradients = {filled(batch * WMlp.HIDDEN, random)};
            slotRows = new int[batch * COLUMNS];
            for (int r = 0; r < batch; r++) {
                for (int c = 0; c < COLUMNS; c++) {
                    int code = file ? CategoricalBenchmark.fileCode(CategoricalBenchmark.LEVELS[c], random) : random.nextInt(SLOTS);
                    slotRows[r * COLUMNS + c] = c * SLOTS + code;
                }
            }
            int[] firstRows = new int[COLUMNS];
            int[] slots = new int[COLUMNS];
            for (int c = 0; c < COLUMNS; c++) {
                firstRows[c] = c * SLOTS;
                slots[c] = SLOTS;
            }
            step = new SlotStep(gradients, new int[][] {slotRows}, COLUMNS, 0, firstRows, slots, WMlp.HIDDEN, batch);
            tiles = new SlotTiles(gradients, new int[][] {slotRows}, firstRows, slots, WMlp.HIDDEN, batch, 1);
            rows = new int[] {batch};
            readInputRows(file);
        }

        /** Rows as {@code CategoricalBenchmark.step} gives its plan, drawn after the rest so that the rest stay as they were. */
        private void readInputRows(boolean file) {
            Random random = new Random(WMlp.DATA_SEED + 1);
            int width = COLUMNS * CategoricalBenchmark.EVERY;
            raw = NativeArray.allocate(DataType.FLOAT, batch * width);
            numbers = NativeArray.allocate(DataType.FLOAT, batch * (width - COLUMNS));
            numberColumns = new int[width - COLUMNS];
            codeColumns = new int[COLUMNS];
            codeLimits = new int[COLUMNS];
            codeOffsets = new int[COLUMNS];
            readSlotRows = new int[batch * COLUMNS];
            for (int j = 0, n = 0; j < width; j++) {
                if (j % CategoricalBenchmark.EVERY == 0) {
                    int c = j / CategoricalBenchmark.EVERY;
                    codeColumns[c] = j;
                    codeLimits[c] = SLOTS;
                    codeOffsets[c] = c * SLOTS;
                } else {
                    numberColumns[n++] = j;
                }
            }
            for (int r = 0; r < batch; r++) {
                for (int j = 0; j < width; j++) {
                    int c = j / CategoricalBenchmark.EVERY;
                    raw.set(r * width + j, j % CategoricalBenchmark.EVERY != 0 ? random.nextGaussian()
                            : file ? CategoricalBenchmark.fileCode(CategoricalBenchmark.LEVELS[c], random) : random.nextInt(SLOTS));
                }
            }
        }

        private static NativeArray filled(int length, Random random) {
            NativeArray array = NativeArray.allocate(DataType.FLOAT, length);
            for (int i = 0; i < length; i++) {
                array.set(i, random.nextGaussian() * 0.01);
            }
            return array;
        }
    }

    /** The batch's 90 numbers packed and its 10 codes read, checked, into weight rows, in native loops. */
    @Benchmark
    public int[] readInput(Batch batch) {
        int width = COLUMNS * CategoricalBenchmark.EVERY;
        NativeInputRows.gatherColumns(batch.raw, width, batch.numberColumns, batch.numbers, batch.batch);
        if (NativeInputRows.readSlotRows(batch.raw, width, batch.codeColumns, batch.codeLimits, batch.codeOffsets, batch.batch,
                batch.readSlotRows) >= 0) {
            throw new IllegalStateException("a code outside its column");
        }
        return batch.readSlotRows;
    }

    /** {@link #readInput} in {@link InputRows}' Java loops: the baseline, and the path taken without the native library. */
    @Benchmark
    public int[] readInputInJava(Batch batch) {
        int width = COLUMNS * CategoricalBenchmark.EVERY;
        InputRows.gatherColumns(batch.raw, width, batch.numberColumns, batch.numbers, batch.batch);
        if (InputRows.readSlotRows(batch.raw, width, batch.codeColumns, batch.codeLimits, batch.codeOffsets, batch.batch,
                batch.readSlotRows) >= 0) {
            throw new IllegalStateException("a code outside its column");
        }
        return batch.readSlotRows;
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
    @Benchmark
    public NativeArray slotStep(Batch batch) {
        batch.step.step(batch.table, 1, batch.rows, -1e-9);
        return batch.table;
    }

    /** {@link #slotStep}'s bits: the rows listed once, then stepped tile by tile of units as training's tasks take them, here one after another. */
    @Benchmark
    public NativeArray slotTiles(Batch batch) {
        batch.tiles.list(1, batch.rows);
        int tile = SlotTiles.TILE_BYTES / Float.BYTES;
        for (int from = 0; from < WMlp.HIDDEN; from += tile) {
            batch.tiles.step(batch.table, 0, 0, from, Math.min(from + tile, WMlp.HIDDEN), -1e-9);
        }
        return batch.table;
    }
}
