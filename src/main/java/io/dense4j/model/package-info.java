/**
 * The user's entry point: a {@link io.dense4j.model.Sequential} list of layers compiles into a
 * {@link io.dense4j.model.CompiledModel} that fits, predicts, evaluates, describes itself and
 * exposes its parameters.
 */
package io.dense4j.model;
