package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Categories;
import io.dense4j.data.RowSelection;
import io.dense4j.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text columns through every command: found, declared, capped, unknown later, and refused with one line. */
class CategoricalCommandsTest {
    /** The note evaluate and predict print, before the row count. */
    private static final String UNKNOWN_CATEGORIES = "Note: rows with a category the model does not keep (unseen in training, or past "
            + "its --max-categories), read in the slot for other values, of ";

    @TempDir
    Path folder;

    private Path train;

    @BeforeEach
    void writeTrainingFile() throws Exception {
        StringBuilder text = new StringBuilder("id,age,plan,zip,city,bought\n");
        String[] plans = {"gold", "basic", "silver"};
        String[] cities = {"Oslo", "Lima", "Pune", "Kyiv", "Rome"};
        for (int i = 0; i < 300; i++) {
            String plan = plans[i % 3];
            String city = cities[i % 7 < 3 ? 0 : i % 7 < 5 ? 1 : 2 + i % 3];
            boolean bought = plan.equals("gold") ? i % 5 != 0 : i % 4 == 0;
            text.append(i).append(',').append(20 + i % 50).append(',').append(plan).append(",0").append(1000 + i % 4)
                    .append(',').append(city).append(',').append(bought ? "yes" : "no").append('\n');
        }
        train = folder.resolve("shop.csv");
        Files.writeString(train, text.toString());
    }

    @Test
    void summaryAndExportShowNamesFromTheFileWithTheirInvisiblePartsEscaped() throws Exception {
        StringBuilder text = new StringBuilder("age,ci\u202Ety,num\u001b[31mRED,label\n");
        for (int i = 0; i < 40; i++) {
            text.append(20 + i % 7).append(',').append(i % 3 == 0 ? "Oslo" : "Lima").append(',').append(i % 5).append(',')
                    .append(i % 2 == 0 ? "yes\u200B" : "no").append('\n');
        }
        Path file = write("hostile.csv", text.toString());
        Path model = folder.resolve("m.zip");
        assertEquals(0, Run.of("train", "--data", file.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--out",
                model.toString()).exitCode());
        Run summary = Run.of("summary", "--model", model.toString());
        Run export = Run.of("export", "--model", model.toString(), "--out", folder.resolve("m.onnx").toString());
        for (Run run : List.of(summary, export)) {
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().chars().noneMatch(c -> c == 0x1b || c == 0x202E || c == 0x200B), run.out());
            assertTrue(run.out().contains("ci\\xE2\\x80\\xAEty"), run.out());
        }
        assertTrue(summary.out().contains("Features: age, ci\\xE2\\x80\\xAEty, num\\x1B[31mRED"), summary.out());
        assertTrue(summary.out().contains("Classes: 0 = no, 1 = yes\\xE2\\x80\\x8B"), summary.out());
        assertTrue(summary.out().contains("Missing numbers: filled with the training rows' means; a missing category has a slot "
                + "of its own"), summary.out());
    }

    private Path write(String name, String text) throws Exception {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void trainFindsTheTextColumnsTakesDeclaredOnesAndNotesTheCap() {
        Path model = folder.resolve("model.zip");
        Run trained = Run.of("train", "--data", train.toString(), "--drop", "id", "--categorical", "zip", "--max-categories", "3",
                "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("Read " + train + ": 300 rows, 4 features (3 categorical)"), trained.out());
        assertTrue(trained.out().contains("Categorical columns (one-hot over their categories, other, missing): plan (3), zip (3), "
                + "city (3)"), trained.out());
        // zip: 01000..01003, 75 rows each, so 75 rows past the 3 kept; city: Kyiv and Rome past Oslo, Lima, Pune
        assertTrue(trained.out().contains("Note: column \"zip\" has 4 distinct values; kept the 3 most frequent, and the file's 75 "
                + "rows (25.0%) with another go to the slot for other values (--max-categories)"), trained.out());
        assertTrue(trained.out().contains("Note: column \"city\" has 5 distinct values; kept the 3 most frequent"), trained.out());
        String summary = Run.of("summary", "--model", model.toString()).out();
        assertTrue(summary.contains("Input: 1 numeric, 3 categorical (one-hot, read by gathering weight rows): plan 3+2, zip 3+2, "
                + "city 3+2"), summary);
    }

    /** pandas' to_csv and R's write.csv write the row index first, with no name: in a file sorted by label, it is the label. */
    @Test
    void aColumnWithNoNameIsNotedAsARowIndexAndDropByItsEmptyName() throws Exception {
        StringBuilder text = new StringBuilder(",x,label\n");
        java.util.Random random = new java.util.Random(4);
        for (int i = 0; i < 100; i++) {
            double x = random.nextGaussian();
            text.append(i).append(',').append(x).append(',').append(x + random.nextGaussian() > 0 ? "yes" : "no").append('\n');
        }
        Path file = Files.writeString(folder.resolve("indexed.csv"), text);
        Run noted = Run.of("train", "--data", file.toString(), "--epochs", "1", "--out", folder.resolve("m.zip").toString());
        assertEquals(0, noted.exitCode(), noted.err());
        assertTrue(noted.out().contains("Note: feature column \"\" has no name, as the row index pandas and R write by default, and "
                + "counts up by one from row to row in the first rows as one does; leave it out: --drop ''"), noted.out());
        Run dropped = Run.of("train", "--data", file.toString(), "--drop", "", "--epochs", "1", "--out",
                folder.resolve("m2.zip").toString());
        assertEquals(0, dropped.exitCode(), dropped.err());
        assertFalse(dropped.out().contains("has no name"), dropped.out());
        assertEquals(List.of("x"), Model.load(folder.resolve("m2.zip")).inputSchema().featureNames());

        Run folds = Run.of("cv", "--data", file.toString(), "--folds", "3", "--epochs", "1");
        assertEquals(1, folds.out().split("has no name, as the row index", -1).length - 1, "once, not once a fold: " + folds.out());

        // read, shuffled and written by pandas: its index in another order, which counts nothing
        StringBuilder shuffled = new StringBuilder("Unnamed: 0,x,label\n");
        text.toString().lines().skip(1).forEach(row -> shuffled.append(Integer.parseInt(row.substring(0, row.indexOf(','))) * 37 % 100)
                .append(row.substring(row.indexOf(','))).append('\n'));
        Path pandas = Files.writeString(folder.resolve("read-and-written.csv"), shuffled);
        Run again = Run.of("train", "--data", pandas.toString(), "--epochs", "1", "--out", folder.resolve("m3.zip").toString());
        assertTrue(again.out().contains("Note: feature column \"Unnamed: 0\" has pandas' name for none, as the row index pandas and R "
                + "write by default; if it numbers the rows, leave it out: --drop 'Unnamed: 0'"), again.out());
    }

    /** A number column that counts the rows, as Titanic's PassengerId does, is noted with the flag that leaves it out. */
    @Test
    void aColumnThatCountsTheRowsIsNotedAsARowNumber() throws Exception {
        StringBuilder text = new StringBuilder("PassengerId,x,label\n");
        java.util.Random random = new java.util.Random(6);
        for (int i = 0; i < 100; i++) {
            double x = random.nextGaussian();
            text.append(i + 1).append(',').append(x).append(',').append(x + random.nextGaussian() > 0 ? "yes" : "no").append('\n');
        }
        Path file = Files.writeString(folder.resolve("passengers.csv"), text);
        Run noted = Run.of("train", "--data", file.toString(), "--epochs", "1", "--out", folder.resolve("m.zip").toString());
        assertEquals(0, noted.exitCode(), noted.err());
        assertTrue(noted.out().contains("Note: feature column \"PassengerId\" counts up by one from row to row in the first rows, as a "
                + "row number does, and tells the model where a row is in the file; if it numbers the rows, leave it out: "
                + "--drop PassengerId\n"), noted.out());
        Run folds = Run.of("cv", "--data", file.toString(), "--folds", "3", "--epochs", "1");
        assertEquals(1, folds.out().split("counts up by one", -1).length - 1, "once, not once a fold: " + folds.out());
        Run dropped = Run.of("train", "--data", file.toString(), "--drop", "PassengerId", "--epochs", "1", "--out",
                folder.resolve("m2.zip").toString());
        assertFalse(dropped.out().contains("counts up by one"), dropped.out());
        Run categories = Run.of("train", "--data", file.toString(), "--categorical", "PassengerId", "--epochs", "1", "--out",
                folder.resolve("m3.zip").toString());
        assertFalse(categories.out().contains("counts up by one"), "a column of categories has its own note: " + categories.out());

        // where --drop cannot name the column, the note names what can
        Run chosen = Run.of("train", "--data", file.toString(), "--features", "PassengerId,x", "--epochs", "1", "--out",
                folder.resolve("m4.zip").toString());
        assertTrue(chosen.out().contains("if it numbers the rows, leave it out of --features\n"), chosen.out());
        Path headless = Files.writeString(folder.resolve("headless.csv"), text.substring(text.indexOf("\n") + 1));
        Run noHeader = Run.of("train", "--data", headless.toString(), "--no-header", "--epochs", "1", "--out",
                folder.resolve("m5.zip").toString());
        assertTrue(noHeader.out().contains("Note: feature column \"column 1\" counts up by one from row to row in the first rows, as "
                + "a row number does, and tells the model where a row is in the file; if it numbers the rows, leave it out of the file: "
                + "without a header row, --drop and --features cannot name it\n"), noHeader.out());
        Path comma = Files.writeString(folder.resolve("comma.csv"), "\"id,no\"" + text.substring(text.indexOf(",")));
        Run split = Run.of("train", "--data", comma.toString(), "--epochs", "1", "--out", folder.resolve("m6.zip").toString());
        assertTrue(split.out().contains("Note: feature column \"id,no\" counts up by one from row to row in the first rows, as a row "
                + "number does, and tells the model where a row is in the file; if it numbers the rows, leave it out by naming the other "
                + "columns in --features (its name cannot be given to --drop)\n"), split.out());
    }

    /** "Yes", "yes" and "YES" are three categories, as scikit-learn's one-hot makes them; train says so, once a column. */
    @Test
    void valuesThatDifferOnlyInCaseAreNoted() throws Exception {
        StringBuilder text = new StringBuilder("married,colour,x,label\n");
        java.util.Random random = new java.util.Random(5);
        String[] married = {"yes", "Yes", "YES", "no", "No"};
        for (int i = 0; i < 200; i++) {
            double x = random.nextGaussian();
            text.append(married[i % married.length]).append(',').append(i % 2 == 0 ? "red" : "blue").append(',').append(x).append(',')
                    .append(x + random.nextGaussian() > 0 ? "yes" : "no").append('\n');
        }
        Path file = Files.writeString(folder.resolve("cased.csv"), text);
        Run noted = Run.of("train", "--data", file.toString(), "--epochs", "1", "--out", folder.resolve("m.zip").toString());
        assertEquals(0, noted.exitCode(), noted.err());
        assertTrue(noted.out().contains("Note: values that differ only in case are categories of their own, each with its own weight, "
                + "in married (\"yes\", \"Yes\", \"YES\"; \"no\", \"No\"); if they mean one value, write them alike in the file\n"), noted.out());
        Run plain = Run.of("train", "--data", file.toString(), "--drop", "married", "--epochs", "1", "--out",
                folder.resolve("m2.zip").toString());
        assertFalse(plain.out().contains("differ only in case"), plain.out());
    }

    @Test
    void aModelTrainedWithoutAHeaderPredictsOnFilesWithoutOneByPlace() throws Exception {
        List<String> lines = Files.readAllLines(train);
        Path headless = Files.write(folder.resolve("headless.csv"), lines.subList(1, lines.size()));
        Path model = folder.resolve("headless.zip");
        Run trained = Run.of("train", "--data", headless.toString(), "--no-header", "--epochs", "2", "--accept-worse-than-base-rate",
                "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("column 3 (3), column 5 (5)"), trained.out()); // plan and city, by place
        Path unlabeled = Files.write(folder.resolve("unlabeled.csv"), lines.subList(1, lines.size()).stream()
                .map(line -> line.substring(0, line.lastIndexOf(','))).toList());
        List<String> predictions = new java.util.ArrayList<>();
        for (Path data : List.of(headless, unlabeled)) {
            Run predicted = Run.of("predict", "--model", model.toString(), "--data", data.toString(), "--no-header", "--out", "-");
            assertEquals(0, predicted.exitCode(), predicted.err());
            predictions.add(predicted.out());
        }
        assertEquals(301, predictions.get(0).lines().count(), "a header and a line per row");
        assertEquals(predictions.get(0), predictions.get(1), "with its label column or without");
        Run lastForgot = Run.of("predict", "--model", model.toString(), "--data", headless.toString(), "--out", "-");
        assertEquals(1, lastForgot.exitCode(), lastForgot.err());
        assertTrue(lastForgot.err().contains("(the model was trained on a file without a header row, its columns named by place: "
                + "give --no-header)"), lastForgot.err());

        // the label first: the model's features are columns 2 to 6, so its label was column 1, where predict looks for it
        Path labelFirst = Files.write(folder.resolve("label-first.csv"), lines.subList(1, lines.size()).stream()
                .map(line -> line.substring(line.lastIndexOf(',') + 1) + "," + line.substring(0, line.lastIndexOf(','))).toList());
        Path first = folder.resolve("label-first.zip");
        Run firstTrained = Run.of("train", "--data", labelFirst.toString(), "--no-header", "--label", "0", "--epochs", "2",
                "--accept-worse-than-base-rate", "--out", first.toString());
        assertEquals(0, firstTrained.exitCode(), firstTrained.err());
        List<String> firstPredictions = new java.util.ArrayList<>();
        for (String[] read : new String[][] {{labelFirst.toString()}, {labelFirst.toString(), "--label", "0"}, {unlabeled.toString()}}) {
            Run predicted = Run.of(java.util.stream.Stream.of(new String[] {"predict", "--model", first.toString(), "--no-header",
                    "--out", "-", "--data"}, read).flatMap(java.util.Arrays::stream).toArray(String[]::new));
            assertEquals(0, predicted.exitCode(), predicted.err());
            firstPredictions.add(predicted.out());
        }
        assertEquals(firstPredictions.get(1), firstPredictions.get(0), "the label's place from the model, as --label 0 says");
        assertEquals(firstPredictions.get(1), firstPredictions.get(2), "and the same rows without it");
        Run evaluated = Run.of("evaluate", "--model", first.toString(), "--data", labelFirst.toString(), "--no-header", "--json");
        Run told = Run.of("evaluate", "--model", first.toString(), "--data", labelFirst.toString(), "--no-header", "--label", "0",
                "--json");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertEquals(told.out(), evaluated.out());
        Run forgot = Run.of("predict", "--model", first.toString(), "--data", unlabeled.toString(), "--out", "-");
        assertEquals(1, forgot.exitCode(), forgot.err());
        assertTrue(forgot.err().contains("(the model was trained on a file without a header row, its columns named by place: give "
                + "--no-header)"), forgot.err());
    }

    @Test
    void predictRefusesAFileInAnotherEncodingAsTrainingDoes() throws Exception {
        Path model = folder.resolve("model.zip");
        assertEquals(0, Run.of("train", "--data", train.toString(), "--drop", "id", "--epochs", "1", "--accept-worse-than-base-rate",
                "--out", model.toString())
                .exitCode());
        // a row as Windows-1252 writes it: "Zürich" with ü as the single byte 0xFC
        byte[] row = "id,age,plan,zip,city,bought\n7,30,gold,01001,Z\u00fcrich,yes\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path latin = Files.write(folder.resolve("latin.csv"), row);
        for (String command : new String[] {"predict", "evaluate"}) {
            Run run = command.equals("predict")
                    ? Run.of("predict", "--model", model.toString(), "--data", latin.toString(), "--out", folder.resolve("p.csv").toString())
                    : Run.of("evaluate", "--model", model.toString(), "--data", latin.toString());
            assertEquals(1, run.exitCode(), command + ": " + run.out() + run.err());
            assertEquals("dense4j: " + latin + ", line 2, column 5 (\"city\"): not valid UTF-8: \"Z\\xFCrich\" (read as Windows-1252, as "
                    + "Excel saves a CSV file on Western systems, it is \"Z\u00fcrich\": if the whole file is, give --encoding "
                    + "windows-1252)", run.err().strip(), command);
        }
    }

    @Test
    void aCategoryOnlyTheValidationRowsHoldIsNotLearned() throws Exception {
        RowSelection training = RowSelection.training(0.5, 11);
        long heldOutRow = java.util.stream.LongStream.range(0, 40).filter(row -> !training.includes(row)).findFirst().orElseThrow();
        StringBuilder text = new StringBuilder("age,city,bought\n");
        for (int i = 0; i < 40; i++) {
            String city = i == heldOutRow ? "Nuuk" : i % 2 == 0 ? "Oslo" : "Lima";
            text.append(20 + i).append(',').append(city).append(',').append(i % 3 == 0 ? "yes" : "no").append('\n');
        }
        Path file = write("cities.csv", text.toString());
        Path model = folder.resolve("cities.zip");
        Run trained = Run.of("train", "--data", file.toString(), "--validation", "0.5", "--seed", "11", "--epochs", "1", "--accept-worse-than-base-rate",
                "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("Categorical columns (one-hot over their categories, other, missing): city (2)"),
                trained.out());
        Categories city = Model.load(model).inputSchema().categories().get("city");
        assertEquals(java.util.Set.of("Oslo", "Lima"), java.util.Set.copyOf(city.values())); // Nuuk, held out alone: "other"
    }

    /** Fifteen text columns: the notes name ten and count the rest, so that a wide file's output stays a few short lines. */
    @Test
    void aWideFilesCategoryNotesStayShort() throws Exception {
        StringBuilder rows = new StringBuilder();
        StringBuilder unseen = new StringBuilder();
        for (int c = 0; c < 15; c++) {
            rows.append('t').append(c).append(',');
            unseen.append("new,");
        }
        rows.append("label\n");
        unseen.insert(0, rows).append("1\n");
        for (int r = 0; r < 40; r++) {
            for (int c = 0; c < 15; c++) {
                rows.append("v").append((r + c) % 4).append(',');
            }
            rows.append(r % 2).append('\n');
        }
        Path wide = write("wide.csv", rows.toString());
        Path model = folder.resolve("wide.zip");
        Run trained = Run.of("train", "--data", wide.toString(), "--max-categories", "2", "--epochs", "1", "--accept-worse-than-base-rate",
                "--out", model.toString()); // the labels are noise
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("Categorical columns (one-hot over their categories, other, missing): t0 (2), t1 (2), t2 (2), "
                + "t3 (2), t4 (2), t5 (2), t6 (2), t7 (2), t8 (2), t9 (2) and 5 more\n"), trained.out());
        assertEquals(5, trained.out().lines().filter(line -> line.startsWith("Note: column \"t")).count(), trained.out());
        assertTrue(trained.out().contains("Note: 10 more columns have more distinct values than --max-categories 2 keeps; their rarer "
                + "values go to the slot for other values\n"), trained.out());
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", write("unseen.csv", unseen.toString()).toString(),
                "--out", folder.resolve("wide-p.csv").toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        assertTrue(predicted.out().contains(UNKNOWN_CATEGORIES + "1: t0 1, t1 1, "
                + "t2 1, t3 1, t4 1, t5 1, t6 1, t7 1, t8 1, t9 1 and 5 more\n"), predicted.out());
    }

    @Test
    void evaluateReadsTheModelsLabelWhicheverColumnsTheFlagsChoose() throws Exception {
        Path model = folder.resolve("model.zip");
        assertEquals(0, Run.of("train", "--data", train.toString(), "--drop", "id", "--out", model.toString()).exitCode());
        // the training file with a 0/1 column after the label: read as the label, the model would be scored against it
        StringBuilder extended = new StringBuilder();
        List<String> lines = Files.readAllLines(train);
        for (int i = 0; i < lines.size(); i++) {
            extended.append(lines.get(i)).append(',').append(i == 0 ? "promo" : String.valueOf(i % 2)).append('\n');
        }
        Path later = write("extended.csv", extended.toString());
        String byName = Run.of("evaluate", "--model", model.toString(), "--data", later.toString(), "--json").out();
        for (String[] flags : new String[][] {{"--features", "age,plan,zip,city"}, {"--drop", "id,promo"}}) {
            Run chosen = Run.of("evaluate", "--model", model.toString(), "--data", later.toString(), "--json", flags[0], flags[1]);
            assertEquals(0, chosen.exitCode(), chosen.err());
            assertEquals(byName, chosen.out(), String.join(" ", flags));
        }
        // a model that does not name its label (one saved by an older dense4j, or built in Java without it): said which it reads
        Model unnamed = Model.load(model);
        unnamed.setInputSchema(unnamed.inputSchema().withLabelName(null));
        Path unnamedFile = folder.resolve("unnamed.zip");
        unnamed.save(unnamedFile);
        Run guessed = Run.of("evaluate", "--model", unnamedFile.toString(), "--data", later.toString());
        assertEquals(1, guessed.exitCode());
        assertTrue(guessed.err().endsWith("extended.csv, line 2, column 7 (\"promo\"): label \"1\" is none of the model's classes, "
                + "\"no\" and \"yes\"\n"), guessed.err());
        Path yesNo = write("yes-no.csv", extended.toString().replaceAll(",0\n", ",no\n").replaceAll(",1\n", ",yes\n"));
        guessed = Run.of("evaluate", "--model", unnamedFile.toString(), "--data", yesNo.toString());
        assertEquals(0, guessed.exitCode(), guessed.err());
        assertTrue(guessed.out().startsWith("Note: " + unnamedFile + " does not name the label column it was trained on, so the last "
                + "column, \"promo\", is read as the label; --label names another\n"), guessed.out());
        Run told = Run.of("evaluate", "--model", unnamedFile.toString(), "--data", later.toString(), "--label", "bought", "--json");
        assertEquals(byName, told.out());
        Run both = Run.of("train", "--data", train.toString(), "--features", "age,plan", "--drop", "id");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().startsWith("dense4j: --features and --drop each choose the feature columns: give one of them"),
                both.err());
    }

    @Test
    void evaluateAndPredictSayHowManyRowsHadACategoryTheModelDoesNotKnow() throws Exception {
        Path model = folder.resolve("model.zip");
        assertEquals(0, Run.of("train", "--data", train.toString(), "--drop", "id", "--out", model.toString()).exitCode());
        Path later = write("later.csv", """
                bought,city,plan,age,zip,id
                yes,Oslo,gold,30,01000,1
                no,Paris,platinum,41,01001,2
                yes,Paris,,35,01002,3
                no,Lima,basic,50,01003,4
                """);
        Run evaluated = Run.of("evaluate", "--model", model.toString(), "--data", later.toString());
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().contains(UNKNOWN_CATEGORIES + "4: plan 1, "
                + "city 2"), evaluated.out());
        Path out = folder.resolve("p.csv");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", later.toString(), "--keep", "id,city",
                "--out", out.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        assertTrue(predicted.out().contains(UNKNOWN_CATEGORIES + "4: plan 1, "
                + "city 2"), predicted.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals(5, lines.size());
        assertTrue(lines.get(2).startsWith("2,Paris,"), lines.get(2));
    }

    @Test
    void aColumnOfNumbersInTrainingThatHoldsTextLaterIsOneLine() throws Exception {
        Path model = folder.resolve("model.zip");
        assertEquals(0, Run.of("train", "--data", train.toString(), "--drop", "id", "--out", model.toString()).exitCode());
        Path later = write("later.csv", "id,age,plan,zip,city,bought\n1,30,gold,01000,Oslo,yes\n2,old,gold,01000,Oslo,no\n");
        for (String command : List.of("evaluate", "predict")) {
            Run run = command.equals("evaluate") ? Run.of("evaluate", "--model", model.toString(), "--data", later.toString())
                    : Run.of("predict", "--model", model.toString(), "--data", later.toString(), "--out", folder.resolve("p.csv").toString());
            assertEquals(1, run.exitCode(), command);
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().contains(later + ", line 3, column 2 (\"age\"): expected a number, got \"old\" (to read the "
                    + "column as categories, declare it categorical when training: --categorical age)"), run.err()); // a model's columns are fixed
        }
    }

    @Test
    void aCategoricalColumnWithNoValuesIsOneLine() throws Exception {
        Path empty = write("empty.csv", "x,notes,y\n1,,a\n2,NA,b\n3,,a\n4,,b\n");
        Run run = Run.of("train", "--data", empty.toString(), "--categorical", "notes", "--out", folder.resolve("m.zip").toString());
        assertEquals(1, run.exitCode(), run.out());
        assertEquals(empty + ": categorical column \"notes\" has no values, only missing cells; leave it out (--drop notes)",
                run.err().strip().replaceFirst("^dense4j: ", ""));
    }

    @Test
    void aModelWhoseCategoriesEndInBlanksIsNotedWhenItScores() throws Exception {
        // as a model trained before quoted cells were read without their blanks keeps them: "CA  "
        Map<String, Categories> categories = Map.of("state", new Categories(List.of("CA  ", "TX")));
        Path model = folder.resolve("padded.zip");
        new io.dense4j.model.Sequential(new io.dense4j.layer.Dense(1, new io.dense4j.layer.Sigmoid())).compile(
                new io.dense4j.model.InputSchema(List.of("x", "state"), List.of("no", "yes"), null, "y", categories),
                new io.dense4j.loss.BinaryCrossEntropy(), new io.dense4j.optim.SGD(0.1), io.dense4j.model.CompileOptions.defaults())
                .save(model);
        Path rows = write("padded.csv", "x,state,y\n1,\"CA  \",no\n2,TX,yes\n");
        String note = "Note: " + model + " keeps categories with blanks at their ends in state, as dense4j once read quoted cells; "
                + "cells are now read without them, so those categories match no cell: train the model again\n";
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", rows.toString(), "--out",
                folder.resolve("p.csv").toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        assertTrue(predicted.out().contains(note), predicted.out());
        Run evaluated = Run.of("evaluate", "--model", model.toString(), "--data", rows.toString());
        assertTrue(evaluated.out().contains(note), evaluated.out());
    }

    @Test
    void declaringATextColumnNumericStopsAtItsFirstText() {
        Run run = Run.of("train", "--data", train.toString(), "--numeric", "city", "--out", folder.resolve("m.zip").toString());
        assertEquals(1, run.exitCode(), run.out());
        // the usual hint, to declare the column categorical, would ignore the flag that asked for numbers
        assertEquals("dense4j: " + train + ", line 2, column 5 (\"city\"): expected a number, got \"Oslo\" (the column is read as "
                + "numbers because --numeric names it; leave it out there to read the column as "
                + "categories)", run.err().lines().findFirst().orElse(""));
        Run both = Run.of("train", "--data", train.toString(), "--numeric", "city", "--categorical", "city", "--out",
                folder.resolve("m.zip").toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("--categorical and --numeric both name city"), both.err());
    }

    @Test
    void aLabelColumnOfThreeValuesIsOneLine() throws Exception {
        Path three = write("three.csv", "x,plan,y\n1,gold,a\n2,basic,b\n3,gold,c\n");
        Run run = Run.of("train", "--data", three.toString(), "--out", folder.resolve("m.zip").toString());
        assertEquals(1, run.exitCode(), run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("\"c\""), run.err());
    }

    @Test
    void aTextColumnOfOneValueIsNoted() throws Exception {
        StringBuilder text = new StringBuilder("x,country,plan,label\n");
        for (int row = 0; row < 200; row++) {
            text.append(row % 7).append(",US,").append(row % 3 == 0 ? "" : "basic").append(',').append(row % 2).append('\n');
        }
        Run trained = Run.of("train", "--data", write("one-country.csv", text.toString()).toString(), "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", folder.resolve("one.zip").toString());
        assertEquals(0, trained.exitCode(), trained.err());
        // plan has one value too, but its missing cells tell rows apart
        assertTrue(trained.out().contains("Note: categorical column country holds \"US\" in every row, so the model "
                + "learns nothing from it, and a later file's other values or missing cells move its predictions; --drop leaves it "
                + "out\n"), trained.out());
        assertTrue(!trained.out().contains("plan (\"basic\")"), trained.out());
    }

    @Test
    void aColumnOfTextFirstAndNumbersAfterIsNoted() throws Exception {
        StringBuilder text = new StringBuilder("x,reading,label\n");
        for (int row = 0; row < 3_200; row++) { // "n/a"-like text in the first rows, then readings
            text.append(row % 7).append(',').append(row < 1_200 ? (row % 2 == 0 ? "pending" : "unread") : String.valueOf(row % 97 * 1.5))
                    .append(',').append(row % 2).append('\n');
        }
        Run trained = Run.of("train", "--data", write("readings.csv", text.toString()).toString(), "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", folder.resolve("r.zip").toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("Note: column \"reading\" is read as categories for the text in its first rows, but 2,000 "
                + "of its 3,200 rows with a value hold a number; --numeric reading reads it as numbers"), trained.out());
        Run declared = Run.of("train", "--data", folder.resolve("readings.csv").toString(), "--categorical", "reading", "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", folder.resolve("d.zip").toString());
        assertTrue(!declared.out().contains("is read as categories for the text"), "declared categorical: " + declared.out());
    }

    @Test
    void notesEscapeAHeadersControlCharactersAndNeverRoundAShareToAWholeOne() {
        var bytes = new java.io.ByteArrayOutputStream();
        ColumnOptions.noteUnknown(java.util.Map.of("ci\u001b[31mty", 3L), 10, new java.io.PrintStream(bytes, true,
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(UNKNOWN_CATEGORIES + "10: ci\\x1B[31mty 3",
                bytes.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
        assertEquals("over 99.9%", ColumnOptions.share(1_499_900, 1_500_000));
        assertEquals("under 0.1%", ColumnOptions.share(1, 1_500_000));
        assertEquals("100.0%", ColumnOptions.share(7, 7));
        assertEquals("25.0%", ColumnOptions.share(1, 4));
    }
}
