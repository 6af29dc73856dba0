package io.dense4j.optim;

import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NativeElementwise;
import io.dense4j.tensor.NativeKernels;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.Slices;
import io.dense4j.tensor.Subnormals;
import io.dense4j.tensor.UpdateLoops;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Adam with bias correction, one fused loop over each piece of the flat arrays, the pieces spread
 * over the {@link TaskRunner}'s threads: {@link NativeElementwise#adam} where the native library
 * is loaded when the updater is built, else {@link UpdateLoops#adam}, to the same bits.
 */
final class AdamUpdater extends Updater {
    private final Adam spec;
    private final NativeArray gradients;
    private final NativeArray firstMoment;
    private final NativeArray secondMoment;
    private final Slices weights;
    private final TaskRunner tasks;
    /** {parameters, gradients, first moment, second moment} over each piece. */
    private final NativeArray[][] pieces;
    private final IntConsumer stepPiece = this::stepPiece;
    /** The categorical columns' slot blocks, which must be written when a step reads them. */
    private final NonzeroRows[] slotBlocks;
    private final boolean nativeLoop = NativeKernels.enabled();
    /** The step in progress: its corrected step size and ε, and whether it ends with a sweep of the moments. */
    private double stepSize;
    private double epsilon;
    private boolean flush;

    AdamUpdater(Adam spec, NativeArray parameters, NativeArray gradients, Slices weights, NonzeroRows[] slotBlocks,
                TaskRunner tasks) {
        super(spec.learningRate());
        this.slotBlocks = slotBlocks;
        this.spec = spec;
        this.weights = weights;
        this.gradients = gradients;
        this.firstMoment = NativeArray.allocate(parameters.dataType(), parameters.length());
        this.secondMoment = NativeArray.allocate(parameters.dataType(), parameters.length());
        this.tasks = tasks;
        this.pieces = UpdatePieces.cut(0, parameters.length(), parameters, gradients, firstMoment, secondMoment)
                .toArray(NativeArray[][]::new);
    }

    @Override
    public void step() {
        requireWritten(slotBlocks);
        GradientClipping.clip(gradients, spec.clipNorm());
        if (spec.weightDecay() > 0) {
            weights.scale(1 - learningRate() * spec.weightDecay()); // decoupled: before the step, as PyTorch's AdamW
        }
        long steps = countStep();
        // Fold both bias corrections into the step size and ε: λ·m̂/(√v̂ + ε) = λt·m/(√v + ε·√(1 − β2^t))
        // exactly, with λt = λ·√(1 − β2^t)/(1 − β1^t); no per-element division by the corrections.
        double correction1 = 1 - Math.pow(spec.beta1(), steps);
        double correction2 = 1 - Math.pow(spec.beta2(), steps);
        stepSize = learningRate() * Math.sqrt(correction2) / correction1;
        epsilon = spec.epsilon() * Math.sqrt(correction2);
        flush = flushesStateAfter(steps);
        tasks.run(pieces.length, stepPiece);
    }

    private void stepPiece(int task) {
        NativeArray[] piece = pieces[task];
        if (nativeLoop) {
            NativeElementwise.adam(piece[0], piece[1], piece[2], piece[3], spec.beta1(), spec.beta2(), stepSize, epsilon);
        } else {
            UpdateLoops.adam(piece[0], piece[1], piece[2], piece[3], spec.beta1(), spec.beta2(), stepSize, epsilon);
        }
        if (flush) {
            Subnormals.flushToZero(piece[2]);
            Subnormals.flushToZero(piece[3]);
        }
    }

    @Override
    public List<NativeArray> state() {
        return List.of(firstMoment, secondMoment);
    }

    /** A second moment is an average of squares: a negative one makes the step's square root NaN. */
    @Override
    public String impossibleState() {
        for (int i = 0; i < secondMoment.length(); i++) {
            if (!(secondMoment.get(i) >= 0)) {
                return "Adam's second moment " + i + " is " + secondMoment.get(i) + ", and an average of squares is never negative";
            }
        }
        return null;
    }
}
