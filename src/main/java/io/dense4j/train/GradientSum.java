package io.dense4j.train;

import java.io.Serializable;

/**
 * The sum over some rows of each row's loss gradient dℓ/dθ, with the rows' summed loss, their
 * count and how many were classified right: sums that add up across pieces of data, so that
 * data-parallel training is a sum of trainers' gradient sums and one {@link Trainer#step} on it.
 * Doubles: float32 and float64 gradients add without loss of precision across pieces.
 */
public final class GradientSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] gradient;
    private double loss;
    private double rows;
    private double correct;

    public GradientSum(int parameterCount) {
        this.gradient = new double[parameterCount];
    }

    /** Adds {@code other} into this sum; returns this. */
    public GradientSum add(GradientSum other) {
        if (other.gradient.length != gradient.length) {
            throw new IllegalArgumentException("gradient sums of " + gradient.length + " and " + other.gradient.length
                    + " parameters do not add up");
        }
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] += other.gradient[i];
        }
        loss += other.loss;
        rows += other.rows;
        correct += other.correct;
        return this;
    }

    /** Adds one pass's figures (the gradient is added by the trainer into {@link #gradient()}). */
    void addRows(double lossSum, int count, int correctCount) {
        loss += lossSum;
        rows += count;
        correct += correctCount;
    }

    /** The summed gradient, one entry per parameter; live. */
    public double[] gradient() {
        return gradient;
    }

    /** The summed loss. */
    public double loss() {
        return loss;
    }

    /** The rows summed. */
    public double rows() {
        return rows;
    }

    /** The rows classified right at p ≥ 0.5. */
    public double correct() {
        return correct;
    }

    /** The mean loss over the rows, NaN for none. */
    public double meanLoss() {
        return loss / rows;
    }
}
