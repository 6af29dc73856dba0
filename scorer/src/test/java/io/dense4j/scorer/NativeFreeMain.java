package io.dense4j.scorer;

import java.nio.file.Path;

/**
 * Run by {@link ScorerFileTest} in a JVM whose class path holds the scorer, its JSON parser and
 * nothing of ND4J: prints the probability of each row given as comma-separated numbers, then
 * whether batches go in blocks, and the rows' probabilities scored five times over as one batch.
 */
public final class NativeFreeMain {
    private NativeFreeMain() {
    }

    public static void main(String[] args) {
        Scorer scorer = Scorer.load(Path.of(args[0]));
        float[][] rows = new float[args.length - 1][];
        for (int i = 1; i < args.length; i++) {
            String[] cells = args[i].split(",");
            float[] row = new float[cells.length];
            for (int j = 0; j < cells.length; j++) {
                row[j] = Float.parseFloat(cells[j]);
            }
            rows[i - 1] = row;
            System.out.println(scorer.probability(row));
        }
        // the rows five times over, a batch long enough for a block: without the Vector API, tiled, to the rows' bits
        float[][] batch = new float[5 * rows.length][];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = rows[i % rows.length];
        }
        System.out.println("vector API " + scorer.usesVectorApi() + ", batch " + java.util.Arrays.toString(scorer.probabilities(batch)));
    }
}
