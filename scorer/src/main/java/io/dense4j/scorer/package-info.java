/**
 * Scoring rows with a dense4j model file in plain Java, with no ND4J and no native code: the same
 * file {@code dense4j train} writes, read as untrusted input, and its network evaluated in float32
 * loops. {@link io.dense4j.scorer.Scorer} is the entry point.
 */
package io.dense4j.scorer;
