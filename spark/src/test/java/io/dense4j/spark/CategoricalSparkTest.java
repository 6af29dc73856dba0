package io.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Categories;
import io.dense4j.data.RowSelection;
import io.dense4j.data.csv.ColumnKinds;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import io.dense4j.train.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Categorical columns on Spark: the executors read each piece's values in its own first-seen
 * order, the driver merges them in file order, and training codes every piece's cells with the
 * model's encodings, so the categories and the weights are one machine's.
 */
class CategoricalSparkTest {
    private static final List<String> PLANS = List.of("basic", "gold", "silver", "platinum", "trial", "family", "student");

    @TempDir
    Path folder;

    /** Rows of x1, plan (text, skewed, some missing), city (numbers declared categorical) and a label that depends on both. */
    private static String rows(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            double x = random.nextGaussian();
            int plan = (int) (PLANS.size() * Math.pow(random.nextDouble(), 2));
            int city = 10 + random.nextInt(12);
            boolean positive = x + (plan % 2 == 0 ? 0.8 : -0.8) + (city % 3 == 0 ? 0.5 : -0.2) + random.nextGaussian() * 0.3 > 0;
            text.append(String.format(Locale.ROOT, "%.4f,%s,%d,%s%n", x, random.nextInt(20) == 0 ? "" : PLANS.get(plan), city,
                    positive ? "yes" : "no"));
        }
        return text.toString();
    }

    private List<Path> write() throws IOException {
        Random random = new Random(8);
        String header = "x1,plan,city,label\n";
        String[] bodies = {rows(random, 300), rows(random, 450), rows(random, 250)};
        // the first file starts with a rare plan, so first-seen order differs between pieces and files
        bodies[0] = "0.5,student,21,yes\n" + bodies[0];
        Files.createDirectories(folder.resolve("parts"));
        StringBuilder whole = new StringBuilder(header);
        for (int k = 0; k < bodies.length; k++) {
            Files.writeString(folder.resolve("parts/part-" + k + ".csv"), header + bodies[k], StandardCharsets.UTF_8);
            whole.append(bodies[k]);
        }
        // a job's empty parts, a header alone and 0 bytes, add no rows, as on one machine
        Files.writeString(folder.resolve("parts/part-3.csv"), header, StandardCharsets.UTF_8);
        Files.write(folder.resolve("parts/part-4.csv"), new byte[0]);
        return List.of(folder.resolve("parts/part-*.csv"), Files.writeString(folder.resolve("whole.csv"), whole, StandardCharsets.UTF_8));
    }

    private static Model model(InputSchema schema) {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(schema, new BinaryCrossEntropy(), new SGD(0.3), CompileOptions.defaults().withSeed(5));
    }

    @Test
    void categoriesAndWeightsAreOneMachinesWhateverOrderThePiecesMeetTheValuesIn() throws IOException {
        List<Path> files = write();
        FitOptions fit = FitOptions.builder().batchSize(32).epochs(2).validationSplit(0.2).seed(3).build();
        ColumnKinds kinds = ColumnKinds.inferred().withCategorical(List.of("city"));

        CsvSource whole = CsvSource.open(files.get(1), CsvFormat.defaults(), CsvSource.Options.defaults().withKinds(kinds)
                .withCacheDirectory(folder));
        Map<String, Categories> expected = whole.categories(5, fit.trainingRows());
        Model single = model(InputSchema.of(whole, 5, fit.trainingRows()));
        History oneMachine = single.fit(whole, fit);

        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(files.get(0).toString(), List.of())
                .withMinPartitions(5), kinds)) {
            assertEquals(List.of("plan", "city"), data.categoricalColumns());
            assertEquals(whole.categoryCounts("plan").values(), data.categoryCounts("plan").values(), "numbered in file order");
            assertArrayEquals(whole.categoryCounts("plan").counts(), data.categoryCounts("plan").counts());
            assertEquals(whole.categoryCounts("plan").missingRows(), data.categoryCounts("plan").missingRows());
            assertEquals(whole.categories(5), data.categories(5, RowSelection.all()));
            Map<String, Categories> learned = data.categories(5, fit.trainingRows());
            assertEquals(expected, learned, "learned from the training rows alone, as one machine learns them");
            assertEquals(whole.unknownCategoryRows(learned), data.unknownCategoryRows(learned));

            Trainer distributed = new Trainer(model(new InputSchema(data.featureNames(), data.classes(), null,
                    data.source().labelName(), learned)));
            History history = new SparkTrainer(LocalSpark.session(), data).fit(distributed, fit, Synchronization.exact());
            assertEquals(single.inputSchema(), distributed.model().inputSchema());
            assertArrayEquals(single.parameters().toFloatVector(), distributed.model().parameters().toFloatVector(), 1e-5f);
            assertEquals(oneMachine.last().validationLoss(), history.last().validationLoss(), 1e-5);
            assertTrue(history.last().validationLoss() < 0.6, "the categories carry the signal: " + history.last().validationLoss());
        }
    }

    @Test
    void aTextColumnEmptyInTheFirstRowsIsCategoricalAsOnOneMachine() throws IOException {
        StringBuilder text = new StringBuilder("x1,citation,label\n");
        int rows = 3 * ColumnKinds.INFERENCE_ROWS;
        for (int i = 0; i < rows; i++) { // filled in only after twice the rows inference reads
            text.append(i % 7).append(',').append(i < 2 * ColumnKinds.INFERENCE_ROWS ? "" : i % 2 == 0 ? "YES" : "NO").append(',')
                    .append(i % 2).append('\n');
        }
        Path file = Files.writeString(folder.resolve("late.csv"), text, StandardCharsets.UTF_8);
        CsvSource one = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder));
        assertEquals(List.of("citation"), one.categoricalColumns(), "one machine follows the empty column");

        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), List.of())
                .withMinPartitions(3), ColumnKinds.inferred())) {
            assertEquals(List.of("citation"), data.categoricalColumns());
            assertEquals(one.categoryCounts("citation").values(), data.categoryCounts("citation").values());
            assertEquals(2L * ColumnKinds.INFERENCE_ROWS, data.categoryCounts("citation").missingRows());
        }
    }

    /** Numbers in the first file's column and text in the second's: categories, from every file's first rows, as on one machine. */
    @Test
    void aColumnWithTextInALaterFileIsCategoricalAsOnOneMachine() throws IOException {
        Path mixed = Files.createDirectory(folder.resolve("mixed"));
        StringBuilder numbers = new StringBuilder("x1,code,label\n");
        StringBuilder letters = new StringBuilder("x1,code,label\n");
        for (int i = 0; i < 300; i++) {
            numbers.append(i % 7).append(',').append(1 + i % 3).append(',').append(i % 2).append('\n');
            letters.append(i % 5).append(',').append((char) ('A' + i % 3)).append(',').append(i % 2).append('\n');
        }
        Files.writeString(mixed.resolve("a.csv"), numbers, StandardCharsets.UTF_8);
        Files.writeString(mixed.resolve("b.csv"), letters, StandardCharsets.UTF_8);
        Path caches = Files.createDirectory(folder.resolve("caches"));
        CsvSource one = CsvSource.open(io.dense4j.data.csv.CsvFiles.of(mixed.resolve("*.csv").toString()), CsvFormat.defaults(),
                CsvSource.Options.defaults().withCacheDirectory(caches));
        assertEquals(List.of("code"), one.categoricalColumns());

        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(mixed.resolve("*.csv").toString(), List.of())
                .withMinPartitions(2), ColumnKinds.inferred())) {
            assertEquals(List.of("code"), data.categoricalColumns());
            assertEquals(one.categoryCounts("code").values(), data.categoryCounts("code").values());
        }
    }

    @Test
    void blankLinesBeforeTheHeaderArePassedOverAsOnOneMachine() throws IOException {
        Path file = Files.writeString(folder.resolve("blank-start.csv"), "\r\n\nx1,plan,label\n" + "0.5,gold,yes\n-1.0,basic,no\n".repeat(50));
        CsvSource one = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder));
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), List.of()),
                ColumnKinds.inferred())) {
            assertEquals(one.categoricalColumns(), data.categoricalColumns());
            assertEquals(List.of("plan"), data.categoricalColumns());
            assertEquals(one.featureNames(), data.featureNames());
        }
    }

    @Test
    void aModelForNumbersOnlyIsRefusedOnCategoricalRows() throws IOException {
        List<Path> files = write();
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(files.get(1).toString(), List.of()),
                ColumnKinds.inferred())) {
            Model numbersOnly = new Sequential(new Dense(1, new Sigmoid())).compile(3, new BinaryCrossEntropy(), new SGD(0.1));
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(
                    LocalSpark.session(), data).fit(new Trainer(numbersOnly), FitOptions.builder().epochs(1).build(),
                    Synchronization.exact()));
            assertTrue(refused.getMessage().contains("has categorical columns [plan]"), refused.getMessage());
        }
    }
}
