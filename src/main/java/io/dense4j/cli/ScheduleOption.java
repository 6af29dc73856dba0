package io.dense4j.cli;

import io.dense4j.train.Callback;
import io.dense4j.train.LearningRateSchedule;
import io.dense4j.train.ReduceLearningRateOnPlateau;
import java.util.Locale;

/**
 * {@code train --lr-schedule}: step:FACTOR:EVERY, exponential:FACTOR, cosine[:WARMUP[:MINIMUM]] or
 * plateau[:FACTOR[:PATIENCE[:MINIMUM]]], made into the callback that sets the rate.
 */
final class ScheduleOption {
    static final String FORMS = "constant, step:FACTOR:EVERY, exponential:FACTOR, cosine[:WARMUP[:MIN]] or "
            + "plateau[:FACTOR[:PATIENCE[:MIN]]]";

    private ScheduleOption() {
    }

    /** The schedule's callback; IllegalArgumentException naming what is wrong. */
    static Callback parse(String text) {
        Form form = Form.of(text);
        double[] v = form.values();
        return switch (form.kind()) {
            case "constant" -> null; // the --lr throughout, as without the flag
            case "step" -> LearningRateSchedule.step(v[0], (int) v[1]);
            case "exponential" -> LearningRateSchedule.exponential(v[0]);
            case "cosine" -> LearningRateSchedule.cosine(v[0], v[1]);
            default -> new ReduceLearningRateOnPlateau(v[0], (int) v[1], v[2]);
        };
    }

    /**
     * The schedule written with every default filled in and its numbers as a person writes them
     * ({@code plateau} as {@code plateau:0.1:10:0}): two texts of one schedule give the same form.
     */
    static String canonical(String text) {
        Form form = Form.of(text);
        StringBuilder written = new StringBuilder(form.kind());
        for (double value : form.values()) {
            written.append(':').append(Double.isFinite(value) ? java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                    : Double.toString(value)); // a hand-edited line's NaN, which no schedule takes
        }
        return written.toString();
    }

    /** A schedule's kind and its numbers, the defaults filled in; checked as far as the text alone allows. */
    private record Form(String kind, double[] values) {
        static Form of(String text) {
            String[] parts = text.trim().split(":", -1);
            String kind = parts[0].toLowerCase(Locale.ROOT);
            return switch (kind) {
                case "constant" -> {
                    arity(parts, 1, 1);
                    yield new Form(kind, new double[0]);
                }
                case "step" -> {
                    arity(parts, 3, 3);
                    yield new Form(kind, new double[] {number(parts[1]), whole(parts[2])});
                }
                case "exponential" -> {
                    arity(parts, 2, 2);
                    yield new Form(kind, new double[] {number(parts[1])});
                }
                case "cosine" -> {
                    arity(parts, 1, 3);
                    yield new Form(kind, new double[] {parts.length > 1 ? number(parts[1]) : 0, parts.length > 2 ? number(parts[2]) : 0});
                }
                case "plateau" -> {
                    arity(parts, 1, 4);
                    yield new Form(kind, new double[] {parts.length > 1 ? number(parts[1]) : 0.1, parts.length > 2 ? whole(parts[2]) : 10,
                            parts.length > 3 ? number(parts[3]) : 0});
                }
                default -> throw new IllegalArgumentException("is one of " + FORMS + ", got \"" + text + "\"");
            };
        }
    }

    private static void arity(String[] parts, int least, int most) {
        if (parts.length < least || parts.length > most) {
            throw new IllegalArgumentException("is one of " + FORMS + ", got \"" + String.join(":", parts) + "\"");
        }
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("expects a number, got \"" + text + "\"");
        }
    }

    private static int whole(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("expects a whole number of epochs, got \"" + text + "\"");
        }
    }
}
