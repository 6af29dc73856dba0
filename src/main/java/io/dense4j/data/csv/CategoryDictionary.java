package io.dense4j.data.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The distinct values of a categorical column as a file is read, each numbered in first-seen order,
 * with the rows that hold it. Cells are looked up by their bytes in an open-addressing table over
 * one byte arena, so a cell whose value is known costs a hash and a compare, and no object. Memory
 * is bounded: past {@link #MOST_VALUES} values (fewer in a file of many categorical columns, see
 * {@link #mostValuesEach}), or {@link #MOST_BYTES} of them, a new value's
 * cell reads as {@link #OVERFLOW}, which a model encodes as "other", and is counted apart.
 */
public final class CategoryDictionary extends CategoryCells {
    /** The most distinct values a column keeps: beyond, it is an identifier rather than a category. */
    public static final int MOST_VALUES = 100_000;
    /**
     * The most distinct values a file's categorical columns keep together, so that thousands of
     * columns of identifiers do not each keep {@link #MOST_VALUES}: a few hundred megabytes.
     */
    static final int MOST_VALUES_IN_ALL = 4_000_000;
    /** The fewest distinct values a column keeps, however many columns there are. */
    static final int FEWEST_KEPT = 1_000;
    /** The most bytes of values a column keeps. */
    static final int MOST_BYTES = 16 << 20;
    /** A row's number for a value first seen once the dictionary was full. */
    static final float OVERFLOW = -1;

    private final int mostValues;
    private final int mostBytes;
    /** The values past the bound, summarized; null until the first. */
    private FrequentValues pastTheBound;
    /** Values numbered whenever they come, past the bound too (see {@link #reserving}); null for none. */
    private CategoryDictionary reserved;
    /** The values numbered that are not reserved, and their bytes: what the bound counts. */
    private int unreserved;
    private long unreservedBytes;
    private byte[] arena = new byte[1024];
    private int arenaUsed;
    private int[] starts = new int[64];
    private int[] hashes = new int[64];
    private long[] counts = new long[64];
    private String[] decoded = new String[64];
    private int[] table = new int[128]; // value number + 1, 0 for empty
    private int size;
    private long missingRows;
    private long overflowRows;

    public CategoryDictionary() {
        this(MOST_VALUES);
    }

    CategoryDictionary(int mostValues) {
        this(mostValues, MOST_BYTES);
    }

    private CategoryDictionary(int mostValues, int mostBytes) {
        this.mostValues = mostValues;
        this.mostBytes = mostBytes;
    }

    /** An empty dictionary bounded as one file's reader bounds each of its {@code columns} categorical columns. */
    public static CategoryDictionary forOneFileOf(int columns) {
        return new CategoryDictionary(mostValuesEach(columns));
    }

    /**
     * As {@link #forOneFileOf(int)}, numbering the {@code reserved} values past the bound too, as
     * a reader reserving them does ({@link CsvReader#reserving}).
     */
    public static CategoryDictionary forOneFileOf(int columns, List<String> reserved) {
        return reserving(reserved, mostValuesEach(columns));
    }

    /** The bound on each of {@code columns} categorical columns of one file: their share of {@link #MOST_VALUES_IN_ALL}. */
    static int mostValuesEach(int columns) {
        return Math.max(FEWEST_KEPT, Math.min(MOST_VALUES, MOST_VALUES_IN_ALL / Math.max(1, columns)));
    }

    /**
     * A dictionary bounded at {@code mostValues}, which numbers the {@code reserved} values too,
     * past its bound as before it, in first-seen order with the others: a model's categories,
     * which must never read as "other" in a file that brings many others first, or values a first
     * pass found frequent past its bound.
     */
    static CategoryDictionary reserving(List<String> reserved, int mostValues) {
        CategoryDictionary dictionary = new CategoryDictionary(mostValues);
        if (!reserved.isEmpty()) {
            dictionary.reserved = unboundedOf(reserved, java.util.Collections.nCopies(reserved.size(), 0L), 0, 0);
        }
        return dictionary;
    }

    /**
     * A dictionary of {@code values}, numbered in their order, each counted in {@code counts} rows
     * (as a first pass found them: a cache's, or a cluster's pieces').
     */
    public static CategoryDictionary of(List<String> values, List<Long> counts, long missingRows, long overflowRows) {
        return of(values, counts, missingRows, overflowRows, new CategoryDictionary(Math.max(MOST_VALUES, values.size())));
    }

    /** An empty dictionary with no bound but a float's and an array's: the values of a set's files, merged in file order. */
    public static CategoryDictionary unbounded() {
        return unboundedOf(List.of(), List.of(), 0, 0);
    }

    /**
     * As {@link #of}, but never full: the values of a set of files, which hold every value of
     * each file's dictionary, each bounded on its own.
     */
    static CategoryDictionary unboundedOf(List<String> values, List<Long> counts, long missingRows, long overflowRows) {
        // bounded only where a float still holds every number exactly, and the arena's length an int
        return of(values, counts, missingRows, overflowRows, new CategoryDictionary(1 << 24, 1 << 30));
    }

    private static CategoryDictionary of(List<String> values, List<Long> counts, long missingRows, long overflowRows,
                                         CategoryDictionary dictionary) {
        for (int i = 0; i < values.size(); i++) {
            byte[] bytes = values.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int id = dictionary.intern(bytes, 0, bytes.length, values.get(i));
            if (id != i) {
                throw new IllegalArgumentException("the value \"" + values.get(i) + "\" is listed twice");
            }
            dictionary.counts[i] = counts.get(i);
        }
        dictionary.unreserved = dictionary.size;
        dictionary.unreservedBytes = dictionary.arenaUsed;
        dictionary.missingRows = missingRows;
        dictionary.overflowRows = overflowRows;
        return dictionary;
    }

    @Override
    float code(byte[] bytes, int from, int to, int column, CsvProblems problems) {
        int id = find(bytes, from, to);
        if (id >= 0) {
            return id;
        }
        boolean exempt = reserved != null && reserved.find(bytes, from, to) >= 0;
        if (!exempt && full(to - from)) {
            if (pastTheBound == null) {
                pastTheBound = new FrequentValues();
            }
            pastTheBound.offer(bytes, from, to);
            return OVERFLOW;
        }
        if (!exempt) {
            unreserved++;
            unreservedBytes += to - from;
        }
        return intern(bytes, from, to, problems.decode(bytes, from, to, column)); // a new value: checked as UTF-8 once
    }

    @Override
    float missing() {
        return Float.NaN;
    }

    @Override
    void count(float code) {
        if (code != code) {
            missingRows++;
        } else if (code < 0) {
            overflowRows++;
        } else {
            counts[(int) code]++;
        }
    }

    /** Whether a value of {@code length} bytes that is not reserved would pass the bound. */
    private boolean full(int length) {
        return unreserved >= mostValues || unreservedBytes + length > mostBytes;
    }

    /** The number of the value {@code bytes[from, to)}, or −1 when it has none yet. */
    int find(byte[] bytes, int from, int to) {
        int hash = hash(bytes, from, to);
        int mask = table.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            int id = entry - 1;
            if (hashes[id] == hash && Arrays.equals(arena, starts[id], starts[id] + length(id), bytes, from, to)) {
                return id;
            }
        }
    }

    /** Numbers a new value (its bytes and its text); returns its number. */
    private int intern(byte[] bytes, int from, int to, String text) {
        int existing = find(bytes, from, to);
        if (existing >= 0) {
            return existing;
        }
        int length = to - from;
        if (arenaUsed + length > arena.length) {
            arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) arenaUsed + length, 2L * arena.length)));
        }
        if (size + 1 >= starts.length) {
            int grown = 2 * starts.length;
            starts = Arrays.copyOf(starts, grown);
            hashes = Arrays.copyOf(hashes, grown);
            counts = Arrays.copyOf(counts, grown);
            decoded = Arrays.copyOf(decoded, grown);
        }
        System.arraycopy(bytes, from, arena, arenaUsed, length);
        int id = size++;
        starts[id] = arenaUsed;
        starts[id + 1] = arenaUsed + length;
        arenaUsed += length;
        hashes[id] = hash(bytes, from, to);
        decoded[id] = text;
        if (2 * size > table.length) {
            rehash(2 * table.length);
        } else {
            place(id);
        }
        return id;
    }

    private int length(int id) {
        return starts[id + 1] - starts[id];
    }

    private void place(int id) {
        int mask = table.length - 1;
        int slot = hashes[id] & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = id + 1;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        for (int id = 0; id < size; id++) {
            place(id);
        }
    }

    /** FNV-1a, its bits spread so that a power-of-two table uses the high ones too. */
    private static int hash(byte[] bytes, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    /** Distinct values, in first-seen order. */
    public int size() {
        return size;
    }

    /** The values, in first-seen order. */
    public List<String> values() {
        return new ArrayList<>(Arrays.asList(decoded).subList(0, size));
    }

    /** Rows holding each value, in first-seen order. */
    public long[] counts() {
        return Arrays.copyOf(counts, size);
    }

    /** Rows whose cell was missing. */
    public long missingRows() {
        return missingRows;
    }

    /** Rows whose value came once the dictionary was full, and so has no number. */
    public long overflowRows() {
        return overflowRows;
    }

    /**
     * The rows whose value a model's {@code encoding} does not hold (never seen by it, or kept as
     * "other"), past the bound included; every valued row when {@code encoding} is null.
     */
    public long rowsNotIn(io.dense4j.data.Categories encoding) {
        long rows = overflowRows;
        for (int i = 0; i < size; i++) {
            if (encoding == null || !encoding.contains(decoded[i])) {
                rows += counts[i];
            }
        }
        return rows;
    }

    /**
     * The values that came once the dictionary was full and surely hold more rows than some value
     * it numbered: a second pass that reserves them ({@link #reserving}) ranks them among the
     * most frequent, where this pass would read them all as "other". Empty for a column of
     * identifiers, whose values past the bound are as rare as those before it.
     */
    public List<String> frequentPastTheBound() {
        if (pastTheBound == null || size == 0) {
            return List.of();
        }
        long fewest = Long.MAX_VALUE;
        for (int id = 0; id < size; id++) {
            if (counts[id] > 0) { // a value reserved but never met, or met only in a skipped row, is in no ranking
                fewest = Math.min(fewest, counts[id]);
            }
        }
        List<String> frequent = new ArrayList<>();
        for (byte[] value : pastTheBound.moreThan(fewest)) {
            frequent.add(new String(value, java.nio.charset.StandardCharsets.UTF_8));
        }
        return frequent;
    }

    /** The reserved values (see {@link #reserving}), in their order; empty for none. */
    List<String> reserved() {
        return reserved == null ? List.of() : reserved.values();
    }

    /** Whether some value came once the dictionary was full. */
    public boolean overflowed() {
        return overflowRows > 0;
    }

    /**
     * Adds {@code other}'s values and counts, as if its rows had come after this one's: its values
     * new here are numbered after these, in its order. Returns the number here of each of its
     * values (the map its rows' numbers go through), or null when this dictionary would overflow.
     */
    int[] merge(CategoryDictionary other) {
        return add(other, false);
    }

    /**
     * As {@link #merge}, but past the bound {@code other}'s new values read as {@link #OVERFLOW},
     * their rows counted as past the bound: for files read one after another, whose cells are
     * already numbered, where the bound cannot move to where one reader's would fall.
     */
    public int[] absorb(CategoryDictionary other) {
        return add(other, true);
    }

    private int[] add(CategoryDictionary other, boolean overflowing) {
        int[] renumbered = new int[other.size];
        for (int id = 0; id < other.size; id++) {
            int here = find(other.arena, other.starts[id], other.starts[id + 1]);
            if (here < 0) {
                boolean exempt = reserved != null && reserved.find(other.arena, other.starts[id], other.starts[id + 1]) >= 0;
                if (!exempt && full(other.length(id))) {
                    if (!overflowing) {
                        return null;
                    }
                    renumbered[id] = (int) OVERFLOW;
                    overflowRows += other.counts[id];
                    continue;
                }
                if (!exempt) {
                    unreserved++;
                    unreservedBytes += other.length(id);
                }
                here = intern(other.arena, other.starts[id], other.starts[id + 1], other.decoded[id]);
            }
            counts[here] += other.counts[id];
            renumbered[id] = here;
        }
        missingRows += other.missingRows;
        overflowRows += other.overflowRows;
        return renumbered;
    }
}
