/**
 * Files written so that no failure leaves half of one: {@link io.dense4j.io.AtomicFiles}, used for
 * model files, checkpoints, predictions, logs, caches and generated data alike.
 */
package io.dense4j.io;
