/**
 * The training loop: {@link io.dense4j.train.Trainer} runs epochs of batches through a compiled
 * plan and an updater, with shuffling, validation, early stopping and divergence checks, and
 * reports to {@link io.dense4j.train.TrainingListener}s (the library itself prints nothing).
 */
package io.dense4j.train;
