package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --missing-values: "?" (Weka's and the UCI files' mark) read as a missing value in number,
 * categorical and label cells; the model keeps the marks, so evaluate, predict, summary and a
 * resumed run read "?" as training did without being told again.
 */
class MissingMarksCommandsTest {
    @TempDir
    Path folder;
    private Path train;
    private Path test;

    @BeforeEach
    void files() throws Exception {
        Random random = new Random(6);
        StringBuilder rows = new StringBuilder("x,colour,label\n");
        for (int r = 0; r < 400; r++) {
            double x = random.nextGaussian();
            String colour = List.of("red", "green", "blue").get(random.nextInt(3));
            boolean yes = x + (colour.equals("red") ? 0.8 : -0.3) + random.nextGaussian() * 0.7 > 0;
            rows.append(r % 10 == 3 ? "?" : String.valueOf(x)).append(',').append(r % 10 == 7 ? "?" : colour).append(',')
                    .append(yes ? "yes" : "no").append('\n');
        }
        train = Files.writeString(folder.resolve("train.csv"), rows);
        test = Files.writeString(folder.resolve("test.csv"), "x,colour,label\n?,red,yes\n,red,yes\n0.5,?,no\n0.5,,no\n1.5,blue,?\n");
    }

    @Test
    void aMarkIsAMissingValueInEveryCommandOnceTrainingSaysSo() throws Exception {
        Path clean = Files.writeString(folder.resolve("clean.csv"), Files.readString(train).replace("?,", "0.5,").replace(",?,", ",red,"));
        Path plain = folder.resolve("plain.zip");
        assertEquals(0, Run.of("train", "--data", clean.toString(), "--no-fill-missing", "--epochs", "1", "--out", plain.toString())
                .exitCode());
        Run scoring = Run.of("predict", "--model", plain.toString(), "--data", test.toString(), "--out", folder.resolve("q.csv").toString());
        assertEquals(1, scoring.exitCode());
        assertTrue(scoring.err().contains("expected a number, got \"?\" (if \"?\" marks a missing value, the model fills none: train "
                + "it with --missing-values '?' --fill-missing)"), scoring.err()); // predict has no --fill-missing

        Run refused = Run.of("train", "--data", train.toString(), "--epochs", "2", "--out", folder.resolve("m0.zip").toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("line 5, column 1 (\"x\"): expected a number, got \"?\" (if \"?\" marks a missing value, "
                + "say so: --missing-values '?'; to read the column as categories, declare it categorical when training: --categorical x)"),
                refused.err());

        Path model = folder.resolve("m.zip");
        Run trained = Run.of("train", "--data", train.toString(), "--missing-values", "?", "--epochs", "3",
                "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("Categorical columns (one-hot over their categories, other, missing): colour (3)"),
                trained.out()); // "?" is no category
        assertEquals(List.of("?"), Model.load(model).inputSchema().missingMarks());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(model.toFile())) { // an older reader refuses it, not reads ? as 'other'
            String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(json.contains("\"formatVersion\" : 5"), json.substring(0, 200));
        }
        Run classMark = Run.of("predict", "--model", model.toString(), "--data", test.toString(), "--missing-values", "yes", "--out",
                folder.resolve("y.csv").toString());
        assertEquals(1, classMark.exitCode());
        assertTrue(classMark.err().contains("the missing-value mark \"yes\" is one of the model's classes: leave it out of the marks"),
                classMark.err());
        Run categoryMark = Run.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--missing-values", "red");
        assertEquals(1, categoryMark.exitCode());
        assertTrue(categoryMark.err().contains("the missing-value mark \"red\" is a category the model trained for \"colour\": leave "
                + "it out of the marks"), categoryMark.err());
        assertTrue(Run.of("summary", "--model", model.toString()).out()
                .contains("Missing values: empty, NA, N/A, NaN, and \"?\" (--missing-values)"));

        // no flag: the model's marks; "?" reads as the empty cell does, and a "?" label is a row to skip
        List<String> lines = predictions(model, test);
        assertEquals(lines.get(1), lines.get(2), "? and an empty number");
        assertEquals(lines.get(3), lines.get(4), "? and an empty category: its missing slot, not 'other'");
        Run evaluated = Run.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--skip-bad-rows");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().startsWith("Note: missing numbers, filled with the model's training means: x in 2 of the 4 rows "
                + "(50.0%)\nrows               4\n") && evaluated.err().contains("skipped 1 bad row of 5 (20.0%)"),
                evaluated.out() + evaluated.err());

        Path checkpoint = folder.resolve("ckpt.zip");
        Files.copy(model, checkpoint);
        Run other = Run.of("train", "--data", train.toString(), "--missing-values", "?,NULL", "--fill-missing", "--epochs", "4",
                "--checkpoint", checkpoint.toString(), "--resume", "--out", folder.resolve("m2.zip").toString());
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("--resume: the checkpoint reads ? as missing values besides the usual ones, and "
                + "--missing-values says ?, NULL"), other.err());
        Run resumed = Run.of("train", "--data", train.toString(), "--fill-missing", "--epochs", "4", "--checkpoint",
                checkpoint.toString(), "--resume", "--out", folder.resolve("m3.zip").toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
    }

    @Test
    void aMarkThatIsANumberOrHoldsTheDelimiterIsAUsageError() {
        Run number = Run.of("train", "--data", train.toString(), "--missing-values", "-99.5", "--out", folder.resolve("m.zip").toString());
        assertEquals(2, number.exitCode());
        assertTrue(number.err().contains("--missing-values: the missing-value mark \"-99.5\" is a number; a number "
                + "marks missing values only when it is whole, of at most 7 digits, such as -9 or 999"), number.err());
        Run blank = Run.of("train", "--data", train.toString(), "--missing-values", " ? ", "--out", folder.resolve("m.zip").toString());
        assertEquals(2, blank.exitCode());
        assertTrue(blank.err().contains("a missing-value mark is 1 to 32 characters without blanks at its ends"), blank.err());
    }

    /** "--" marks missing values in some exports; the hint names it as a flag, and the flag takes it as typed. */
    @Test
    void aDoubleDashMarkIsTypedAsTheHintSays() throws Exception {
        Path dashes = Files.writeString(folder.resolve("dashes.csv"), Files.readString(train).replace("?", "--"));
        Run asked = Run.of("train", "--data", dashes.toString(), "--out", folder.resolve("m.zip").toString());
        assertEquals(1, asked.exitCode(), asked.err());
        assertTrue(asked.err().contains("say so: --missing-values '--'; "), asked.err());
        Run told = Run.of("train", "--data", dashes.toString(), "--missing-values", "--", "--epochs", "2", "--out",
                folder.resolve("m.zip").toString());
        assertEquals(0, told.exitCode(), told.err());
        assertEquals(List.of("--"), Model.load(folder.resolve("m.zip")).inputSchema().missingMarks());
    }

    /** The Read line counts a categorical column's missing cells, which take its missing slot, with the numbers' ones. */
    @Test
    void theReadLineCountsMissingCategoricalCells() throws Exception {
        Path numbersWhole = Files.writeString(folder.resolve("whole.csv"), Files.readString(train).replace("\n?,", "\n0.5,"));
        Run trained = Run.of("train", "--data", numbersWhole.toString(), "--missing-values", "?", "--epochs", "1", "--out",
                folder.resolve("w.zip").toString());
        assertEquals(0, trained.exitCode(), trained.err()); // no --fill-missing needed: no number cell is missing
        assertTrue(trained.out().contains(", 40 missing values, all in categorical columns; cache: "), trained.out());
    }

    /**
     * A sentinel such as -9 (credit bureaus' "no record", surveys' "refused") read as a missing
     * value in number cells, -9.0 too, in train, evaluate and predict; the model keeps it (format
     * 6, which older readers refuse rather than read -9 as a number) and summary says how it reads.
     */
    @Test
    void aWholeNumberMarksItsValueAsMissingInEveryCommand() throws Exception {
        Path sentinels = Files.writeString(folder.resolve("sentinels.csv"), Files.readString(train).replace("?,", "-9,"));
        Path model = folder.resolve("s.zip");
        Run trained = Run.of("train", "--data", sentinels.toString(), "--missing-values", "-9,?", "--fill-missing", "--epochs", "3",
                "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        // x's -9 in rows 3, 13, ... of 400, and colour's -9 (a category's cell, read as its missing slot) in rows 7, 17, ...
        assertTrue(trained.out().contains(", 80 missing values (40 in categorical columns); cache: "), trained.out());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(model.toFile())) {
            String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(json.contains("\"formatVersion\" : 6"), json.substring(0, 200));
        }
        Path scored = Files.writeString(folder.resolve("scored.csv"), "x,colour,label\n,red,yes\n-9,red,yes\n-9.0,red,no\n-9.5,red,no\n");
        List<String> lines = predictions(model, scored);
        assertEquals(lines.get(1), lines.get(2), "-9 is the empty cell's fill");
        assertEquals(lines.get(1), lines.get(3), "-9.0 too");
        assertTrue(!lines.get(4).equals(lines.get(1)), "-9.5 is a number");
        Run evaluated = Run.of("evaluate", "--model", model.toString(), "--data", scored.toString());
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        Path numericLabels = Files.writeString(folder.resolve("zero-one.csv"), "x,label\n1,0\n2,1\n");
        Run labelMarked = Run.of("train", "--data", numericLabels.toString(), "--missing-values", "0", "--out",
                folder.resolve("z.zip").toString());
        assertEquals(1, labelMarked.exitCode());
        assertTrue(labelMarked.err().contains("the label \"0\" is a missing value, as --missing-values marks it"), labelMarked.err());
        // "1.5" is no number in decimal-comma files, so a mark there; a file with points cannot be read with the model's marks
        Path commas = Files.writeString(folder.resolve("commas.csv"), "x;label\n1,5;yes\n2,25;no\n0,5;yes\n1.5;no\n");
        Path commaModel = folder.resolve("commas.zip");
        Run commaTrained = Run.of("train", "--data", commas.toString(), "--delimiter", ";", "--decimal", ",", "--missing-values", "1.5",
                "--fill-missing", "--epochs", "1", "--accept-worse-than-base-rate", "--out", commaModel.toString());
        assertEquals(0, commaTrained.exitCode(), commaTrained.err());
        Path points = Files.writeString(folder.resolve("points.csv"), "x;label\n1.5;yes\n");
        Run pointed = Run.of("predict", "--model", commaModel.toString(), "--data", points.toString(), "--delimiter", ";", "--decimal", ".",
                "--out", folder.resolve("pp.csv").toString());
        assertEquals(1, pointed.exitCode());
        assertTrue(pointed.err().contains("the model's own marks of a missing value do not fit this file's number syntax"), pointed.err());
        // a mark that holds this file's delimiter: the delimiter is what to change, not the number separators
        Path cut = Files.writeString(folder.resolve("cut.csv"), "x,label\n1,yes\nn;a,no\n2,no\n");
        Path cutModel = folder.resolve("cut.zip");
        Run cutTrained = Run.of("train", "--data", cut.toString(), "--missing-values", "n;a", "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", cutModel.toString());
        assertEquals(0, cutTrained.exitCode(), cutTrained.err());
        Path semicolons = Files.writeString(folder.resolve("semicolons.csv"), "x;label\n1;yes\n");
        Run cutPredicted = Run.of("predict", "--model", cutModel.toString(), "--data", semicolons.toString(), "--out",
                folder.resolve("pc.csv").toString());
        assertEquals(1, cutPredicted.exitCode());
        assertEquals("dense4j: the model's own mark of a missing value \"n;a\" holds this file's delimiter ';', so no cell can hold it: "
                + "read a file with another delimiter, and give it with --delimiter if it is not guessed\n", cutPredicted.err());
        Run summary = Run.of("summary", "--model", model.toString());
        assertTrue(summary.out().contains("Missing values: empty, NA, N/A, NaN, and \"-9\", \"?\" (--missing-values; a whole number by "
                + "its value in number cells, -9.0 as -9)"), summary.out());
    }

    /** The lines predict writes for {@code data} with {@code model}, which it must write. */
    private List<String> predictions(Path model, Path data) throws Exception {
        Path predictions = folder.resolve("p.csv");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", data.toString(), "--out", predictions.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        return Files.readAllLines(predictions);
    }
}
