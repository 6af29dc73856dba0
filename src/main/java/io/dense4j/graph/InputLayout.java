package io.dense4j.graph;

import java.util.Arrays;
import java.util.Locale;

/**
 * What each column of an input row holds: a number, or a categorical column's code, an index into
 * its slots (its categories, then "other", then "missing"). The network reads a categorical column
 * as its one-hot vector would be read, without that vector ever existing: the encoded row is the
 * numeric columns, in order, then each categorical column's slots, and the first Dense layer adds
 * the weight row of each code's slot instead of multiplying zeros.
 *
 * @param slots per input column, 0 for a number, else the categorical column's slot count (≥ 2)
 */
public record InputLayout(int[] slots) {

    public InputLayout {
        slots = slots.clone();
        if (slots.length < 1) {
            throw new IllegalArgumentException("an input row needs at least 1 column, got " + slots.length);
        }
        long encoded = 0;
        for (int column = 0; column < slots.length; column++) {
            if (slots[column] != 0 && slots[column] < 2) {
                throw new IllegalArgumentException("input column " + column + " has " + slots[column]
                        + " slots; a categorical column has at least 2 (other and missing)");
            }
            encoded += Math.max(1, slots[column]);
        }
        if (encoded > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the encoded input row would be " + encoded + " values wide");
        }
    }

    /** Every one of {@code width} columns a number. */
    public static InputLayout numeric(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("compile expects an input width >= 1 (features per row), got " + width);
        }
        return new InputLayout(new int[width]);
    }

    /** Columns per input row, as the data holds them. */
    public int width() {
        return slots.length;
    }

    @Override
    public int[] slots() {
        return slots.clone();
    }

    /** Slots of column {@code column}: 0 for a number. */
    public int slots(int column) {
        return slots[column];
    }

    public boolean allNumeric() {
        return Arrays.stream(slots).allMatch(count -> count == 0);
    }

    public int numericCount() {
        return (int) Arrays.stream(slots).filter(count -> count == 0).count();
    }

    /** The width of the encoded row: one value per number, one per slot of each categorical column. */
    public int encodedWidth() {
        return Arrays.stream(slots).map(count -> Math.max(1, count)).sum();
    }

    /** The input columns that hold numbers, in order. */
    public int[] numericColumns() {
        return columns(true);
    }

    /** The input columns that hold category codes, in order. */
    public int[] categoricalColumns() {
        return columns(false);
    }

    /** Where each categorical column's first slot is in the encoded row, in the order of {@link #categoricalColumns()}. */
    public int[] slotOffsets() {
        int[] categorical = categoricalColumns();
        int[] offsets = new int[categorical.length];
        int next = numericCount();
        for (int c = 0; c < categorical.length; c++) {
            offsets[c] = next;
            next += slots[categorical[c]];
        }
        return offsets;
    }

    private int[] columns(boolean numeric) {
        int[] picked = new int[slots.length];
        int count = 0;
        for (int column = 0; column < slots.length; column++) {
            if ((slots[column] == 0) == numeric) {
                picked[count++] = column;
            }
        }
        return Arrays.copyOf(picked, count);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InputLayout layout && Arrays.equals(slots, layout.slots);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(slots);
    }

    @Override
    public String toString() {
        return allNumeric() ? slots.length + " numeric columns"
                : String.format(Locale.ROOT, "%d columns: %d numeric, %d categorical (%d slots)", slots.length, numericCount(),
                        slots.length - numericCount(), encodedWidth() - numericCount());
    }
}
