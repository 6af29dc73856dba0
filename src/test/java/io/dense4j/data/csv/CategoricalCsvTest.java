package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.BatchSource;
import io.dense4j.data.Categories;
import io.dense4j.data.DataFileException;
import io.dense4j.data.RowSelection;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Text columns read as categories: which columns, their values and counts, and their codes in batches. */
class CategoricalCsvTest {
    @TempDir
    Path folder;

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static List<String> rows(BatchSource source) {
        return Passes.rows(source);
    }

    private static final String SHOP = """
            age,plan,zip,state,bought
            31,gold,02134,CA,yes
            45,basic,90210,TX,no
            27,gold,02134,,yes
            38,silver,10001,CA,no
            52,gold,90210,NA,yes
            29,"basic",02134,TX,no
            """;

    @Test
    void textColumnsAreCategoricalAndDeclaredOnesToo() throws IOException {
        Path file = write("shop.csv", SHOP);
        CsvSource inferred = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertEquals(List.of("plan", "state"), inferred.categoricalColumns());
        CsvSource declared = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCategorical(List.of("zip")));
        assertEquals(List.of("plan", "zip", "state"), declared.categoricalColumns());
        // a zip code is a category as written: 02134 is not 2134
        assertEquals(List.of("02134", "90210", "10001"), declared.categoryCounts("zip").values());
        assertArrayEquals(new long[] {3, 2, 1}, declared.categoryCounts("zip").counts());
        CsvSource exactly = CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withKinds(ColumnKinds.exactly(List.of("state", "plan"))).withoutCache());
        assertEquals(List.of("plan", "state"), exactly.categoricalColumns());
        DataFileException state = assertThrows(DataFileException.class, () -> CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withNumeric(List.of("state")).withoutCache().fillingMissing()));
        assertTrue(state.getMessage().endsWith("line 2, column 4 (\"state\"): expected a number, got \"CA\" (the column is read as "
                + "numbers because --numeric [Java: CsvSource.Options.withNumeric] names it; leave it out there to read the column as "
                + "categories)"), state.getMessage());
        DataFileException unknown = assertThrows(DataFileException.class, () -> CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withCategorical(List.of("colour"))));
        assertTrue(unknown.getMessage().endsWith("has no feature column named \"colour\" to read as categories; its features are "
                + "age, plan, zip, state"), unknown.getMessage());
    }

    @Test
    void aCategoryPaddedInsideItsQuotesIsTheSameCategory() throws IOException {
        // a database's CHAR(4) column exported quoted: "CA  "; the same value unquoted, padded outside, or a blank cell
        Path file = write("padded.csv", "x,state,y\n1,\"CA  \",0\n2,CA,1\n3, CA ,0\n4,\"  TX\",\"1 \"\n5,\"   \",0\n6,TX,1\n");
        for (CsvSource.Options options : List.of(CsvSource.Options.defaults(), CsvSource.Options.defaults().withoutCache())) {
            CsvSource data = CsvSource.open(file, CsvFormat.defaults(), options);
            assertEquals(List.of("CA", "TX"), data.categoryCounts("state").values(), options.toString());
            assertEquals(List.of("0", "1"), data.classes(), "a label padded inside its quotes is the same label");
            assertArrayEquals(new long[] {3, 2}, data.categoryCounts("state").counts());
            assertEquals(1, data.categoryCounts("state").missingRows());
            Map<String, Categories> categories = data.categories(5);
            // state: CA 0, TX 1, other 2, missing 3
            assertEquals(List.of("1.0 0.0 | 0.0", "2.0 0.0 | 1.0", "3.0 0.0 | 0.0", "4.0 1.0 | 1.0", "5.0 3.0 | 0.0", "6.0 1.0 | 1.0"),
                    rows(data.rows(RowSelection.all(), null, categories, DataType.FLOAT)), options.toString());
        }
    }

    @Test
    void batchesCarryTheModelsCodesFromTheCacheAndFromTheStreamAlike() throws IOException {
        Path file = write("shop.csv", SHOP);
        for (CsvSource.Options options : List.of(CsvSource.Options.defaults(), CsvSource.Options.defaults().withoutCache())) {
            CsvSource data = CsvSource.open(file, CsvFormat.defaults(), options);
            Map<String, Categories> categories = data.categories(2);
            assertEquals(List.of("gold", "basic"), categories.get("plan").values()); // silver: the rarest, so "other"
            assertEquals(List.of("CA", "TX"), categories.get("state").values());
            // plan: gold 0, basic 1, other 2, missing 3; state: CA 0, TX 1, other 2, missing 3 (empty and NA)
            assertEquals(List.of(
                    "31.0 0.0 2134.0 0.0 | 1.0",
                    "45.0 1.0 90210.0 1.0 | 0.0",
                    "27.0 0.0 2134.0 3.0 | 1.0",
                    "38.0 2.0 10001.0 0.0 | 0.0",
                    "52.0 0.0 90210.0 3.0 | 1.0",
                    "29.0 1.0 2134.0 1.0 | 0.0"), rows(data.rows(RowSelection.all(), null, categories, DataType.FLOAT)), options.toString());
            Map<String, Categories> fewer = new LinkedHashMap<>(categories);
            fewer.put("state", new Categories(List.of("TX")));
            assertEquals(Map.of("plan", 1L, "state", 2L), data.unknownCategoryRows(fewer));
            IllegalArgumentException without = assertThrows(IllegalArgumentException.class,
                    () -> data.rows(RowSelection.all(), null, DataType.FLOAT));
            assertTrue(without.getMessage().contains("has categorical columns [plan, state]: give their categories"), without.getMessage());
        }
    }

    @Test
    void categoriesAreLearnedFromTheTrainingRowsAlone() throws IOException {
        Path file = write("shop.csv", SHOP);
        // seed 13 trains on rows 0, 2 and 4 (gold CA, gold -, gold NA) and holds out 1, 3 and 5
        RowSelection training = RowSelection.training(0.5, 13);
        assertEquals(List.of(true, false, true, false, true, false), java.util.stream.LongStream.range(0, 6)
                .mapToObj(training::includes).toList());
        for (CsvSource.Options options : List.of(CsvSource.Options.defaults(), CsvSource.Options.defaults().withoutCache())) {
            CsvSource data = CsvSource.open(file, CsvFormat.defaults(), options);
            Map<String, Categories> learned = data.categories(10, training);
            assertEquals(List.of("gold"), learned.get("plan").values(), options.toString()); // basic, silver: held out only
            assertEquals(List.of("CA"), learned.get("state").values());
            Map<String, Categories> heldOut = data.categories(10, RowSelection.validation(0.5, 13));
            assertEquals(List.of("basic", "silver"), heldOut.get("plan").values()); // basic twice, silver once
            assertEquals(List.of("TX", "CA"), heldOut.get("state").values());
            assertEquals(data.categories(10), data.categories(10, RowSelection.all()));
            assertEquals(List.of("gold", "basic", "silver"), data.categories(10).get("plan").values());
            // the held-out rows' basic and silver read as "other" (slot 1), their TX too
            assertEquals(List.of(
                    "31.0 0.0 2134.0 0.0 | 1.0",
                    "45.0 1.0 90210.0 1.0 | 0.0",
                    "27.0 0.0 2134.0 2.0 | 1.0",
                    "38.0 1.0 10001.0 0.0 | 0.0",
                    "52.0 0.0 90210.0 2.0 | 1.0",
                    "29.0 1.0 2134.0 1.0 | 0.0"), rows(data.rows(RowSelection.all(), null, learned, DataType.FLOAT)));
        }
    }

    @Test
    void textPastTheFirstRowsInAColumnOfNumbersSaysHowToReadIt() throws IOException {
        StringBuilder text = new StringBuilder("x,code,y\n");
        for (int i = 0; i < ColumnKinds.INFERENCE_ROWS + 5; i++) {
            text.append(i % 7).append(',').append(i == ColumnKinds.INFERENCE_ROWS + 2 ? "A12" : String.valueOf(i % 3)).append(',')
                    .append(i % 2).append('\n');
        }
        Path file = write("late.csv", text.toString());
        DataFileException late = assertThrows(DataFileException.class,
                () -> CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertTrue(late.getMessage().contains("line " + (ColumnKinds.INFERENCE_ROWS + 4) + ", column 2 (\"code\"): expected a number, "
                + "got \"A12\" (to read the column as categories, declare it categorical when training: --categorical code [Java: CsvSource.Options.withCategorical])"), late.getMessage());
        CsvSource declared = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCategorical(List.of("code")));
        assertEquals(List.of("0", "1", "2", "A12"), declared.categoryCounts("code").values());
    }

    @Test
    void aColumnEmptyInTheFirstRowsIsFollowedUntilItShowsValues() throws IOException {
        StringBuilder text = new StringBuilder("x,citation,y\n");
        for (int i = 0; i < 3 * ColumnKinds.INFERENCE_ROWS; i++) {
            text.append(i % 7).append(',').append(i < 2 * ColumnKinds.INFERENCE_ROWS ? "" : i % 2 == 0 ? "YES" : "NO").append(',')
                    .append(i % 2).append('\n');
        }
        Path file = write("late-values.csv", text.toString());
        CsvSource data = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertEquals(List.of("citation"), data.categoricalColumns());
        assertEquals(2L * ColumnKinds.INFERENCE_ROWS, data.categoryCounts("citation").missingRows());
        assertEquals(List.of("YES", "NO"), data.categoryCounts("citation").values());
    }

    @Test
    void aFewTextCellsInAColumnOfNumbersLeaveItNumericAndStopAtTheFirst() throws IOException {
        Path file = write("typo.csv", "income,y\n1.5,a\n2.5,b\n12.5.1,a\n3.5,b\n");
        DataFileException typo = assertThrows(DataFileException.class,
                () -> CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertTrue(typo.getMessage().contains("line 4, column 1 (\"income\"): expected a number, got \"12.5.1\""), typo.getMessage());
    }

    @Test
    void aColumnOfNumbersAndOneMarkInMostCellsStaysNumericAndTheReadNamesTheMark() throws IOException {
        StringBuilder text = new StringBuilder("standby,kind,y\n");
        for (int i = 0; i < 100; i++) { // seven cells in ten "?", as Weka's labor table's standby-pay: no category of numbers
            text.append(i % 10 < 7 ? "?" : String.valueOf(i)).append(',').append(i % 3 == 0 ? "?" : i % 3 == 1 ? "+" : "-")
                    .append(',').append(i % 2).append('\n');
        }
        Path file = write("marked.csv", text.toString());
        DataFileException marked = assertThrows(DataFileException.class,
                () -> CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertTrue(marked.getMessage().contains("line 2, column 1 (\"standby\"): expected a number, got \"?\" (if \"?\" marks a missing "
                + "value, say so: --missing-values '?' --fill-missing [Java: CsvFormat.withMissingMarks and "
                + "CsvSource.Options.fillingMissing()]; to read the column as categories, declare it "
                + "categorical when training: --categorical standby [Java: CsvSource.Options.withCategorical])"), marked.getMessage());
        CsvSource filled = CsvSource.open(file, CsvFormat.defaults().withMissingMarks(List.of("?")),
                CsvSource.Options.defaults().fillingMissing());
        assertEquals(List.of("kind"), filled.categoricalColumns(), "marks and no numbers, and several of them: categories");
        assertEquals(70, filled.statistics(io.dense4j.data.RowSelection.all()).missingByFeature()[0]);

        Path two = write("two-marks.csv", text.toString().replace("?,", "-,").replaceFirst("-,", "?,"));
        assertEquals(List.of("standby", "kind"), CsvSource.open(two, CsvFormat.defaults(), CsvSource.Options.defaults()).categoricalColumns(),
                "two marks are two values: text, as before");
    }

    @Test
    void readingInPartsNumbersValuesAsOneReaderDoes() throws IOException {
        // past the size read in parts; later parts meet values in another order and values of their own
        Path file = folder.resolve("large.csv");
        Random random = new Random(3);
        String[] cities = new String[40];
        for (int i = 0; i < cities.length; i++) {
            cities[i] = "city-" + Integer.toString(i * 7919, 36);
        }
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("x,city,kind,label\n");
            StringBuilder line = new StringBuilder();
            while (rows < 3_400_000) {
                line.setLength(0);
                int city = (int) Math.min(cities.length - 1, rows * cities.length / 3_400_000 + random.nextInt(3));
                line.append(random.nextInt(1000) / 10.0).append(',').append(cities[city]).append(',')
                        .append(random.nextInt(20) == 0 ? "" : random.nextBoolean() ? "odd" : "even").append(',')
                        .append(random.nextBoolean() ? "b" : "a").append('\n');
                out.write(line.toString());
                rows++;
            }
        }
        assertTrue(Files.size(file) > PartedRead.PARALLEL_MINIMUM_BYTES);
        SerialAndParted read = SerialAndParted.open(file, folder, 3);
        CsvSource serial = read.serial();
        CsvSource parts = read.parts();
        assertEquals(List.of("city", "kind"), parts.categoricalColumns());
        assertEquals(serial.categoryCounts("city").values(), parts.categoryCounts("city").values());
        assertArrayEquals(serial.categoryCounts("city").counts(), parts.categoryCounts("city").counts());
        assertEquals(rows, java.util.Arrays.stream(parts.categoryCounts("city").counts()).sum());
        assertEquals(serial.categoryCounts("kind").missingRows(), parts.categoryCounts("kind").missingRows());
        assertTrue(parts.categoryCounts("kind").missingRows() > 0);
        assertEquals(-1, Files.mismatch(serial.cacheFile(), parts.cacheFile()), "the caches are byte for byte the same");
        // the labels' runs of a read in parts, each part numbering its labels in its own order, joined as one reader counts them
        CsvReader reader = new CsvReader(file, CsvFormat.defaults().withCategorical(List.of("city", "kind")));
        CsvReader.RowHandler[] ignored = new CsvReader.RowHandler[3];
        java.util.Arrays.fill(ignored, (CsvReader.RowHandler) (line, features, provisionalClass, weight) -> { });
        CsvReader.Summary inParts = PartedRead.summary(reader, ignored, null, new int[3][][]);
        LabelRuns whole = reader.read(ignored[0]).labelRuns();
        assertEquals(whole, inParts.labelRuns());
        assertEquals(rows, whole.rows());
        assertTrue(whole.longest() > 10 && !whole.beyondChanceAndLongerThan(1), "random labels: " + whole);
    }

    @Test
    void aDictionaryStopsNumberingAtItsBoundAndCountsTheRest() {
        CategoryDictionary dictionary = new CategoryDictionary(3);
        CsvProblems problems = new CsvProblems(Path.of("t.csv"), new LineBuffer(java.io.InputStream.nullInputStream(), 16, ','), TextEncoding.named("UTF-8"));
        float[] codes = new float[6];
        String[] cells = {"a", "b", "a", "c", "d", "b"};
        for (int i = 0; i < cells.length; i++) {
            byte[] bytes = cells[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            codes[i] = dictionary.code(bytes, 0, bytes.length, 1, problems);
            dictionary.count(codes[i]);
        }
        assertArrayEquals(new float[] {0, 1, 0, 2, CategoryDictionary.OVERFLOW, 1}, codes);
        assertEquals(List.of("a", "b", "c"), dictionary.values());
        assertArrayEquals(new long[] {2, 2, 1}, dictionary.counts());
        assertEquals(1, dictionary.overflowRows());
    }

    @Test
    void valuesFrequentPastTheBoundAreFoundAndIdentifiersAreNot() {
        CsvProblems problems = new CsvProblems(Path.of("t.csv"), new LineBuffer(java.io.InputStream.nullInputStream(), 16, ','), TextEncoding.named("UTF-8"));
        // a sorted file: 10 values once each fill the bound, then "late" 400 times among 8,000 values seen once
        CategoryDictionary sorted = new CategoryDictionary(10);
        for (int i = 0; i < 10; i++) {
            code(sorted, "early" + i, problems);
        }
        for (int i = 0; i < 8_000; i++) {
            code(sorted, i % 20 == 0 ? "late" : "id" + i, problems);
        }
        // one row in 16 sampled: "late" about 25 times, far over 4, and 16 × 25 over the 1 row of every numbered value and
        // the 8,000 / 1,025 = 7 rows the summary can miss; an id is sampled once at most
        assertEquals(List.of("late"), sorted.frequentPastTheBound());

        CategoryDictionary identifiers = new CategoryDictionary(10);
        for (int i = 0; i < 8_010; i++) {
            code(identifiers, "id" + i, problems);
        }
        assertEquals(List.of(), identifiers.frequentPastTheBound(), "past the bound, values as rare as those numbered");

        // a dictionary of one value that reserves "late" numbers it past the bound, where it comes
        CategoryDictionary again = CategoryDictionary.reserving(List.of("late"), 1);
        code(again, "early0", problems);
        code(again, "early1", problems);
        code(again, "late", problems);
        assertEquals(List.of("early0", "late"), again.values());
        assertArrayEquals(new long[] {1, 1}, again.counts());
        assertEquals(1, again.overflowRows(), "early1, past the bound");
    }

    private static void code(CategoryDictionary dictionary, String cell, CsvProblems problems) {
        byte[] bytes = cell.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        dictionary.count(dictionary.code(bytes, 0, bytes.length, 1, problems));
    }

    @Test
    void aCellThatCannotBeANumberByItsEndsIsNoneTheParserReads() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "0123456789+-.,eEpPxXINnaifdy ";
        int judged = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder cell = new StringBuilder();
            for (int length = 1 + random.nextInt(6); length > 0; length--) {
                cell.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            // trimmed of spaces, as a cell reaches the judgement
            String text = (i % 3 == 0 ? "Infinity".substring(0, 1 + random.nextInt(8)) + cell : cell.toString()).strip();
            if (text.isEmpty()) {
                continue;
            }
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (TextColumns.cannotBeANumber(bytes[0], bytes[bytes.length - 1])) {
                judged++;
                for (CsvFormat format : List.of(CsvFormat.defaults(), CsvFormat.defaults().withDelimiter(';').withDecimal(','))) {
                    double read;
                    try {
                        read = CellParser.fullParse(bytes, 0, bytes.length, format.decimal(), format.thousands(), new byte[bytes.length]);
                    } catch (NumberFormatException notANumber) {
                        continue;
                    }
                    // the parser reads a few such cells ("e9NaN") as NaN, which is no number either
                    assertTrue(Double.isNaN(read), text + " read as " + read);
                }
            }
        }
        assertTrue(judged > 50_000, judged + " cells judged text by their ends");
        assertFalse(TextColumns.cannotBeANumber((byte) '-', (byte) 'y'), "-Infinity");
        assertTrue(TextColumns.cannotBeANumber((byte) '1', (byte) 'z'), "123456z");
    }

    @Test
    void manyCategoricalColumnsShareOneBoundOnTheirValues() {
        assertEquals(100_000, CategoryDictionary.mostValuesEach(1));
        assertEquals(100_000, CategoryDictionary.mostValuesEach(40), "4,000,000 / 40");
        assertEquals(50_000, CategoryDictionary.mostValuesEach(80));
        assertEquals(2_000, CategoryDictionary.mostValuesEach(2_000));
        assertEquals(1_000, CategoryDictionary.mostValuesEach(100_000), "never fewer than 1,000");
    }

    @Test
    void reservedValuesTakeNoneOfTheBoundsBytes() {
        CsvProblems problems = new CsvProblems(Path.of("t.csv"), new LineBuffer(java.io.InputStream.nullInputStream(), 16, ','), TextEncoding.named("UTF-8"));
        String reserved = "R".repeat(250);
        CategoryDictionary dictionary = CategoryDictionary.reserving(List.of(reserved), CategoryDictionary.MOST_VALUES);
        int fill = CategoryDictionary.MOST_BYTES / 250; // 67,108 values of 250 bytes: 216 bytes short of the bound
        for (int i = 0; i < fill; i++) {
            code(dictionary, String.format("%09d", i) + "k".repeat(241), problems);
        }
        code(dictionary, reserved, problems);
        code(dictionary, "VVVVV", problems); // 5 bytes more of unreserved values: within the bound
        code(dictionary, "W".repeat(300), problems); // 300 more: past it
        assertEquals(fill + 2, dictionary.size());
        assertTrue(dictionary.values().contains("VVVVV"));
        assertEquals(1, dictionary.overflowRows());
    }
}
