package io.dense4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A small table for command tests: columns a, b, c of standard normals, the label 1 where a + b − c plus noise is above 0. */
final class NoisySumRows {
    private NoisySumRows() {
    }

    /** Writes {@code rows} rows to {@code file}, drawn from {@code seed}, the noise a normal of deviation {@code noise}. */
    static Path write(Path file, int rows, long seed, double noise) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("a,b,c,label\n");
        for (int r = 0; r < rows; r++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            csv.append(a).append(',').append(b).append(',').append(c).append(',')
                    .append(a + b - c + noise * random.nextGaussian() > 0 ? 1 : 0).append('\n');
        }
        return Files.writeString(file, csv);
    }
}
