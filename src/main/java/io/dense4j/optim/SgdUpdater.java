package io.dense4j.optim;

import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.RowAdder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Plain SGD, θ ← θ − λ·g, as axpy calls over pieces of the flat parameter array that the
 * {@link TaskRunner} spreads over its threads. A block of the gradient that is zero outside a few
 * known rows (a categorical column's slot rows) is one task, which steps those rows alone when
 * they are few: the same bits, as the rows left out would step by zero.
 */
final class SgdUpdater extends Updater {
    private final double clipNorm;
    private final NativeArray gradients;
    private final TaskRunner tasks;
    /** {gradient, parameters} over each piece outside the slot blocks; arrays, so a step makes no iterator. */
    private final NativeArray[][] pieces;
    private final NonzeroRows[] slotBlocks;
    private final NativeArray[] slotParameters;
    private final RowAdder[] slotSteps;
    private final IntConsumer stepPiece = this::stepPiece;
    /** −λ of the step in progress, for its tasks. */
    private double alpha;

    SgdUpdater(SGD spec, NativeArray parameters, NativeArray gradients, List<NonzeroRows> slotBlocks, TaskRunner tasks) {
        super(spec.learningRate());
        this.clipNorm = spec.clipNorm();
        this.gradients = gradients;
        this.tasks = tasks;
        this.slotBlocks = slotBlocks.toArray(NonzeroRows[]::new);
        this.slotParameters = new NativeArray[this.slotBlocks.length];
        this.slotSteps = new RowAdder[this.slotBlocks.length];
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

    @Override
    public void step() {
        GradientClipping.clip(gradients, clipNorm); // scaling keeps the zero rows zero
        alpha = -learningRate();
        tasks.run(pieces.length + slotBlocks.length, stepPiece);
    }

    private void stepPiece(int task) {
        if (task < pieces.length) {
            NativeArray[] piece = pieces[task];
            Blas.axpy(piece[0].length(), alpha, piece[0], piece[1]);
            return;
        }
        int b = task - pieces.length;
        NonzeroRows block = slotBlocks[b];
        if (!block.few()) {
            Blas.axpy(block.block().length(), alpha, block.block(), slotParameters[b]);
        } else {
            RowAdder rows = slotSteps[b];
            for (int i = 0; i < block.count(); i++) {
                rows.addScaled(alpha, block.row(i), block.row(i));
            }
        }
    }

    @Override
    public List<NativeArray> state() {
        return List.of();
    }
}
