package io.dense4j.data;

/** The rule that labels synthetic rows (see docs/workloads.md). */
public enum Teacher {
    /** y = 1 if w·x &gt; 0 for a fixed w ~ N(0, 1) drawn with seed 7: linearly separable. */
    LINEAR,
    /** y = 1 if x1·x2 &gt; 0: the XOR pattern, which logistic regression cannot learn. */
    XOR,
    /** Two interleaved spirals in the first two features: needs a hidden layer or two. */
    SPIRALS
}
