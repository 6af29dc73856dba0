package io.dense4j.data;

/** Writes a number with 5 decimals as ASCII, without the cost of String.format (the generator writes GBs). */
final class FixedDecimal {
    private static final long SCALE = 100_000;

    private FixedDecimal() {
    }

    /** Writes {@code value} rounded to 5 decimals into {@code out} at {@code at}; returns the next index. */
    static int write(float value, byte[] out, int at) {
        long scaled = Math.round(Math.abs((double) value) * SCALE);
        if (value < 0 && scaled != 0) {
            out[at++] = '-';
        }
        at = writeDigits(scaled / SCALE, out, at);
        out[at++] = '.';
        long fraction = scaled % SCALE;
        for (long unit = SCALE / 10; unit > 0; unit /= 10) {
            out[at++] = (byte) ('0' + fraction / unit % 10);
        }
        return at;
    }

    private static int writeDigits(long number, byte[] out, int at) {
        if (number == 0) {
            out[at++] = '0';
            return at;
        }
        int digits = 0;
        for (long n = number; n > 0; n /= 10) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            out[i] = (byte) ('0' + number % 10);
            number /= 10;
        }
        return at + digits;
    }
}
