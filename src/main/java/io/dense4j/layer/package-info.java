/**
 * The layers a user writes: immutable, validated specs with no arrays in them. {@link
 * io.dense4j.layer.Dense} is the affine layer; {@link io.dense4j.layer.Sigmoid}, {@link
 * io.dense4j.layer.ReLU} and {@link io.dense4j.layer.Linear} are activations, usable as layers of
 * their own or as a Dense layer's activation, as in Keras. Compiling a model turns specs into ops.
 */
package io.dense4j.layer;
