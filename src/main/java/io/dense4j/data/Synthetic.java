package io.dense4j.data;

import io.dense4j.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deterministic synthetic classification data following the project's workload recipe: features
 * x ~ N(0, 1) from {@code seed}, labels from a {@link Teacher}. Spirals put two interleaved spirals
 * (with a little noise) in the first two features and N(0, 1) noise in any others. Rows are drawn
 * one at a time, so {@link #writeCsv} writes a file of any size in bounded memory, with the same
 * rows {@link #generate} returns for the same arguments.
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
        checkArguments(teacher, rows, width);
        float[] x = new float[Math.multiplyExact(rows, width)];
        float[] y = new float[rows];
        RowSource source = new RowSource(teacher, width, seed);
        float[] row = new float[width];
        for (int r = 0; r < rows; r++) {
            y[r] = source.next(row);
            System.arraycopy(row, 0, x, r * width, width);
        }
        return new Synthetic(Nd4j.create(x, new long[] {rows, width}, 'c'),
                Nd4j.create(y, new long[] {rows, 1}, DataType.FLOAT));
    }

    /**
     * Writes {@code rows} rows as CSV: a header {@code x1,…,xF,label}, features with 5 decimals, the
     * label 0 or 1 last. Written atomically and durably ({@link AtomicFiles}), so a half-written
     * file is never left under that name.
     */
    public static void writeCsv(Path file, Teacher teacher, long rows, int width, long seed) throws IOException {
        checkArguments(teacher, rows, width);
        AtomicFiles.write(file, io.dense4j.io.GzipByName.forFile(file, stream -> {
            OutputStream out = new BufferedOutputStream(stream, 1 << 20);
            StringBuilder header = new StringBuilder();
            for (int j = 1; j <= width; j++) {
                header.append('x').append(j).append(',');
            }
            out.write(header.append("label\n").toString().getBytes(StandardCharsets.US_ASCII));
            RowSource source = new RowSource(teacher, width, seed);
            float[] row = new float[width];
            byte[] line = new byte[width * 24 + 8];
            for (long r = 0; r < rows; r++) {
                int label = (int) source.next(row);
                int at = 0;
                for (float value : row) {
                    at = FixedDecimal.write(value, line, at);
                    line[at++] = ',';
                }
                line[at++] = (byte) ('0' + label);
                line[at++] = '\n';
                out.write(line, 0, at);
            }
            out.flush();
        }));
    }

    private static void checkArguments(Teacher teacher, long rows, int width) {
        int minimumWidth = teacher == Teacher.LINEAR ? 1 : 2;
        if (rows < 1 || width < minimumWidth) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s data needs rows >= 1 and at least %d features, got %d rows and %d",
                    teacher, minimumWidth, rows, width));
        }
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

    /** Draws one row at a time from the recipe. */
    private static final class RowSource {
        private final Teacher teacher;
        private final Random random;
        private final double[] teacherWeights;
        private long drawn;

        RowSource(Teacher teacher, int width, long seed) {
            this.teacher = teacher;
            this.random = new Random(seed);
            this.teacherWeights = teacher == Teacher.LINEAR ? teacherWeights(width) : null;
        }

        /** Fills {@code x} with the next row's features and returns its label. */
        float next(float[] x) {
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) random.nextGaussian();
            }
            long row = drawn++;
            switch (teacher) {
                case LINEAR -> {
                    double dot = 0;
                    for (int j = 0; j < x.length; j++) {
                        dot += teacherWeights[j] * x[j];
                    }
                    return dot > 0 ? 1 : 0;
                }
                case XOR -> {
                    return x[0] * x[1] > 0 ? 1 : 0;
                }
                default -> {
                    int arm = (int) (row % 2);
                    double t = 0.25 + 3.0 * random.nextDouble(); // radius; the angle grows with it (1.4 turns)
                    double angle = 3 * t + arm * Math.PI;
                    x[0] = (float) (t * Math.cos(angle) + 0.1 * random.nextGaussian());
                    x[1] = (float) (t * Math.sin(angle) + 0.1 * random.nextGaussian());
                    return arm;
                }
            }
        }
    }
}
