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
        String[] parts = text.trim().split(":", -1);
        return switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "constant" -> {
                arity(parts, 1, 1);
                yield null; // the --lr throughout, as without the flag
            }
            case "step" -> {
                arity(parts, 3, 3);
                yield LearningRateSchedule.step(number(parts[1]), whole(parts[2]));
            }
            case "exponential" -> {
                arity(parts, 2, 2);
                yield LearningRateSchedule.exponential(number(parts[1]));
            }
            case "cosine" -> {
                arity(parts, 1, 3);
                yield LearningRateSchedule.cosine(parts.length > 1 ? number(parts[1]) : 0, parts.length > 2 ? number(parts[2]) : 0);
            }
            case "plateau" -> {
                arity(parts, 1, 4);
                yield new ReduceLearningRateOnPlateau(parts.length > 1 ? number(parts[1]) : 0.1,
                        parts.length > 2 ? whole(parts[2]) : 10, parts.length > 3 ? number(parts[3]) : 0);
            }
            default -> throw new IllegalArgumentException("is one of " + FORMS + ", got \"" + text + "\"");
        };
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
