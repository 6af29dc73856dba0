package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A first pass in parts reads what one thread reads, or hands the file back to one thread: for any
 * bytes in any format the flags make, split into 2 to 4 ranges at the first line start after each
 * equal share of the bytes (which the bytes put inside a quoted cell, after a carriage return,
 * beside a multi-byte character or a bad row), the parts' rows, with each
 * part's classes and category numbers taken to the whole file's as the cache's writer takes them,
 * are one thread's rows, and the merged summary is its summary. A file one thread refuses is
 * never read in parts.
 *
 * <p>Files of 64 MB and more are split in use; here every file is, so that the fuzzer meets each
 * split on a few lines. A plain test run replays the inputs kept in {@code
 * PartedReadFuzzTestInputs} (two tables the parts read, from the fuzzer's corpus);
 * {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class PartedReadFuzzTest {

    /** How a file is read: a format the command line could make, in how many parts, and the reader's two settings. */
    private record Reading(CsvFormat format, int parts, boolean skipBadRows, boolean allowMissing) {
        /** Chosen by {@code data}; null for a format the command line refuses. */
        static Reading of(FuzzedDataProvider data) {
            CsvFormat format = CsvReaderFuzzTest.format(data);
            return format == null ? null : new Reading(format, data.consumeInt(2, 4), data.consumeBoolean(), data.consumeBoolean());
        }

        boolean check(byte[] bytes) throws IOException {
            return PartedReadFuzzTest.check(file -> new CsvReader(file, format, 1 << 16, skipBadRows, allowMissing), parts, bytes);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void readsInPartsAsOneThreadDoes(FuzzedDataProvider data) throws IOException {
        Reading reading = Reading.of(data);
        if (reading != null) {
            reading.check(data.consumeRemainingAsBytes());
        }
    }

    /**
     * As above, for a table made of cells people's files hold (numbers in the format's style,
     * marks, categories, dates, quoted cells with delimiters, quotes and line breaks, labels of
     * one of four spellings), under a header of the columns the formats name, with now and then
     * a cell of another kind or any text: random bytes are mostly refused by one thread as by
     * the parts, and these mostly read, so the fuzzer's splits land among good rows.
     */
    @FuzzTest(maxDuration = "5m")
    void readsATableInPartsAsOneThreadDoes(FuzzedDataProvider data) throws IOException {
        Reading reading = Reading.of(data);
        if (reading == null) {
            return;
        }
        CsvFormat format = reading.format();
        boolean allowMissing = reading.allowMissing();
        String delimiter = String.valueOf(format.delimiter());
        String[] lineEnds = {"\n", "\n", "\n", "\r\n", "\r"};
        StringBuilder table = new StringBuilder(data.consumeBoolean() ? "\uFEFF" : "");
        if (format.header()) {
            table.append(String.join(delimiter, NAMES)).append('\n');
        }
        String decimal = String.valueOf(format.decimal());
        String thousands = format.thousands() == 0 ? "" : String.valueOf(format.thousands());
        String[] numbers = {"1", "-2", "0", "7e3", "2" + decimal + "5", "-0" + decimal + "125", "1" + thousands + "000" + decimal + "25",
            " 4 ", "\"5\"", allowMissing ? "" : "3", format.missingMarks().isEmpty() ? "6" : "?"};
        String[] labels = LABELS[data.consumeInt(0, LABELS.length - 1)];
        String label = format.labelName() != null ? format.labelName() : NAMES.get(NAMES.size() - 1);
        for (int rows = data.consumeInt(1, 60); rows > 0 && data.remainingBytes() > 0; rows--) {
            for (String name : NAMES) {
                String[] kind = name.equals(label) ? labels : format.categorical().contains(name) ? TEXTS
                        : format.dates().contains(name) ? DATES : numbers;
                int pick = data.consumeInt(0, 255);
                table.append(name.equals(NAMES.get(0)) ? "" : delimiter)
                        .append(pick == 0 ? data.consumeString(4) : pick == 1 ? data.pickValue(TEXTS) : data.pickValue(kind));
            }
            table.append(data.pickValue(lineEnds));
        }
        reading.check(table.toString().getBytes(java.nio.charset.Charset.forName(format.encoding() == null ? "UTF-8"
                : format.encoding())));
    }

    /** The header's names, the label's last: {@link CsvReaderFuzzTest#format} picks columns by these. */
    private static final List<String> NAMES = CsvReaderFuzzTest.NAMES;
    /** Cells of categorical columns, dates and labels (numbers are written in the format's style); another cell now and then. */
    private static final String[] TEXTS = {"red", "blue", "\"a,b\"", "\"a;b\"", "\"line\nbreak\"", "\"q\"\"uote\"", "é", "日本", "",
        "\"\r\"", "1", "?"};
    private static final String[] DATES = {"2024-01-31", "2024-01-31T10:00:00Z", "2023-12-01 08:00", "0000-00-00", "", "none"};
    private static final String[][] LABELS = {{"yes", "no"}, {"0", "1", "0.0"}, {"-1", "+1"}, {"true", "false", "TRUE"}};

    /**
     * A file whose second half sees the labels and a column's categories first in the other order
     * is read in parts, its classes swapped and its categories renumbered: the fuzz test's check
     * does not pass by the parts handing every file back.
     */
    @org.junit.jupiter.api.Test
    void aFileOfLabelsAndCategoriesInTheOtherOrderIsReadInParts() throws IOException {
        StringBuilder csv = new StringBuilder("x,colour,label\n");
        for (int row = 0; row < 40; row++) {
            boolean late = row >= 20;
            csv.append(row).append(".5,").append((row % 3 == 0) != late ? "red" : "blue").append(',')
                    .append((row % 2 == 0) != late ? "yes" : "no").append('\n');
        }
        CsvFormat format = CsvFormat.defaults().withCategorical(List.of("colour"));
        assertTrue(check(file -> new CsvReader(file, format, 1 << 16, false, false), 2,
                csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Checks the property for {@code bytes} in a file read by {@code reading}'s reader; returns whether they were read in parts. */
    private static boolean check(java.util.function.Function<Path, CsvReader> reading, int parts, byte[] bytes) throws IOException {
        Path file = Files.createTempFile("fuzz", ".csv");
        try {
            Files.write(file, bytes);
            CsvReader reader = reading.apply(file);
            Rows[] read = new Rows[parts];
            for (int k = 0; k < parts; k++) {
                read[k] = new Rows();
            }
            boolean[] flipped = new boolean[parts];
            int[][][] renumber = new int[parts][][];
            CsvReader.Summary merged = PartedRead.summary(reader, read, flipped, renumber, 0);
            Rows serial = new Rows();
            CsvReader.Summary one;
            try {
                one = reader.read(serial);
            } catch (io.dense4j.data.DataFileException | IllegalArgumentException refused) { // a bad file, or a format it cannot have
                assertNull(merged, "read in parts, a file one thread refuses: " + refused.getMessage());
                return false;
            }
            if (merged == null) {
                return false; // one thread reads it
            }
            int[] places = merged.categories().keySet().stream().mapToInt(merged.featureNames()::indexOf).toArray();
            List<String> joined = new ArrayList<>();
            for (int k = 0; k < parts; k++) {
                joined.addAll(read[k].asWritten(flipped[k], places, renumber[k]));
            }
            assertEquals(String.join("\n", serial.asWritten(false, places, null)), String.join("\n", joined), "rows");
            assertEquals(described(one), described(merged), "summary");
            return true;
        } finally {
            Files.delete(file);
        }
    }

    /** A part's rows as read: features, provisional class and weight. */
    private static final class Rows implements CsvReader.RowHandler {
        private final List<float[]> features = new ArrayList<>();
        private final List<float[]> classAndWeight = new ArrayList<>();

        @Override
        public void row(long line, float[] read, int provisionalClass, float weight) {
            features.add(read.clone());
            classAndWeight.add(new float[] {provisionalClass, weight});
        }

        /**
         * The rows as the cache's writer appends them: the class swapped when the part saw the labels
         * the other way round, each categorical cell's number (not missing, not past the bound)
         * taken to the file's through {@code renumber} when given.
         */
        List<String> asWritten(boolean flip, int[] places, int[][] renumber) {
            List<String> rows = new ArrayList<>();
            for (int r = 0; r < features.size(); r++) {
                float[] row = features.get(r).clone();
                for (int c = 0; renumber != null && c < places.length; c++) {
                    if (row[places[c]] >= 0) {
                        row[places[c]] = renumber[c][(int) row[places[c]]];
                    }
                }
                float provisionalClass = flip ? 1 - classAndWeight.get(r)[0] : classAndWeight.get(r)[0];
                rows.add(Arrays.toString(row) + " " + provisionalClass + " " + classAndWeight.get(r)[1]);
            }
            return rows;
        }
    }

    /** What a summary says of the whole file, as text to compare. */
    private static String described(CsvReader.Summary summary) {
        StringBuilder categories = new StringBuilder();
        summary.categories().forEach((column, dictionary) -> categories.append(column).append(dictionary.values())
                .append(Arrays.toString(dictionary.counts())).append(dictionary.missingRows()).append('/')
                .append(dictionary.overflowRows()).append(' '));
        return summary.featureNames() + " rows " + summary.rows() + " labels " + Arrays.toString(summary.labels().names())
                + " skipped " + summary.skippedRows() + " missing " + Arrays.toString(summary.missingByFeature()) + " " + categories
                + summary.labelRuns();
    }
}
