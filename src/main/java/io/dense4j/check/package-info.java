/**
 * Finite-difference gradient checking: {@link io.dense4j.check.GradientChecker} compares a
 * model's backpropagated gradients, for parameters and inputs, with central differences in float64.
 */
package io.dense4j.check;
