package io.dense4j.scorer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockAffine} on the Vector API: for each stretch of outputs one SIMD register wide, the
 * eight rows' sums stay in eight registers while every input adds its weight row's stretch times
 * the input's value (a fused multiply-add where the processor has one), so a weight is loaded
 * once per eight rows. Outputs past the last whole stretch are summed in scalar loops.
 */
final class VectorBlockAffine implements BlockAffine {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** w · x + sum, fused where the processor has the instruction ({@link Network#HARDWARE_FMA}). */
    private static FloatVector multiplyAdd(FloatVector w, float x, FloatVector sum) {
        FloatVector times = FloatVector.broadcast(SPECIES, x);
        return Network.HARDWARE_FMA ? w.fma(times, sum) : w.mul(times).add(sum);
    }

    @Override
    public void affine(Network.Affine step, float[][] in, float[][] out) {
        int inputs = step.inputs();
        int units = step.outputs();
        float[][] weights = step.weights();
        float[] bias = step.bias();
        float[] x0 = in[0], x1 = in[1], x2 = in[2], x3 = in[3], x4 = in[4], x5 = in[5], x6 = in[6], x7 = in[7];
        int width = SPECIES.length();
        int j = 0;
        for (; j + width <= units; j += width) {
            FloatVector b = FloatVector.fromArray(SPECIES, bias, j);
            FloatVector s0 = b, s1 = b, s2 = b, s3 = b, s4 = b, s5 = b, s6 = b, s7 = b;
            for (int i = 0; i < inputs; i++) {
                FloatVector w = FloatVector.fromArray(SPECIES, weights[i], j);
                s0 = multiplyAdd(w, x0[i], s0);
                s1 = multiplyAdd(w, x1[i], s1);
                s2 = multiplyAdd(w, x2[i], s2);
                s3 = multiplyAdd(w, x3[i], s3);
                s4 = multiplyAdd(w, x4[i], s4);
                s5 = multiplyAdd(w, x5[i], s5);
                s6 = multiplyAdd(w, x6[i], s6);
                s7 = multiplyAdd(w, x7[i], s7);
            }
            s0.intoArray(out[0], j);
            s1.intoArray(out[1], j);
            s2.intoArray(out[2], j);
            s3.intoArray(out[3], j);
            s4.intoArray(out[4], j);
            s5.intoArray(out[5], j);
            s6.intoArray(out[6], j);
            s7.intoArray(out[7], j);
        }
        for (int r = 0; r < ROWS; r++) {
            float[] x = in[r];
            float[] o = out[r];
            for (int k = j; k < units; k++) {
                float sum = bias[k];
                for (int i = 0; i < inputs; i++) {
                    sum += x[i] * weights[i][k];
                }
                o[k] = sum;
            }
        }
    }
}
