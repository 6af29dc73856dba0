package io.dense4j.data;

import java.util.Locale;

/**
 * How many rows {@code --skip-bad-rows} passed over, said with their share of the rows read: a
 * column that turns to text halfway through a file would otherwise cost half its rows unseen.
 */
public final class SkippedRowsShare {
    private SkippedRowsShare() {
    }

    /** "6 bad rows of 40 (15.0%)", "1,999 bad rows of 2,000 (over 99.9%)": {@code skipped} of them skipped, {@code kept} kept. */
    public static String of(long skipped, long kept) {
        return String.format(Locale.ROOT, "%,d bad row%s of %,d (%s)", skipped, skipped == 1 ? "" : "s", skipped + kept,
                Share.of(skipped, skipped + kept));
    }
}
