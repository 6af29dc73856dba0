package io.dense4j.metrics;

/**
 * A model's probabilities for labeled rows, with the exact mean loss it computed on them: what
 * every metric here is made from, at any threshold.
 *
 * @param logLoss       mean binary cross-entropy, as the model computed it (from logits where fused)
 * @param probabilities P(y = 1 | x) per row
 * @param labels        each row's class, 0 or 1
 */
public record Scores(double logLoss, double[] probabilities, double[] labels) {

    public Evaluation evaluation(double threshold) {
        return Evaluation.of(logLoss, probabilities, labels, threshold);
    }

    public RocCurve rocCurve() {
        return RocCurve.of(probabilities, labels);
    }

    public PrecisionRecallCurve precisionRecallCurve() {
        return PrecisionRecallCurve.of(probabilities, labels);
    }

    public Calibration calibration() {
        return Calibration.of(probabilities, labels);
    }
}
