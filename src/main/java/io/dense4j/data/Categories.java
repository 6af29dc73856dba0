package io.dense4j.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one categorical column is encoded: its categories, each a slot of its one-hot vector, then
 * two more slots, "other" (a value not among them: rarer than the kept ones, or never seen in
 * training) and "missing" (an empty cell, NA, N/A or NaN). A row's code is its slot's index.
 * Immutable; the same encoding is saved with a model and applied by every path that reads rows.
 */
public final class Categories {
    private final List<String> values;
    private final Map<String, Integer> codes;

    /** @param values the categories, in slot order (most frequent first, as {@link #mostFrequent} picks them) */
    public Categories(List<String> values) {
        this.values = List.copyOf(values);
        this.codes = new HashMap<>(Math.max(16, values.size() * 2));
        for (int i = 0; i < this.values.size(); i++) {
            if (codes.putIfAbsent(this.values.get(i), i) != null) {
                throw new IllegalArgumentException("the category \"" + this.values.get(i) + "\" is listed twice");
            }
        }
    }

    /**
     * The {@code max} most frequent of the {@code seen} values ({@code counts[i]} rows each), ties
     * in the order seen; values counted in no row are left out.
     */
    public static Categories mostFrequent(List<String> seen, long[] counts, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a categorical column keeps at least 1 category, got " + max);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            if (counts[i] > 0) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingLong((Integer i) -> -counts[i]).thenComparingInt(i -> i));
        return new Categories(order.stream().limit(max).map(seen::get).toList());
    }

    /** The categories, in slot order. */
    public List<String> values() {
        return values;
    }

    /** Slots in the one-hot vector: the categories, "other" and "missing". */
    public int slots() {
        return values.size() + 2;
    }

    /** The slot of a value that is none of the categories. */
    public int other() {
        return values.size();
    }

    /** The slot of a missing value. */
    public int missing() {
        return values.size() + 1;
    }

    /** The slot of {@code value}: its category's, or {@link #other()}. */
    public int code(String value) {
        Integer code = codes.get(value);
        return code == null ? other() : code;
    }

    /** Whether {@code value} is one of the categories. */
    public boolean contains(String value) {
        return codes.containsKey(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Categories categories && values.equals(categories.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.size() + " categories + other + missing";
    }
}
