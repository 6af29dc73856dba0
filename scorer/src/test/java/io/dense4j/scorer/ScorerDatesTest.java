package io.dense4j.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dense4j.data.BatchSource;
import io.dense4j.data.RowSelection;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import io.dense4j.tensor.NativeArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** A date in a number column: the scorer reads it as dense4j's CSV reader does, as its days since 1970-01-01. */
class ScorerDatesTest {
    @TempDir
    Path folder;

    @Test
    void aDateAsTextOrAsJavaTimeScoresAsItsDays() throws Exception {
        InputSchema schema = new InputSchema(List.of("signup", "x"), List.of("no", "yes"), List.of(18_000.0, 0.0), null, Map.of(),
                List.of("1900-01-01"), Map.of(), List.of("signup"));
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(schema, new BinaryCrossEntropy(), new SGD(0.1),
                CompileOptions.defaults());
        ScorerTest.randomize(model, 5);
        Path file = folder.resolve("model.zip");
        model.save(file);
        Scorer scorer = Scorer.load(file);

        double noon = scorer.probability(new float[] {18_335.5f, 1f});
        assertEquals(model.predictProbability(new float[][] {{18_335.5f, 1f}})[0], noon, 1e-6);
        for (Object same : List.of("2020-03-14T12:00:00Z", " 2020-03-14 12:00 ", "2020-03-14T14:00+02:00", LocalDateTime.of(2020, 3, 14, 12, 0),
                Instant.parse("2020-03-14T12:00:00Z"), OffsetDateTime.parse("2020-03-14T07:00-05:00"),
                ZonedDateTime.parse("2020-03-14T13:00+01:00[Europe/Berlin]"))) {
            assertEquals(noon, scorer.probability(Map.of("signup", same, "x", 1)), 0.0, same.toString());
        }
        assertEquals(scorer.probability(new float[] {18_335f, 1f}), scorer.probability(Map.of("signup", LocalDate.of(2020, 3, 14), "x", 1)), 0.0);
        assertEquals(scorer.probability(new float[] {18_000f, 1f}), scorer.probability(Map.of("signup", "1900-01-01", "x", 1)), 0.0,
                "the model's mark is missing, filled with the mean, before it is a date");
        assertEquals(scorer.probability(new float[] {18_000f, 1f}), scorer.probability(Map.of("signup", LocalDate.of(1900, 1, 1), "x", 1)),
                0.0, "a java.time value is compared with the marks as its ISO text");
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> scorer.probability(Map.of("signup", "20200314", "x", 1)));
        assertEquals("column \"signup\" holds \"20200314\", not a date dense4j reads (yyyy-mm-dd, then perhaps a time hh:mm[:ss[.f]] and "
                + "Z or ±hh:mm), nor its days as a Number", number.getMessage());
        IllegalArgumentException notADateColumn = assertThrows(IllegalArgumentException.class,
                () -> scorer.probability(Map.of("signup", "2020-03-14", "x", "2020-03-14")));
        assertEquals("column \"x\" holds \"2020-03-14\", not a number", notADateColumn.getMessage(), "x is no column of dates");
        IllegalArgumentException noDay = assertThrows(IllegalArgumentException.class,
                () -> scorer.probability(Map.of("signup", "2021-02-29", "x", 1)));
        assertEquals("column \"signup\" holds \"2021-02-29\", not a date dense4j reads (yyyy-mm-dd, then perhaps a time "
                + "hh:mm[:ss[.f]] and Z or ±hh:mm), nor its days as a Number", noDay.getMessage());
        assertThrows(IllegalArgumentException.class, () -> scorer.probability(Map.of("signup", "2020-03-14T12:00-18:12", "x", 1)),
                "an offset past ±18:00, which java.time refuses, as the reader refuses it");
        assertEquals(scorer.probability(Map.of("signup", "2020-03-14T12:00-18:00", "x", 1)),
                scorer.probability(Map.of("signup", java.time.OffsetDateTime.parse("2020-03-14T12:00-18:00"), "x", 1)), 0.0);
    }

    @Test
    void theScorersDaysAreTheReadersBitForBit() throws Exception {
        Random random = new Random(11);
        List<String> cells = new ArrayList<>();
        StringBuilder csv = new StringBuilder("when,label\n");
        for (int row = 0; row < 2_000; row++) {
            StringBuilder cell = new StringBuilder(String.format("%04d-%02d-%02d", 1900 + random.nextInt(200), 1 + random.nextInt(12),
                    1 + random.nextInt(28)));
            if (random.nextBoolean()) {
                cell.append("T ".charAt(random.nextInt(2))).append(String.format("%02d:%02d", random.nextInt(24), random.nextInt(60)));
                if (random.nextBoolean()) {
                    cell.append(String.format(":%02d", random.nextInt(60)));
                    if (random.nextBoolean()) {
                        cell.append('.').append(String.format("%09d", random.nextInt(1_000_000_000)), 0, 1 + random.nextInt(9));
                    }
                }
                int zone = random.nextInt(3);
                cell.append(zone == 0 ? "" : zone == 1 ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
                        random.nextInt(15), 15 * random.nextInt(4)));
            }
            cells.add(cell.toString());
            csv.append(cell).append(',').append(row % 2).append('\n');
        }
        Path data = Files.writeString(folder.resolve("when.csv"), csv);
        CsvSource source = CsvSource.open(data, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache());
        try (BatchSource rows = source.rows(RowSelection.all(), null, DataType.FLOAT)) {
            NativeArray features = NativeArray.allocate(DataType.FLOAT, cells.size());
            NativeArray labels = NativeArray.allocate(DataType.FLOAT, cells.size());
            rows.startPass(0, 0, false);
            assertEquals(cells.size(), rows.next(cells.size(), features, labels));
            for (int row = 0; row < cells.size(); row++) {
                assertEquals((float) features.get(row), (float) Dates.days(cells.get(row)), 0f, cells.get(row));
            }
        }
    }
}
