package io.dense4j.runtime;

import io.dense4j.layer.Activation;
import io.dense4j.layer.ActivationVisitor;
import io.dense4j.layer.Linear;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.tensor.Elementwise;
import io.dense4j.tensor.NativeArray;

/**
 * Elementwise activations, in place over the first {@code count} elements. Both directions read
 * only the activation's output y, so the forward pass keeps exactly what the backward pass needs:
 * ReLU'(x) = [y &gt; 0], σ'(x) = y·(1 − y).
 */
enum ActivationKernel {
    IDENTITY {
        @Override
        void forward(NativeArray values, int count) {
        }

        @Override
        void backward(NativeArray outputs, NativeArray gradients, int count) {
        }
    },
    RELU {
        @Override
        void forward(NativeArray values, int count) {
            Elementwise.maxZero(values, count);
        }

        @Override
        void backward(NativeArray outputs, NativeArray gradients, int count) {
            Elementwise.keepWherePositive(outputs, gradients, count);
        }
    },
    SIGMOID {
        @Override
        void forward(NativeArray values, int count) {
            Elementwise.sigmoid(values, count);
        }

        @Override
        void backward(NativeArray outputs, NativeArray gradients, int count) {
            Elementwise.sigmoidBackward(outputs, gradients, count);
        }
    };

    /** Replaces each value x by activation(x). */
    abstract void forward(NativeArray values, int count);

    /** Multiplies each gradient by the activation's derivative, read from its output. */
    abstract void backward(NativeArray outputs, NativeArray gradients, int count);

    static ActivationKernel of(Activation activation) {
        return activation.accept(new ActivationVisitor<>() {
            @Override
            public ActivationKernel visitSigmoid(Sigmoid sigmoid) {
                return SIGMOID;
            }

            @Override
            public ActivationKernel visitReLU(ReLU relu) {
                return RELU;
            }

            @Override
            public ActivationKernel visitLinear(Linear linear) {
                return IDENTITY;
            }
        });
    }
}
