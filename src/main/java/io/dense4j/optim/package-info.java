/**
 * Optimizers: the specs {@link io.dense4j.optim.SGD} and {@link io.dense4j.optim.Adam}, and the
 * {@link io.dense4j.optim.Updater}s that step every parameter of a model at once, in place, over
 * the compiled graph's one flat parameter array.
 */
package io.dense4j.optim;
