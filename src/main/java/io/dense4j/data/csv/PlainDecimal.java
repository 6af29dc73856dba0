package io.dense4j.data.csv;

/**
 * The common case of a number cell, parsed in one tight loop: an optional sign, up to 18 digits
 * with an optional decimal point, and an optional exponent, whose value (digits as a whole number
 * times a power of ten) is exact in a double. Then one IEEE multiplication or division by an exact
 * power of ten rounds correctly (Clinger's fast path), so the result is bit for bit what a full
 * parser gives. Anything else is left to the full parser, whose general entry point does more
 * work per cell (CsvBenchmark compares them; see docs/data.md).
 *
 * <p>It can also find the end of its field as it goes ({@link #parseField}), so a row's cells are
 * scanned once rather than once for the delimiter and again for the digits.
 */
final class PlainDecimal {
    /** Returned when the text is not the common case: ask the full parser. No plain decimal parses to NaN. */
    static final double NOT_PLAIN = Double.NaN;

    private static final double[] POWERS_OF_TEN = new double[23];
    private static final long EXACT_LIMIT = 1L << 53;

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10; // exact up to 10^22
        }
    }

    /** Where the last {@link #parseField} stopped: the delimiter after the number, or the line's end. */
    private int end;
    /** The byte between a number's whole and fractional digits: '.' or ','. */
    private final byte decimal;

    /** A parser of numbers with {@code decimal} ('.' or ',') between their whole and fractional digits. */
    PlainDecimal(char decimal) {
        this.decimal = (byte) decimal;
    }

    /** The value of {@code bytes[from, to)} if it is a plain decimal, else {@link #NOT_PLAIN}. */
    static double parse(byte[] bytes, int from, int to) {
        return parse(bytes, from, to, '.');
    }

    /** The value of {@code bytes[from, to)} if it is a plain decimal with {@code decimal} as its separator, else {@link #NOT_PLAIN}. */
    static double parse(byte[] bytes, int from, int to, char decimal) {
        PlainDecimal parser = new PlainDecimal(decimal);
        double value = parser.parseField(bytes, from, to, -1);
        return parser.end == to ? value : NOT_PLAIN;
    }

    /**
     * The value of the field starting at {@code from} if it is a plain decimal running up to the
     * next {@code delimiter} or to {@code to}, else {@link #NOT_PLAIN}; {@link #end()} then says
     * where the field ended.
     */
    double parseField(byte[] bytes, int from, int to, int delimiter) {
        int at = from;
        boolean negative = false;
        if (at < to && (bytes[at] == '-' || bytes[at] == '+')) {
            negative = bytes[at] == '-';
            at++;
        }
        long digits = 0;
        int count = 0;
        int scale = 0;
        for (; at < to; at++) {
            int digit = bytes[at] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            digits = digits * 10 + digit;
            count++;
        }
        if (at < to && bytes[at] == decimal) {
            int fractionStart = ++at;
            for (; at < to; at++) {
                int digit = bytes[at] - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                digits = digits * 10 + digit;
            }
            scale = at - fractionStart;
            count += scale;
        }
        if (count == 0 || count > 18) {
            return NOT_PLAIN;
        }
        int exponent = -scale;
        if (at < to && (bytes[at] | 0x20) == 'e') {
            at++;
            boolean negativeExponent = false;
            if (at < to && (bytes[at] == '-' || bytes[at] == '+')) {
                negativeExponent = bytes[at] == '-';
                at++;
            }
            int written = 0;
            int value = 0;
            for (; at < to && written < 4; at++, written++) {
                int digit = bytes[at] - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                value = value * 10 + digit;
            }
            if (written == 0) {
                return NOT_PLAIN;
            }
            exponent += negativeExponent ? -value : value;
        }
        if ((at != to && bytes[at] != delimiter) || digits >= EXACT_LIMIT || exponent < -22 || exponent > 22) {
            return NOT_PLAIN;
        }
        end = at;
        double value = exponent < 0 ? digits / POWERS_OF_TEN[-exponent] : digits * POWERS_OF_TEN[exponent];
        return negative ? -value : value;
    }

    int end() {
        return end;
    }
}
