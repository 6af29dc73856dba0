package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void trainsOnACsvWritesAModelAndEvaluatesItAsJson(@TempDir Path folder) throws Exception {
        Path train = folder.resolve("train.csv");
        Path test = folder.resolve("test.csv");
        Path model = folder.resolve("model.zip");
        assertEquals(0, Main.execute("generate", "--rows", "2000", "--features", "2", "--teacher", "xor", "--out", train.toString()));
        assertEquals(0, Main.execute("generate", "--rows", "500", "--features", "2", "--teacher", "xor", "--seed", "5",
                "--out", test.toString()));

        Run trained = Run.of("train", "--data", train.toString(), "--standardize", "--layers", "16", "--optimizer", "momentum",
                "--epochs", "20", "--validation", "0.2", "--out", model.toString(), "--plot", folder.resolve("plots").toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("epoch 20/20") && trained.out().contains("val_loss"), trained.out());
        assertTrue(trained.out().contains("0 Normalization"), trained.out());
        assertTrue(Files.exists(model));
        assertTrue(Files.size(folder.resolve("plots/loss.png")) > 1000 && Files.size(folder.resolve("plots/accuracy.png")) > 1000);

        Run plotted = Run.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--plot", folder.resolve("plots").toString());
        assertEquals(0, plotted.exitCode(), plotted.err());
        assertTrue(Files.size(folder.resolve("plots/roc.png")) > 1000 && Files.size(folder.resolve("plots/confusion.png")) > 1000);
        Run evaluated = Run.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--json");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(evaluated.out());
        for (String key : new String[] {"logLoss", "accuracy", "precision", "recall", "f1", "rocAuc", "confusion"}) {
            assertTrue(json.has(key), key);
        }
        assertTrue(json.get("accuracy").asDouble() > 0.9, evaluated.out());
        assertEquals(500, json.get("confusion").get("tp").asLong() + json.get("confusion").get("fp").asLong()
                + json.get("confusion").get("tn").asLong() + json.get("confusion").get("fn").asLong());
    }

    @Test
    void trainsFromTheCacheOrAStreamFillsMissingValuesAndPredictsPickingColumnsByName(@TempDir Path folder) throws Exception {
        Path train = folder.resolve("train.csv");
        assertEquals(0, Main.execute("generate", "--rows", "1500", "--features", "2", "--teacher", "linear", "--out", train.toString()));
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(train));
        for (int i = 0; i < lines.size(); i++) { // an id column to drop, and a gap every 10th row
            lines.set(i, (i == 0 ? "id" : String.valueOf(i)) + "," + (i > 0 && i % 10 == 0 ? lines.get(i).replaceFirst("^[^,]*", "NA") : lines.get(i)));
        }
        Files.write(train, lines);
        Path model = folder.resolve("model.zip");

        Run refused = Run.of("train", "--data", train.toString(), "--drop", "id", "--no-fill-missing");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("line 11, column 2 (\"x1\"): \"NA\" is a missing value; expected a number (--fill-missing, "
                + "the default, trains a model that fills them with the training mean)\n"), refused.err());

        Run built = Run.of("train", "--data", train.toString(), "--drop", "id", "--epochs", "3", "--out", model.toString());
        assertEquals(0, built.exitCode(), built.err());
        assertTrue(built.out().contains("150 missing values; cache: built " + folder.resolve("train.csv.dense4j-cache")), built.out());
        assertTrue(built.out().contains("\nNote: missing numbers, filled with the training rows' means (--no-fill-missing refuses "
                + "them): x1 in 150 of the 1,500 training rows (10.0%)\n"), built.out());
        Run reused = Run.of("train", "--data", train.toString(), "--drop", "id", "--fill-missing", "--epochs", "3", "--out", model.toString());
        assertTrue(reused.out().contains("cache: reused"), reused.out());
        assertTrue(Run.of("summary", "--model", model.toString()).out().contains("Missing numbers: filled with the training rows' means\n"));
        Run streamed = Run.of("train", "--data", train.toString(), "--features", "x2,x1", "--fill-missing", "--no-cache",
                "--shuffle-buffer", "100", "--epochs", "3", "--validation", "0.2", "--out", folder.resolve("streamed.zip").toString());
        assertEquals(0, streamed.exitCode(), streamed.err());
        assertTrue(streamed.out().contains("cache: off") && streamed.out().contains("On the validation rows:"), streamed.out());

        Path unseen = Files.writeString(folder.resolve("unseen.csv"), "note,x2,x1\nfirst,1.5,\nsecond,-2,0.5\n");
        Path predictions = folder.resolve("predictions.csv");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", unseen.toString(), "--out", predictions.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        assertEquals(3, Files.readAllLines(predictions).size(), "a header and two rows, the gap filled");
        assertTrue(predicted.out().contains("Note: missing numbers, filled with the model's training means: x1 in 1 of the 2 rows (50.0%)\n"),
                predicted.out());

        // evaluate streams too: the model's classes name the labels (one class alone is fine), its means fill gaps
        Path positives = Files.writeString(folder.resolve("positives.csv"), "x1,x2,label\n3,3,1\n,2.5,1\n");
        Run evaluated = Run.of("evaluate", "--model", model.toString(), "--data", positives.toString(), "--json");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(evaluated.out());
        assertEquals(2, json.get("confusion").get("tp").asLong() + json.get("confusion").get("fn").asLong());
        assertTrue(json.get("rocAuc").isNull(), "one class: no ROC AUC");
        assertTrue(evaluated.err().contains("Note: missing numbers, filled with the model's training means: x1 in 1 of the 2 rows (50.0%)\n"),
                evaluated.err());
        Run table = Run.of("evaluate", "--model", model.toString(), "--data", positives.toString());
        assertEquals(0, table.exitCode(), table.err());
        for (String line : new String[] {"classes            0 = \"0\", 1 = \"1\"", "ROC AUC            - (undefined: the rows hold one class)",
                "PR AUC             1.0000"}) {
            assertTrue(table.out().contains(line + "\n"), line + " in\n" + table.out());
        }
        long predictedOne = json.get("confusion").get("tp").asLong();
        assertTrue(table.out().contains(predictedOne == 0 ? "precision          0.0000 (no row predicted 1: 0/0 taken as 0)\n"
                : "precision          1.0000\n"), table.out());
        Path negatives = Files.writeString(folder.resolve("negatives.csv"), "x1,x2,label\n-3,-3,0\n");
        Run none = Run.of("evaluate", "--model", model.toString(), "--data", negatives.toString());
        assertTrue(none.out().contains("recall             0.0000 (no class-1 row: 0/0 taken as 0)\n")
                && none.out().contains("PR AUC             - (undefined: no class-1 row)\n"), none.out());
        Path foreign = Files.writeString(folder.resolve("foreign.csv"), "x1,x2,label\n3,3,yes\n");
        Run refusedLabel = Run.of("evaluate", "--model", model.toString(), "--data", foreign.toString());
        assertEquals(1, refusedLabel.exitCode());
        assertTrue(refusedLabel.err().contains("foreign.csv, line 2, column 3 (\"label\"): label \"yes\" is none of the model's classes, "
                + "\"0\" and \"1\""),
                refusedLabel.err());
        // not a bad row to skip: a class spelled otherwise would leave all its rows out of the scores
        Run skipping = Run.of("evaluate", "--model", model.toString(), "--data", foreign.toString(), "--skip-bad-rows");
        assertEquals(1, skipping.exitCode());
        assertEquals(refusedLabel.err(), skipping.err());
    }

    @Test
    void twoNumbersOtherThanZeroAndOneAreTheClassesInNumericOrder(@TempDir Path folder) throws Exception {
        Path train = folder.resolve("train.csv");
        assertEquals(0, Main.execute("generate", "--rows", "1000", "--features", "2", "--teacher", "linear", "--out", train.toString()));
        List<String> lines = Files.readAllLines(train);
        List<String> coded = new java.util.ArrayList<>(List.of(lines.get(0)));
        List<String> spelled = new java.util.ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) { // as the Wisconsin breast cancer data codes its classes: 2 and 4
            assertTrue(line.endsWith(",0") || line.endsWith(",1"), line);
            coded.add(line.substring(0, line.length() - 1) + (line.endsWith("0") ? "2" : "4"));
            spelled.add(line.substring(0, line.length() - 1) + (line.endsWith("0") ? "2.0" : "4.0"));
        }
        Files.write(train, coded);
        Path model = folder.resolve("model.zip");
        Run trained = Run.of("train", "--data", train.toString(), "--epochs", "5", "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());

        Path test = Files.write(folder.resolve("test.csv"), spelled);
        Run evaluated = Run.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--json");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(evaluated.out());
        assertTrue(json.get("accuracy").asDouble() > 0.9, evaluated.out());
        long fours = spelled.stream().filter(line -> line.endsWith(",4.0")).count();
        assertEquals(fours, json.get("confusion").get("tp").asLong() + json.get("confusion").get("fn").asLong(), "4 is class 1");

        Path predictions = folder.resolve("predictions.csv");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", test.toString(), "--out", predictions.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        List<String> written = Files.readAllLines(predictions);
        assertEquals("probability,class", written.get(0));
        for (String line : written.subList(1, written.size())) {
            String[] cells = line.split(",");
            assertEquals(Double.parseDouble(cells[0]) >= 0.5 ? "4" : "2", cells[1], line);
        }

        Path onlyFours = Files.write(folder.resolve("fours.csv"), spelled.stream().filter(line -> !line.endsWith(",2.0")).toList());
        Run oneClass = Run.of("evaluate", "--model", model.toString(), "--data", onlyFours.toString(), "--json");
        assertEquals(0, oneClass.exitCode(), oneClass.err());
        var positives = new com.fasterxml.jackson.databind.ObjectMapper().readTree(oneClass.out()).get("confusion");
        assertEquals(fours, positives.get("tp").asLong() + positives.get("fn").asLong(), "one class alone: every row a 4, class 1");

        Path mixed = Files.writeString(folder.resolve("mixed.csv"), lines.get(0) + "\n1,1,2\n1,1,no\n");
        Run refused = Run.of("train", "--data", mixed.toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("mixed.csv, line 3, column 3 (\"label\"): the labels mix \"2\" and \"no\""), refused.err());
    }

    @Test
    void aFileWithDecimalCommasTrainsAndPredictsAsItsTwinWithPoints(@TempDir Path folder) throws Exception {
        Path points = folder.resolve("points.csv");
        assertEquals(0, Main.execute("generate", "--rows", "800", "--features", "3", "--teacher", "linear", "--out", points.toString()));
        Path commas = Files.write(folder.resolve("commas.csv"), Files.readAllLines(points).stream()
                .map(line -> line.replace(',', ';').replace('.', ',')).toList()); // as a spreadsheet in a German locale saves it

        Run refused = Run.of("train", "--data", commas.toString(), "--delimiter", ";", "--decimal", ".");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("commas.csv, line 2, column 1 (\"x1\"): expected a number, got \"")
                && refused.err().contains("(a decimal comma? read the file with --decimal ','; "), refused.err());

        List<String> predictions = new java.util.ArrayList<>();
        for (String[] read : new String[][] {{"--data", points.toString()}, {"--data", commas.toString(), "--delimiter", ";"}}) { // the decimal comma guessed, then the model's
            Path model = folder.resolve("model-" + predictions.size() + ".zip");
            Run trained = Run.of(java.util.stream.Stream.of(new String[] {"train"}, read, new String[] {"--epochs", "3", "--out",
                    model.toString()}).flatMap(java.util.Arrays::stream).toArray(String[]::new));
            assertEquals(0, trained.exitCode(), trained.err());
            assertTrue(trained.out().contains("800 rows, 3 features, labels"), trained.out());
            Run predicted = Run.of(java.util.stream.Stream.of(new String[] {"predict", "--model", model.toString()}, read,
                    new String[] {"--out", "-"}).flatMap(java.util.Arrays::stream).toArray(String[]::new));
            assertEquals(0, predicted.exitCode(), predicted.err());
            predictions.add(predicted.out());
        }
        assertEquals(predictions.get(0), predictions.get(1), "the same numbers, so the same model and predictions");
    }

    @Test
    void aModelRemembersHowItsDataWroteNumbersForScoringAndResuming(@TempDir Path folder) throws Exception {
        StringBuilder rows = new StringBuilder("alter;einkommen;kauf\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 400; i++) { // as a German spreadsheet writes them: 32,8 and 49.208,52
            double income = 500 + random.nextInt(8_950_000) / 100.0;
            String grouped = String.format(java.util.Locale.GERMANY, "%,.2f", income);
            rows.append(String.format(java.util.Locale.GERMANY, "%.1f", 18 + random.nextInt(620) / 10.0)).append(';').append(grouped)
                    .append(';').append(income > 40_000 ? 1 : 0).append('\n');
        }
        Path data = Files.writeString(folder.resolve("de.csv"), rows.toString());
        Path model = folder.resolve("de.zip");
        Path checkpoint = folder.resolve("de-checkpoint.zip");
        Run trained = Run.of("train", "--data", data.toString(), "--delimiter", ";", "--decimal", ",", "--thousands", ".", "--epochs", "2",
                "--accept-worse-than-base-rate", "--checkpoint", checkpoint.toString(), "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        io.dense4j.model.TrainingData recorded = io.dense4j.model.Model.load(model).trainingData();
        assertEquals(List.of(',', '.'), List.of(recorded.decimal(), recorded.thousands()), "saved in the model file and read back");

        Run told = Run.of("predict", "--model", model.toString(), "--data", data.toString(), "--delimiter", ";", "--decimal", ",",
                "--thousands", ".", "--out", "-");
        Run remembered = Run.of("predict", "--model", model.toString(), "--data", data.toString(), "--delimiter", ";", "--out", "-");
        assertEquals(0, remembered.exitCode(), remembered.err());
        assertEquals(told.out(), remembered.out(), "the model's separators where the flags do not say");
        Run evaluated = Run.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--delimiter", ";", "--json");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        Run withoutDelimiter = Run.of("predict", "--model", model.toString(), "--data", data.toString(), "--out", "-");
        assertEquals(0, withoutDelimiter.exitCode(), "the semicolons its first line shows: " + withoutDelimiter.err());
        assertEquals(remembered.out(), withoutDelimiter.out());
        Path commas = Files.writeString(folder.resolve("commas.csv"), "a,b\n1,2\n");
        Run commaDelimited = Run.of("predict", "--model", model.toString(), "--data", commas.toString(), "--out", "-");
        assertEquals(2, commaDelimited.exitCode());
        assertTrue(commaDelimited.err().startsWith("dense4j: the model's data had numbers with a decimal comma (--decimal ','), which "
                + "a comma-delimited file cannot hold"), commaDelimited.err());

        Run otherSeparators = Run.of("train", "--data", data.toString(), "--delimiter", ";", "--thousands", ",", "--epochs", "3",
                "--checkpoint", checkpoint.toString(), "--resume", "--out", model.toString());
        assertEquals(2, otherSeparators.exitCode());
        // --decimal ',' left out is the checkpoint's run's, which a thousands comma would read as
        assertTrue(otherSeparators.err().startsWith("dense4j: --thousands is ',' or '.', and not the decimal separator (','), got \",\""),
                otherSeparators.err());
        Run resumed = Run.of("train", "--data", data.toString(), "--delimiter", ";", "--epochs", "3", "--accept-worse-than-base-rate",
                "--checkpoint", checkpoint.toString(), "--resume", "--out", model.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Read " + data + ": 400 rows, 2 features"), "read as the checkpoint was: " + resumed.out());
    }

    @Test
    void badInputIsOneLineOnStderrAndExitCodeOne(@TempDir Path folder) throws Exception {
        Path bad = Files.writeString(folder.resolve("bad.csv"), "a,b,label\n1,2,0\n3,x,1\n");
        Run run = Run.of("train", "--data", bad.toString());
        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("bad.csv, line 3, column 2 (\"b\"): expected a number, got \"x\""), run.err());

        Run missing = Run.of("evaluate", "--model", folder.resolve("none.zip").toString(), "--data", bad.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("none.zip: no such file"), missing.err());

        Run verbose = Run.of("train", "--data", bad.toString(), "--verbose");
        assertTrue(verbose.err().contains("at io.dense4j"), "--verbose adds the stack trace");

        assertEquals(2, Run.of("train", "--data", bad.toString(), "--optimizer", "rmsprop").exitCode());
    }

    @Test
    void predictWritesOneLinePerRowInOrderWithOrWithoutTheLabelColumn(@TempDir Path folder) throws Exception {
        Path train = folder.resolve("train.csv");
        Path model = folder.resolve("model.zip");
        Main.execute("generate", "--rows", "600", "--features", "3", "--out", train.toString());
        assertEquals(0, Run.of("train", "--data", train.toString(), "--epochs", "3", "--out", model.toString()).exitCode());
        List<String> lines = Files.readAllLines(train);
        Path unlabeled = folder.resolve("unlabeled.csv");
        Files.write(unlabeled, lines.stream().map(line -> line.substring(0, line.lastIndexOf(','))).toList());

        Path withLabel = folder.resolve("p1.csv");
        Path withoutLabel = folder.resolve("p2.csv");
        assertEquals(0, Run.of("predict", "--model", model.toString(), "--data", train.toString(), "--out", withLabel.toString()).exitCode());
        assertEquals(0, Run.of("predict", "--model", model.toString(), "--data", unlabeled.toString(), "--out", withoutLabel.toString()).exitCode());
        // --out - : the predictions alone on standard output, for a pipe; what was done on standard error
        Run piped = Run.of("predict", "--model", model.toString(), "--data", train.toString(), "--out", "-");
        assertEquals(0, piped.exitCode(), piped.err());
        assertEquals(Files.readString(withLabel), piped.out());
        assertTrue(piped.err().startsWith("Wrote 600 predictions to standard output"), piped.err());

        List<String> predictions = Files.readAllLines(withLabel);
        assertEquals(Files.readAllLines(withoutLabel), predictions);
        assertEquals("probability,class", predictions.get(0));
        assertEquals(601, predictions.size());
        // row order: the model's own prediction for row 1 (features of the file's second line)
        io.dense4j.model.Model loaded = io.dense4j.model.Model.load(model);
        String[] cells = lines.get(1).split(",");
        float[][] first = {{Float.parseFloat(cells[0]), Float.parseFloat(cells[1]), Float.parseFloat(cells[2])}};
        assertEquals((float) loaded.predictProbability(first)[0], Float.parseFloat(predictions.get(1).split(",")[0]),
                "a float32 model's probability is written in the digits that read back as the same float");
    }

    @Test
    void keptColumnsNamedClassOrProbabilityLeaveThePredictionsTheirOwnNames(@TempDir Path folder) throws Exception {
        // an id with blanks around it, unquoted: copied through as written, and quoted so that it reads back so
        Path train = Files.writeString(folder.resolve("t.csv"), "id,x,class\n 1 ,2,yes\n2,-1,no\n3,3,yes\n4,-2,no\n");
        Path model = folder.resolve("m.zip");
        assertEquals(0, Run.of("train", "--data", train.toString(), "--drop", "id", "--epochs", "2",
                "--accept-worse-than-base-rate", "--out", model.toString()).exitCode());
        Path predictions = folder.resolve("p.csv");
        Run kept = Run.of("predict", "--model", model.toString(), "--data", train.toString(), "--keep", "id,x,class", "--out",
                predictions.toString());
        assertEquals(0, kept.exitCode(), kept.err());
        List<String> lines = Files.readAllLines(predictions);
        assertEquals("id,x,class,probability,predicted_class", lines.get(0));
        assertTrue(lines.get(1).matches("\" 1 \",2,yes,[0-9.E-]+,(yes|no)"), lines.get(1));
        assertTrue(lines.get(2).matches("2,-1,no,[0-9.E-]+,(yes|no)"), lines.get(2));
        // the file reads back: evaluate finds its label, "class", once
        assertEquals(0, Run.of("evaluate", "--model", model.toString(), "--data", predictions.toString()).exitCode());
    }

    @Test
    void summaryAndGraphDescribeAModelFile(@TempDir Path folder) throws Exception {
        Path train = Files.writeString(folder.resolve("t.csv"), "a,b,label\n1,2,0\n3,4,1\n5,1,0\n2,8,1\n");
        Path model = folder.resolve("m.zip");
        assertEquals(0, Run.of("train", "--data", train.toString(), "--layers", "4", "--epochs", "2",
                "--accept-worse-than-base-rate", "--out", model.toString()).exitCode());

        Run summary = Run.of("summary", "--model", model.toString());
        assertEquals(0, summary.exitCode(), summary.err());
        assertTrue(summary.out().contains("Total params: 17") && summary.out().contains("Features: a, b")
                && summary.out().contains("Epochs trained: 2"), summary.out());
        // saved as a model alone (Model.save), it keeps no training state, which is not "0 epochs"
        Path alone = folder.resolve("alone.zip");
        io.dense4j.model.Model.load(model).save(alone);
        Run aloneSummary = Run.of("summary", "--model", alone.toString());
        assertTrue(aloneSummary.out().contains("Trained by: ") && !aloneSummary.out().contains("Epochs trained")
                && aloneSummary.out().contains("Training state: none recorded (a resume would start at epoch 1 with a fresh "
                + "optimizer)\n"), aloneSummary.out());

        Path dot = folder.resolve("graph.dot");
        assertEquals(0, Run.of("graph", "--model", model.toString(), "--out", dot.toString()).exitCode());
        assertTrue(Files.readString(dot).startsWith("digraph dense4j {"));

        Path svg = folder.resolve("graph.svg");
        Run drawn = Run.of("graph", "--model", model.toString(), "--out", svg.toString());
        boolean graphviz = java.util.stream.Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "dot")));
        if (graphviz) {
            assertEquals(0, drawn.exitCode(), drawn.err());
            assertTrue(Files.readString(svg).contains("<svg"));
        } else {
            assertEquals(1, drawn.exitCode());
            assertTrue(drawn.err().contains("needs Graphviz's dot"), drawn.err());
        }
        try (var files = Files.list(folder)) { // drawn beside and renamed into place, or nothing left behind
            assertEquals(List.of(), files.map(file -> file.getFileName().toString()).filter(name -> name.contains("partial")).toList());
        }
    }

    @Test
    void evaluateNamesColumnsThatDifferFromTheModels(@TempDir Path folder) throws Exception {
        Path train = Files.writeString(folder.resolve("t.csv"), "a,b,label\n1,2,0\n3,4,1\n5,1,0\n2,8,1\n");
        Path other = Files.writeString(folder.resolve("o.csv"), "a,c,label\n1,2,0\n");
        Path model = folder.resolve("m.zip");
        assertEquals(0, Run.of("train", "--data", train.toString(), "--epochs", "1", "--out", model.toString()).exitCode());
        Run run = Run.of("evaluate", "--model", model.toString(), "--data", other.toString());
        assertEquals(1, run.exitCode());
        assertEquals("dense4j: " + other + " lacks the model's feature column \"b\"", run.err().strip());
        // the model's columns by name, in another order, beside an id: the same evaluation as the training file's
        Path reordered = Files.writeString(folder.resolve("r.csv"), "id,b,label,a\n7,2,0,1\n8,4,1,3\n9,1,0,5\n6,8,1,2\n");
        Run byName = Run.of("evaluate", "--model", model.toString(), "--data", reordered.toString(), "--json");
        assertEquals(0, byName.exitCode(), byName.err());
        assertEquals(Run.of("evaluate", "--model", model.toString(), "--data", train.toString(), "--json").out(), byName.out());
    }

    @Test
    void evaluateTakesTheModelsClassesByValueWhateverTheirSpelling(@TempDir Path folder) throws Exception {
        StringBuilder written = new StringBuilder("a,label\n");
        StringBuilder plain = new StringBuilder("a,label\n");
        for (int i = 0; i < 200; i++) {
            written.append(i).append(i < 100 ? ",0.0\n" : ",1.0\n");
            plain.append(i).append(i < 100 ? ",0\n" : ",1\n");
        }
        Path trainedOn = Files.writeString(folder.resolve("floats.csv"), written);
        Path model = folder.resolve("m.zip");
        assertEquals(0, Run.of("train", "--data", trainedOn.toString(), "--out", model.toString()).exitCode());
        Run asWritten = Run.of("evaluate", "--model", model.toString(), "--data", trainedOn.toString(), "--json");
        Run asIntegers = Run.of("evaluate", "--model", model.toString(), "--data",
                Files.writeString(folder.resolve("ints.csv"), plain).toString(), "--json");
        assertEquals(0, asIntegers.exitCode(), asIntegers.err());
        assertEquals(asWritten.out(), asIntegers.out());
    }

    @Test
    void trainEvaluateAndPredictReadGzipFilesAsTheirText(@TempDir Path folder) throws Exception {
        StringBuilder rows = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 300; i++) {
            rows.append(i % 17).append(',').append(i % 5).append(',').append(i % 17 > 8 ? 1 : 0).append('\n');
        }
        Path plain = Files.writeString(folder.resolve("rows.csv"), rows);
        Path gzip = folder.resolve("rows.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path fromPlain = folder.resolve("plain.zip");
        Path fromGzip = folder.resolve("gzip.zip");
        assertEquals(0, Run.of("train", "--data", plain.toString(), "--out", fromPlain.toString()).exitCode());
        assertEquals(0, Run.of("train", "--data", gzip.toString(), "--out", fromGzip.toString()).exitCode());
        assertEquals(io.dense4j.model.Model.load(fromPlain).parameters(), io.dense4j.model.Model.load(fromGzip).parameters());
        assertEquals(Run.of("evaluate", "--model", fromPlain.toString(), "--data", plain.toString(), "--json").out(),
                Run.of("evaluate", "--model", fromPlain.toString(), "--data", gzip.toString(), "--json").out());
        assertEquals(0, Run.of("predict", "--model", fromPlain.toString(), "--data", plain.toString(), "--out",
                folder.resolve("p1.csv").toString()).exitCode());
        assertEquals(0, Run.of("predict", "--model", fromPlain.toString(), "--data", gzip.toString(), "--out",
                folder.resolve("p2.csv").toString()).exitCode());
        assertEquals(Files.readAllLines(folder.resolve("p1.csv")), Files.readAllLines(folder.resolve("p2.csv")));

        // written under a .gz name, predictions and generated rows are gzip, as the name says, from a file and from a pipe
        Path zipped = folder.resolve("p3.csv.gz");
        assertEquals(0, Run.of("predict", "--model", fromPlain.toString(), "--data", gzip.toString(), "--out", zipped.toString()).exitCode());
        assertEquals(Files.readAllLines(folder.resolve("p1.csv")), gunzipped(zipped));
        Path piped = folder.resolve("p4.csv.gz");
        assertEquals(0, Run.withInput(rows.toString(), "predict", "--model", fromPlain.toString(), "--data", "-", "--out",
                piped.toString()).exitCode());
        assertEquals(Files.readAllLines(folder.resolve("p1.csv")), gunzipped(piped));
        Path generated = folder.resolve("g.csv.gz");
        assertEquals(0, Run.of("generate", "--out", generated.toString(), "--rows", "50", "--features", "3").exitCode());
        assertEquals(51, gunzipped(generated).size());
        assertEquals(0, Run.of("train", "--data", generated.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--out",
                folder.resolve("g.zip").toString())
                .exitCode(), "read back as the gzip it is");
    }

    private static List<String> gunzipped(Path file) throws java.io.IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void sparkTrainingWithoutTheSparkModuleSaysHowToGetIt() {
        Run run = Run.of("train", "--data", "rows.csv", "--spark", "local[2]");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--spark needs the dense4j-spark module and Spark on the classpath: run ./dense4j"), run.err());
        assertEquals(2, Run.of("train", "--data", "rows.csv", "--spark", "local[2]", "--sync", "sometimes").exitCode());
        assertEquals(2, Run.of("train", "--data", "rows.csv", "--spark", "local[2]", "--no-cache").exitCode());
    }

    @Test
    void exitsWithTwoOnBadUsage() {
        assertEquals(2, Main.execute("--no-such-option"));
        assertEquals(2, Main.execute("demo", "--rows", "5"));
        assertEquals(2, Main.execute("demo", "--rows", "many"));
    }

    @Test
    void generateWritesTheRecipesCsv(@TempDir Path folder) throws Exception {
        Path out = folder.resolve("xor.csv");
        assertEquals(0, Main.execute("generate", "--rows", "3", "--features", "2", "--teacher", "xor", "--out", out.toString()));
        java.util.List<String> lines = Files.readAllLines(out);
        assertEquals(4, lines.size());
        assertEquals("x1,x2,label", lines.get(0));
        for (String line : lines.subList(1, 4)) {
            String[] cells = line.split(",");
            float x1 = Float.parseFloat(cells[0]);
            float x2 = Float.parseFloat(cells[1]);
            assertEquals(x1 * x2 > 0 ? "1" : "0", cells[2], line); // the XOR teacher
        }
        assertEquals(2, Main.execute("generate", "--rows", "3", "--features", "2", "--teacher", "circles", "--out", out.toString()));
        assertEquals(2, Main.execute("generate", "--rows", "0", "--features", "2", "--out", out.toString()));
    }

    @Test
    void demoTrainsBothModelsAndWritesTheirGraphs(@TempDir Path folder) throws Exception {
        Path out = folder.resolve("demo");
        assertEquals(0, Main.execute("demo", "--rows", "400", "--out", out.toString()));
        assertTrue(Files.readString(out.resolve("mlp.dot")).startsWith("digraph dense4j {"));
        assertTrue(Files.readString(out.resolve("mlp.txt")).contains("Total params: 1,185"));
        assertTrue(Files.exists(out.resolve("logistic-regression.dot")));
        for (String png : new String[] {"loss.png", "roc.png", "boundary-mlp.png", "boundary-logistic-regression.png"}) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
    }
}
