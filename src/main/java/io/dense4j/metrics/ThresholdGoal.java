package io.dense4j.metrics;

import java.util.Locale;

/**
 * What a chosen threshold should achieve on labeled rows: the best F1, or the most recall at a
 * least precision, or the most precision at a least recall. Chosen on validation rows, never on the
 * rows the model trained on.
 *
 * @param kind   what to optimize
 * @param target the least precision or recall required (unused for F1)
 */
public record ThresholdGoal(Kind kind, double target) {

    public enum Kind { F1, PRECISION, RECALL }

    public ThresholdGoal {
        if (kind != Kind.F1 && !(target > 0 && target <= 1)) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " goal must be in (0, 1], got " + target);
        }
    }

    public static ThresholdGoal f1() {
        return new ThresholdGoal(Kind.F1, Double.NaN);
    }

    /** The highest recall among thresholds whose precision is at least {@code precision}. */
    public static ThresholdGoal precision(double precision) {
        return new ThresholdGoal(Kind.PRECISION, precision);
    }

    /** The highest precision among thresholds whose recall is at least {@code recall}. */
    public static ThresholdGoal recall(double recall) {
        return new ThresholdGoal(Kind.RECALL, recall);
    }

    /** Reads {@code f1}, {@code precision=P} or {@code recall=R}, as the command line writes them. */
    public static ThresholdGoal parse(String text) {
        String goal = text.trim().toLowerCase(Locale.ROOT);
        if (goal.equals("f1")) {
            return f1();
        }
        int equals = goal.indexOf('=');
        String name = equals < 0 ? goal : goal.substring(0, equals);
        if (equals > 0 && (name.equals("precision") || name.equals("recall"))) {
            double target;
            try {
                target = Double.parseDouble(goal.substring(equals + 1));
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException(name + "= takes a number in (0, 1], got \"" + goal.substring(equals + 1) + "\"");
            }
            return name.equals("precision") ? precision(target) : recall(target);
        }
        throw new IllegalArgumentException("a threshold goal is f1, precision=P or recall=R, got \"" + text + "\"");
    }

    /**
     * The threshold that best meets this goal on {@code scores}' rows: halfway between the lowest
     * score classed positive and the next lower score (or 0), so that the rows land on the same
     * sides as when chosen while new rows near the edge are not decided by a hair.
     *
     * @throws IllegalArgumentException when the rows hold no positive, or no threshold meets the goal
     */
    public DecisionThreshold choose(Scores scores) {
        double[] probabilities = scores.probabilities();
        if (Order.positives(scores.labels()) == 0) {
            throw new IllegalArgumentException("choosing a threshold needs positive rows, and these " + probabilities.length
                    + " rows have none");
        }
        PrecisionRecallCurve curve = scores.precisionRecallCurve();
        int best = -1;
        for (int i = 1; i < curve.recalls().length; i++) { // point 0 classes nothing positive
            if (better(curve, i, best)) {
                best = i;
            }
        }
        if (best < 0) {
            double most = 0;
            for (int i = 1; i < curve.recalls().length; i++) {
                most = Math.max(most, curve.precisions()[i]);
            }
            throw new IllegalArgumentException("no threshold reaches precision " + target + " on these rows (the most is "
                    + String.format(Locale.ROOT, "%.4f", most) + ")");
        }
        double lowestPositive = curve.thresholds()[best];
        // 0 when no row scores lower: a threshold at the lowest row itself would class it by a hair, and a scorer whose
        // logit differs by a float32 step (the plain-Java scorer, ONNX Runtime) could class it otherwise
        double nextLower = 0;
        for (double p : probabilities) {
            if (p < lowestPositive && p > nextLower) {
                nextLower = p;
            }
        }
        double halfway = (lowestPositive + nextLower) / 2;
        double value = halfway > nextLower ? halfway : lowestPositive; // adjacent doubles have no halfway
        // the class-1 rows say how much the choice rests on: a threshold chosen on one of them says little
        return new DecisionThreshold(value, String.format(Locale.ROOT, "%s on %,d validation rows, %,d of class 1: precision %.4f, "
                + "recall %.4f", this, probabilities.length, Order.positives(scores.labels()), curve.precisions()[best],
                curve.recalls()[best]));
    }

    /** Whether point {@code i} of the curve meets the goal better than point {@code best} (−1: none yet); ties keep the higher threshold. */
    private boolean better(PrecisionRecallCurve curve, int i, int best) {
        double precision = curve.precisions()[i];
        double recall = curve.recalls()[i];
        return switch (kind) {
            case F1 -> best < 0 || f1(precision, recall) > f1(curve.precisions()[best], curve.recalls()[best]);
            case PRECISION -> precision >= target && (best < 0 || recall > curve.recalls()[best]);
            case RECALL -> recall >= target && (best < 0 || precision > curve.precisions()[best]);
        };
    }

    private static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case F1 -> "best F1";
            case PRECISION -> "most recall at precision ≥ " + target;
            case RECALL -> "most precision at recall ≥ " + target;
        };
    }
}
