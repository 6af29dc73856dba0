package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.csv.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line fails fast and says one clear thing (issue 17): each case here printed pages, exited 0 or 1, or allocated gigabytes. */
class FailFastCommandsTest {
    @TempDir
    Path folder;

    private Path small() throws IOException {
        return Files.writeString(folder.resolve("small.csv"), "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n");
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Test
    void aUsageErrorIsOneLineAndAPointerToHelpWithExitTwo() throws IOException {
        String data = small().toString();
        String[][] cases = {
            {"--epochs", "0"}, {"--epochs", "-3"}, {"--early-stopping", "0"}, {"--batch-size", "-1"}, {"--lerning-rate", "0.1"},
            {"--sync", "averaging"}, {"--delimiter", "ab"}, {"--delimiter", "¦"}, {"--out", "-"}, {"--out", "/dev/stdout"}, {"--stratify"},
            {"--validation", "1"}, {"--validation", "-0.1", "--threshold-for", "f1"},
        };
        String[] says = {
            "dense4j: --epochs takes a number of passes >= 1, got 0",
            "dense4j: --epochs takes a number of passes >= 1, got -3",
            "dense4j: --early-stopping takes a number of epochs >= 1, got 0",
            "dense4j: --batch-size takes a number of rows >= 1, or 0 for full batch, got -1",
            "dense4j: Unknown options: '--lerning-rate', '0.1'",
            "dense4j: --sync is for training on Spark: give --spark MASTER too",
            "dense4j: --delimiter must be one ASCII character, got \"ab\"",
            "dense4j: --delimiter must be one ASCII character, got \"¦\"",
            "dense4j: --out -: this output is a file, not standard output; give a file name",
            "dense4j: --out /dev/stdout: this output is a file, not standard output; give a file name",
            "dense4j: --stratify keeps each class's share on both sides of the validation split: give --validation too, e.g. "
                    + "--validation 0.2",
            "dense4j: --validation takes a fraction in [0, 1), got 1.0",
            "dense4j: --validation takes a fraction in [0, 1), got -0.1",
        };
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 3];
            args[0] = "train";
            args[1] = "--data";
            args[2] = data;
            System.arraycopy(cases[i], 0, args, 3, cases[i].length);
            Run run = Run.of(args);
            assertEquals(2, run.exitCode(), run.err());
            assertEquals(List.of(says[i], "see 'dense4j train --help'"), lines(run.err()));
        }
    }

    @Test
    void generateWritesFilesNotStandardOutput() {
        for (String out : new String[] {"-", "/dev/stdout"}) {
            Run run = Run.of("generate", "--rows", "3", "--features", "2", "--out", out);
            assertEquals(2, run.exitCode(), run.err());
            assertEquals(List.of("dense4j: --out " + out + ": this output is a file, not standard output; give a file name",
                    "see 'dense4j generate --help'"), lines(run.err()));
        }
    }

    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept() throws IOException {
        Path data = small();
        Path model = folder.resolve("model.zip");
        assertEquals(0, Run.of("train", "--data", data.toString(), "--epochs", "1", "--out", model.toString()).exitCode());
        byte[] rows = Files.readAllBytes(data);
        byte[] weights = Files.readAllBytes(model);
        String[][] commands = {
            {"train", "--data", data.toString(), "--out", data.toString()},
            {"train", "--data", folder.toString(), "--out", data.toString()}, // the folder holds it
            {"train", "--data", data.toString(), "--checkpoint", data.toString()},
            {"train", "--data", data.toString(), "--checkpoint", model.toString(), "--out", model.toString()},
            {"predict", "--model", model.toString(), "--data", data.toString(), "--out", data.toString()},
            {"predict", "--model", model.toString(), "--data", data.toString(), "--out", model.toString()},
            {"export", "--model", model.toString(), "--out", folder.resolve("./model.zip").toString()},
        };
        for (String[] command : commands) {
            Run run = Run.of(command);
            assertEquals(2, run.exitCode(), String.join(" ", command) + ": " + run.err());
            assertTrue(lines(run.err()).get(0).matches("dense4j: --(out|checkpoint) .* is a file this command reads: writing it would "
                    + "replace it; give another file"), run.err());
        }
        assertArrayEquals(rows, Files.readAllBytes(data));
        assertArrayEquals(weights, Files.readAllBytes(model));
    }

    @Test
    void aBadCsvFlagIsAUsageErrorInEveryCommandThatReadsData() throws IOException {
        String data = small().toString();
        String model = folder.resolve("not-read.zip").toString(); // the flags are checked before the model is loaded
        String[][] commands = {
            {"train", "--data", data}, {"cv", "--data", data}, {"evaluate", "--model", model, "--data", data},
            {"predict", "--model", model, "--data", data, "--out", folder.resolve("p.csv").toString()},
        };
        for (String[] command : commands) {
            for (String[] flag : new String[][] {{"--delimiter", "ab"}, {"--delimiter", ""}, {"--features", "a,a"},
                    {"--decimal", ";"}, {"--delimiter", ",", "--decimal", ","}, {"--delimiter", "."}, {"--label", "99999999999"},
                    {"--thousands", ";"}, {"--thousands", ".", "--decimal", "."}}) {
                Run run = Run.of(java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.Arrays.stream(flag))
                        .toArray(String[]::new));
                assertEquals(2, run.exitCode(), command[0] + " " + String.join(" ", flag) + ": " + run.err());
                assertEquals("see 'dense4j " + command[0] + " --help'", lines(run.err()).get(1), run.err());
            }
        }
        // --decimal ',' alone leaves the delimiter to the file's first line: a comma file's is a usage error once read
        Run commaFile = Run.of("train", "--data", data, "--decimal", ",");
        assertEquals(2, commaFile.exitCode(), commaFile.err());
        assertTrue(commaFile.err().startsWith("dense4j: --decimal ',' needs another --delimiter, such as ';'"), commaFile.err());
        String[] predict = {"predict", "--model", model, "--data", data, "--out", folder.resolve("p.csv").toString()};
        Run skipping = Run.of(java.util.stream.Stream.concat(java.util.Arrays.stream(predict), java.util.stream.Stream.of("--skip-bad-rows"))
                .toArray(String[]::new));
        assertEquals(2, skipping.exitCode(), skipping.err());
        assertEquals("dense4j: predict writes one line per input row, so it cannot skip bad rows: leave out --skip-bad-rows",
                lines(skipping.err()).get(0));
        for (String command : new String[] {"train", "cv", "evaluate", "predict"}) {
            Run help = Run.of(command, "--help");
            assertEquals(0, help.exitCode(), help.err());
            assertEquals(!command.equals("predict"), help.out().contains("--skip-bad-rows"), command + " --help: " + help.out());
        }
        Run twice = Run.of(java.util.stream.Stream.concat(java.util.Arrays.stream(predict), java.util.stream.Stream.of("--keep", "a,b,a"))
                .toArray(String[]::new));
        assertEquals(2, twice.exitCode(), twice.err());
        assertEquals("dense4j: --keep names a column twice: a,b,a", lines(twice.err()).get(0));
    }

    @Test
    void threadsAndPartsAreCheckedBeforeTheDataIsRead() {
        Run run = Run.of("train", "--data", "no-such-file.csv", "--threads", "0");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(List.of("dense4j: --threads takes a number >= 1, got 0", "see 'dense4j train --help'"), lines(run.err()));
    }

    @Test
    void anUnknownCommandIsAnErrorEvenWithHelpAndVersionAndHelpWork() {
        Run unknown = Run.of("deploy", "--help");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("dense4j: unknown command \"deploy\"; the commands are train, cv, evaluate"), unknown.err());
        assertEquals(1, lines(unknown.err()).size());
        Run version = Run.of("--version");
        assertEquals(0, version.exitCode());
        assertEquals("dense4j 0.1.0", version.out().strip());
        Run help = Run.of("help", "train");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: dense4j train"), help.out());
    }

    @Test
    void layersTooLargeToHoldAreRefusedNamingTheLayerBeforeAnyAllocation() throws IOException {
        String data = small().toString();
        Run huge = Run.of("train", "--data", data, "--layers", "2147483647");
        assertEquals(2, huge.exitCode(), huge.err());
        assertEquals("dense4j: --layers: hidden layer 1 (2,147,483,647 units after 2 inputs) brings the model to 6,442,450,941 "
                + "parameters; dense4j holds at most 2,147,483,639", lines(huge.err()).get(0));
        Run wide = Run.of("train", "--data", data, "--layers", "50000,50000");
        assertEquals(2, wide.exitCode(), wide.err());
        assertTrue(wide.err().startsWith("dense4j: --layers: hidden layer 2 (50,000 units after 50,000 inputs) brings the model to "
                + "2,500,200,000 parameters"), wide.err());
    }

    @Test
    void aHugeBadCellIsQuotedInEightyBytes() throws IOException {
        Path file = Files.writeString(folder.resolve("long.csv"), "a,label\n1,0\n" + "x".repeat(200_000) + ",1\n");
        Run run = Run.of("train", "--data", file.toString());
        assertEquals(1, run.exitCode());
        assertEquals(file + ", line 3, column 1 (\"a\"): expected a number, got \"" + "x".repeat(80) + "… (200,000 bytes)\" (to read the column as categories, declare it categorical when training: --categorical a)",
                run.err().strip().substring("dense4j: ".length()));
    }

    @Test
    void aSubnormalFeatureIsNamedWhenStandardizedNotTurnedIntoNaN() throws IOException {
        StringBuilder csv = new StringBuilder("tiny,b,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 2 == 0 ? "1e-40" : "3e-40").append(',').append(i).append(',').append(i % 2).append('\n');
        }
        Path file = Files.writeString(folder.resolve("tiny.csv"), csv);
        Run run = Run.of("train", "--data", file.toString(), "--standardize", "--epochs", "1");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().startsWith("dense4j: feature \"tiny\" varies by 1.00e-40 only: 1 / 1.00e-40 is not a finite float32"),
                run.err());
    }

    @Test
    void everyOutputIsCheckedBeforeAnyDataIsRead() throws IOException {
        // the data file does not exist: a check made after reading it would say so instead
        String missing = folder.resolve("absent.csv").toString();
        Path existingFolder = Files.createDirectories(folder.resolve("models"));
        Path aFile = Files.writeString(folder.resolve("notes.txt"), "not a folder");
        String[][] cases = {
            {"--out", existingFolder.toString()},
            {"--plot", aFile.toString()},
            {"--checkpoint", existingFolder.toString()},
            {"--out", "/proc/dense4j-no-such-place/model.zip"},
        };
        String[] says = {
            "dense4j: --out " + existingFolder + " is a folder; give a file name",
            "dense4j: --plot " + aFile + " is a file; give a folder",
            "dense4j: --checkpoint " + existingFolder + " is a folder; give a file name",
            "dense4j: --out /proc/dense4j-no-such-place/model.zip: cannot write in /proc/dense4j-no-such-place",
        };
        for (int i = 0; i < cases.length; i++) {
            Run run = Run.of("train", "--data", missing, cases[i][0], cases[i][1]);
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().startsWith(says[i]), run.err());
        }
        String checkpoint = folder.resolve("run.zip").toString();
        Run logOverCheckpoint = Run.of("train", "--data", missing, "--checkpoint", checkpoint, "--log", checkpoint);
        assertEquals(2, logOverCheckpoint.exitCode(), logOverCheckpoint.err());
        assertTrue(logOverCheckpoint.err().startsWith("dense4j: --log " + checkpoint + " is the file --checkpoint writes; give another "
                + "file"), logOverCheckpoint.err());
        Run graph = Run.of("graph", "--model", folder.resolve("m.zip").toString(), "--out", folder.resolve("x.pdf").toString());
        assertEquals(2, graph.exitCode(), graph.err());
        assertTrue(graph.err().startsWith("dense4j: --out " + folder.resolve("x.pdf") + ": graph writes FILE.dot, FILE.svg or FILE.png"),
                graph.err());
    }

    @Test
    void resumeRefusesDataEditedBetweenItsEndsAtTheSameSize() throws IOException {
        // the ends hashed by the fingerprint (64 KiB each) are kept; one label in the middle is not
        String rows = "0,0,0\n0,1,1\n1,0,1\n1,1,0\n".repeat(12_000);
        Path data = Files.writeString(folder.resolve("big.csv"), "a,b,label\n" + rows);
        String checkpoint = folder.resolve("c.zip").toString();
        String[] run = {"train", "--data", data.toString(), "--layers", "4", "--lr", "0.05", "--epochs", "1",
            "--checkpoint", checkpoint, "--out", folder.resolve("m.zip").toString()};
        assertEquals(0, Run.of(run).exitCode());
        byte[] bytes = Files.readAllBytes(data);
        int label = bytes.length / 2 - (bytes.length / 2 - 14) % 6; // rows of 6 bytes after a 10-byte header: labels at 14 + 6k
        assertTrue(bytes[label] == '0' || bytes[label] == '1', "a label: " + (char) bytes[label]);
        bytes[label] = (byte) (bytes[label] == '0' ? '1' : '0');
        Files.write(data, bytes);
        String[] resume = java.util.stream.Stream.concat(java.util.Arrays.stream(run), java.util.stream.Stream.of("--resume"))
                .map(argument -> argument.equals("1") ? "2" : argument).toArray(String[]::new);
        Run edited = Run.of(resume);
        assertEquals(1, edited.exitCode(), edited.err());
        assertTrue(edited.err().contains("was trained on big.csv (288,010 bytes, XXH3-128 ") && edited.err().contains("holds other data"),
                edited.err());
    }

    @Test
    void resumeRefusesFlagsThatAskForAnotherModelAndTakesTheSameOnesAgain() throws IOException {
        Path data = Files.writeString(folder.resolve("xor.csv"), "a,b,label\n" + "0,0,0\n0,1,1\n1,0,1\n1,1,0\n".repeat(20));
        String checkpoint = folder.resolve("c.zip").toString();
        String[] first = {"train", "--data", data.toString(), "--layers", "8", "--lr", "0.05", "--epochs", "1",
            "--accept-worse-than-base-rate",
            "--checkpoint", checkpoint, "--out", folder.resolve("m.zip").toString()};
        assertEquals(0, Run.of(first).exitCode());
        // xxhsum -H2 prints ee898596… for these 490 bytes
        assertTrue(Run.of("summary", "--model", checkpoint).out().contains(
                "Trained on: xor.csv (490 bytes, XXH3-128 ee898596a0b54d62f6791474cdfec6cb)"));
        Run other = Run.of("train", "--data", data.toString(), "--layers", "16", "--lr", "0.5", "--epochs", "2",
                "--checkpoint", checkpoint, "--resume", "--out", folder.resolve("m.zip").toString());
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().startsWith("dense4j: --resume keeps the checkpoint's model, optimizer, loss and batches, but --layers asks for "
                + "[Normalization, Dense(16, ReLU), Dense(1, Sigmoid)]; the checkpoint has [Normalization, Dense(8, ReLU), "
                + "Dense(1, Sigmoid)]; and --lr asks for "
                + "SGD[learningRate=0.5"), other.err());
        // the usual rerun: the same command line with --resume, up to more epochs
        Run same = Run.of("train", "--data", data.toString(), "--layers", "8", "--lr", "0.05", "--epochs", "2",
                "--accept-worse-than-base-rate",
                "--checkpoint", checkpoint, "--resume", "--out", folder.resolve("m.zip").toString());
        assertEquals(0, same.exitCode(), same.err());
        assertTrue(same.out().contains("Resuming from " + checkpoint + " after epoch 1 of 2 (its model, optimizer and loss are kept)"),
                same.out());
        // other data under another name: refused, naming the file the checkpoint was trained on
        Path otherData = Files.writeString(folder.resolve("other.csv"), "a,b,label\n" + "1,1,1\n0,0,0\n".repeat(40));
        Run moved = Run.of("train", "--data", otherData.toString(), "--layers", "8", "--lr", "0.05", "--epochs", "3",
                "--checkpoint", checkpoint, "--resume", "--out", folder.resolve("m.zip").toString());
        assertEquals(1, moved.exitCode(), moved.err());
        assertTrue(moved.err().startsWith("dense4j: --resume: " + checkpoint + " was trained on xor.csv (490 bytes, XXH3-128 "
                + "ee898596a0b54d62f6791474cdfec6cb); --data " + otherData + " holds other data (490 bytes, XXH3-128 "
                + ContentHash.of(otherData, 490) + ")"), moved.err());
        // the same data copied elsewhere is the same data
        Path copy = Files.copy(data, Files.createDirectories(folder.resolve("elsewhere")).resolve("renamed.csv"));
        assertEquals(0, Run.of("train", "--data", copy.toString(), "--layers", "8", "--lr", "0.05", "--epochs", "3",
                "--accept-worse-than-base-rate", "--checkpoint", checkpoint, "--resume", "--out", folder.resolve("m.zip").toString())
                .exitCode());
    }

    @Test
    void resumeRefusesColumnFlagsThatAskForOtherInputs() throws IOException {
        StringBuilder rows = new StringBuilder("a,b,city,label\n");
        for (int i = 0; i < 60; i++) {
            rows.append(i % 5).append(',').append(i % 3).append(',').append(new String[] {"Oslo", "Lima", "Pune", "Rome"}[i % 4])
                    .append(',').append(i % 2).append('\n');
        }
        Path data = Files.writeString(folder.resolve("cities.csv"), rows.toString());
        String checkpoint = folder.resolve("c.zip").toString();
        String out = folder.resolve("m.zip").toString();
        assertEquals(0, Run.of("train", "--data", data.toString(), "--epochs", "1", "--accept-worse-than-base-rate",
                "--checkpoint", checkpoint, "--out", out).exitCode());
        String[][] flags = {
            {"--max-categories", "2"}, {"--categorical", "a"}, {"--numeric", "city"},
        };
        String[] says = {
            "--max-categories 2; the checkpoint keeps 4 categories of \"city\"",
            "--categorical a: the checkpoint reads it as numbers",
            "--numeric city: the checkpoint reads it as categories",
        };
        for (int i = 0; i < flags.length; i++) {
            Run run = Run.of("train", "--data", data.toString(), "--epochs", "2", "--checkpoint", checkpoint, "--resume", "--out", out,
                    flags[i][0], flags[i][1]);
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().startsWith("dense4j: --resume keeps the checkpoint's model, optimizer, loss and batches, but " + says[i] + ". "),
                    run.err());
        }
        Run dropped = Run.of("train", "--data", data.toString(), "--epochs", "2", "--checkpoint", checkpoint, "--resume", "--out", out,
                "--drop", "b");
        assertEquals(2, dropped.exitCode(), dropped.err());
        assertEquals("dense4j: --resume: " + checkpoint + " reads the features a, b, city; the column flags now read a, city: give "
                + "the checkpoint's columns, or train anew without --resume\nsee 'dense4j train --help'", dropped.err().strip());
        assertEquals(0, Run.of("train", "--data", data.toString(), "--epochs", "2", "--checkpoint", checkpoint, "--resume", "--out", out,
                "--max-categories", "4", "--categorical", "city", "--accept-worse-than-base-rate").exitCode(), "the same columns again");
    }

    @Test
    void resumeRefusesOtherBatchesThanTheCheckpointsAndNamesFlagsAsTyped() throws IOException {
        Path data = Files.writeString(folder.resolve("xor.csv"), "a,b,label\n" + "0,0,0\n0,1,1\n1,0,1\n1,1,0\n".repeat(20));
        String checkpoint = folder.resolve("c.zip").toString();
        String out = folder.resolve("m.zip").toString();
        assertEquals(0, Run.of("train", "--data", data.toString(), "--epochs", "2", "--batch-size", "8", "--accept-worse-than-base-rate",
                "--checkpoint", checkpoint, "--out", out).exitCode());
        String[][] flags = {
            {"--batch-size", "16"}, {"--seed", "7"}, {"--validation", "0.5"}, {"--no-standardize"}, {"--batch-size", "8"},
            {"--no-cache"},
        };
        String[] says = {
            "--batch-size 16; the checkpoint was trained with --batch-size 8",
            "--seed 7; the checkpoint was trained with --seed 42",
            "--validation 0.5; the checkpoint was trained with no validation split",
            "--no-standardize asks for [Dense(1, Sigmoid)]; the checkpoint has [Normalization, Dense(1, Sigmoid)]",
            "--epochs 1; the checkpoint has trained 2 epochs already",
            "--no-cache; the checkpoint shuffled its rows all at once (from its cache)",
        };
        for (int i = 0; i < flags.length; i++) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--data", data.toString(), "--epochs",
                    i == 4 ? "1" : "3", "--checkpoint", checkpoint, "--resume", "--out", out));
            args.addAll(java.util.List.of(flags[i]));
            Run run = Run.of(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().startsWith("dense4j: --resume keeps the checkpoint's model, optimizer, loss and batches, but "
                    + says[i] + ". Give the checkpoint's flags, or train anew without --resume"), run.err());
        }
        assertEquals(0, Run.of("train", "--data", data.toString(), "--epochs", "3", "--checkpoint", checkpoint, "--resume", "--out", out)
                .exitCode(), "the batch size and --accept-worse-than-base-rate left out: the checkpoint's run's");
        Run counters = Run.of("train", "--data", data.toString(), "--epochs", "4", "--batch-size", "8", "--accept-worse-than-base-rate",
                "--early-stopping", "2", "--checkpoint", checkpoint, "--resume", "--out", out);
        assertEquals(0, counters.exitCode(), counters.err());
        assertTrue(counters.out().contains("Note: this run goes on otherwise than its checkpoint's run (--early-stopping 2, where it had "
                + "none), so it can end elsewhere, and the model records no command line for verify to rerun"), counters.out());
    }

    @Test
    void aValidationSplitThatLeavesNoTrainingRowsSaysSo() throws IOException {
        Path data = small();
        for (String fill : new String[] {"--standardize", "--fill-missing"}) {
            Run run = Run.of("train", "--data", data.toString(), "--validation", "0.9999", fill);
            assertEquals(1, run.exitCode(), run.err());
            assertEquals("dense4j: a validation split of 0.9999 on 4 rows must leave at least one row for each side", run.err().strip());
        }
        // stratified, the rows on each side come from the class totals: the same message, not one about standardizing no rows
        Run stratified = Run.of("train", "--data", data.toString(), "--validation", "0.9999", "--stratify");
        assertEquals(1, stratified.exitCode(), stratified.err());
        assertEquals("dense4j: a validation split of 0.9999 on 4 rows must leave at least one row for each side",
                stratified.err().strip());
        Run tiny = Run.of("train", "--data", data.toString(), "--validation", "0.0005");
        assertEquals("dense4j: a validation split of 0.0005 on 4 rows must leave at least one row for each side", tiny.err().strip(),
                "the flag as typed, not 5.0E-4");
    }
}
