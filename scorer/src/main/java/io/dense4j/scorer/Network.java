package io.dense4j.scorer;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * A model's layers as float32 loops, a row at a time, the scorer's whole arithmetic. Immutable,
 * so any number of threads share one; callers bring two buffers per row, each {@link #widest()}
 * long.
 *
 * <p>Every loop runs over arrays from index 0, one array per weight row and per row of values:
 * HotSpot's C2 vectorizes {@code acc[j] += x * w[j]} then, but not the same loop over offsets
 * into one flat array, which it cannot prove free of overlap. A Dense layer adds four inputs'
 * weight rows per pass over its outputs, so each pass loads and stores them a quarter as often,
 * with fused multiply-adds where the processor has them. A layer whose inputs come out of a ReLU, about half of them zero,
 * first lists its nonzero inputs and adds only their weight rows. A layer of one output, the
 * usual last one, is a dot product with its weights in one array, four sums at a time: as a
 * pass over one output, each of its inputs would cost a loop's start and end.
 *
 * <p>A batch goes {@link BlockAffine#ROWS} rows at a time through {@link #forwardBlock}, which
 * reads each weight from memory once per block instead of once per row.
 */
final class Network {
    /**
     * Whether {@link Math#fma} compiles to one instruction on this JVM. Without the processor's
     * fused multiply-add it is a software routine through BigDecimal, hundreds of times slower
     * and allocating, so the loops multiply and add instead; not knowing counts as without.
     */
    static final boolean HARDWARE_FMA = hardwareFma();

    /** An elementwise activation: Dense's own, or a layer of its own. */
    enum Activation {
        LINEAR, RELU, SIGMOID;

        static Activation of(String kind) {
            return switch (kind) {
                case "Linear" -> LINEAR;
                case "ReLU" -> RELU;
                case "Sigmoid" -> SIGMOID;
                default -> throw new IllegalArgumentException("unknown activation \"" + kind + "\"");
            };
        }

        void apply(float[] values, int count) {
            if (this == RELU) {
                for (int i = 0; i < count; i++) {
                    values[i] = Math.max(values[i], 0f);
                }
            } else if (this == SIGMOID) {
                for (int i = 0; i < count; i++) {
                    values[i] = (float) (1 / (1 + Math.exp(-values[i])));
                }
            }
        }
    }

    /** One op, reading {@code inputs} values per row and writing {@code outputs}. */
    sealed interface Step permits Standardize, Activate, Affine {
        int inputs();

        int outputs();
    }

    /** (x − μ) · (1/σ), per feature, in place. */
    record Standardize(float[] mean, float[] scale) implements Step {
        @Override
        public int inputs() {
            return mean.length;
        }

        @Override
        public int outputs() {
            return mean.length;
        }
    }

    /** An activation layer of its own, in place. */
    record Activate(Activation activation, int inputs) implements Step {
        @Override
        public int outputs() {
            return inputs;
        }
    }

    /**
     * x · W + b, then the activation. {@code weights[i]} is the weight row of input number i; for
     * the first layer of a model with categorical columns, one more row per slot of each column
     * follows, {@code slotRows[c]} being where column c's rows start, and a row's code picks one.
     */
    record Affine(int inputs, int outputs, float[][] weights, float[] bias, Activation activation, int[] slotRows) implements Step {
    }

    private final Step[] steps;
    /** Whether step i's inputs come out of a ReLU, so that many are zero. */
    private final boolean[] afterRelu;
    /** Step i's weights as one array, input by input, when it is an Affine of one output; else null. */
    private final float[][] column;
    /** A block of rows at once: through the Vector API when the JVM has it. */
    private final BlockAffine block = BlockAffine.fastest();
    private final int inputs;
    private final int widest;
    /**
     * Whether the output is a logit z, whose p = σ(z) the caller computes in float64: a model whose
     * layers end in a sigmoid (which {@link #forward} then leaves out) or one trained from logits.
     */
    private final boolean outputsLogit;

    /**
     * @param steps       the ops in order; the last one's output is 1 value per row
     * @param inputs      the numbers per row the first op reads
     * @param fromLogits  whether the layers end in a logit, a model trained with the loss from logits
     */
    Network(List<Step> steps, int inputs, boolean fromLogits) {
        Step last = steps.get(steps.size() - 1);
        boolean endsInSigmoid = last instanceof Affine affine ? affine.activation() == Activation.SIGMOID
                : last instanceof Activate activate && activate.activation() == Activation.SIGMOID;
        this.outputsLogit = endsInSigmoid || fromLogits;
        if (endsInSigmoid && last instanceof Affine affine) {
            steps = new java.util.ArrayList<>(steps);
            steps.set(steps.size() - 1, new Affine(affine.inputs(), affine.outputs(), affine.weights(), affine.bias(), Activation.LINEAR,
                    affine.slotRows()));
        } else if (endsInSigmoid) {
            steps = steps.subList(0, steps.size() - 1);
        }
        this.steps = steps.toArray(Step[]::new);
        this.afterRelu = new boolean[this.steps.length];
        this.column = new float[this.steps.length][];
        for (int i = 0; i < this.steps.length; i++) {
            if (this.steps[i] instanceof Affine affine && affine.outputs() == 1) {
                column[i] = new float[affine.inputs()];
                for (int k = 0; k < affine.inputs(); k++) {
                    column[i][k] = affine.weights()[k][0];
                }
            }
        }
        for (int i = 1; i < this.steps.length; i++) {
            Step before = this.steps[i - 1];
            if (before instanceof Affine affine) {
                afterRelu[i] = affine.activation() == Activation.RELU;
            } else if (before instanceof Activate activate) {
                afterRelu[i] = activate.activation() == Activation.RELU
                        || activate.activation() == Activation.LINEAR && afterRelu[i - 1];
            }
        }
        this.inputs = inputs;
        int most = Math.max(1, inputs);
        for (Step step : steps) {
            most = Math.max(most, Math.max(step.inputs(), step.outputs()));
        }
        this.widest = most;
    }

    private static boolean hardwareFma() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm != null && Boolean.parseBoolean(vm.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError notHotSpot) { // another JVM, or a runtime without jdk.management
            return false;
        }
    }

    /** Values per row the buffers of {@link #forward} hold. */
    int widest() {
        return widest;
    }

    /** The numbers per row the first step reads. */
    int inputs() {
        return inputs;
    }

    boolean outputsLogit() {
        return outputsLogit;
    }

    /**
     * The output of one row: {@code a} holds its numbers ({@link #inputs()}) and {@code codes} its
     * category codes; {@code a} and {@code b} are overwritten, and {@code index} and {@code value}
     * (each {@link #widest()} long) are scratch. Returns the value, a probability, or a logit when
     * {@link #outputsLogit()}.
     */
    float forward(float[] a, float[] b, int[] codes, int[] index, float[] value) {
        float[] in = a;
        float[] out = b;
        for (int s = 0; s < steps.length; s++) {
            Step step = steps[s];
            if (step instanceof Standardize standardize) {
                standardize(standardize, in);
            } else if (step instanceof Activate activate) {
                activate.activation().apply(in, activate.inputs());
            } else {
                Affine affine = (Affine) step;
                if (column[s] != null) {
                    out[0] = affine.bias()[0] + dot(column[s], in);
                } else if (afterRelu[s]) {
                    affineOfNonzero(affine, in, out, index, value);
                } else {
                    affine(affine, in, out);
                }
                addSlots(affine, out, codes);
                affine.activation().apply(out, affine.outputs());
                float[] swap = in;
                in = out;
                out = swap;
            }
        }
        return in[0];
    }

    /** Whether {@link #forwardBlock} runs on the Vector API (a JVM started with its module). */
    boolean usesVectorApi() {
        return !(block instanceof TiledBlockAffine);
    }

    /**
     * The outputs of {@link BlockAffine#ROWS} rows, as {@link #forward} gives each row's (to
     * float32 rounding on the Vector API, which adds in another order), into {@code outputs};
     * each row's buffers as {@link #forward}'s.
     */
    void forwardBlock(float[][] a, float[][] b, int[][] codes, float[] outputs) {
        float[][] in = a;
        float[][] out = b;
        for (int s = 0; s < steps.length; s++) {
            Step step = steps[s];
            if (step instanceof Standardize standardize) {
                for (float[] row : in) {
                    standardize(standardize, row);
                }
            } else if (step instanceof Activate activate) {
                for (float[] row : in) {
                    activate.activation().apply(row, activate.inputs());
                }
            } else {
                Affine affine = (Affine) step;
                if (column[s] != null) {
                    for (int r = 0; r < BlockAffine.ROWS; r++) {
                        out[r][0] = affine.bias()[0] + dot(column[s], in[r]);
                    }
                } else {
                    block.affine(affine, in, out);
                }
                for (int r = 0; r < BlockAffine.ROWS; r++) {
                    addSlots(affine, out[r], codes[r]);
                    affine.activation().apply(out[r], affine.outputs());
                }
                float[][] swap = in;
                in = out;
                out = swap;
            }
        }
        for (int r = 0; r < BlockAffine.ROWS; r++) {
            outputs[r] = in[r][0];
        }
    }

    private static void standardize(Standardize step, float[] values) {
        float[] mean = step.mean();
        float[] scale = step.scale();
        for (int j = 0; j < mean.length; j++) {
            values[j] = (values[j] - mean[j]) * scale[j];
        }
    }

    private static void affine(Affine step, float[] in, float[] out) {
        int inputs = step.inputs();
        int units = step.outputs();
        float[][] weights = step.weights();
        System.arraycopy(step.bias(), 0, out, 0, units);
        int i = 0;
        for (; i + 3 < inputs; i += 4) {
            float x0 = in[i];
            float x1 = in[i + 1];
            float x2 = in[i + 2];
            float x3 = in[i + 3];
            if (x0 == 0f && x1 == 0f && x2 == 0f && x3 == 0f) {
                continue; // zeros add nothing: sparse inputs skip whole passes
            }
            float[] w0 = weights[i];
            float[] w1 = weights[i + 1];
            float[] w2 = weights[i + 2];
            float[] w3 = weights[i + 3];
            for (int j = 0; j < units; j++) {
                out[j] = multiplyAdd(x3, w3[j], multiplyAdd(x2, w2[j], multiplyAdd(x1, w1[j], multiplyAdd(x0, w0[j], out[j]))));
            }
        }
        for (; i < inputs; i++) {
            float x = in[i];
            float[] w = weights[i];
            for (int j = 0; j < units; j++) {
                out[j] = multiplyAdd(x, w[j], out[j]);
            }
        }
    }

    /**
     * As {@link #affine}, adding only the nonzero inputs' weight rows, four per pass. The passes
     * repeat {@link #affine}'s loops rather than share a method with them: a shared one did not
     * measure as fast.
     */
    private static void affineOfNonzero(Affine step, float[] in, float[] out, int[] index, float[] value) {
        int nonzero = listNonzero(in, step.inputs(), index, value);
        System.arraycopy(step.bias(), 0, out, 0, step.outputs());
        addWeightRows(step.weights(), index, value, 0, nonzero, out, step.outputs());
    }

    /**
     * Lists the nonzero values of {@code in}'s first {@code inputs} into {@code index} (their
     * places, ascending) and {@code value}, and returns their count. Without a branch: a ReLU's
     * zeros fall where no branch predictor can guess them.
     */
    static int listNonzero(float[] in, int inputs, int[] index, float[] value) {
        int nonzero = 0;
        for (int i = 0; i < inputs; i++) {
            float x = in[i];
            index[nonzero] = i;
            value[nonzero] = x;
            nonzero += x != 0f ? 1 : 0;
        }
        return nonzero;
    }

    /**
     * out[j] += value[k] · weights[index[k]][j] for the listed inputs k in [from, to), in order,
     * four weight rows per pass over the outputs.
     */
    static void addWeightRows(float[][] weights, int[] index, float[] value, int from, int to, float[] out, int units) {
        int k = from;
        for (; k + 3 < to; k += 4) {
            float x0 = value[k];
            float x1 = value[k + 1];
            float x2 = value[k + 2];
            float x3 = value[k + 3];
            float[] w0 = weights[index[k]];
            float[] w1 = weights[index[k + 1]];
            float[] w2 = weights[index[k + 2]];
            float[] w3 = weights[index[k + 3]];
            for (int j = 0; j < units; j++) {
                out[j] = multiplyAdd(x3, w3[j], multiplyAdd(x2, w2[j], multiplyAdd(x1, w1[j], multiplyAdd(x0, w0[j], out[j]))));
            }
        }
        for (; k < to; k++) {
            float x = value[k];
            float[] w = weights[index[k]];
            for (int j = 0; j < units; j++) {
                out[j] = multiplyAdd(x, w[j], out[j]);
            }
        }
    }

    /** x · w + sum, fused when the processor has the instruction. */
    private static float multiplyAdd(float x, float w, float sum) {
        return HARDWARE_FMA ? Math.fma(x, w, sum) : sum + x * w;
    }

    /** Σ weights[i] · in[i] over the weights, in four sums so that no addition waits on the one before. */
    private static float dot(float[] weights, float[] in) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 3 < weights.length; i += 4) {
            s0 = multiplyAdd(in[i], weights[i], s0);
            s1 = multiplyAdd(in[i + 1], weights[i + 1], s1);
            s2 = multiplyAdd(in[i + 2], weights[i + 2], s2);
            s3 = multiplyAdd(in[i + 3], weights[i + 3], s3);
        }
        for (; i < weights.length; i++) {
            s0 = multiplyAdd(in[i], weights[i], s0);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Adds each categorical column's weight row, the one its code picks, to {@code out}. */
    private static void addSlots(Affine step, float[] out, int[] codes) {
        int[] slotRows = step.slotRows();
        if (slotRows != null) {
            float[][] weights = step.weights();
            int units = step.outputs();
            for (int c = 0; c < slotRows.length; c++) {
                float[] w = weights[slotRows[c] + codes[c]];
                for (int j = 0; j < units; j++) {
                    out[j] += w[j];
                }
            }
        }
    }
}
