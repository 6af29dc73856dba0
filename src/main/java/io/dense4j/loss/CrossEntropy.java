package io.dense4j.loss;

import io.dense4j.tensor.NativeArray;

/**
 * Binary cross-entropy's value and gradient over the first {@code rows} rows, written into planned
 * buffers. Each method returns the sum of the per-row losses (in double) and writes each row's
 * dℓ/d(output) times {@code scale}: 1 / (the batch's rows), so that the rows of one part of a
 * batch get their share of the batch-mean gradient.
 */
public final class CrossEntropy {
    /** Probabilities are clipped to [ε, 1 − ε] before the log, as Keras does. */
    public static final double PROBABILITY_EPSILON = 1e-7;

    private CrossEntropy() {
    }

    /**
     * From logits z: ℓ = max(z, 0) − z·y + log(1 + e^−|z|) and dℓ/dz = σ(z) − y. The log1p form never
     * overflows: at |z| = 1e4 the loss is about |z| and the gradient exactly 0 or ±1.
     */
    public static double fromLogits(NativeArray logits, NativeArray labels, int rows, double scale,
                                    NativeArray gradLogits) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double z = logits.get(i);
            double y = labels.get(i);
            double e = Math.exp(-Math.abs(z));
            sum += Math.max(z, 0) - z * y + Math.log1p(e);
            double p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            gradLogits.set(i, (p - y) * scale);
        }
        return sum;
    }

    /**
     * From probabilities p: ℓ = −(y·log p + (1 − y)·log(1 − p)) and dℓ/dp = (p − y) / (p·(1 − p)),
     * with p clipped to [ε, 1 − ε]. Where the clip binds the loss is flat in p, so dℓ/dp = 0 there
     * (as with Keras's clip): the fused from-logits form is the one to train with.
     */
    public static double fromProbabilities(NativeArray probabilities, NativeArray labels, int rows, double scale,
                                           NativeArray gradProbabilities) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double raw = probabilities.get(i);
            double p = Math.min(Math.max(raw, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON);
            double y = labels.get(i);
            sum -= y * Math.log(p) + (1 - y) * Math.log1p(-p);
            gradProbabilities.set(i, p == raw ? (p - y) / (p * (1 - p)) * scale : 0);
        }
        return sum;
    }

    /** The loss sum alone, for evaluation; {@code logits} says which form the outputs are in. */
    public static double value(NativeArray outputs, NativeArray labels, int rows, boolean logits) {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double o = outputs.get(i);
            double y = labels.get(i);
            if (logits) {
                sum += Math.max(o, 0) - o * y + Math.log1p(Math.exp(-Math.abs(o)));
            } else {
                double p = Math.min(Math.max(o, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON);
                sum -= y * Math.log(p) + (1 - y) * Math.log1p(-p);
            }
        }
        return sum;
    }
}
