/**
 * Training: a {@link io.dense4j.train.Trainer} owns the optimizer, its state and the gradients,
 * and runs epochs of batches through the runtime's plans; {@link io.dense4j.train.Callback}s
 * (early stopping, checkpoints, logs, progress, divergence) hear about it and may stop it, on one
 * machine and on a cluster alike. The library itself prints nothing.
 */
package io.dense4j.train;
