package io.dense4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FixedDecimalTest {

    @Test
    void writesFixedDecimals() {
        byte[] out = new byte[32];
        assertEquals("-1.23457", new String(out, 0, FixedDecimal.write(-1.234567f, out, 0)));
        assertEquals("0.00000", new String(out, 0, FixedDecimal.write(-0.000001f, out, 0)));
        assertEquals("12.50000", new String(out, 0, FixedDecimal.write(12.5f, out, 0)));
        assertEquals("0.00012", new String(out, 0, FixedDecimal.write(0.000123f, out, 0)));
    }
}
