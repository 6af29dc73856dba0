package io.dense4j.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Rows for tests, known exactly: the features printed by Float.toString read back bit for bit. */
final class TestRows {
    final float[][] x;
    final float[] y;

    private TestRows(float[][] x, float[] y) {
        this.x = x;
        this.y = y;
    }

    /** {@code rows} rows of {@code width} features in [−1, 1), labelled 1 where x1·x2 &gt; 0 (XOR). */
    static TestRows xor(int rows, int width, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[rows][width];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                x[i][j] = random.nextFloat() * 2 - 1;
            }
            y[i] = x[i][0] * x[i][1] > 0 ? 1 : 0;
        }
        return new TestRows(x, y);
    }

    /** Writes rows [from, to) with a header x1..xN,label. */
    Path write(Path file, int from, int to) throws IOException {
        StringBuilder text = new StringBuilder(header());
        for (int i = from; i < to; i++) {
            for (float value : x[i]) {
                text.append(value).append(',');
            }
            text.append((int) y[i]).append('\n');
        }
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * Writes rows [from, to) with a header x1..xN,w,label, row i weighing (7i mod 5) / 2: 0, ½, …, 2
     * (so some rows weigh 0).
     */
    Path writeWeighted(Path file, int from, int to) throws IOException {
        StringBuilder text = new StringBuilder(header().replace("label\n", "w,label\n"));
        for (int i = from; i < to; i++) {
            for (float value : x[i]) {
                text.append(value).append(',');
            }
            text.append(i * 7 % 5 * 0.5).append(',').append((int) y[i]).append('\n');
        }
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    String header() {
        StringBuilder header = new StringBuilder();
        for (int j = 1; j <= x[0].length; j++) {
            header.append('x').append(j).append(',');
        }
        return header.append("label\n").toString();
    }

    java.util.List<String> columns() {
        return java.util.List.of(header().trim().split(","));
    }
}
