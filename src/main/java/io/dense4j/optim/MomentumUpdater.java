package io.dense4j.optim;

import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.Subnormals;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * SGD with (optionally Nesterov) momentum, as three or four level-1 BLAS calls over each piece of
 * the flat arrays, the pieces spread over the {@link TaskRunner}'s threads.
 */
final class MomentumUpdater extends Updater {
    private final double clipNorm;
    private final double momentum;
    private final boolean nesterov;
    private final NativeArray gradients;
    private final NativeArray velocity;
    private final TaskRunner tasks;
    /** {parameters, gradients, velocity} over each piece. */
    private final NativeArray[][] pieces;
    private final IntConsumer stepPiece = this::stepPiece;
    /** The categorical columns' slot blocks, which must be written when a step reads them. */
    private final NonzeroRows[] slotBlocks;
    /** Whether the step in progress ends with a sweep of the velocity ({@link Updater#FLUSH_EVERY}). */
    private boolean flush;

    MomentumUpdater(SGD spec, NativeArray parameters, NativeArray gradients, NonzeroRows[] slotBlocks, TaskRunner tasks) {
        super(spec.learningRate());
        this.slotBlocks = slotBlocks;
        this.clipNorm = spec.clipNorm();
        this.momentum = spec.momentum();
        this.nesterov = spec.nesterov();
        this.gradients = gradients;
        this.velocity = NativeArray.allocate(parameters.dataType(), parameters.length());
        this.tasks = tasks;
        this.pieces = UpdatePieces.cut(0, parameters.length(), parameters, gradients, velocity).toArray(NativeArray[][]::new);
    }

    @Override
    public void step() {
        requireWritten(slotBlocks);
        GradientClipping.clip(gradients, clipNorm);
        flush = flushesStateAfter(countStep());
        tasks.run(pieces.length, stepPiece);
    }

    private void stepPiece(int task) {
        NativeArray[] piece = pieces[task];
        NativeArray parameters = piece[0];
        NativeArray gradients = piece[1];
        NativeArray velocity = piece[2];
        int n = parameters.length();
        Blas.scal(n, momentum, velocity);                  // v ← μ·v
        Blas.axpy(n, -learningRate(), gradients, velocity);  // v ← μ·v − λ·g
        if (nesterov) {
            Blas.axpy(n, momentum, velocity, parameters);      // θ ← θ + μ·v
            Blas.axpy(n, -learningRate(), gradients, parameters); //      − λ·g
        } else {
            Blas.axpy(n, 1.0, velocity, parameters);           // θ ← θ + v
        }
        if (flush) {
            Subnormals.flushToZero(velocity);
        }
    }

    @Override
    public List<NativeArray> state() {
        return List.of(velocity);
    }
}
