package io.dense4j.layer;

/** One answer per activation function; see {@link LayerVisitor} for why a visitor. */
public interface ActivationVisitor<R> {

    R visitSigmoid(Sigmoid sigmoid);

    R visitReLU(ReLU relu);

    R visitLinear(Linear linear);
}
