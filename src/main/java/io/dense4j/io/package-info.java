/**
 * Files written so that no failure leaves half of one: {@link io.dense4j.io.AtomicFiles}, used for
 * model files, checkpoints, predictions, logs, caches and generated data alike; and text under a
 * {@code .gz} name compressed as its name says ({@link io.dense4j.io.GzipByName}).
 */
package io.dense4j.io;
