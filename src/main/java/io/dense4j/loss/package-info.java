/**
 * The loss a model minimizes: {@link io.dense4j.loss.BinaryCrossEntropy}, with its value and
 * gradient computed straight into the compiled graph's planned buffers.
 */
package io.dense4j.loss;
