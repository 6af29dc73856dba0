package io.dense4j.scorer;

import java.nio.file.Path;

/**
 * Run by {@link ScorerFileTest} in a JVM whose class path holds the scorer, its JSON parser and
 * nothing of ND4J: prints the probability of each row given as comma-separated numbers.
 */
public final class NativeFreeMain {
    private NativeFreeMain() {
    }

    public static void main(String[] args) {
        Scorer scorer = Scorer.load(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            String[] cells = args[i].split(",");
            float[] row = new float[cells.length];
            for (int j = 0; j < cells.length; j++) {
                row[j] = Float.parseFloat(cells[j]);
            }
            System.out.println(scorer.probability(row));
        }
    }
}
