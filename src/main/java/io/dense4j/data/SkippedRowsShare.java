package io.dense4j.data;

import java.util.Locale;

/**
 * How many rows {@code --skip-bad-rows} passed over, said with their share of the rows read: a
 * column that turns to text halfway through a file would otherwise cost half its rows unseen.
 */
public final class SkippedRowsShare {
    private SkippedRowsShare() {
    }

    /** "6 bad rows of 40 (15%)", "1 bad row of 2,000 (0.1%)": {@code skipped} of them skipped, {@code kept} kept. */
    public static String of(long skipped, long kept) {
        long read = skipped + kept;
        double percent = read == 0 ? 0 : 100.0 * skipped / read;
        return String.format(Locale.ROOT, "%,d bad row%s of %,d (%s%%)", skipped, skipped == 1 ? "" : "s", read,
                String.format(Locale.ROOT, percent >= 10 ? "%.0f" : "%.1f", percent));
    }
}
