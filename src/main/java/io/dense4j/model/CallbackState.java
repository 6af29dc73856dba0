package io.dense4j.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a checkpoint keeps of one callback (early stopping's best loss and weights, a plateau's
 * counter), so that a resumed fit stops and steps where the uninterrupted one would have.
 *
 * @param name    the callback's kind, by which a resumed fit finds its state
 * @param numbers its counters and scores by key; a key left out reads as NaN (a file holds
 *                finite numbers only)
 * @param weights a copy of the model's parameters it keeps (early stopping's best), or null
 */
public record CallbackState(String name, Map<String, Double> numbers, double[] weights) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

    public CallbackState {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("a callback's state is named by letters and digits, not \"" + name + "\"");
        }
        TreeMap<String, Double> finite = new TreeMap<>();
        numbers.forEach((key, value) -> {
            if (Double.isFinite(value)) {
                finite.put(key, value);
            }
        });
        numbers = Collections.unmodifiableMap(finite);
        weights = weights == null ? null : weights.clone();
    }

    /** The number under {@code key}, or NaN where it was not finite or not kept. */
    public double number(String key) {
        return numbers.getOrDefault(key, Double.NaN);
    }

    @Override
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }
}
