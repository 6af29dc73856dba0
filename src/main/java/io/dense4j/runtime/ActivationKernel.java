package io.dense4j.runtime;

import io.dense4j.layer.Activation;
import io.dense4j.layer.ActivationVisitor;
import io.dense4j.layer.Linear;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.tensor.Elementwise;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NativeElementwise;
import io.dense4j.tensor.NativeKernels;

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
    /** ReLU with its backward pass in {@link NativeElementwise}: the same bits, vectorized. */
    RELU_NATIVE_BACKWARD {
        @Override
        void forward(NativeArray values, int count) {
            Elementwise.maxZero(values, count);
        }

        @Override
        void backward(NativeArray outputs, NativeArray gradients, int count) {
            NativeElementwise.keepWherePositive(outputs, gradients, count);
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
    },
    /** Sigmoid in {@link NativeElementwise}: the same bits, vectorized. */
    SIGMOID_NATIVE {
        @Override
        void forward(NativeArray values, int count) {
            NativeElementwise.sigmoid(values, count);
        }

        @Override
        void backward(NativeArray outputs, NativeArray gradients, int count) {
            NativeElementwise.sigmoidBackward(outputs, gradients, count);
        }
    };

    /** Replaces each value x by activation(x). */
    abstract void forward(NativeArray values, int count);

    /** Multiplies each gradient by the activation's derivative, read from its output. */
    abstract void backward(NativeArray outputs, NativeArray gradients, int count);

    /** The kernel for an activation, native where {@link NativeKernels#enabled()} says so when the plan is built. */
    static ActivationKernel of(Activation activation) {
        return activation.accept(new ActivationVisitor<>() {
            @Override
            public ActivationKernel visitSigmoid(Sigmoid sigmoid) {
                return NativeKernels.enabled() ? SIGMOID_NATIVE : SIGMOID;
            }

            @Override
            public ActivationKernel visitReLU(ReLU relu) {
                return NativeKernels.enabled() ? RELU_NATIVE_BACKWARD : RELU;
            }

            @Override
            public ActivationKernel visitLinear(Linear linear) {
                return IDENTITY;
            }
        });
    }
}
