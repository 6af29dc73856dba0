package io.dense4j.data.csv;

/**
 * Follows each feature column through a file's first rows to find those that count them: a whole
 * number in every row, each one more than the row before's, as a row number or an id given in
 * file order does (Titanic's {@code PassengerId}, a bank's {@code RowNumber}, R's {@code X}). Such
 * a column tells the model where a row is in the file, which a file sorted by its label or by
 * time gives away.
 */
final class RowNumbers {
    /** The fewest rows that make a count: in a handful, a column of years or ages may count by chance. */
    static final int FEWEST_ROWS = 20;
    /** Longer digit strings are no count of rows, and would overflow a long. */
    private static final int MOST_DIGITS = 18;

    private final long[] last;
    private final int[] counted;
    private final boolean[] broken;

    RowNumbers(int features) {
        last = new long[features];
        counted = new int[features];
        broken = new boolean[features];
    }

    /** Takes the cell {@code bytes[start, end)} of the feature at {@code place} in the next row. */
    void next(int place, byte[] bytes, int start, int end) {
        if (broken[place]) {
            return;
        }
        long value = digits(bytes, start, end);
        if (value < 0 || counted[place] > 0 && value != last[place] + 1) {
            broken[place] = true;
            return;
        }
        last[place] = value;
        counted[place]++;
    }

    /**
     * Whether the feature at {@code place} counted each of the {@code rows} rows read, and they are
     * enough to tell; a row the first look could not read leaves a count one short or one long.
     */
    boolean countsEveryRow(int place, int rows) {
        return !broken[place] && counted[place] == rows && rows >= FEWEST_ROWS;
    }

    /** The cell's value if it is plain digits, else −1. */
    private static long digits(byte[] bytes, int start, int end) {
        if (end <= start || end - start > MOST_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = 10 * value + digit;
        }
        return value;
    }
}
