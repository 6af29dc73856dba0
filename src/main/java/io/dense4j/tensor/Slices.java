package io.dense4j.tensor;

import java.util.List;

/**
 * Several runs of native memory treated as one vector, one BLAS call per run: a model's weight
 * matrices within its flat parameter (or gradient) array, say, without the biases between them.
 * Nothing is allocated after construction.
 */
public final class Slices {
    private final NativeArray[] runs; // an array: a step's loops over it make no iterator

    private Slices(List<NativeArray> runs) {
        this.runs = runs.toArray(new NativeArray[0]);
    }

    public static Slices of(List<NativeArray> runs) {
        return new Slices(runs);
    }

    /** Σ x² over every element. */
    public double sumOfSquares() {
        double sum = 0;
        for (int i = 0; i < runs.length; i++) {
            sum += Blas.dot(runs[i].length(), runs[i], runs[i]);
        }
        return sum;
    }

    /** this += alpha · other, run by run; {@code other} must be laid out alike (these weights' gradients, say). */
    public void addScaled(double alpha, Slices other) {
        if (other.runs.length != runs.length) {
            throw new IllegalArgumentException("slices of " + other.runs.length + " runs cannot add into " + runs.length);
        }
        for (int i = 0; i < runs.length; i++) {
            Blas.axpy(runs[i].length(), alpha, other.runs[i], runs[i]);
        }
    }

    /** this *= alpha. */
    public void scale(double alpha) {
        for (int i = 0; i < runs.length; i++) {
            Blas.scal(runs[i].length(), alpha, runs[i]);
        }
    }
}
