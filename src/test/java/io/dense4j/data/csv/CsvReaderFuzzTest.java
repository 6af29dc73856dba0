package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Any bytes, read in any of the formats the flags make: the reader either reads rows or stops with
 * a one-line error that names the file ({@link UntrustedReads}), and reading the bytes in chunks
 * of a few bytes, or gzip-compressed, reads exactly what reading them in one chunk does, rows and
 * errors alike: a line or a quoted field cut by a chunk's end is read whole.
 *
 * <p>A plain test run replays the inputs kept in {@code CsvReaderFuzzTestInputs}; {@code
 * JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class CsvReaderFuzzTest {
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    /** The columns a format names (PartedReadFuzzTest writes them as a header, the last as the label). */
    static final List<String> NAMES = List.of("a", "b", "c", "d", "y");

    @FuzzTest(maxDuration = "5m")
    void readsTheSameInAnyChunksOrNamesTheProblem(FuzzedDataProvider data) throws IOException {
        CsvFormat format = format(data);
        if (format == null) {
            return;
        }
        int chunk = data.consumeInt(1, 64);
        boolean skipBadRows = data.consumeBoolean();
        boolean allowMissing = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        Path file = Files.createTempFile("fuzz", ".csv");
        try {
            Files.write(file, bytes);
            String whole = UntrustedReads.outcome(file, () -> pass(new CsvReader(file, format, 1 << 20, skipBadRows, allowMissing)));
            String chunked = UntrustedReads.outcome(file, () -> pass(new CsvReader(file, format, chunk, skipBadRows, allowMissing)));
            assertEquals(whole, chunked, "in chunks of " + chunk + " bytes");
            Path gzip = Files.createTempFile("fuzz", ".csv.gz");
            try {
                try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip))) {
                    out.write(bytes);
                }
                String unzipped = UntrustedReads.outcome(gzip, () -> pass(new CsvReader(gzip, format, chunk, skipBadRows, allowMissing)));
                assertEquals(whole, unzipped.replace(gzip.toString(), file.toString()), "gzip-compressed");
            } finally {
                Files.delete(gzip);
            }
            UntrustedReads.outcome(file, () -> new CsvReader(file, format, chunk, false, false).firstRowKinds(1000).toString());
        } finally {
            Files.delete(file);
        }
    }

    /**
     * The guesses of the delimiter and the decimal comma, made before the read from any file's
     * first lines, guess or leave the default without an error: a file they cannot read is left to
     * the read that follows, which names its problem.
     */
    @FuzzTest(maxDuration = "2m")
    void guessesTheSeparatorsOrLeavesThem(FuzzedDataProvider data) throws IOException {
        TextEncoding encoding = TextEncoding.named(data.consumeBoolean() ? "UTF-8" : "windows-1252");
        boolean commaAllowed = data.consumeBoolean();
        boolean header = data.consumeBoolean();
        Path file = Files.createTempFile("fuzz", ".csv");
        try {
            Files.write(file, data.consumeRemainingAsBytes());
            List<byte[]> lines;
            try {
                lines = FirstLines.of(file, encoding, DecimalGuess.LINES);
            } catch (IOException unreadable) {
                return;
            }
            char delimiter = DelimiterGuess.of(lines, commaAllowed, java.util.Set.of());
            if (!lines.isEmpty()) {
                DecimalGuess.of(header ? lines.subList(1, lines.size()) : lines, delimiter, column -> column % 3 != 1);
            }
        } finally {
            Files.delete(file);
        }
    }

    /** A format the command line could make: a delimiter, separators, a label, kinds of columns, marks; null if it refuses it. */
    static CsvFormat format(FuzzedDataProvider data) {
        try {
            CsvFormat format = CsvFormat.defaults().withDelimiter(data.pickValue(DELIMITERS));
            if (data.consumeBoolean()) {
                format = format.withDecimal(',');
            }
            if (data.consumeBoolean()) {
                format = format.withThousands(data.consumeBoolean() ? ',' : '.');
            }
            if (data.consumeBoolean()) {
                format = format.withLabel(data.pickValue(NAMES));
            }
            if (data.consumeBoolean()) {
                format = format.withCategorical(List.of(data.pickValue(NAMES)));
            }
            if (data.consumeBoolean()) {
                format = format.withDates(List.of(data.pickValue(NAMES)));
            }
            if (data.consumeBoolean()) {
                format = format.withMissingMarks(List.of("?", "-1"));
            }
            if (data.consumeBoolean()) {
                format = format.withColumnMissingMarks(Map.of(data.pickValue(NAMES), List.of("0000-00-00", "none")));
            }
            if (data.consumeBoolean()) {
                format = format.withEncoding("windows-1252");
            }
            if (data.consumeBoolean()) {
                format = format.withoutHeader();
            }
            return format;
        } catch (IllegalArgumentException refused) { // as the command line refuses it, before any file is read
            return null;
        }
    }

    /** Every row and the summary, as text to compare. */
    private static String pass(CsvReader reader) {
        List<String> rows = new ArrayList<>();
        CsvReader.Summary summary = reader.read((line, features, provisionalClass, weight) ->
                rows.add(line + ":" + Arrays.toString(features) + ":" + provisionalClass + ":" + weight));
        StringBuilder categories = new StringBuilder();
        summary.categories().forEach((column, dictionary) -> categories.append(column).append(dictionary.values())
                .append(Arrays.toString(dictionary.counts())).append(dictionary.missingRows()).append('/')
                .append(dictionary.overflowRows()));
        return String.join("\n", rows) + "\n" + summary.featureNames() + " rows " + summary.rows() + " labels "
                + Arrays.toString(summary.labels().names()) + " skipped " + summary.skippedRows() + " " + summary.firstSkippedLines()
                + " " + summary.firstSkippedProblem() + " missing " + Arrays.toString(summary.missingByFeature()) + " " + categories;
    }
}
