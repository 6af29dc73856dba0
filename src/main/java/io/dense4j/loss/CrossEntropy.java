package io.dense4j.loss;

import io.dense4j.tensor.NativeArray;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Binary cross-entropy's value and gradient over the first {@code rows} rows, written into planned
 * buffers. Each method returns the sum of the per-row losses (in double) and writes each row's
 * dℓ/d(output) times {@code scale}: 1 / (the batch's rows), so that the rows of one part of a
 * batch get their share of the batch-mean gradient. With class weights w₀, w₁ and a row weight s
 * (1 without {@code rowWeights}) a row's loss is s·(w₁·y·(−log p) + w₀·(1 − y)·(−log(1 − p))), as
 * PyTorch's {@code BCEWithLogitsLoss(weight=s, pos_weight=w₁)} with w₀ = 1; unweighted losses keep
 * their own loop, so that they cost and round exactly as before weights existed.
 */
public final class CrossEntropy {
    /** Probabilities are clipped to [ε, 1 − ε] before the log, as Keras does. */
    public static final double PROBABILITY_EPSILON = 1e-7;

    /**
     * A row's gradient smaller than this (2⁻¹⁰⁰) is written as 0 into a float32 buffer. It comes
     * from a confident row (|z| above about 69) and its share of any update is far below float32's
     * resolution of the weights it would move, so it changes nothing a float32 weight can hold. Left
     * in, it is a subnormal float or makes subnormal products downstream, and x86 runs arithmetic on
     * subnormals through microcode assists, many times slower: training slowed as it converged
     * (docs/benchmarks.md, "Subnormal gradients").
     */
    public static final double NEGLIGIBLE_GRADIENT = 0x1p-100;

    private CrossEntropy() {
    }

    /** {@code gradient}, or 0 when it is negligible and {@code float32} (see {@link #NEGLIGIBLE_GRADIENT}). */
    private static double flushed(double gradient, boolean float32) {
        return float32 && Math.abs(gradient) < NEGLIGIBLE_GRADIENT ? 0 : gradient;
    }

    /**
     * From logits z: ℓ = max(z, 0) − z·y + log(1 + e^−|z|) and dℓ/dz = σ(z) − y. The log1p form never
     * overflows: at |z| = 1e4 the loss is about |z| and the gradient exactly 0 or ±1. Weighted, with
     * −log p = max(−z, 0) + log(1 + e^−|z|) and −log(1 − p) = max(z, 0) + log(1 + e^−|z|):
     * dℓ/dz = w₁·y·(σ(z) − 1) + w₀·(1 − y)·σ(z).
     */
    public static double fromLogits(NativeArray logits, NativeArray labels, int rows, double scale, ClassWeights weights,
                                    NativeArray gradLogits) {
        return fromLogits(logits, labels, null, rows, scale, weights, gradLogits);
    }

    /** As above, each row's loss also times its entry of {@code rowWeights} (null: 1). */
    public static double fromLogits(NativeArray logits, NativeArray labels, NativeArray rowWeights, int rows, double scale,
                                    ClassWeights weights, NativeArray gradLogits) {
        if (weights.isNone() && rowWeights == null) {
            return fromLogits(logits, labels, rows, scale, gradLogits);
        }
        double w0 = weights.negative();
        double w1 = weights.positive();
        boolean float32 = gradLogits.dataType() == DataType.FLOAT;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double z = logits.get(i);
            double y = labels.get(i);
            double s = rowWeights == null ? 1 : rowWeights.get(i);
            double e = Math.exp(-Math.abs(z));
            double log1p = Math.log1p(e);
            sum += s * (w1 * y * (Math.max(-z, 0) + log1p) + w0 * (1 - y) * (Math.max(z, 0) + log1p));
            double p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            gradLogits.set(i, flushed(s * (w1 * y * (p - 1) + w0 * (1 - y) * p) * scale, float32));
        }
        return sum;
    }

    private static double fromLogits(NativeArray logits, NativeArray labels, int rows, double scale, NativeArray gradLogits) {
        boolean float32 = gradLogits.dataType() == DataType.FLOAT;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double z = logits.get(i);
            double y = labels.get(i);
            double e = Math.exp(-Math.abs(z));
            sum += Math.max(z, 0) - z * y + Math.log1p(e);
            double p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            gradLogits.set(i, flushed((p - y) * scale, float32));
        }
        return sum;
    }

    /**
     * From probabilities p: ℓ = −(w₁·y·log p + w₀·(1 − y)·log(1 − p)) and
     * dℓ/dp = −w₁·y / p + w₀·(1 − y) / (1 − p), unweighted (p − y) / (p·(1 − p)), with p clipped to
     * [ε, 1 − ε]. Where the clip binds the loss is flat in p, so dℓ/dp = 0 there (as with Keras's
     * clip): the fused from-logits form is the one to train with.
     */
    public static double fromProbabilities(NativeArray probabilities, NativeArray labels, int rows, double scale,
                                           ClassWeights weights, NativeArray gradProbabilities) {
        return fromProbabilities(probabilities, labels, null, rows, scale, weights, gradProbabilities);
    }

    /** As above, each row's loss also times its entry of {@code rowWeights} (null: 1). */
    public static double fromProbabilities(NativeArray probabilities, NativeArray labels, NativeArray rowWeights, int rows,
                                           double scale, ClassWeights weights, NativeArray gradProbabilities) {
        boolean weighted = !weights.isNone() || rowWeights != null;
        double w0 = weights.negative();
        double w1 = weights.positive();
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double raw = probabilities.get(i);
            double p = Math.min(Math.max(raw, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON);
            double y = labels.get(i);
            double gradient;
            if (weighted) {
                double s = rowWeights == null ? 1 : rowWeights.get(i);
                sum -= s * (w1 * y * Math.log(p) + w0 * (1 - y) * Math.log1p(-p));
                gradient = s * (-w1 * y / p + w0 * (1 - y) / (1 - p));
            } else {
                sum -= y * Math.log(p) + (1 - y) * Math.log1p(-p);
                gradient = (p - y) / (p * (1 - p));
            }
            gradProbabilities.set(i, p == raw ? gradient * scale : 0);
        }
        return sum;
    }

    /** The unweighted loss sum alone, for evaluation; {@code logits} says which form the outputs are in. */
    public static double value(NativeArray outputs, NativeArray labels, int rows, boolean logits) {
        return value(outputs, labels, null, rows, logits, ClassWeights.NONE);
    }

    /** The loss sum alone with class weights: the objective training minimizes. */
    public static double value(NativeArray outputs, NativeArray labels, int rows, boolean logits, ClassWeights weights) {
        return value(outputs, labels, null, rows, logits, weights);
    }

    /** The loss sum alone with class weights and each row's weight in {@code rowWeights} (null: 1). */
    public static double value(NativeArray outputs, NativeArray labels, NativeArray rowWeights, int rows, boolean logits,
                               ClassWeights weights) {
        double w0 = weights.negative();
        double w1 = weights.positive();
        boolean weighted = !weights.isNone() || rowWeights != null;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double o = outputs.get(i);
            double y = labels.get(i);
            double s = rowWeights == null ? 1 : rowWeights.get(i);
            if (logits) {
                double log1p = Math.log1p(Math.exp(-Math.abs(o)));
                sum += weighted ? s * (w1 * y * (Math.max(-o, 0) + log1p) + w0 * (1 - y) * (Math.max(o, 0) + log1p))
                        : Math.max(o, 0) - o * y + log1p;
            } else {
                double p = Math.min(Math.max(o, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON);
                sum -= weighted ? s * (w1 * y * Math.log(p) + w0 * (1 - y) * Math.log1p(-p))
                        : y * Math.log(p) + (1 - y) * Math.log1p(-p);
            }
        }
        return sum;
    }
}
