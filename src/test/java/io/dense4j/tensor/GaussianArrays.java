package io.dense4j.tensor;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/** Arrays of standard normal values for the row kernels' tests: the same seed gives the same values. */
final class GaussianArrays {
    private GaussianArrays() {
    }

    static NativeArray random(DataType type, int length, long seed) {
        Random random = new Random(seed);
        NativeArray array = NativeArray.allocate(type, length);
        for (int i = 0; i < length; i++) {
            array.set(i, random.nextGaussian());
        }
        return array;
    }
}
