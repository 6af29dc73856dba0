package io.dense4j.data.csv;

/**
 * The line a data row starts on, found by reading the file again up to it: for a message about a
 * row known by its place among the rows read (a row whose values overflow a model's layers). Only a
 * pass can tell, as a quoted cell with line ends puts lines and rows apart.
 */
public final class DataRowLine {

    private DataRowLine() {
    }

    /** A pass's stop at the row asked for. */
    private static final class Found extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long line;

        Found(long line) {
            super(null, null, false, false);
            this.line = line;
        }
    }

    /**
     * The line on which data row {@code row} of {@code reader}'s file starts (both from 1; rows as
     * its passes read them, bad ones skipped if it skips them); -1 past the last row.
     */
    public static long of(CsvReader reader, long row) {
        long[] seen = {0};
        try {
            reader.read(new CsvReader.KeepingHandler() { // the reader may keep columns (predict --keep): not needed here
                @Override
                public void keptCell(int k, byte[] bytes, int from, int to) {
                }

                @Override
                public void row(long line, float[] features, int provisionalClass, float weight) {
                    if (++seen[0] == row) {
                        throw new Found(line);
                    }
                }
            });
        } catch (Found found) {
            return found.line;
        }
        return -1;
    }
}
