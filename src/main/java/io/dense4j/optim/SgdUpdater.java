package io.dense4j.optim;

import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.RowAdder;
import io.dense4j.tensor.RowSums;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Plain SGD, θ ← θ − λ·g, as axpy calls over pieces of the flat parameter array that the
 * {@link TaskRunner} spreads over its threads. A block of the gradient that is zero outside a few
 * known rows (a categorical column's slot rows) is one task, which steps those rows alone when
 * they are few: the same bits, as the rows left out would step by zero.
 *
 * <p>A slot block steps by a multiply, then an add (θ + round(−λ·g)), whichever way its gradient
 * comes: written, when the block is scaled in place and then added (so it is left scaled); or
 * left unsummed by the step ({@link NonzeroRows#takeUnsummed}), when each row's sum goes straight
 * into the weights ({@link RowSums}), sparing the gradient rows' clearing, writing and reading,
 * in as many tasks as the sums say. Both ways give the same bits, so one training run does not
 * depend on which the step took.
 */
final class SgdUpdater extends Updater {
    private final double clipNorm;
    private final NativeArray parameters;
    private final NativeArray gradients;
    private final TaskRunner tasks;
    /** {gradient, parameters} over each piece outside the slot blocks; arrays, so a step makes no iterator. */
    private final NativeArray[][] pieces;
    private final NonzeroRows[] slotBlocks;
    private final NativeArray[] slotParameters;
    private final RowAdder[] slotSteps;
    /** Per slot block, the sums the step in progress left it, or null where it wrote the block. */
    private final RowSums[] unsummed;
    /** Per slot block, its first task in the step in progress; then the count of tasks. */
    private final int[] firstTasks;
    private final IntConsumer stepPiece = this::stepPiece;
    /** −λ of the step in progress, for its tasks. */
    private double alpha;

    SgdUpdater(SGD spec, NativeArray parameters, NativeArray gradients, List<NonzeroRows> slotBlocks, TaskRunner tasks) {
        super(spec.learningRate());
        this.clipNorm = spec.clipNorm();
        this.parameters = parameters;
        this.gradients = gradients;
        this.tasks = tasks;
        this.slotBlocks = slotBlocks.toArray(NonzeroRows[]::new);
        this.slotParameters = new NativeArray[this.slotBlocks.length];
        this.slotSteps = new RowAdder[this.slotBlocks.length];
        this.unsummed = new RowSums[this.slotBlocks.length];
        this.firstTasks = new int[this.slotBlocks.length + 1];
        for (int b = 0; b < this.slotBlocks.length; b++) {
            NonzeroRows block = this.slotBlocks[b];
            slotParameters[b] = parameters.slice(block.start(), block.block().length());
            slotSteps[b] = new RowAdder(block.block(), slotParameters[b], block.width());
        }
        List<NativeArray[]> cut = new ArrayList<>();
        for (long[] stretch : NonzeroRows.stretchesOutside(slotBlocks, parameters.length())) {
            cut.addAll(UpdatePieces.cut(stretch[0], stretch[1], gradients, parameters));
        }
        this.pieces = cut.toArray(NativeArray[][]::new);
    }

    /** Without clipping, which needs the whole gradient's norm first, a step takes slot blocks left unsummed. */
    @Override
    public boolean takesUnsummedSlots() {
        return clipNorm == 0;
    }

    @Override
    public void step() {
        if (clipNorm != 0) {
            requireWritten(slotBlocks);
        }
        GradientClipping.clip(gradients, clipNorm); // scaling keeps the zero rows zero
        alpha = -learningRate();
        int count = pieces.length;
        for (int b = 0; b < slotBlocks.length; b++) {
            unsummed[b] = slotBlocks[b].takeUnsummed();
            firstTasks[b] = count;
            count += unsummed[b] == null ? 1 : unsummed[b].tasks();
        }
        firstTasks[slotBlocks.length] = count;
        tasks.run(count, stepPiece);
        Arrays.fill(unsummed, null);
    }

    private void stepPiece(int task) {
        if (task < pieces.length) {
            NativeArray[] piece = pieces[task];
            Blas.axpy(piece[0].length(), alpha, piece[0], piece[1]);
            return;
        }
        int b = 0;
        while (firstTasks[b + 1] <= task) { // a few blocks: a search would cost more
            b++;
        }
        NonzeroRows block = slotBlocks[b];
        if (unsummed[b] != null) {
            unsummed[b].addScaledTo(alpha, parameters, task - firstTasks[b]);
        } else if (!block.few()) { // the rows outside the list become −0, and the next clearing is of the whole block then
            Blas.scal(block.block().length(), alpha, block.block());
            Blas.axpy(block.block().length(), 1.0, block.block(), slotParameters[b]);
        } else {
            RowAdder rows = slotSteps[b];
            for (int i = 0; i < block.count(); i++) {
                rows.scaleThenAdd(alpha, block.row(i));
            }
        }
    }

    @Override
    public List<NativeArray> state() {
        return List.of();
    }
}
