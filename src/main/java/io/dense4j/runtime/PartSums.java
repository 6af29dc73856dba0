package io.dense4j.runtime;

import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NativeKernels;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.RowAdder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the gradient of a step cut into parts into the trainer's array, as tasks for the workers.
 *
 * <p>Outside the categorical columns' slot blocks, every element is part 0's value plus part 1's,
 * and so on, in part order, whatever the tasks: the array is cut into pieces of about equal size,
 * up to one per thread for each stretch between slot blocks.
 *
 * <p>The slot blocks are not summed from the parts, whose gradients hold none
 * ({@link Gradients#forPart}). A task takes a group of one gathering layer's categorical columns,
 * zeroes their blocks, then adds every part's dL/dZ rows into them, part by part and row by row.
 * So each slot row gets the additions that one plan over the whole batch would make, in the same
 * order, whatever the cut; and the memory a step writes there grows with the batch's codes, not
 * with the parts times the categories. Or, for plain SGD, the blocks are left unsummed
 * ({@link SlotSums}) and the update sums the parts' rows itself.
 */
final class PartSums {
    /** Pieces start on multiples of this many elements from their stretch's start, so threads rarely share a cache line. */
    private static final int ALIGNMENT = 64;

    /** {@code pieces[i]}: {result, part 0, part 1, …} over one piece outside the slot blocks. */
    private final NativeArray[][] pieces;
    private final SlotTask[] slotTasks;
    /** Every gathering layer's slot gradients as the parts' rows, when the native library is loaded; else empty. */
    private final SlotSums[] slotSums;
    private int parts;
    private int[] partRows;

    PartSums(Gradients result, Gradients[] partGradients, Plan[] partPlans, int threads) {
        int length = result.values().length();
        int cuts = Math.max(1, Math.min(threads, length / ALIGNMENT));
        List<NativeArray[]> stretches = new ArrayList<>();
        for (long[] stretch : NonzeroRows.stretchesOutside(result.nonzeroRows(), length)) {
            addPieces(stretches, result, partGradients, stretch[0], stretch[1], cuts);
        }
        pieces = stretches.toArray(NativeArray[][]::new);
        List<SlotTask> tasks = new ArrayList<>();
        List<SlotSums> unsummed = new ArrayList<>();
        int capacity = 0;
        for (Plan plan : partPlans) {
            capacity += plan.capacity();
        }
        for (int node = 0; node < partPlans[0].graph().nodes().size(); node++) {
            NonzeroRows[] columns = result.nonzeroRows(node);
            if (columns == null) {
                continue;
            }
            NativeArray target = result.weights(node);
            GatherDenseOp[] gathers = new GatherDenseOp[partPlans.length];
            for (int part = 0; part < partPlans.length; part++) {
                gathers[part] = partPlans[part].gather(node);
            }
            if (NativeKernels.enabled()) {
                unsummed.add(new SlotSums(columns, gathers, capacity, threads));
            }
            int groups = Math.min(threads, columns.length);
            for (int g = 0; g < groups; g++) {
                RowAdder[] byRow = new RowAdder[partPlans.length]; // a task's own: an adder keeps views it moves per row
                for (int part = 0; part < partPlans.length; part++) {
                    byRow[part] = gathers[part].scatterInto(target);
                }
                tasks.add(new SlotTask(columns.length * g / groups, columns.length * (g + 1) / groups, target, columns, gathers, byRow));
            }
        }
        slotTasks = tasks.toArray(SlotTask[]::new);
        slotSums = unsummed.toArray(SlotSums[]::new);
    }

    /**
     * Columns [from, to) of one gathering layer: {@code target} its weight gradients in the
     * result, {@code columns} their slot blocks there, and per part its op (which holds the part's
     * dL/dZ and codes) and what adds the part's rows where the native library is not used.
     */
    private record SlotTask(int from, int to, NativeArray target, NonzeroRows[] columns, GatherDenseOp[] gathers,
                            RowAdder[] byRow) {
        /** Zeroes the columns' blocks, then adds the first {@code parts} parts' rows, in part order. */
        void run(int parts, int[] partRows) {
            for (int c = from; c < to; c++) {
                columns[c].clear();
            }
            for (int part = 0; part < parts; part++) {
                gathers[part].scatterColumns(from, to, partRows[part], target, columns, byRow[part]);
            }
        }
    }

    /** Cuts elements [from, to) into up to {@code cuts} pieces, each the result's and every part's. */
    private static void addPieces(List<NativeArray[]> pieces, Gradients result, Gradients[] partGradients, long from, long to,
                                  int cuts) {
        int length = (int) (to - from);
        int count = Math.max(1, Math.min(cuts, length / ALIGNMENT));
        for (int i = 0; i < count; i++) {
            int start = pieceStart(i, count, length);
            int size = pieceStart(i + 1, count, length) - start;
            if (size == 0) {
                continue;
            }
            NativeArray[] piece = new NativeArray[partGradients.length + 1];
            piece[0] = result.values().slice(from + start, size);
            for (int part = 0; part < partGradients.length; part++) {
                piece[part + 1] = partGradients[part].slice(from + start, size);
            }
            pieces.add(piece);
        }
    }

    private static int pieceStart(int piece, int pieces, int length) {
        if (piece == pieces) {
            return length;
        }
        long even = (long) length * piece / pieces;
        return (int) (even / ALIGNMENT * ALIGNMENT);
    }

    /**
     * Prepares the sum over the first {@code parts} parts, part i having run {@code partRows[i]}
     * rows (the array is read when the tasks run). With {@code leaveSlotSums}, and the native
     * library loaded, the slot blocks are left unsummed ({@link SlotSums}) and the tasks sum the
     * rest. Returns the number of tasks, each then run once by {@link #sum}.
     */
    int plan(int parts, int[] partRows, boolean leaveSlotSums) {
        this.parts = parts;
        this.partRows = partRows;
        if (leaveSlotSums && slotSums.length > 0) {
            for (SlotSums layer : slotSums) {
                layer.leaveIn(parts, partRows);
            }
            return pieces.length;
        }
        return pieces.length + slotTasks.length;
    }

    /** Runs task {@code task} of the last {@link #plan}. */
    void sum(int task) {
        if (task >= pieces.length) {
            slotTasks[task - pieces.length].run(parts, partRows);
            return;
        }
        NativeArray[] piece = pieces[task];
        NativeArray result = piece[0];
        result.copyFrom(piece[1], 0, 0, result.length());
        for (int part = 1; part < parts; part++) {
            Blas.axpy(result.length(), 1.0, piece[part + 1], result);
        }
    }
}
