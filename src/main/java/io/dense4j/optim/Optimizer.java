package io.dense4j.optim;

/** How parameters step against their gradient: a spec; {@link Updater#create} builds the updater. */
public sealed interface Optimizer extends java.io.Serializable permits SGD, Adam {

    /** The step size. */
    double learningRate();
}
