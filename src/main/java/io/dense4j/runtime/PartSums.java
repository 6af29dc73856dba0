package io.dense4j.runtime;

import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.RowAdder;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the parts' gradients into the trainer's, in part order, as tasks for the workers: every
 * element is part 0's value plus part 1's, and so on, whatever the tasks. The array is cut into
 * pieces of about equal size, up to one per thread for each stretch between slot blocks and for
 * each slot block (a categorical column's weight rows). A slot block whose rows every part lists as
 * {@link NonzeroRows#few() few} is one task instead, which zeroes the trainer's block and adds those
 * rows only: the same sums, since the other rows are zero in every part.
 */
final class PartSums {
    /** Pieces start on multiples of this many elements from their stretch's start, so threads rarely share a cache line. */
    private static final int ALIGNMENT = 64;

    /** {@code stretchPieces[i]}: {result, part 0, part 1, …} over one piece outside the slot blocks. */
    private final NativeArray[][] stretchPieces;
    /** {@code blockPieces[block][i]}: the same over one piece of a slot block. */
    private final NativeArray[][][] blockPieces;
    private final NonzeroRows[] resultBlocks;
    private final NonzeroRows[][] partBlocks;
    private final RowAdder[][] blockAdders;
    /** This step's tasks: a piece to add whole, or (null) the slot block in {@link #taskBlocks} to add row by row. */
    private final NativeArray[][] taskPieces;
    private final int[] taskBlocks;
    private int tasks;
    private int parts;

    PartSums(Gradients result, Gradients[] partGradients, int threads) {
        int length = result.values().length();
        int cuts = Math.max(1, Math.min(threads, length / ALIGNMENT));
        List<NativeArray[]> stretches = new ArrayList<>();
        List<NonzeroRows> blocks = result.nonzeroRows();
        blockPieces = new NativeArray[blocks.size()][][];
        for (long[] stretch : NonzeroRows.stretchesOutside(blocks, length)) {
            addPieces(stretches, result, partGradients, stretch[0], stretch[1], cuts);
        }
        for (int b = 0; b < blocks.size(); b++) {
            NonzeroRows block = blocks.get(b);
            List<NativeArray[]> inBlock = new ArrayList<>();
            addPieces(inBlock, result, partGradients, block.start(), block.start() + block.block().length(), cuts);
            blockPieces[b] = inBlock.toArray(NativeArray[][]::new);
        }
        stretchPieces = stretches.toArray(NativeArray[][]::new);
        resultBlocks = blocks.toArray(NonzeroRows[]::new);
        partBlocks = new NonzeroRows[partGradients.length][];
        blockAdders = new RowAdder[partGradients.length][resultBlocks.length];
        int mostTasks = stretchPieces.length;
        for (NativeArray[][] pieces : blockPieces) {
            mostTasks += pieces.length;
        }
        for (int part = 0; part < partGradients.length; part++) {
            partBlocks[part] = partGradients[part].nonzeroRows().toArray(NonzeroRows[]::new);
            for (int b = 0; b < resultBlocks.length; b++) {
                blockAdders[part][b] = new RowAdder(partBlocks[part][b].block(), resultBlocks[b].block(), resultBlocks[b].width());
            }
        }
        taskPieces = new NativeArray[mostTasks][];
        taskBlocks = new int[mostTasks];
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
                piece[part + 1] = partGradients[part].values().slice(from + start, size);
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
     * Plans the sum of the first {@code parts} parts' gradients, on the calling thread: lists each
     * slot block's rows (the parts' together) and chooses how each block is added. Returns the
     * number of tasks, each then run once by {@link #sum}.
     */
    int plan(int parts) {
        this.parts = parts;
        tasks = 0;
        for (NativeArray[] piece : stretchPieces) {
            taskPieces[tasks++] = piece;
        }
        for (int b = 0; b < resultBlocks.length; b++) {
            boolean rowByRow = true;
            for (int part = 0; part < parts; part++) {
                NonzeroRows rows = partBlocks[part][b];
                if (!rows.known()) { // a part's gradients are written by its backward pass alone, which lists its rows
                    throw new IllegalStateException("part " + part + "'s slot gradients were written outside its backward pass");
                }
                rowByRow &= rows.few();
            }
            if (rowByRow) {
                taskPieces[tasks] = null;
                taskBlocks[tasks++] = b;
                continue; // the task lists the rows as it adds them
            }
            resultBlocks[b].overwritten();
            for (int part = 0; part < parts; part++) {
                NonzeroRows rows = partBlocks[part][b];
                for (int i = 0; i < rows.count(); i++) {
                    resultBlocks[b].add(rows.row(i));
                }
            }
            for (NativeArray[] piece : blockPieces[b]) {
                taskPieces[tasks++] = piece;
            }
        }
        return tasks;
    }

    /** Runs task {@code task} of the last {@link #plan}. */
    void sum(int task) {
        NativeArray[] piece = taskPieces[task];
        if (piece == null) {
            sumRows(taskBlocks[task]);
            return;
        }
        NativeArray result = piece[0];
        result.copyFrom(piece[1], 0, 0, result.length());
        for (int part = 1; part < parts; part++) {
            Blas.axpy(result.length(), 1.0, piece[part + 1], result);
        }
    }

    /** Slot block {@code b}: zero, then each part's listed rows added in part order. */
    private void sumRows(int b) {
        NonzeroRows result = resultBlocks[b];
        result.clear();
        for (int part = 0; part < parts; part++) {
            result.addRowsOf(partBlocks[part][b], blockAdders[part][b]);
        }
    }
}
