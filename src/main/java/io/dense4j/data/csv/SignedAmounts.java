package io.dense4j.data.csv;

/**
 * Numbers written for people: a currency sign before or after them, or a percent sign after
 * ({@code $1,093.02}, {@code -€5}, {@code 12,5 €} with a decimal comma, {@code 7.1%}, {@code 12 %}),
 * read as the number written (1093.02, −5, 12.5, 7.1, 12); an amount in parentheses, as
 * accounts write a negative one ({@code ($5.00)}), is negative. An amount may group its thousands
 * (with the comma, or the point in a file with a decimal comma), as the sign says it is one number. Exists apart from the number parse every
 * cell goes through first: only a cell that is no plain number comes here, so a column of amounts
 * or rates is a column of numbers rather than hundreds of categories.
 */
final class SignedAmounts {
    private static final byte[][] CURRENCIES = {
        {'$'}, {(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, {(byte) 0xC2, (byte) 0xA3}, {(byte) 0xC2, (byte) 0xA5}}; // $ € £ ¥

    private SignedAmounts() {
    }

    /**
     * Whether {@code bytes[from, to)} has a currency sign before it (after an optional + or −, or
     * a parenthesis) or after it, or a percent sign after it.
     */
    static boolean signed(byte[] bytes, int from, int to) {
        if (to - from >= 2 && bytes[from] == '(' && bytes[to - 1] == ')') {
            int inside = afterSpaces(bytes, from + 1, to - 1);
            return signed(bytes, inside, beforeSpaces(bytes, inside, to - 1));
        }
        return to > from && (bytes[to - 1] == '%' || currencyBefore(bytes, from, to) > 0
                || currencyAt(bytes, bytes[from] == '-' || bytes[from] == '+' ? from + 1 : from, to) > 0);
    }

    /**
     * The number {@code bytes[from, to)} (blanks at its ends already left out) writes with a sign,
     * or NaN when it is no amount or rate so written; {@code scratch} is at least as long as the cell.
     */
    static double value(byte[] bytes, int from, int to, char decimal, char thousands, byte[] scratch) {
        if (to - from >= 2 && bytes[from] == '(' && bytes[to - 1] == ')') { // an account's negative: a currency and no sign inside
            int inside = afterSpaces(bytes, from + 1, to - 1);
            int end = beforeSpaces(bytes, inside, to - 1);
            boolean amount = inside < end && bytes[inside] != '-' && bytes[inside] != '+' && bytes[end - 1] != '%';
            return amount ? -value(bytes, inside, end, decimal, thousands, scratch) : Double.NaN;
        }
        char group = thousands != 0 ? thousands : decimal == ',' ? '.' : ',';
        if (to - from >= 2 && bytes[to - 1] == '%') {
            return parsed(bytes, from, beforeSpaces(bytes, from, to - 1), decimal, thousands, scratch);
        }
        int after = currencyBefore(bytes, from, to);
        if (after > 0) { // "12,5 €": the number before the sign
            return parsed(bytes, from, beforeSpaces(bytes, from, to - after), decimal, group, scratch);
        }
        int at = from < to && (bytes[from] == '-' || bytes[from] == '+') ? from + 1 : from;
        int currency = currencyAt(bytes, at, to);
        if (currency == 0) {
            return Double.NaN;
        }
        int digits = afterSpaces(bytes, at + currency, to);
        if (digits == to || bytes[digits] == '-' || bytes[digits] == '+') {
            return Double.NaN; // one sign is enough: "$-5" and "-$-5" are no amounts
        }
        double value = parsed(bytes, digits, to, decimal, group, scratch);
        return bytes[from] == '-' ? -value : value;
    }

    /** The length of a currency sign that ends {@code bytes[from, to)} after a number, or 0. */
    private static int currencyBefore(byte[] bytes, int from, int to) {
        for (byte[] sign : CURRENCIES) {
            int at = to - sign.length;
            if (at > from && java.util.Arrays.equals(bytes, at, to, sign, 0, sign.length)) {
                return sign.length;
            }
        }
        return 0;
    }

    /** The first byte from {@code from} that is no space, tab or no-break space (C2 A0), which spreadsheets put before a sign. */
    private static int afterSpaces(byte[] bytes, int from, int to) {
        int at = CellParser.afterBlanks(bytes, from, to);
        while (at + 1 < to && bytes[at] == (byte) 0xC2 && bytes[at + 1] == (byte) 0xA0) {
            at = CellParser.afterBlanks(bytes, at + 2, to);
        }
        return at;
    }

    /** The end of {@code bytes[from, to)} without the spaces, tabs and no-break spaces before it. */
    private static int beforeSpaces(byte[] bytes, int from, int to) {
        int at = CellParser.beforeBlanks(bytes, from, to);
        while (at - 2 >= from && bytes[at - 2] == (byte) 0xC2 && bytes[at - 1] == (byte) 0xA0) {
            at = CellParser.beforeBlanks(bytes, from, at - 2);
        }
        return at;
    }

    /** The number of digits and separators {@code bytes[from, to)} writes, after an optional sign; NaN for anything else. */
    private static double parsed(byte[] bytes, int from, int to, char decimal, char thousands, byte[] scratch) {
        int digits = from < to && (bytes[from] == '-' || bytes[from] == '+') ? from + 1 : from;
        boolean anyDigit = false;
        for (int at = digits; at < to; at++) { // no exponent, hexadecimal or NaN: amounts are written in plain digits
            byte b = bytes[at];
            anyDigit |= b >= '0' && b <= '9';
            if (!(b >= '0' && b <= '9' || b == '.' || b == ',' || b == thousands)) {
                return Double.NaN;
            }
        }
        if (!anyDigit) {
            return Double.NaN;
        }
        try {
            return CellParser.fullParse(bytes, from, to, decimal, thousands, scratch); // an overflow is infinite, and said so
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }

    /** The length of the currency sign at {@code at}, or 0. */
    private static int currencyAt(byte[] bytes, int at, int to) {
        for (byte[] sign : CURRENCIES) {
            if (to - at > sign.length && java.util.Arrays.equals(bytes, at, at + sign.length, sign, 0, sign.length)) {
                return sign.length;
            }
        }
        return 0;
    }
}
