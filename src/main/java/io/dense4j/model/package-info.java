/**
 * The model a user builds and ships: a {@link io.dense4j.model.Sequential} list of layers compiles
 * into a {@link io.dense4j.model.Model} (graph, parameter values, input schema and preprocessing)
 * that predicts, evaluates, describes itself, saves and loads. No optimizer state and no
 * gradients live here: training is {@code io.dense4j.train}'s, and a {@link
 * io.dense4j.model.Checkpoint} is a model with the state of its training.
 */
package io.dense4j.model;
