package io.dense4j.data.csv;

import io.dense4j.data.BatchSource;
import io.dense4j.data.DataFileException;
import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.RowSelection;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.tensor.NativeArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class CsvSourceTest {
    private static final int ROWS = 3_000;
    private static final int WIDTH = 4;

    @TempDir
    Path folder;

    /** Every row of one pass as text "f1 f2 f3 f4 | label", in the order delivered. */
    private static List<String> pass(BatchSource source, int epoch, long seed, boolean shuffle, int batch) {
        return pass(source, epoch, seed, shuffle, batch, DataType.DOUBLE);
    }

    private static List<String> pass(BatchSource source, int epoch, long seed, boolean shuffle, int batch, DataType type) {
        NativeArray features = NativeArray.allocate(type, (long) batch * source.width());
        NativeArray labels = NativeArray.allocate(type, batch);
        List<String> rows = new ArrayList<>();
        source.startPass(epoch, seed, shuffle);
        for (int count; (count = source.next(batch, features, labels)) > 0; ) {
            for (int r = 0; r < count; r++) {
                StringBuilder row = new StringBuilder();
                for (int j = 0; j < source.width(); j++) {
                    row.append((float) features.get(r * source.width() + j)).append(' ');
                }
                rows.add(row.append("| ").append(labels.get(r)).toString());
            }
        }
        return rows;
    }

    private Path spirals() throws IOException {
        Path file = folder.resolve("spirals.csv");
        Synthetic.writeCsv(file, Teacher.SPIRALS, ROWS, WIDTH, 5);
        return file;
    }

    private static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        copy.sort(null);
        return copy;
    }

    @Test
    void theCacheAndTheStreamDeliverTheRowsTheInMemoryReaderReads() throws IOException {
        Path file = spirals();
        Dataset expected = InMemoryCsv.read(file, CsvFormat.defaults(), DataType.DOUBLE);
        List<String> inMemory = pass(new DatasetBatches(expected), 0, 0, false, 97);
        try (BatchSource cached = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults())
                .rows(RowSelection.all(), null, DataType.DOUBLE);
             BatchSource streamed = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache())
                     .rows(RowSelection.all(), null, DataType.DOUBLE)) {
            assertEquals(ROWS, cached.rows());
            assertEquals(inMemory, pass(cached, 0, 0, false, 97));
            assertEquals(inMemory, pass(streamed, 0, 0, false, 97));
            assertEquals(inMemory, pass(streamed, 0, 0, false, 1), "a second pass, one row at a time");
        }
    }

    @Test
    void numbersWithADecimalCommaReadAsTheirPointedTwinsAndAreNotTakenForCategories() throws IOException {
        Path plain = spirals();
        Path comma = folder.resolve("spirals-comma.csv"); // as a spreadsheet in a German locale saves it
        Files.write(comma, Files.readAllLines(plain).stream().map(line -> line.replace(',', ';').replace('.', ',')).toList());
        List<String> expected = pass(new DatasetBatches(InMemoryCsv.read(plain, CsvFormat.defaults(), DataType.DOUBLE)), 0, 0, false, 97);
        CsvFormat format = CsvFormat.defaults().withDelimiter(';').withDecimal(',');
        CsvSource cached = CsvSource.open(comma, format, CsvSource.Options.defaults());
        assertEquals(List.of(), cached.categoricalColumns());
        try (BatchSource rows = cached.rows(RowSelection.all(), null, DataType.DOUBLE);
             BatchSource streamed = CsvSource.open(comma, format, CsvSource.Options.defaults().withoutCache())
                     .rows(RowSelection.all(), null, DataType.DOUBLE)) {
            assertEquals(expected, pass(rows, 0, 0, false, 97));
            assertEquals(expected, pass(streamed, 0, 0, false, 97));
        }
        DataFileException withAPoint = assertThrows(DataFileException.class, () -> CsvSource.open(comma,
                CsvFormat.defaults().withDelimiter(';'), CsvSource.Options.defaults()));
        assertTrue(withAPoint.getMessage().startsWith(comma + ", line 2, column 1 (\"x1\"): expected a number, got \""), withAPoint.getMessage());
        assertTrue(withAPoint.getMessage().endsWith("(a decimal comma? read the file with --decimal ','; to read the column as "
                + "categories, declare it categorical when training: --categorical x1 [Java: CsvSource.Options.withCategorical])"), withAPoint.getMessage());
        DataFileException withAComma = assertThrows(DataFileException.class, () -> CsvSource.open(plain,
                CsvFormat.defaults().withDelimiter(';').withDecimal(','), CsvSource.Options.defaults().withoutCache()));
        assertTrue(withAComma.getMessage().startsWith(plain + ", line 1: "), "points read with a comma: " + withAComma.getMessage());
        Path semicolons = folder.resolve("spirals-semicolons.csv"); // points, as a ';' file from elsewhere has them
        Files.write(semicolons, Files.readAllLines(plain).stream().map(line -> line.replace(',', ';')).toList());
        DataFileException pointed = assertThrows(DataFileException.class, () -> CsvSource.open(semicolons,
                CsvFormat.defaults().withDelimiter(';').withDecimal(','), CsvSource.Options.defaults().withoutCache()));
        assertTrue(pointed.getMessage().startsWith(semicolons + ", line 2, column 1 (\"x1\"): expected a number with a decimal comma, got")
                && pointed.getMessage().contains("(a decimal point? read the file with --decimal '.'; "), pointed.getMessage());
        CsvSource declared = CsvSource.open(comma, CsvFormat.defaults().withDelimiter(';'), CsvSource.Options.defaults().withoutCache()
                .withKinds(ColumnKinds.inferred().withCategorical(List.of("x1", "x2", "x3", "x4"))));
        assertEquals(List.of("x1", "x2", "x3", "x4"), declared.categoricalColumns(), "declared, its cells are categories as written");
        Path grouped = Files.writeString(folder.resolve("grouped.csv"), "income;age;label\n3.449,45;31;1\n\" 980,00 \";47;0\n");
        DataFileException thousands = assertThrows(DataFileException.class, () -> CsvSource.open(grouped, format,
                CsvSource.Options.defaults().withoutCache()));
        assertEquals(grouped + ", line 2, column 1 (\"income\"): expected a number with a decimal comma, got \"3.449,45\" (thousands "
                + "separators? read the file with --thousands '.'; to read the column as categories, declare it categorical when "
                + "training: --categorical income [Java: CsvSource.Options.withCategorical])", thousands.getMessage());
        try (BatchSource rows = CsvSource.open(grouped, format.withThousands('.'), CsvSource.Options.defaults().withoutCache())
                .rows(RowSelection.all(), null, DataType.DOUBLE)) {
            NativeArray features = NativeArray.allocate(DataType.DOUBLE, 4);
            NativeArray labels = NativeArray.allocate(DataType.DOUBLE, 2);
            assertEquals("no pass is running: call startPass first (closing a source stops its pass)",
                    assertThrows(IllegalStateException.class, () -> rows.next(2, features, labels)).getMessage());
            rows.startPass(0, 0, false);
            assertEquals(2, rows.next(2, features, labels));
            assertEquals(3449.45f, (float) features.get(0));
            assertEquals(980f, (float) features.get(2));
        }
        Path french = Files.writeString(folder.resolve("french.csv"), "revenu;age;label\n1\u202f234,50;31;1\n980,00;47;0\n");
        DataFileException spaces = assertThrows(DataFileException.class, () -> CsvSource.open(french, format,
                CsvSource.Options.defaults().withoutCache()));
        assertTrue(spaces.getMessage().startsWith(french + ", line 2, column 1 (\"revenu\"): expected a number with a decimal comma, "
                + "got \"1\\xE2\\x80\\xAF234,50\" (thousands separators dense4j does not read"), spaces.getMessage()); // shown escaped
    }

    @Test
    void aGzipFileIsReadAsItsTextFromTheCacheAndStreamedAndACutOneIsNamed() throws IOException {
        Path plain = spirals();
        Path gzip = folder.resolve("spirals.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip))) {
            Files.copy(plain, out);
        }
        List<String> expected = pass(new DatasetBatches(InMemoryCsv.read(plain, CsvFormat.defaults(), DataType.DOUBLE)), 0, 0, false, 97);
        CsvSource cached = CsvSource.open(gzip, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(cached.cacheStatus().startsWith("built " + folder.resolve("spirals.csv.gz.dense4j-cache")), cached.cacheStatus());
        try (BatchSource rows = cached.rows(RowSelection.all(), null, DataType.DOUBLE);
             BatchSource streamed = CsvSource.open(gzip, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache())
                     .rows(RowSelection.all(), null, DataType.DOUBLE)) {
            assertEquals(expected, pass(rows, 0, 0, false, 97));
            assertEquals(expected, pass(streamed, 0, 0, false, 97));
        }
        assertTrue(CsvSource.open(gzip, CsvFormat.defaults(), CsvSource.Options.defaults()).cacheStatus().startsWith("reused"));
        byte[] whole = Files.readAllBytes(gzip);
        Path cut = Files.write(folder.resolve("cut.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        DataFileException damaged = assertThrows(DataFileException.class,
                () -> CsvSource.open(cut, CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertTrue(damaged.getMessage().startsWith(cut + ": is gzip-compressed but damaged or cut short: "), damaged.getMessage());

        // two members joined, as bgzip or cat make them: both read; a damaged second one, or bytes after the last, refused
        List<String> lines = Files.readAllLines(plain);
        Path first = folder.resolve("first.gz");
        Path second = folder.resolve("second.gz");
        try (var out = new java.io.PrintStream(new java.util.zip.GZIPOutputStream(Files.newOutputStream(first)), false, "UTF-8")) {
            lines.subList(0, 60).forEach(out::println);
        }
        try (var out = new java.io.PrintStream(new java.util.zip.GZIPOutputStream(Files.newOutputStream(second)), false, "UTF-8")) {
            lines.subList(60, lines.size()).forEach(out::println);
        }
        byte[] one = Files.readAllBytes(first);
        byte[] two = Files.readAllBytes(second);
        Path joined = Files.write(folder.resolve("joined.csv.gz"), concat(one, two));
        assertEquals(lines.size() - 1, CsvSource.open(joined, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()).rows());
        two[0] = 0; // the second member's magic number
        for (Path bad : List.of(Files.write(folder.resolve("bad-member.csv.gz"), concat(one, two)),
                Files.write(folder.resolve("trailing.csv.gz"), concat(one, "junk\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))))) {
            DataFileException refused = assertThrows(DataFileException.class,
                    () -> CsvSource.open(bad, CsvFormat.defaults(), CsvSource.Options.defaults()));
            assertTrue(refused.getMessage().startsWith(bad + ": is gzip-compressed but damaged or cut short: "), refused.getMessage());
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void aShuffledCachedPassIsTheInMemoryPermutationAndChangesEachEpoch() throws IOException {
        Path file = spirals();
        BatchSource inMemory = new DatasetBatches(InMemoryCsv.read(file, CsvFormat.defaults(), DataType.DOUBLE));
        try (BatchSource cached = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults())
                .rows(RowSelection.all(), null, DataType.DOUBLE)) {
            List<String> epoch1 = pass(cached, 1, 42, true, 64);
            List<String> epoch2 = pass(cached, 2, 42, true, 64);
            assertEquals(pass(inMemory, 1, 42, true, 64), epoch1);
            assertEquals(sorted(pass(inMemory, 0, 0, false, 64)), sorted(epoch1), "a permutation of every row");
            assertNotEquals(epoch1, epoch2);
            assertNotEquals(pass(inMemory, 0, 0, false, 64), epoch1);
            assertEquals(epoch2, pass(cached, 2, 42, true, 64), "an epoch's order depends only on the seed");
        }
    }

    @Test
    void aShuffleBufferMixesAStreamedPassDeterministically() throws IOException {
        Path file = spirals();
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()
                .withShuffleBuffer(500));
        try (BatchSource streamed = source.rows(RowSelection.all(), null, DataType.FLOAT)) {
            List<String> inOrder = pass(streamed, 0, 0, false, 128, DataType.FLOAT);
            List<String> epoch1 = pass(streamed, 1, 7, true, 128, DataType.FLOAT);
            assertEquals(sorted(inOrder), sorted(epoch1), "every row exactly once");
            assertNotEquals(inOrder, epoch1);
            assertEquals(epoch1, pass(streamed, 1, 7, true, 128, DataType.FLOAT));
            assertNotEquals(epoch1, pass(streamed, 2, 7, true, 128, DataType.FLOAT));
            // a buffer of 500 rows moves rows by hundreds, not across the whole file: row 0 comes out early
            assertTrue(epoch1.indexOf(inOrder.get(0)) < 2_000);
        }
    }

    @Test
    void aSplitByHashIsTheSameEachTimeAndPartitionsTheRows() throws IOException {
        Path file = spirals();
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        RowSelection training = RowSelection.training(0.2, 11);
        RowSelection validation = RowSelection.validation(0.2, 11);
        long held = validation.count(ROWS);
        assertEquals(ROWS, training.count(ROWS) + held);
        assertTrue(held > 0.2 * ROWS - 100 && held < 0.2 * ROWS + 100, "about a fifth held out: " + held);
        for (int row = 0; row < ROWS; row++) {
            assertNotEquals(training.includes(row), validation.includes(row));
        }
        assertNotEquals(RowSelection.validation(0.2, 12).count(ROWS) == held
                && java.util.stream.IntStream.range(0, ROWS).allMatch(r -> RowSelection.validation(0.2, 12).includes(r) == validation.includes(r)), true,
                "another seed, another split");
        List<String> all = pass(source.rows(RowSelection.all(), null, DataType.FLOAT), 0, 0, false, 100);
        List<String> trainingRows = pass(source.rows(training, null, DataType.FLOAT), 0, 0, false, 100);
        try (BatchSource streamedValidation = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache())
                .rows(validation, null, DataType.FLOAT)) {
            List<String> validationRows = pass(streamedValidation, 0, 0, false, 100, DataType.FLOAT);
            assertEquals(held, validationRows.size());
            List<String> both = new ArrayList<>(trainingRows);
            both.addAll(validationRows);
            assertEquals(sorted(all), sorted(both));
            assertEquals(validationRows, pass(source.rows(validation, null, DataType.FLOAT), 0, 0, false, 100),
                    "the cache and the stream split alike");
        }
    }

    @Test
    void aStratifiedSplitPicksTheSameRowsFromTheCacheTheStreamAndMemory() throws IOException {
        Path file = spirals();
        RowSelection validation = RowSelection.validation(0.2, 11).stratify();
        CsvSource cached = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        List<String> fromCache = pass(cached.rows(validation, null, DataType.FLOAT), 0, 0, false, 100, DataType.FLOAT);
        List<String> streamed;
        try (BatchSource rows = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache())
                .rows(validation, null, DataType.FLOAT)) {
            assertEquals(fromCache.size(), rows.rows(), "the stream counts its rows from the class totals");
            streamed = pass(rows, 0, 0, false, 100, DataType.FLOAT);
        }
        assertEquals(fromCache, streamed);
        Synthetic inMemory = Synthetic.generate(Teacher.SPIRALS, ROWS, WIDTH, 5);
        io.dense4j.data.Dataset data = io.dense4j.data.Dataset.of(inMemory.features(), inMemory.labels(), DataType.FLOAT);
        // the file holds 5 decimals of the recipe's values: compare the rows picked by their features' rounding
        List<String> fromMemory = pass(new io.dense4j.data.DatasetBatches(data, validation), 0, 0, false, 100, DataType.FLOAT);
        assertEquals(fromCache.size(), fromMemory.size());
        for (int i = 0; i < fromCache.size(); i++) {
            String[] cachedRow = fromCache.get(i).split(" ");
            String[] memoryRow = fromMemory.get(i).split(" ");
            assertEquals(cachedRow[cachedRow.length - 1], memoryRow[memoryRow.length - 1], "row " + i + "'s label");
            assertEquals(Float.parseFloat(cachedRow[0]), Float.parseFloat(memoryRow[0]), 1e-5, "row " + i + "'s first feature");
        }
        long positives = fromCache.stream().filter(row -> row.endsWith("| 1.0")).count();
        long allPositives = pass(cached.rows(RowSelection.all(), null, DataType.FLOAT), 0, 0, false, 100, DataType.FLOAT).stream()
                .filter(row -> row.endsWith("| 1.0")).count();
        assertEquals(0.2 * allPositives, positives, 2, "the positives' share is kept");
        assertEquals(0.2 * (ROWS - allPositives), fromCache.size() - positives, 2, "and the negatives'");
    }

    @Test
    void theCacheIsReusedUntilTheCsvChangesAndRebuiltWhenDamaged() throws IOException {
        Path file = spirals();
        CsvSource first = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        Path cache = first.cacheFile();
        assertEquals(folder.resolve("spirals.csv.dense4j-cache"), cache);
        assertTrue(first.cacheStatus().startsWith("built"), first.cacheStatus());
        assertEquals(ROWS * 5L * 4, Files.size(cache) - tailOf(cache), "rows of 4 features and a label, float32");
        assertTrue(CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()).cacheStatus().startsWith("reused"));

        CsvSource otherOptions = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().skippingBadRows());
        assertTrue(otherOptions.cacheStatus().contains("other reading options"), otherOptions.cacheStatus());
        CsvSource filling = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().skippingBadRows().fillingMissing());
        assertTrue(filling.cacheStatus().startsWith("reused"), "no number missing, no row skipped: filling changes nothing "
                + filling.cacheStatus());

        Files.writeString(file, Files.readString(file).replaceFirst("\n1\\.", "\n2."), java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));
        CsvSource changed = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(changed.cacheStatus().contains("the CSV file changed"), changed.cacheStatus());

        // a cache cut short (as if its writer died mid-rename on a broken file system) is never used
        byte[] bytes = Files.readAllBytes(cache);
        Files.write(cache, Arrays.copyOf(bytes, bytes.length - 100));
        CsvSource rebuilt = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(rebuilt.cacheStatus().contains("incomplete"), rebuilt.cacheStatus());
        assertEquals(bytes.length, Files.size(cache));
    }

    @Test
    void aCacheWhoseCategoryListsRunToManyMegabytesIsReused() throws IOException {
        // 4 text columns of 100,000 distinct 170-byte values: about 70 MB of category lists in the metadata
        StringBuilder text = new StringBuilder("a,b,c,d,label\n");
        String pad = "v".repeat(160);
        for (int row = 0; row < CategoryDictionary.MOST_VALUES; row++) {
            for (char column = 'a'; column <= 'd'; column++) {
                text.append(column).append(pad).append(String.format("%09d", row)).append(',');
            }
            text.append(row % 2).append('\n');
        }
        Path file = Files.writeString(folder.resolve("wide-categories.csv"), text);
        text = null;
        CsvSource first = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertEquals(List.of("a", "b", "c", "d"), first.categoricalColumns());
        assertTrue(tailOf(first.cacheFile()) > 64L << 20, "metadata of " + tailOf(first.cacheFile()) + " bytes");
        CsvSource again = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(again.cacheStatus().startsWith("reused"), again.cacheStatus());
        assertEquals(first.categoryCounts("d").values(), again.categoryCounts("d").values());
    }

    @Test
    void valuesFrequentOnlyPastAColumnsBoundAreNumberedByASecondPass() throws IOException {
        // sorted by time: 100,000 one-off codes fill the column's bound, then 5 codes that most rows hold
        Path file = Files.writeString(folder.resolve("sorted.csv"), sortedCodes(CategoryDictionary.MOST_VALUES, 20_000));
        for (CsvSource.Options options : List.of(CsvSource.Options.defaults(), CsvSource.Options.defaults().withoutCache())) {
            CsvSource source = CsvSource.open(file, CsvFormat.defaults(), options);
            CategoryDictionary counts = source.categoryCounts("code");
            // numbered by the second pass as they come, after the bound's 100,000, in first-seen order
            assertEquals(List.of("COMMON0", "COMMON1", "COMMON2", "COMMON3", "COMMON4"),
                    counts.values().subList(CategoryDictionary.MOST_VALUES, CategoryDictionary.MOST_VALUES + 5));
            assertArrayEquals(new long[] {4_000, 4_000, 4_000, 4_000, 4_000},
                    Arrays.copyOfRange(counts.counts(), CategoryDictionary.MOST_VALUES, CategoryDictionary.MOST_VALUES + 5));
            List<String> kept = source.categories(5).get("code").values();
            assertEquals(List.of("COMMON0", "COMMON1", "COMMON2", "COMMON3", "COMMON4"), kept,
                    "the 5 most frequent values, whatever the rows' order, ties in first-seen order");
            float[] codes = codes(source, source.categories(5), 120_000);
            for (int row = 100_000; row < 120_000; row += 997) { // each late row reads as its own value's code, not as "other"
                assertEquals(kept.indexOf("COMMON" + (row - 100_000) % 5), codes[row], 0, "row " + row);
            }
        }
    }

    @Test
    void aFilesReservedValuesAreReservedWhenItsCacheIsReusedAndTheSetStreamed() throws IOException {
        Path set = Files.createDirectory(folder.resolve("set"));
        Files.writeString(set.resolve("a.csv"), sortedCodes(CategoryDictionary.MOST_VALUES, 20_000));
        Files.writeString(set.resolve("b.csv"), "code,x,label\nCOMMON1,0.5,0\nCOMMON2,0.5,1\n");
        CsvSource.open(CsvFiles.of(set.toString()), CsvFormat.defaults(), CsvSource.Options.defaults()); // both caches built
        Path bCache = set.resolve("b.csv.dense4j-cache");
        Files.delete(bCache);
        Files.createDirectory(bCache); // b's cache cannot be written: the set is streamed, a.csv through its reader
        CsvSource source = CsvSource.open(CsvFiles.of(set.toString()), CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(source.cacheStatus().contains("1 reused") && source.cacheStatus().contains("1 off"), source.cacheStatus());
        List<String> kept = source.categories(5).get("code").values();
        assertEquals(COMMON, java.util.Set.copyOf(kept));
        float[] codes = codes(source, source.categories(5), 120_002);
        for (int row = 100_000; row < 120_000; row += 997) {
            assertEquals(kept.indexOf("COMMON" + (row - 100_000) % 5), codes[row], 0, "row " + row);
        }
        assertEquals(kept.indexOf("COMMON2"), codes[120_001], 0, "b.csv's second row");
    }

    @Test
    void aLaterFilesFrequentValuesAreNotLostToAnEarlierFilesBound() throws IOException {
        Path set = Files.createDirectory(folder.resolve("bounded-set"));
        Files.writeString(set.resolve("a.csv"), sortedCodes(CategoryDictionary.MOST_VALUES, 0));
        Files.writeString(set.resolve("b.csv"), sortedCodes(0, 20_000));
        CsvSource source = CsvSource.open(CsvFiles.of(set.toString()), CsvFormat.defaults(), CsvSource.Options.defaults());
        assertEquals(COMMON, java.util.Set.copyOf(source.categories(5).get("code").values()));
        assertEquals(Map.of("code", (long) CategoryDictionary.MOST_VALUES), source.unknownCategoryRows(source.categories(5)));
    }

    @Test
    void aModelsValuesAreReservedSoThatNoneFallsPastTheBound() throws IOException {
        // scored with a model that knows the 5 codes, each once, after 100,000 codes it never saw: not frequent enough for a
        // second pass to reserve them
        Path file = Files.writeString(folder.resolve("to-score.csv"), sortedCodes(CategoryDictionary.MOST_VALUES, 5));
        Map<String, io.dense4j.data.Categories> model = Map.of("code", new io.dense4j.data.Categories(
                List.of("COMMON0", "COMMON1", "COMMON2", "COMMON3", "COMMON4")));
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()
                .withCategorical(List.of("code")).reserving(model));
        assertEquals(Map.of("code", (long) CategoryDictionary.MOST_VALUES), source.unknownCategoryRows(model),
                "the model's values counted as known, wherever they come");
        float[] codes = codes(source, model, 100_005);
        for (int row = 100_000; row < 100_005; row++) {
            assertEquals(row - 100_000, codes[row], 0, "row " + row);
        }
    }

    /** A file's text: {@code rare} one-off codes ("rare0", …), then {@code common} rows cycling through COMMON0 to COMMON4. */
    private static String sortedCodes(int rare, int common) {
        StringBuilder text = new StringBuilder("code,x,label\n");
        for (int row = 0; row < rare; row++) {
            text.append("rare").append(row).append(",0.5,").append(row % 2).append('\n');
        }
        for (int row = 0; row < common; row++) {
            text.append("COMMON").append(row % 5).append(",0.5,").append(row % 5 == 0 ? 1 : 0).append('\n');
        }
        return text.toString();
    }

    private static final java.util.Set<String> COMMON = java.util.Set.of("COMMON0", "COMMON1", "COMMON2", "COMMON3", "COMMON4");

    /** The first column's code in each of {@code source}'s {@code rows} rows, read with {@code categories}. */
    private static float[] codes(CsvSource source, Map<String, io.dense4j.data.Categories> categories, int rows) {
        try (BatchSource read = source.rows(RowSelection.all(), null, categories, DataType.FLOAT)) {
            NativeArray features = NativeArray.allocate(DataType.FLOAT, 2L * rows);
            NativeArray labels = NativeArray.allocate(DataType.FLOAT, rows);
            read.startPass(0, 0, false);
            assertEquals(rows, read.next(rows, features, labels));
            float[] codes = new float[rows];
            for (int row = 0; row < rows; row++) {
                codes[row] = (float) features.get(2 * row);
            }
            return codes;
        }
    }

    @Test
    void aFooterPointingIntoTheRowsRebuildsTheCache() throws IOException {
        Path file = spirals();
        CsvSource first = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        Path cache = first.cacheFile();
        byte[] bytes = Files.readAllBytes(cache);
        java.nio.ByteBuffer.wrap(bytes, bytes.length - 24, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(bytes.length / 2); // the metadata would start among the rows' floats
        Files.write(cache, bytes);
        CsvSource rebuilt = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(rebuilt.cacheStatus().startsWith("built") && rebuilt.cacheStatus().contains("the cache's metadata does not match "
                + "its checksum"), rebuilt.cacheStatus());
        assertEquals(first.rows(), rebuilt.rows());
    }

    @Test
    void aCacheWhoseMetadataWasAlteredOrIsOfAnOlderFormatIsRebuiltNotTrainedOn() throws IOException {
        Path file = spirals();
        CsvSource first = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        Path cache = first.cacheFile();
        byte[] bytes = Files.readAllBytes(cache);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int labels = text.indexOf("\"labelNames\":[\"0\",\"1\"]");
        assertTrue(labels > 0, "the metadata names the labels");
        byte[] swapped = bytes.clone(); // the classes the rows' 0 and 1 stand for, swapped: a model trained on it would be inverted
        swapped[labels + 15] = '1';
        swapped[labels + 19] = '0';
        Files.write(cache, swapped);
        CsvSource reopened = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(reopened.cacheStatus().contains("the cache's metadata does not match its checksum"), reopened.cacheStatus());
        assertEquals(first.classes(), reopened.classes());
        // a cache of version 5, whose footer was the metadata's length and the older magic number
        byte[] older = Files.readAllBytes(cache);
        java.nio.ByteBuffer tail = java.nio.ByteBuffer.wrap(older, older.length - 24, 24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long length = tail.getLong(older.length - 24);
        byte[] version5 = java.util.Arrays.copyOf(older, older.length - 8);
        java.nio.ByteBuffer.wrap(version5, version5.length - 16, 16).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(length)
                .putLong(0x444E53344A434331L);
        Files.write(cache, version5);
        assertTrue(CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()).cacheStatus()
                .contains("the cache has an older format"));
    }

    @Test
    void aCacheThatCannotBeWrittenLeavesTheFileReadWithoutOne() throws IOException {
        Path file = spirals();
        Path blocked = Files.createDirectory(folder.resolve("spirals.csv.dense4j-cache")); // a folder where the cache goes
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(source.cacheStatus().startsWith("off (cannot write the cache " + blocked + ": "), source.cacheStatus());
        assertEquals(ROWS, source.rows());
        assertEquals(CsvSource.Options.defaults().shuffleBufferRows(), source.shuffleBuffer(), "its passes stream the file");
        try (var files = Files.list(folder)) {
            assertEquals(List.of("spirals.csv", "spirals.csv.dense4j-cache"), files.map(path -> path.getFileName().toString())
                    .sorted().toList(), "no partial file left");
        }
    }

    @Test
    void filesOfOneNameInOtherFoldersKeepCachesOfTheirOwnInACacheFolder() throws IOException {
        Path caches = Files.createDirectory(folder.resolve("caches"));
        Path first = Files.createDirectory(folder.resolve("v1")).resolve("train.csv");
        Path second = Files.createDirectory(folder.resolve("v2")).resolve("train.csv");
        Synthetic.writeCsv(first, Teacher.SPIRALS, ROWS, WIDTH, 5);
        Synthetic.writeCsv(second, Teacher.SPIRALS, ROWS, WIDTH, 6);
        CsvSource.Options options = CsvSource.Options.defaults().withCacheDirectory(caches);
        for (Path file : List.of(first, second)) {
            assertTrue(CsvSource.open(file, CsvFormat.defaults(), options).cacheStatus().startsWith("built "));
        }
        for (Path file : List.of(first, second)) {
            CsvSource again = CsvSource.open(file, CsvFormat.defaults(), options);
            assertTrue(again.cacheStatus().startsWith("reused " + caches.resolve("train.csv-")), again.cacheStatus());
            assertEquals(0, again.shuffleBuffer(), "its passes shuffle all rows at once");
        }
    }

    @Test
    void aKilledWritersPartialFileIsNeverReadAndIsCleanedUp() throws IOException {
        Path file = spirals();
        Path cache = folder.resolve("spirals.csv.dense4j-cache");
        long deadPid = ProcessHandle.current().pid() + 4_000_000; // above Linux's pid_max: no such process
        Path partial = folder.resolve("spirals.csv.dense4j-cache.partial-" + Long.toString(deadPid, 36) + "-0");
        Files.write(partial, new byte[1000]);
        Files.setLastModifiedTime(partial, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertEquals("built " + cache + " (no cache yet)", source.cacheStatus());
        assertFalse(Files.exists(partial));
        try (var files = Files.list(folder)) {
            assertEquals(List.of("spirals.csv", "spirals.csv.dense4j-cache"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anEditWithItsModificationTimeRestoredStillRebuildsTheCache() throws IOException, InterruptedException {
        // labels flipped in the middle of the file, size kept, mtime set back: the change time still moves
        Path file = Files.writeString(folder.resolve("flip.csv"), "a,label\n" + "1,0\n".repeat(50_000) + "2,1\n".repeat(50_000));
        CsvSource first = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(first.cacheStatus().startsWith("built"), first.cacheStatus());
        FileTime modified = Files.getLastModifiedTime(file);
        Thread.sleep(20); // a change time that can differ even on a coarse clock
        byte[] bytes = Files.readAllBytes(file);
        int middle = bytes.length / 2;
        int label = middle + new String(bytes, middle, 10, java.nio.charset.StandardCharsets.US_ASCII).indexOf(',') + 1;
        bytes[label] = (byte) (bytes[label] == '0' ? '1' : '0');
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, modified);
        CsvSource again = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(again.cacheStatus().contains("the CSV file changed since the cache was built"), again.cacheStatus());
    }

    @Test
    void aCopyWithOtherTimesAndInodeReusesTheCacheOnlyWhenItsWholeContentMatches() throws IOException {
        // a restore or a copy (cp -p, rsync -a) gives the file a new inode and change time, not new content
        Path file = Files.writeString(folder.resolve("copied.csv"), "a,label\n" + "1,0\n".repeat(50_000) + "2,1\n".repeat(50_000));
        CsvSource first = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(first.cacheStatus().startsWith("built"), first.cacheStatus());
        Path original = Files.move(file, folder.resolve("original.csv"));
        Files.copy(original, file, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        CsvSource copy = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertEquals("reused " + first.cacheFile() + " (the CSV's times or inode changed, its content did not)", copy.cacheStatus());
        assertEquals(first.contentHash(), copy.contentHash());
        assertEquals(ContentHash.of(file, Files.size(file)), copy.contentHash());
        // the same again with one label flipped in the middle, beyond the 64 KiB ends the fingerprint hashes
        byte[] bytes = Files.readAllBytes(original);
        int middle = bytes.length / 2;
        int label = middle + new String(bytes, middle, 10, java.nio.charset.StandardCharsets.US_ASCII).indexOf(',') + 1;
        bytes[label] = (byte) (bytes[label] == '0' ? '1' : '0');
        Files.delete(file);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, Files.getLastModifiedTime(original));
        CsvSource edited = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(edited.cacheStatus().startsWith("built") && edited.cacheStatus().contains("the CSV file changed"), edited.cacheStatus());
        assertNotEquals(first.contentHash(), edited.contentHash());
        assertEquals(first.rows(), edited.rows());
    }

    @Test
    void aPassWithoutACacheHashesTheWholeFileToo() throws IOException {
        Path file = spirals();
        CsvSource streamed = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache());
        assertEquals(ContentHash.of(file, Files.size(file)), streamed.contentHash());
    }

    @Test
    void aCacheWhoseRowsWereAlteredIsRebuiltNotTrainedOn() throws IOException {
        Path file = spirals();
        Path cache = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()).cacheFile();
        byte[] bytes = Files.readAllBytes(cache);
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(4 * WIDTH, Float.NaN); // row 0's label
        Files.write(cache, bytes);
        CsvSource reopened = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(reopened.cacheStatus().contains("the cache's rows do not match their checksum"), reopened.cacheStatus());
        assertTrue(CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()).cacheStatus().startsWith("reused"));
    }

    @Test
    void rowsAppendedDuringAStreamedPassAreNotTrainedOnAndStopIt() throws IOException {
        Path file = Files.writeString(folder.resolve("growing.csv"), "a,label\n" + "1,0\n2,1\n".repeat(20_000));
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache());
        try (BatchSource rows = source.rows(RowSelection.all(), null, DataType.FLOAT)) {
            NativeArray features = NativeArray.allocate(DataType.FLOAT, 1000);
            NativeArray labels = NativeArray.allocate(DataType.FLOAT, 1000);
            rows.startPass(1, 0, false);
            assertEquals(1000, rows.next(1000, features, labels));
            Files.writeString(file, "3,0\n".repeat(1000), java.nio.file.StandardOpenOption.APPEND);
            long read = 1000;
            DataFileException changed = null;
            try {
                for (int count; (count = rows.next(1000, features, labels)) > 0; ) {
                    read += count;
                    for (int i = 0; i < count; i++) {
                        assertTrue(features.get(i) != 3, "an appended row was read");
                    }
                }
            } catch (DataFileException stopped) {
                changed = stopped;
            }
            assertTrue(changed != null && changed.getMessage().contains("changed while a pass read it"), "read " + read);
            assertTrue(read <= 40_000, "read " + read);
        }
    }

    @Test
    void wideRowsStreamInBlocksBoundedByBytesNotRows() throws IOException {
        // 20,000 columns: 1,024-row blocks would take 160 MB each (four in flight); 52-row blocks take 8 MB
        assertEquals(1024, StreamedBatches.blockRows(100));
        assertEquals(52, StreamedBatches.blockRows(20_000));
        assertEquals(1, StreamedBatches.blockRows(5_000_000));
        int width = 20_000;
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < width; j++) {
            csv.append('c').append(j).append(',');
        }
        csv.append("label\n");
        for (int r = 0; r < 120; r++) {
            for (int j = 0; j < width; j++) {
                csv.append(j == 0 ? r : j % 7).append(',');
            }
            csv.append(r % 2).append('\n');
        }
        Path file = Files.writeString(folder.resolve("wide.csv"), csv);
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache());
        try (BatchSource rows = source.rows(RowSelection.all(), null, DataType.FLOAT)) {
            NativeArray features = NativeArray.allocate(DataType.FLOAT, 100L * width);
            NativeArray labels = NativeArray.allocate(DataType.FLOAT, 100);
            rows.startPass(1, 0, false);
            int seen = 0;
            for (int count; (count = rows.next(100, features, labels)) > 0; seen += count) {
                for (int i = 0; i < count; i++) {
                    assertEquals(seen + i, features.get(i * width), 0, "row " + (seen + i));
                    assertEquals(width - 1 == 0 ? 0 : (width - 1) % 7, features.get(i * width + width - 1), 0);
                    assertEquals((seen + i) % 2, labels.get(i), 0);
                }
            }
            assertEquals(120, seen);
        }
    }

    @Test
    void aLiveWritersPartialFileInAnotherProcessIsLeftAloneWhateverItsName() throws IOException {
        // a writer in another PID namespace: the pid in its file's name means nothing here
        Path file = spirals();
        long foreignPid = ProcessHandle.current().pid() + 4_000_000;
        Path partial = Files.write(folder.resolve("spirals.csv.dense4j-cache.partial-" + Long.toString(foreignPid, 36) + "-1"),
                new byte[64]);
        Files.setLastModifiedTime(partial, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        try (io.dense4j.io.LockHolder writer = io.dense4j.io.LockHolder.lock(partial)) {
            CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
            assertTrue(source.cacheStatus().startsWith("built"), source.cacheStatus());
            assertTrue(Files.exists(partial), "the other writer's file stays while it holds its lock");
        }
    }

    @Test
    void aBadCellStopsTheOpeningWithItsPlaceAndLeavesNoCache() throws IOException {
        Path file = Files.writeString(folder.resolve("bad.csv"), "a,b,label\n1,2,0\n3,x,1\n");
        DataFileException bad = assertThrows(DataFileException.class,
                () -> CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertTrue(bad.getMessage().contains("line 3, column 2 (\"b\"): expected a number, got \"x\""), bad.getMessage());
        try (var files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void missingValuesAreRefusedOrReadAsNaNAndFilledWithTheGivenValues() throws IOException {
        Path file = Files.writeString(folder.resolve("gaps.csv"), "a,b,label\n1,10,no\nNA,,yes\n3,N/A,no\nnan,30,yes\n");
        assertThrows(DataFileException.class, () -> CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()));
        for (CsvSource.Options options : List.of(CsvSource.Options.defaults(), CsvSource.Options.defaults().withoutCache())) {
            CsvSource source = CsvSource.open(file, CsvFormat.defaults(), options.fillingMissing());
            assertEquals(4, source.missingValues());
            assertEquals(List.of("no", "yes"), source.classes());
            FeatureStatistics statistics = source.statistics(RowSelection.all());
            assertArrayEquals(new double[] {2, 20}, statistics.mean(), 1e-12); // (1 + 3) / 2, (10 + 30) / 2
            assertArrayEquals(new double[] {1, 10}, statistics.standardDeviation(), 1e-12);
            assertThrows(IllegalArgumentException.class, () -> source.rows(RowSelection.all(), null, DataType.FLOAT));
            try (BatchSource rows = source.rows(RowSelection.all(), new double[] {2, 20}, DataType.FLOAT)) {
                assertEquals(List.of("1.0 10.0 | 0.0", "2.0 20.0 | 1.0", "3.0 20.0 | 0.0", "2.0 30.0 | 1.0"),
                        pass(rows, 0, 0, false, 3, DataType.FLOAT));
            }
        }
    }

    @Test
    void closingMidPassStopsTheReaderThread() throws IOException {
        Path file = spirals();
        BatchSource streamed = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache())
                .rows(RowSelection.all(), null, DataType.FLOAT);
        streamed.startPass(1, 3, true);
        NativeArray features = NativeArray.allocate(DataType.FLOAT, 10 * WIDTH);
        assertEquals(10, streamed.next(10, features, null));
        streamed.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("dense4j-csv-reader")));
    }

    @Test
    void aFileChangedBetweenPassesStopsTheNextPass() throws IOException {
        Path file = spirals();
        try (BatchSource streamed = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache())
                .rows(RowSelection.all(), null, DataType.FLOAT)) {
            Files.writeString(file, "x1,x2,x3,x4,label\n", java.nio.file.StandardOpenOption.APPEND);
            DataFileException changed = assertThrows(DataFileException.class, () -> streamed.startPass(1, 1, false));
            assertTrue(changed.getMessage().contains("changed since it was first read"), changed.getMessage());
        }
    }

    @Test
    void noCacheMeansNoFile() throws IOException {
        Path file = spirals();
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache());
        assertNull(source.cacheFile());
        assertEquals("off", source.cacheStatus());
        try (var files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aLargeFileReadInTwoPartsGivesTheSerialReadsCacheByteForByte() throws IOException {
        // about 70 MB, over the 64 MiB at which the first pass splits; the second half meets the labels in the other order
        Path file = folder.resolve("large.csv");
        java.util.Random random = new java.util.Random(5);
        int rows = 85_000;
        try (var out = Files.newBufferedWriter(file)) {
            StringBuilder line = new StringBuilder();
            for (int j = 1; j <= 100; j++) {
                line.append('f').append(j).append(',');
            }
            out.write(line.append("label\n").toString());
            for (int row = 0; row < rows; row++) {
                line.setLength(0);
                for (int j = 0; j < 100; j++) {
                    line.append(random.nextInt(2) == 0 ? "-" : "").append(random.nextInt(10)).append('.')
                            .append(10_000 + random.nextInt(90_000)).append(',');
                }
                boolean b = row == 0 || (row >= 2 && row < rows * 45 / 100) || row % 7 == 0;
                out.write(line.append(b ? "b" : "a").append('\n').toString());
            }
        }
        assertTrue(Files.size(file) > PartedRead.PARALLEL_MINIMUM_BYTES);
        SerialAndParted read = SerialAndParted.open(file, folder, 2);
        CsvSource parts = read.parts();
        Path partsFolder = read.partsFolder();
        assertEquals(rows, parts.rows());
        assertEquals(List.of("a", "b"), parts.classes());
        assertEquals(-1, Files.mismatch(read.serial().cacheFile(), parts.cacheFile()));
        try (var files = Files.list(partsFolder)) {
            assertEquals(List.of(parts.cacheFile()), files.toList(), "the parts' files are gone");
        }

        // a bad cell in the second half: the exact serial message, and no cache
        List<String> lines = Files.readAllLines(file);
        lines.set(60_001, lines.get(60_001).replaceFirst("^[^,]*,", "1,x,"));
        Files.write(file, lines);
        DataFileException bad = assertThrows(DataFileException.class, () -> CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withCacheDirectory(partsFolder).withFirstPassThreads(2)));
        assertTrue(bad.getMessage().contains("line 60002, column 2 (\"f2\"): expected a number, got \"x\""), bad.getMessage());
        try (var files = Files.list(partsFolder)) {
            assertEquals(List.of(parts.cacheFile()), files.toList(), "only the old cache, which no longer matches");
        }
    }

    @Test
    void oneClassSpelledTwoWaysInOneFileIsOneClassReadInPartsOrNot() throws IOException {
        // about 70 MB, so that the first pass splits it: the first half's labels are 0 and 1, the second's 0.0 and 1.0
        Path file = folder.resolve("spellings.csv");
        java.util.Random random = new java.util.Random(11);
        int rows = 85_000;
        long ones = 0;
        try (var out = Files.newBufferedWriter(file)) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < 100; j++) {
                line.append('f').append(j).append(',');
            }
            out.write(line.append("label\n").toString());
            for (int row = 0; row < rows; row++) {
                line.setLength(0);
                for (int j = 0; j < 100; j++) {
                    line.append(random.nextInt(10)).append('.').append(10_000 + random.nextInt(90_000)).append(',');
                }
                boolean one = row % 3 == 0;
                ones += one ? 1 : 0;
                out.write(line.append(row < rows / 2 ? (one ? "1" : "0") : (one ? "1.0" : "0.0")).append('\n').toString());
            }
        }
        assertTrue(Files.size(file) > PartedRead.PARALLEL_MINIMUM_BYTES);
        for (int threads : new int[] {1, 2}) {
            Path cache = Files.createDirectory(folder.resolve("cache-" + threads));
            CsvSource source = CsvSource.open(file, CsvFormat.defaults(),
                    CsvSource.Options.defaults().withCacheDirectory(cache).withFirstPassThreads(threads));
            assertEquals(List.of("0", "1"), source.classes(), threads + " threads");
            assertEquals(ones, source.statistics(RowSelection.all()).positives(), threads + " threads");
        }
    }

    @Test
    void aSourceKeepsReadingItsOwnCacheAfterAnotherOpenRebuildsThatPath() throws IOException {
        Path file = spirals();
        CsvSource narrow = CsvSource.open(file, CsvFormat.defaults().withFeatures(List.of("x2")), CsvSource.Options.defaults());
        List<String> expected = pass(new DatasetBatches(InMemoryCsv.read(file, CsvFormat.defaults().withFeatures(List.of("x2")),
                DataType.DOUBLE)), 0, 0, false, 50);
        CsvSource wide = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()); // rebuilds the same path
        assertTrue(wide.cacheStatus().contains("other reading options"), wide.cacheStatus());
        assertEquals(expected, pass(narrow.rows(RowSelection.all(), null, DataType.DOUBLE), 0, 0, false, 50));
    }

    @Test
    void passesStoppedMidwayNeverStarveTheNextOne() throws IOException {
        Path file = spirals();
        try (BatchSource streamed = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache())
                .rows(RowSelection.all(), null, DataType.FLOAT)) {
            NativeArray features = NativeArray.allocate(DataType.FLOAT, 10L * WIDTH);
            for (int restart = 0; restart < 8; restart++) { // more restarts than the reader has blocks
                streamed.startPass(restart, 1, restart % 2 == 0);
                assertEquals(10, streamed.next(10, features, null));
            }
            assertEquals(ROWS, org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                    () -> pass(streamed, 9, 1, true, 128, DataType.FLOAT).size()));
        }
    }

    @Test
    void oddFileNamesAndUnlabeledFormatsAreHandled() throws IOException {
        Path file = Files.copy(spirals(), folder.resolve("run{1}[a].csv"));
        assertEquals(ROWS, CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()).rows());
        IllegalArgumentException unlabeled = assertThrows(IllegalArgumentException.class,
                () -> CsvSource.open(file, CsvFormat.defaults().withoutLabel(), CsvSource.Options.defaults()));
        assertTrue(unlabeled.getMessage().contains("label column"), unlabeled.getMessage());
    }

    @Test
    void missingValuesOfSkippedRowsAreNotCounted() throws IOException {
        Path file = Files.writeString(folder.resolve("skips.csv"), "a,b,label\n1,2,0\nNA,2,0,extra\n,x,1\n3,4,1\n");
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().skippingBadRows().fillingMissing());
        assertEquals(2, source.skippedRows());
        assertEquals(0, source.missingValues());
    }

    /** Bytes after the rows: the metadata and the 24-byte footer. */
    private static long tailOf(Path cache) throws IOException {
        byte[] bytes = Files.readAllBytes(cache);
        java.nio.ByteBuffer footer = java.nio.ByteBuffer.wrap(bytes, bytes.length - 24, 24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return footer.getLong() + 24;
    }
}
