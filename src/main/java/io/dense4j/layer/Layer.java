package io.dense4j.layer;

/** One step of a {@code Sequential} model: a spec only, turned into ops when the model is compiled. */
public sealed interface Layer permits Dense, Activation, Normalization, Dropout {

    /** The layer's kind as shown in summaries and error messages, such as {@code Dense}. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** The kind with its settings, for summaries: {@code Dense (ReLU)}. */
    default String describe() {
        return kind();
    }

    /** Values per row this layer outputs for {@code inputWidth} values in. */
    default int outputWidth(int inputWidth) {
        return inputWidth;
    }

    /** Trainable parameters of this layer for {@code inputWidth} values in. */
    default long parameterCount(int inputWidth) {
        return 0;
    }

    <R> R accept(LayerVisitor<R> visitor);
}
