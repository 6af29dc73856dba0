/**
 * What runs: a {@link io.dense4j.runtime.Plan} instantiates a graph for batches of up to a
 * capacity, every buffer allocated once, with each op's forward and backward side by side;
 * {@link io.dense4j.runtime.Parameters} are a model's values, {@link io.dense4j.runtime.Gradients}
 * a trainer's. {@link io.dense4j.runtime.StepRunner} runs a step as the
 * {@link io.dense4j.runtime.ExecutionPolicy} says (every threading decision in one value), on
 * {@link io.dense4j.runtime.Workers}' threads. After planning, a step creates no arrays and makes
 * only direct BLAS calls and Java loops over ND4J memory.
 */
package io.dense4j.runtime;
