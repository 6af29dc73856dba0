package io.dense4j.layer;

/** One step of a {@code Sequential} model: a spec only, turned into ops when the model is compiled. */
public sealed interface Layer permits Dense, Activation, Normalization {

    /** The layer's kind as shown in summaries and error messages, such as {@code Dense}. */
    default String kind() {
        return getClass().getSimpleName();
    }
}
