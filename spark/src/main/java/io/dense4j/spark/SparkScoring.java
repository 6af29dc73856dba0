package io.dense4j.spark;

import io.dense4j.data.RowSelection;
import io.dense4j.metrics.Scores;
import io.dense4j.model.Model;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A model scored on the rows cached across a Spark cluster, on the executors: the probabilities of
 * the rows a selection picks (to choose a threshold on), or the objective training minimizes on
 * them (to judge a full batch's end). Each task scores its piece with the broadcast model
 * ({@link PieceScoring}); what comes back is per row, or one sum per piece.
 */
public final class SparkScoring {
    private final SparkCsvData data;
    private final JavaSparkContext context;

    public SparkScoring(SparkSession spark, SparkCsvData data) {
        this.data = data;
        this.context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    /**
     * The probabilities and labels of the rows {@code selection} picks (such as a fit's validation
     * rows), in file order, scored by {@code model} on the executors: what a threshold is chosen on.
     * Sixteen bytes per row come back to the driver.
     */
    public Scores scores(Model model, RowSelection selection) {
        PieceScoring scoring = PieceScoring.of(context, data, model);
        try {
            List<PieceScores> pieces = new java.util.ArrayList<>(SparkCsvData.unwrap(() -> data.blocks()
                    .map(block -> PieceScores.of(block, scoring, selection)).collect()));
            pieces.sort(java.util.Comparator.comparingInt(PieceScores::piece));
            for (PieceScores piece : pieces) {
                if (piece.problem() != null) {
                    throw new io.dense4j.data.DataFileException(java.nio.file.Path.of(piece.file()), piece.problem(), null);
                }
            }
            int rows = pieces.stream().mapToInt(piece -> piece.probabilities().length).sum();
            double[] probabilities = new double[rows];
            double[] labels = new double[rows];
            double lossSum = 0;
            int at = 0;
            for (PieceScores piece : pieces) {
                System.arraycopy(piece.probabilities(), 0, probabilities, at, piece.probabilities().length);
                System.arraycopy(piece.labels(), 0, labels, at, piece.labels().length);
                at += piece.probabilities().length;
                lossSum += piece.lossSum();
            }
            return new Scores(rows == 0 ? Double.NaN : lossSum / rows, probabilities, labels);
        } finally {
            scoring.destroy();
        }
    }

    /**
     * The objective {@code model} has on the rows {@code selection} picks (such as a fit's training
     * rows), scored on the executors: the weighted log loss and the L2 penalty, as one machine's
     * {@link Model#objective(io.dense4j.data.BatchSource)} gives it. Each piece sends back one sum.
     */
    public double objective(Model model, RowSelection selection) {
        PieceScoring scoring = PieceScoring.of(context, data, model);
        try {
            List<double[]> sums = SparkCsvData.unwrap(() -> data.blocks().map(block -> {
                int[] rows = scoring.cached(block, selection);
                return rows.length == 0 ? new double[] {0, 0}
                        : new double[] {scoring.copy().objectiveSum(scoring.rows(block, rows)), rows.length};
            }).collect());
            double sum = 0;
            long rows = 0;
            for (double[] piece : sums) {
                sum += piece[0];
                rows += (long) piece[1];
            }
            return model.objective(sum, rows);
        } finally {
            scoring.destroy();
        }
    }

    /** One piece's scored rows, for {@link #scores}; or, with their file, why they have no probabilities. */
    private record PieceScores(int piece, double[] probabilities, double[] labels, double lossSum, String problem, String file)
            implements java.io.Serializable {

        static PieceScores of(RowBlock block, PieceScoring scoring, RowSelection selection) {
            int[] rows = scoring.selected(block, selection);
            if (rows.length == 0) {
                return new PieceScores(block.piece, new double[0], new double[0], 0, null, null);
            }
            Scores scores;
            try {
                scores = scoring.copy().scores(scoring.rows(block, rows));
            } catch (io.dense4j.model.NoProbability overflow) { // handed back, not thrown: a failed task is logged with its stack
                return new PieceScores(block.piece, new double[0], new double[0], 0, "a validation row of its piece from byte "
                        + block.summary.dataStart() + " " + io.dense4j.model.NoProbability.PROBLEM, block.summary.file());
            }
            return new PieceScores(block.piece, scores.probabilities(), scores.labels(), scores.logLoss() * rows.length, null, null);
        }
    }

}
