package io.dense4j.optim;

/** How parameters step against their gradient: a spec; {@link Updater#create} builds the updater. */
public sealed interface Optimizer extends java.io.Serializable permits SGD, Adam {

    /** The step size (a learning-rate schedule may change it during training). */
    double learningRate();

    /**
     * Before each step the gradient is scaled down to this global (L2) norm if it is longer, as
     * PyTorch's {@code clip_grad_norm_} and Keras's {@code global_clipnorm} do; 0 for no clipping.
     */
    double clipNorm();

    /** Checks a clip norm: finite and ≥ 0. */
    static double checkedClipNorm(double clipNorm) {
        if (!(clipNorm >= 0 && clipNorm < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("a gradient clip norm must be finite and >= 0 (0 for none), got " + clipNorm);
        }
        return clipNorm;
    }
}
