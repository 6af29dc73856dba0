package io.dense4j.layer;

/** How a {@link Dense} layer draws its initial weights from the model's seed; biases start at zero. */
public enum Initializer {
    /** Glorot/Xavier uniform: U(−√(6 / (in + out)), +√(6 / (in + out))). Keras's default. */
    GLOROT_UNIFORM,
    /** He normal: N(0, 2 / in), suited to ReLU layers. */
    HE_NORMAL
}
