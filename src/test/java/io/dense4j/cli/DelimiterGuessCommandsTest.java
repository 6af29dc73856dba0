package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file of semicolons or tabs is read as its first line shows, unless --delimiter says otherwise. */
class DelimiterGuessCommandsTest {
    @TempDir
    Path folder;

    /** A table as a German spreadsheet saves it: semicolons, decimal commas, points between thousands. */
    private Path german(String name, int rows) throws Exception {
        StringBuilder csv = new StringBuilder("alter;einkommen;stadt;kauf\n");
        for (int r = 0; r < rows; r++) {
            csv.append(20 + r % 40).append(';').append(1 + r % 3).append('.').append(100 + r % 900).append(',').append(r % 10)
                    .append(';').append(r % 3 == 0 ? "Köln" : "Berlin").append(';').append((r % 40 + r % 3) % 2 == 0 ? "ja" : "nein")
                    .append('\n');
        }
        return Files.writeString(folder.resolve(name), csv);
    }

    @Test
    void aSemicolonFileTrainsWithItsNumberFlagsAloneAndScoresWithNone() throws Exception {
        Path train = german("kauf.csv", 300);
        Path model = folder.resolve("m.zip");
        Run trained = Run.of("train", "--data", train.toString(), "--decimal", ",", "--thousands", ".", "--epochs", "2",
                "--accept-worse-than-base-rate", "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().startsWith("Delimiter: ';', which cuts the first lines into fields where the comma does not (--delimiter sets it)\n"
                + "Read " + train + ": 300 rows, 3 features (1 categorical)"), trained.out());

        Path unseen = Files.writeString(folder.resolve("neu.csv"), "alter;einkommen;stadt\n30;2.345,5;Köln\n");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", unseen.toString(), "--out",
                folder.resolve("p.csv").toString());
        assertEquals(0, predicted.exitCode(), "the model's number format, the file's delimiter: " + predicted.err());
        assertEquals(2, Files.readAllLines(folder.resolve("p.csv")).size());
        Path points = Files.writeString(folder.resolve("points.csv"), "alter;einkommen;stadt\n30;2345.5;Köln\n");
        Run pointed = Run.of("predict", "--model", model.toString(), "--data", points.toString(), "--out", folder.resolve("q.csv").toString());
        assertEquals(1, pointed.exitCode());
        assertTrue(pointed.err().contains("expected a number with a decimal comma, got \"2345.5\" (a decimal point? read the file with "
                + "--decimal '.', without --thousands '.'"), "a flag to give, not the model's to leave out: " + pointed.err());
        Run asTold = Run.of("predict", "--model", model.toString(), "--data", points.toString(), "--decimal", ".", "--out",
                folder.resolve("q.csv").toString());
        assertEquals(0, asTold.exitCode(), asTold.err());
        Run evaluated = Run.of("evaluate", "--model", model.toString(), "--data", train.toString());
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        Run verified = Run.of("verify", "--model", model.toString(), "--data", train.toString());
        assertEquals(0, verified.exitCode(), "the rerun reads the first line as the run did: " + verified.out() + verified.err());

        Run told = Run.of("train", "--data", train.toString(), "--delimiter", ",", "--out", folder.resolve("n.zip").toString());
        assertEquals(1, told.exitCode());
        assertTrue(told.err().contains("found 1 column; a labeled CSV needs at least one feature and a label (its header reads as one "
                + "column, \"alter;einkommen;stadt;kauf\": is the delimiter ';'? give --delimiter ';')"), "a given flag is kept: " + told.err());
    }

    @Test
    void aGermanSpreadsheetTrainsScoresAndResumesWithNoFlags() throws Exception {
        Path data = german("kauf.csv", 300);
        Path checkpoint = folder.resolve("ck.zip");
        Path model = folder.resolve("m.zip");
        Run trained = Run.of("train", "--data", data.toString(), "--epochs", "2", "--accept-worse-than-base-rate", "--checkpoint",
                checkpoint.toString(), "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().startsWith("Delimiter: ';', which cuts the first lines into fields where the comma does not (--delimiter sets it)\n"
                + "Decimal: ',' and thousands '.', as numbers such as 1.100,0 in the first lines show (--decimal and --thousands set them)\n"
                + "Read " + data + ": 300 rows, 3 features (1 categorical)"), trained.out());
        Run summary = Run.of("summary", "--model", model.toString());
        assertTrue(summary.out().contains(", its numbers with a decimal comma and points between thousands (evaluate and predict read "
                + "their files so, unless --decimal or --thousands say otherwise)\n"), summary.out());

        Run flagged = Run.of("train", "--data", data.toString(), "--decimal", ",", "--thousands", ".", "--epochs", "2",
                "--accept-worse-than-base-rate", "--out", folder.resolve("f.zip").toString());
        assertEquals(0, flagged.exitCode(), flagged.err());
        assertTrue(!flagged.out().contains("Decimal:"), flagged.out());
        Run[] predictions = new Run[2];
        for (int m = 0; m < 2; m++) {
            predictions[m] = Run.of("predict", "--model", folder.resolve(m == 0 ? "m.zip" : "f.zip").toString(), "--data", data.toString(),
                    "--out", "-");
            assertEquals(0, predictions[m].exitCode(), predictions[m].err());
            assertTrue(!predictions[m].out().contains("Decimal:"), "the model's numbers, not a guess: " + predictions[m].out());
        }
        assertEquals(predictions[1].out(), predictions[0].out(), "guessed or given, the same model");

        Run resumed = Run.of("train", "--data", data.toString(), "--epochs", "4", "--accept-worse-than-base-rate", "--checkpoint",
                checkpoint.toString(), "--resume", "--out", folder.resolve("r.zip").toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(!resumed.out().contains("Decimal:"), "the checkpoint's numbers: " + resumed.out());
        Run verified = Run.of("verify", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().contains(" --decimal , --thousands . --categorical stadt --data "), "read as the model's data was: " + verified.out());
        Run cv = Run.of("cv", "--data", data.toString(), "--folds", "2", "--epochs", "1", "--accept-worse-than-base-rate");
        assertEquals(0, cv.exitCode(), cv.err());
        assertTrue(cv.out().contains("Decimal: ',' and thousands '.'"), cv.out());
    }

    @Test
    void aDecimalPointInTheFirstLinesKeepsThePointAndTheReadNamesTheFlag() throws Exception {
        Path mixed = Files.writeString(folder.resolve("mixed.csv"), "a;b;label\n7.4;1;0\n2,5;3;1\n");
        Run refused = Run.of("train", "--data", mixed.toString(), "--out", folder.resolve("m.zip").toString());
        assertEquals(1, refused.exitCode());
        assertTrue(!refused.out().contains("Decimal:"), refused.out());
        assertTrue(refused.err().contains("mixed.csv, line 3, column 1 (\"a\"): expected a number, got \"2,5\" (a decimal comma? read the "
                + "file with --decimal ','"), refused.err());
        Path either = Files.writeString(folder.resolve("either.csv"), "a;b;label\n62,882;1;0\n12;3;1\n");
        Run ambiguous = Run.of("train", "--data", either.toString(), "--out", folder.resolve("m.zip").toString());
        assertEquals(1, ambiguous.exitCode());
        assertTrue(ambiguous.err().contains("got \"62,882\" (a decimal comma? read the file with --decimal ','; or thousands separators? "
                + "read it with --thousands ','"), ambiguous.err());
    }

    @Test
    void onlyTheNumberFeaturesSayHowNumbersAreWritten() throws Exception {
        StringBuilder csv = new StringBuilder("sample;weight;tags;label\n");
        for (int r = 0; r < 300; r++) { // tags such as 1,2 (a list, not a number); weights with three decimals after a point
            csv.append("S").append(r).append(';').append(1 + r % 8).append('.').append(100 + r % 900).append(';')
                    .append(r % 4 == 0 ? "2" : (1 + r % 5) + "," + (r % 7)).append(';').append(r % 8 < 4 ? 0 : 1).append('\n');
        }
        Path data = Files.writeString(folder.resolve("lab.csv"), csv);
        for (String[] leftOut : new String[][] {{"--categorical", "tags"}, {"--drop", "tags"}, {"--features", "sample,weight"}}) {
            Run trained = Run.of("train", "--data", data.toString(), leftOut[0], leftOut[1], "--epochs", "1", "--accept-worse-than-base-rate",
                    "--out", folder.resolve("m.zip").toString());
            assertEquals(0, trained.exitCode(), trained.err());
            assertTrue(!trained.out().contains("Decimal:"), String.join(" ", leftOut) + ": " + trained.out());
        }
        Run summary = Run.of("summary", "--model", folder.resolve("m.zip").toString());
        assertTrue(!summary.out().contains("decimal comma"), summary.out());

        Path late = Files.writeString(folder.resolve("late.csv"), "a;b;label\n" + "12,5;1;0\n13,5;2;1\n".repeat(125) + "1.234,5;2;1\n");
        Run stopped = Run.of("train", "--data", late.toString(), "--out", folder.resolve("l.zip").toString());
        assertEquals(1, stopped.exitCode());
        assertTrue(stopped.err().contains("got \"1.234,5\" (thousands separators? read the file with --thousands '.'"), stopped.err());
        Run told = Run.of("train", "--data", late.toString(), "--thousands", ".", "--epochs", "1", "--accept-worse-than-base-rate",
                "--out", folder.resolve("l.zip").toString());
        assertEquals(0, told.exitCode(), "the hint's flag alone, the comma still taken from the first lines: " + told.err());
        assertTrue(told.out().contains("Decimal: ',', as numbers such as 12,5 in the first lines show (--decimal sets it)\n"), told.out());
        Path unseen = Files.writeString(folder.resolve("unseen.csv"), "a;b\n2.345,5;1\n");
        Run predicted = Run.of("predict", "--model", folder.resolve("l.zip").toString(), "--data", unseen.toString(), "--out", "-");
        assertEquals(0, predicted.exitCode(), predicted.err());
        Run commaModel = Run.of("train", "--data", late.toString(), "--decimal", ",", "--skip-bad-rows", "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", folder.resolve("c.zip").toString());
        assertEquals(0, commaModel.exitCode(), commaModel.err());
        for (String[] command : new String[][] {{"predict", "--model", folder.resolve("c.zip").toString(), "--data", unseen.toString(),
            "--thousands", ".", "--out", "-"}, {"evaluate", "--model", folder.resolve("c.zip").toString(), "--data", late.toString(),
            "--thousands", "."}}) {
            Run run = Run.of(command);
            assertEquals(0, run.exitCode(), "--thousands '.' with the model's decimal comma: " + run.err());
        }
        Run pointModel = Run.of("predict", "--model", folder.resolve("m.zip").toString(), "--data", data.toString(), "--thousands", ".",
                "--out", "-");
        assertEquals(2, pointModel.exitCode());
        assertTrue(pointModel.err().contains("--thousands '.' goes with a decimal comma (3.449,45): give --decimal ',' too"), pointModel.err());
    }

    @Test
    void aTabFileFromAPipe() throws Exception {
        Path tsv = Files.writeString(folder.resolve("rows.tsv"), "a\tb\tlabel\n1\t2\t0\n3\t4\t1\n5\t1\t0\n2\t6\t1\n");
        Run trained = Run.of("train", "--data", tsv.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--out",
                folder.resolve("t.zip").toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().startsWith("Delimiter: a tab, which cuts the first lines into fields"), trained.out());
        Run piped = Run.withInput(Files.readAllBytes(tsv), "predict", "--model", folder.resolve("t.zip").toString(), "--data", "-",
                "--out", "-");
        assertEquals(0, piped.exitCode(), piped.err());
        assertEquals(5, piped.out().lines().count(), piped.out());
        assertTrue(piped.err().contains("Delimiter: a tab"), piped.err());
    }

    @Test
    void decimalCommasAloneLeaveTheDelimiterToTheFirstLineInEveryCommandAndAResume() throws Exception {
        Path data = german("kauf.csv", 300);
        Path checkpoint = folder.resolve("ck.zip");
        Path model = folder.resolve("m.zip");
        String[] numbers = {"--decimal", ",", "--thousands", "."};
        Run trained = Run.of(with(numbers, "train", "--data", data.toString(), "--epochs", "2", "--accept-worse-than-base-rate",
                "--checkpoint", checkpoint.toString(), "--out", model.toString()));
        assertEquals(0, trained.exitCode(), trained.err());
        for (String[] command : new String[][] {{"evaluate", "--model", model.toString(), "--data", data.toString()},
            {"predict", "--model", model.toString(), "--data", data.toString(), "--out", folder.resolve("p.csv").toString()},
            {"train", "--data", data.toString(), "--epochs", "4", "--accept-worse-than-base-rate", "--checkpoint", checkpoint.toString(),
                "--resume", "--out", folder.resolve("r.zip").toString()}}) {
            Run run = Run.of(with(numbers, command));
            assertEquals(0, run.exitCode(), command[0] + ": " + run.err());
        }
        Run piped = Run.withInput(Files.readAllBytes(data), with(numbers, "predict", "--model", model.toString(), "--data", "-",
                "--out", "-"));
        assertEquals(0, piped.exitCode(), piped.err());
    }

    @Test
    void aResumeReadsTheFileAsItsRunDidAndAModelsOneColumnKeepsItsComma() throws Exception {
        StringBuilder tsv = new StringBuilder("dose;mg\tweight;kg\tlabel\n"); // semicolons in the names, tabs between them
        for (int r = 0; r < 200; r++) {
            tsv.append(r % 7).append('\t').append(50 + r % 30).append('\t').append((r % 7 + r % 3) % 2).append('\n');
        }
        Path data = Files.writeString(folder.resolve("doses.tsv"), tsv);
        Run guessed = Run.of("train", "--data", data.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--out",
                folder.resolve("g.zip").toString());
        assertEquals(0, guessed.exitCode(), "the rows bear out the tabs, not the semicolons: " + guessed.err());
        assertTrue(guessed.out().startsWith("Delimiter: a tab,"), guessed.out());
        Path checkpoint = folder.resolve("ck.zip");
        assertEquals(0, Run.of("train", "--data", data.toString(), "--delimiter", "\\t", "--epochs", "2", "--accept-worse-than-base-rate",
                "--checkpoint", checkpoint.toString(), "--out", folder.resolve("m.zip").toString()).exitCode());
        Run resumed = Run.of("train", "--data", data.toString(), "--epochs", "4", "--accept-worse-than-base-rate", "--checkpoint",
                checkpoint.toString(), "--resume", "--out", folder.resolve("r.zip").toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(!resumed.out().contains("Delimiter:"), "the checkpoint's run gave --delimiter: " + resumed.out());

        Path one = Files.writeString(folder.resolve("one.csv"), "dose;mg,label\n1,0\n2,1\n3,0\n4,1\n");
        Path model = folder.resolve("one.zip");
        assertEquals(0, Run.of("train", "--data", one.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--out",
                model.toString()).exitCode());
        Path unseen = Files.writeString(folder.resolve("unseen.csv"), "dose;mg\n5\n6\n");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", unseen.toString(), "--out", "-");
        assertEquals(0, predicted.exitCode(), "one column, the model's, named by the comma reading: " + predicted.err());
        assertEquals(3, predicted.out().lines().count(), predicted.out());
    }

    private static String[] with(String[] more, String... command) {
        String[] all = java.util.Arrays.copyOf(command, command.length + more.length);
        System.arraycopy(more, 0, all, command.length, more.length);
        return all;
    }
}
