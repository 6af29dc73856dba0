package io.dense4j.runtime;

import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
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
 * <p>The slot blocks are not summed from the parts, which do not write them
 * ({@link Plan#partOfStep}). A task takes a group of one gathering layer's categorical columns,
 * zeroes their blocks, then adds every part's dL/dZ rows into them, part by part and row by row.
 * So each slot row gets the additions that one plan over the whole batch would make, in the same
 * order, whatever the cut; and the memory a step writes there grows with the batch's codes, not
 * with the parts times the categories.
 */
final class PartSums {
    /** Pieces start on multiples of this many elements from their stretch's start, so threads rarely share a cache line. */
    private static final int ALIGNMENT = 64;

    /** {@code pieces[i]}: {result, part 0, part 1, …} over one piece outside the slot blocks. */
    private final NativeArray[][] pieces;
    /** Per slot task: the gathering layer's weight gradients in the result. */
    private final NativeArray[] targets;
    /** Per slot task: that layer's slot blocks in the result, one per categorical column. */
    private final NonzeroRows[][] blocks;
    /** Per slot task: its columns, [from, to). */
    private final int[] from;
    private final int[] to;
    /** {@code gathers[task][part]}: the part's op of that layer, which holds its dL/dZ and codes. */
    private final GatherDenseOp[][] gathers;
    /** {@code byRow[task][part]}: adds the part's dL/dZ rows into the result, where the native library is not used. */
    private final RowAdder[][] byRow;
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
        List<int[]> slotTasks = new ArrayList<>(); // {node, from, to}
        for (int node = 0; node < partPlans[0].graph().nodes().size(); node++) {
            NonzeroRows[] columns = result.nonzeroRows(node);
            if (columns == null) {
                continue;
            }
            int groups = Math.min(threads, columns.length);
            for (int g = 0; g < groups; g++) {
                slotTasks.add(new int[] {node, columns.length * g / groups, columns.length * (g + 1) / groups});
            }
        }
        int tasks = slotTasks.size();
        targets = new NativeArray[tasks];
        blocks = new NonzeroRows[tasks][];
        from = new int[tasks];
        to = new int[tasks];
        gathers = new GatherDenseOp[tasks][partPlans.length];
        byRow = new RowAdder[tasks][partPlans.length];
        for (int t = 0; t < tasks; t++) {
            int node = slotTasks.get(t)[0];
            targets[t] = result.weights(node);
            blocks[t] = result.nonzeroRows(node);
            from[t] = slotTasks.get(t)[1];
            to[t] = slotTasks.get(t)[2];
            for (int part = 0; part < partPlans.length; part++) {
                gathers[t][part] = partPlans[part].gather(node);
                byRow[t][part] = gathers[t][part].scatterInto(targets[t]);
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
     * rows (the array is read when the tasks run). Returns the number of tasks, each then run once
     * by {@link #sum}.
     */
    int plan(int parts, int[] partRows) {
        this.parts = parts;
        this.partRows = partRows;
        return pieces.length + targets.length;
    }

    /** Runs task {@code task} of the last {@link #plan}. */
    void sum(int task) {
        if (task >= pieces.length) {
            scatter(task - pieces.length);
            return;
        }
        NativeArray[] piece = pieces[task];
        NativeArray result = piece[0];
        result.copyFrom(piece[1], 0, 0, result.length());
        for (int part = 1; part < parts; part++) {
            Blas.axpy(result.length(), 1.0, piece[part + 1], result);
        }
    }

    /** Slot task {@code t}: its columns' blocks zeroed, then every part's rows added, in part order. */
    private void scatter(int t) {
        NonzeroRows[] columns = blocks[t];
        for (int c = from[t]; c < to[t]; c++) {
            columns[c].clear();
        }
        for (int part = 0; part < parts; part++) {
            gathers[t][part].scatterColumns(from[t], to[t], partRows[part], targets[t], columns, byRow[t][part]);
        }
    }
}
