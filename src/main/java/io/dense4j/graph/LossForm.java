package io.dense4j.graph;

/** What the graph's final op outputs, and so which form of binary cross-entropy reads it. */
public enum LossForm {
    /** The output is a logit z; the loss is computed from z and p = σ(z) is applied at predict time. */
    FROM_LOGITS,
    /** The output is a probability p (the graph ends in a Sigmoid op). */
    FROM_PROBABILITIES
}
