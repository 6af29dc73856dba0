package io.dense4j.data.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a full {@link CategoryDictionary} could not number, summarized in bounded memory so
 * that the frequent ones among them are found: Misra and Gries's summary of {@link #COUNTERS}
 * counters over a random sample of the rows. A value's counter never exceeds its sampled rows, and
 * falls short of them by at most the rows sampled divided by {@code COUNTERS + 1}; so every value
 * sampled more often than that holds a counter.
 * Exists because a file sorted by time or by another column can bring a column's most frequent
 * values only after its bound, where they would all read as "other".
 */
final class FrequentValues {
    static final int COUNTERS = 1024;
    /** Longer values are not summarized: free text, not a category; and so a summary holds at most 256 KiB of values. */
    static final int LONGEST = 256;

    private final Map<Key, long[]> counters = new LinkedHashMap<>(2 * COUNTERS); // in the order values took counters: a file reads the same each time
    private final Key probe = new Key(null, 0, 0, 0);

    /** One row in this many enters the summary, chosen at random: the summary costs a map lookup, and often an entry. */
    static final int SAMPLED_ONE_IN = 16;
    /** The fewest sampled rows that make a value frequent: one or two are chance, among identifiers. */
    static final int FEWEST_SAMPLED = 4;

    private long rows;
    private long random = 0x9E3779B97F4A7C15L; // a fixed seed: a file's values are summarized the same on every read

    /** Offers one row's value {@code bytes[from, to)}, which one time in {@link #SAMPLED_ONE_IN} is counted. */
    void offer(byte[] bytes, int from, int to) {
        rows++;
        random ^= random << 13; // xorshift: unlike every 16th row, blind to values that repeat with a period
        random ^= random >>> 7;
        random ^= random << 17;
        if ((random & (SAMPLED_ONE_IN - 1)) == 0) {
            add(bytes, from, to);
        }
    }

    /** Counts one sampled row's value {@code bytes[from, to)}. */
    private void add(byte[] bytes, int from, int to) {
        if (to - from > LONGEST) {
            return;
        }
        probe.bytes = bytes;
        probe.from = from;
        probe.to = to;
        probe.hash = hash(bytes, from, to);
        long[] counter = counters.get(probe);
        if (counter != null) {
            counter[0]++;
        } else if (counters.size() < COUNTERS) {
            counters.put(new Key(Arrays.copyOfRange(bytes, from, to), 0, to - from, probe.hash), new long[] {1});
        } else { // the new value and every counted one each lose a row: the summary's bound on what it misses
            counters.values().removeIf(count -> --count[0] == 0);
        }
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    /**
     * The values sampled at least {@link #FEWEST_SAMPLED} times whose rows, estimated from their
     * samples, exceed {@code rows} and the most the summary could miss of a value: frequent past
     * the bound, rather than identifiers repeated by chance.
     */
    List<byte[]> moreThan(long rows) {
        long least = Math.max(rows, this.rows / (COUNTERS + 1));
        List<byte[]> frequent = new ArrayList<>();
        counters.forEach((key, count) -> {
            if (count[0] >= FEWEST_SAMPLED && count[0] * SAMPLED_ONE_IN > least) {
                frequent.add(key.bytes);
            }
        });
        return frequent;
    }

    /** A value's bytes, compared by content; the probe is one key reused for lookups, so that a lookup makes no object. */
    private static final class Key {
        byte[] bytes;
        int from;
        int to;
        int hash;

        Key(byte[] bytes, int from, int to, int hash) {
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            this.hash = hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(bytes, from, to, key.bytes, key.from, key.to);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
