package io.dense4j.data;

import java.util.Locale;

/** A part of a whole as a message says it: a percent to a tenth, never rounded to 0% or 100% when it is neither. */
public final class Share {
    private Share() {
    }

    /** "15.0%", "over 99.9%" for 1,999 of 2,000, "under 0.1%" for 1 of a million. */
    public static String of(long part, long whole) {
        double percent = whole == 0 ? 0 : 100.0 * part / whole;
        if (part < whole && percent >= 99.95) {
            return "over 99.9%";
        }
        return part > 0 && percent < 0.05 ? "under 0.1%" : String.format(Locale.ROOT, "%.1f%%", percent);
    }
}
