package io.dense4j.optim;

import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.RowAdder;
import java.util.List;

/**
 * Plain SGD, θ ← θ − λ·g: one axpy over the flat parameter array, or, when some blocks of the
 * gradient are zero outside a few known rows, one axpy per stretch between them and one per such
 * row: the same bits, as the rows left out would step by zero.
 */
final class SgdUpdater extends Updater {
    private final double clipNorm;
    private final NativeArray parameters;
    private final NativeArray gradients;
    /** The gradients and parameters of the stretches outside the slot blocks, in pairs; arrays, so a step makes no iterator. */
    private final NativeArray[][] stretches;
    private final NonzeroRows[] slotBlocks;
    private final NativeArray[] slotParameters;
    private final RowAdder[] slotSteps;

    SgdUpdater(SGD spec, NativeArray parameters, NativeArray gradients, List<NonzeroRows> slotBlocks) {
        super(spec.learningRate());
        this.clipNorm = spec.clipNorm();
        this.parameters = parameters;
        this.gradients = gradients;
        this.slotBlocks = slotBlocks.toArray(NonzeroRows[]::new);
        this.slotParameters = new NativeArray[this.slotBlocks.length];
        this.slotSteps = new RowAdder[this.slotBlocks.length];
        for (int b = 0; b < this.slotBlocks.length; b++) {
            NonzeroRows block = this.slotBlocks[b];
            slotParameters[b] = parameters.slice(block.start(), block.block().length());
            slotSteps[b] = new RowAdder(block.block(), slotParameters[b], block.width());
        }
        this.stretches = NonzeroRows.stretchesOutside(slotBlocks, parameters.length()).stream()
                .map(stretch -> new NativeArray[] {slice(gradients, stretch), slice(parameters, stretch)})
                .toArray(NativeArray[][]::new);
    }

    private static NativeArray slice(NativeArray array, long[] stretch) {
        return array.slice(stretch[0], (int) (stretch[1] - stretch[0]));
    }

    @Override
    public void step() {
        GradientClipping.clip(gradients, clipNorm); // scaling keeps the zero rows zero
        double alpha = -learningRate();
        if (slotBlocks.length == 0) {
            Blas.axpy(parameters.length(), alpha, gradients, parameters);
            return;
        }
        for (NativeArray[] stretch : stretches) {
            Blas.axpy(stretch[0].length(), alpha, stretch[0], stretch[1]);
        }
        for (int b = 0; b < slotBlocks.length; b++) {
            NonzeroRows block = slotBlocks[b];
            if (!block.few()) {
                Blas.axpy(block.block().length(), alpha, block.block(), slotParameters[b]);
                continue;
            }
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
