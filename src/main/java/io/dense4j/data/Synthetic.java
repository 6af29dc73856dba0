package io.dense4j.data;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deterministic synthetic classification data following the project's workload recipe: features
 * x ~ N(0, 1) from {@code seed}, labels from a {@link Teacher}. Spirals put two interleaved spirals
 * (with a little noise) in the first two features and N(0, 1) noise in any others.
 */
public final class Synthetic {
    /** The seed of the linear teacher's weights, fixed by the workload recipe. */
    public static final long TEACHER_SEED = 7;

    private final INDArray features;
    private final INDArray labels;

    private Synthetic(INDArray features, INDArray labels) {
        this.features = features;
        this.labels = labels;
    }

    /** {@code rows} rows of {@code width} float32 features, labeled by {@code teacher}. */
    public static Synthetic generate(Teacher teacher, int rows, int width, long seed) {
        if (rows < 1 || width < (teacher == Teacher.LINEAR ? 1 : 2)) {
            throw new IllegalArgumentException(String.format("%s data needs rows >= 1 and at least %d features, got %d rows and %d",
                    teacher, teacher == Teacher.LINEAR ? 1 : 2, rows, width));
        }
        float[] x = new float[rows * width];
        float[] y = new float[rows];
        Random random = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        double[] teacherWeights = teacher == Teacher.LINEAR ? teacherWeights(width) : null;
        for (int row = 0; row < rows; row++) {
            int base = row * width;
            switch (teacher) {
                case LINEAR -> {
                    double dot = 0;
                    for (int j = 0; j < width; j++) {
                        dot += teacherWeights[j] * x[base + j];
                    }
                    y[row] = dot > 0 ? 1 : 0;
                }
                case XOR -> y[row] = x[base] * x[base + 1] > 0 ? 1 : 0;
                case SPIRALS -> {
                    int arm = row % 2;
                    double t = 0.25 + 3.0 * random.nextDouble(); // radius; the angle grows with it (1.4 turns)
                    double angle = 3 * t + arm * Math.PI;
                    x[base] = (float) (t * Math.cos(angle) + 0.1 * random.nextGaussian());
                    x[base + 1] = (float) (t * Math.sin(angle) + 0.1 * random.nextGaussian());
                    y[row] = arm;
                }
                default -> throw new IllegalStateException(teacher.toString());
            }
        }
        return new Synthetic(Nd4j.create(x, new long[] {rows, width}, 'c'),
                Nd4j.create(y, new long[] {rows, 1}, DataType.FLOAT));
    }

    /** w_t ~ N(0, 1) from {@link #TEACHER_SEED}. */
    static double[] teacherWeights(int width) {
        Random random = new Random(TEACHER_SEED);
        double[] weights = new double[width];
        for (int j = 0; j < width; j++) {
            weights[j] = random.nextGaussian();
        }
        return weights;
    }

    /** Features [rows, width], float32. */
    public INDArray features() {
        return features;
    }

    /** Labels [rows, 1] of 0s and 1s, float32. */
    public INDArray labels() {
        return labels;
    }
}
