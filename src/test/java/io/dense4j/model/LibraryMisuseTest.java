package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.RowSelection;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.metrics.Scores;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.train.FitOptions;
import io.dense4j.train.ModelCheckpoint;
import io.dense4j.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The library used as its documentation shows, and misused as a caller might: what silently gave
 * wrong results (a checkpoint resumed with the compile-time optimizer, a file scored with its
 * classes turned round or its columns in another order, predictions written over their input) is
 * refused or right, with an argument error naming what is wrong rather than an internal one.
 */
class LibraryMisuseTest {
    @TempDir
    Path folder;

    private static Model model() {
        return new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(2, new BinaryCrossEntropy(), new SGD(0.01, 0.9, false), CompileOptions.defaults().withSeed(3));
    }

    @Test
    void aCheckpointOfATrainerWithItsOwnOptimizerResumesWithThatOptimizer() throws IOException {
        Synthetic data = Synthetic.generate(Teacher.XOR, 400, 2, 5);
        Dataset rows = Dataset.of(data.features(), data.labels(), DataType.FLOAT);
        SGD own = new SGD(0.5, 0.9, false); // not the model's compile-time SGD(0.01, 0.9)
        Trainer uninterrupted = new Trainer(model(), own, ExecutionPolicy.forThisMachine());
        uninterrupted.fit(rows, FitOptions.builder().epochs(4).build());

        Path file = folder.resolve("checkpoint.zip");
        new Trainer(model(), own, ExecutionPolicy.forThisMachine())
                .fit(rows, FitOptions.builder().epochs(2).callbacks(ModelCheckpoint.everyEpochs(file, 1)).build());
        Trainer resumed = Trainer.resume(file);
        assertEquals(own, resumed.model().optimizer());
        resumed.fit(rows, FitOptions.builder().epochs(4).build());
        assertArrayEquals(uninterrupted.model().parameters().toFloatVector(), resumed.model().parameters().toFloatVector(), 0f);
    }

    /** A model keeps its file's missing-value marks: Model.open reads "?" with them, a file opened without them is refused. */
    @Test
    void aModelTrainedWithAMissingMarkReadsItWhereverItScores() throws IOException {
        StringBuilder text = new StringBuilder("a,b,label\n");
        Synthetic data = Synthetic.generate(Teacher.XOR, 200, 2, 4);
        for (int r = 0; r < 200; r++) {
            text.append(r % 10 == 0 ? "?" : String.valueOf(data.features().getFloat(r, 0))).append(',')
                    .append(data.features().getFloat(r, 1)).append(',').append((int) data.labels().getFloat(r)).append('\n');
        }
        Path file = Files.writeString(folder.resolve("marked.csv"), text);
        CsvSource marked = CsvSource.open(file, CsvFormat.defaults().withMissingMarks(List.of("?")),
                CsvSource.Options.defaults().fillingMissing());
        Model model = new Sequential(new Dense(8, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(InputSchema.of(marked, 100), new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withSeed(3));
        new Trainer(model).fit(marked, FitOptions.builder().epochs(1).build());
        assertEquals(List.of("?"), model.inputSchema().missingMarks());
        CsvSource other = CsvSource.open(file, CsvFormat.defaults().withMissingMarks(List.of("?", "NULL")),
                CsvSource.Options.defaults().fillingMissing());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Trainer(model).fit(other, FitOptions.builder().epochs(2).build()))
                .getMessage().endsWith("is read with the missing-value marks \"?\", \"NULL\", and the model keeps \"?\": train it on rows "
                        + "read with its own (CsvFormat.withMissingMarks), or compile a model for these (InputSchema.of)"));

        assertEquals(200, model.scores(model.open(file), RowSelection.all()).labels().length, "Model.open reads ? as missing");
        String refused = assertThrows(IllegalArgumentException.class, () -> model.scores(CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withoutCache().fillingMissing().skippingBadRows()), RowSelection.all())).getMessage();
        assertTrue(refused.endsWith("is read without the missing-value marks the model was trained with (\"?\"): read it with them "
                + "(--missing-values [Java: CsvFormat.withMissingMarks, or Model.open, which reads it so])"), refused);
    }

    @Test
    void aFileWhoseClassesOrColumnsDifferFromTheModelsIsRefusedNotScoredWrong() throws IOException {
        Path file = folder.resolve("ab.csv");
        StringBuilder text = new StringBuilder("a,b,label\n");
        Synthetic data = Synthetic.generate(Teacher.XOR, 200, 2, 7);
        for (int r = 0; r < 200; r++) {
            text.append(data.features().getFloat(r, 0)).append(',').append(data.features().getFloat(r, 1)).append(',')
                    .append(data.labels().getFloat(r) == 1 ? "yes" : "no").append('\n');
        }
        Files.writeString(file, text);
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults());
        Model model = model();
        new Trainer(model).fit(source, FitOptions.builder().epochs(1).build());

        CsvSource turned = source.withPositiveClass("no");
        String scored = assertThrows(IllegalArgumentException.class, () -> model.scores(turned, RowSelection.all())).getMessage();
        assertEquals(file + " maps its labels as 0 = \"yes\", 1 = \"no\", but the model's classes are 0 = \"no\", 1 = \"yes\": read it "
                + "with the model's classes (CsvSource.Options.withClasses)", scored);
        assertThrows(IllegalArgumentException.class, () -> new Trainer(model).fit(turned, FitOptions.builder().epochs(2).build()));

        Path swapped = Files.writeString(folder.resolve("ba.csv"), text.toString().lines()
                .map(line -> line.split(",")).map(cells -> cells[1] + "," + cells[0] + "," + cells[2]).reduce("", (a, b) -> a + b + "\n"));
        CsvSource reordered = CsvSource.open(swapped, CsvFormat.defaults(), CsvSource.Options.defaults());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.scores(reordered, RowSelection.all())).getMessage()
                .endsWith("has the model's feature columns in another order; pick them by name (with a header) or reorder them"));

        IllegalArgumentException over = assertThrows(IllegalArgumentException.class,
                () -> CsvPredictions.write(model, file, CsvFormat.defaults(), 0.5, file));
        assertEquals(file + " is one of the files the predictions are read from; give another file", over.getMessage());
        assertTrue(Files.readString(file).startsWith("a,b,label\n"), "the rows are still there");
    }

    @Test
    void aFileWhoseLastColumnIsNotTheModelsLabelIsRefusedAndModelOpenReadsItAsEvaluateDoes() throws IOException {
        Synthetic data = Synthetic.generate(Teacher.XOR, 300, 2, 9);
        StringBuilder training = new StringBuilder("a,outcome,b\n");
        StringBuilder later = new StringBuilder("id,b,a,outcome,approved\n"); // another order, an id, and a later yes/no column
        for (int r = 0; r < 300; r++) {
            float a = data.features().getFloat(r, 0);
            float b = data.features().getFloat(r, 1);
            String label = data.labels().getFloat(r) == 1 ? "yes" : "no";
            training.append(a).append(',').append(label).append(',').append(b).append('\n');
            later.append(r).append(',').append(b).append(',').append(a).append(',').append(label).append(',')
                    .append(r % 3 == 0 ? "yes" : "no").append('\n');
        }
        Path trainingFile = Files.writeString(folder.resolve("training.csv"), training);
        Path laterFile = Files.writeString(folder.resolve("later.csv"), later);
        CsvSource source = CsvSource.open(trainingFile, CsvFormat.defaults().withLabel("outcome"), CsvSource.Options.defaults());
        Model model = model();
        new Trainer(model).fit(source, FitOptions.builder().epochs(3).build());
        double[] expected = model.scores(source, RowSelection.all()).probabilities();

        // the model's features picked by name, but the label left to the default: the last column, "approved"
        CsvSource lastColumn = CsvSource.open(laterFile, CsvFormat.defaults().withFeatures(List.of("a", "b")),
                CsvSource.Options.defaults().withClasses(model.inputSchema().classes()));
        String refused = assertThrows(IllegalArgumentException.class, () -> model.scores(lastColumn, RowSelection.all())).getMessage();
        assertEquals(laterFile + " has \"approved\" as its label, the last column, but the model was trained on \"outcome\": name the "
                + "label column (--label [Java: CsvFormat.withLabel, or Model.open, which reads the model's])",
                refused);
        assertThrows(IllegalArgumentException.class, () -> new Trainer(model).fit(lastColumn, FitOptions.builder().epochs(4).build()));
        Path flagged = Files.writeString(folder.resolve("flagged.csv"), later.toString().replace(",yes\n", ",1\n").replace(",no\n", ",0\n")
                .replace("approved\n", "flag\n"));
        CsvSource flags = CsvSource.open(flagged, CsvFormat.defaults().withFeatures(List.of("a", "b")), CsvSource.Options.defaults());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.scores(flags, RowSelection.all())).getMessage()
                .startsWith(flagged + " has \"flag\" as its label, the last column, but the model was trained on \"outcome\""));

        CsvSource opened = model.open(laterFile);
        assertEquals("outcome", opened.labelName());
        Scores scores = model.scores(opened, RowSelection.all());
        assertArrayEquals(expected, scores.probabilities(), 0);
        assertArrayEquals(model.scores(source, RowSelection.all()).labels(), scores.labels(), 0);
        // a label named by the caller is the caller's choice
        CsvSource named = model.open(io.dense4j.data.csv.CsvFiles.of(laterFile), CsvFormat.defaults().withLabel("approved"),
                CsvSource.Options.defaults());
        assertEquals("approved", named.labelName());
        assertEquals(300, model.scores(named, RowSelection.all()).labels().length);

        // more columns than the model's, read without picking them: named, not a width
        CsvSource wider = CsvSource.open(laterFile, CsvFormat.defaults().withLabel("outcome"),
                CsvSource.Options.defaults().withClasses(model.inputSchema().classes()));
        assertEquals(laterFile + " has feature columns the model was not trained on: \"id\", \"approved\"; leave them out (--drop)",
                assertThrows(IllegalArgumentException.class, () -> model.scores(wider, RowSelection.all())).getMessage());
        // "approved" read as categories, which the model reads as no column at all
        CsvSource asCategories = CsvSource.open(laterFile, CsvFormat.defaults().withLabel("outcome").withFeatures(List.of("a", "b")),
                CsvSource.Options.defaults().withClasses(model.inputSchema().classes()).withCategorical(List.of("a")));
        assertEquals(laterFile + " reads \"a\" as categories, but the model reads none: read them as the model does (--categorical "
                + "and --numeric [Java: Model.open, which reads them so, or compile a model for these with InputSchema.of])",
                assertThrows(IllegalArgumentException.class, () -> model.scores(asCategories, RowSelection.all())).getMessage());

        // a schema made without the label's name (the 3-argument constructor) takes the training file's
        Model unnamed = model();
        unnamed.setInputSchema(new InputSchema(List.of("a", "b"), source.classes(), null));
        new Trainer(unnamed).fit(source, FitOptions.builder().epochs(1).build());
        assertEquals("outcome", unnamed.inputSchema().labelName());
    }

    @Test
    void unlabeledRowsNonFiniteWeightsAndUnfilledMissingValuesAreArgumentErrors() throws IOException {
        Model model = model();
        Dataset unlabeled = Dataset.of(new float[][] {{1, 2}, {3, 4}}, null, DataType.FLOAT);
        assertEquals("training needs labeled rows; these have no labels", assertThrows(IllegalArgumentException.class,
                () -> new Trainer(model).fit(new DatasetBatches(unlabeled), null, FitOptions.builder().build())).getMessage());
        assertEquals("scores need labeled rows; these have no labels", assertThrows(IllegalArgumentException.class,
                () -> model.scores(new DatasetBatches(unlabeled))).getMessage());

        assertEquals("layer 0 (Dense) weights value 3 is NaN, not a finite number", assertThrows(IllegalArgumentException.class,
                () -> model.setWeights(0, Nd4j.createFromArray(new float[][] {
                    {0, 0, 0, Float.NaN, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0}}))).getMessage());

        Path missing = Files.writeString(folder.resolve("missing.csv"), "a,b,label\n1,,0\n2,3,1\n");
        CsvSource source = CsvSource.open(missing, CsvFormat.defaults(), CsvSource.Options.defaults().fillingMissing());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> source.rows(RowSelection.all(), null, DataType.FLOAT))
                .getMessage().endsWith("has 1 missing value, and no values were given to fill them with (a model fills them only if it "
                        + "was trained so); read it without fillingMissing() to have the first one named by line and column"));
    }

    /**
     * Finite values the layers overflow (3·10³⁸ twice through weights of 1: ∞, then ∞ − ∞) leave a
     * row no probability: in memory, as from a file, prediction refuses it by its index rather than
     * returning NaN, which predictClass would turn into class 0.
     */
    @Test
    void aRowTheLayersOverflowHasNoProbabilityInMemoryEither() {
        Model model = new Sequential(new Dense(2, new ReLU()), new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(),
                new SGD(0.1));
        model.setWeights(0, Nd4j.create(new float[][] {{1, 1}, {1, 1}}));
        model.setBias(0, Nd4j.create(new float[] {0, 0}));
        model.setWeights(1, Nd4j.create(new float[][] {{1}, {-1}}));
        model.setBias(1, Nd4j.create(new float[] {0}));
        float[][] x = {{1, 2}, {3e38f, 3e38f}};
        String expected = "row 1 " + NoProbability.PROBLEM;
        assertEquals(expected, assertThrows(NoProbability.class, () -> model.predictProbability(x)).getMessage());
        assertEquals(expected, assertThrows(NoProbability.class, () -> model.predictClass(Nd4j.create(x))).getMessage());
        assertEquals(expected, assertThrows(NoProbability.class, () -> model.evaluate(Nd4j.create(x), Nd4j.create(new float[] {1, 0})))
                .getMessage());
        assertEquals(0.5, model.predictProbability(new float[][] {{1, 2}})[0], 0, "3 − 3 = 0 for the finite row");
    }

    /** A null argument is named, as the design's rule for the API says, not left to the JVM's words about the code. */
    @Test
    void aNullArgumentIsNamed() throws IOException {
        Model model = model();
        float[][] x = {{1, 2}, {3, 4}};
        assertEquals("options", assertThrows(NullPointerException.class, () -> model.fit(Nd4j.create(x), Nd4j.create(new float[] {0, 1}),
                null)).getMessage());
        assertEquals("callback 1", assertThrows(NullPointerException.class, () -> FitOptions.builder().callbacks(
                new io.dense4j.train.TerminateOnNaN(), null)).getMessage());
        assertEquals("file", assertThrows(NullPointerException.class, () -> model.save(null)).getMessage());
        Path file = Files.writeString(folder.resolve("rows.csv"), "a,b,label\n1,2,0\n2,3,1\n");
        assertEquals("format", assertThrows(NullPointerException.class, () -> CsvSource.open(file, null, CsvSource.Options.defaults()))
                .getMessage());
        assertEquals("options", assertThrows(NullPointerException.class, () -> CsvSource.open(file, CsvFormat.defaults(), null))
                .getMessage());
        assertEquals("file", assertThrows(NullPointerException.class, () -> CsvSource.open((Path) null, CsvFormat.defaults(),
                CsvSource.Options.defaults())).getMessage());
        assertEquals("this graph was compiled without the input gradient: compile the model with "
                + "CompileOptions.withInputGradient(true)", assertThrows(IllegalStateException.class, () -> new Trainer(model)
                .inputGradient(Dataset.of(x, new float[] {0, 1}, DataType.FLOAT))).getMessage());
    }

    @Test
    void formatSettingsAreKeptOrRefusedWhicheverOrderTheyAreGivenIn() throws IOException {
        assertEquals("the weight column is named \"w\", but the file has no header row", assertThrows(IllegalArgumentException.class,
                () -> CsvFormat.defaults().withWeightColumn("w").withoutHeader()).getMessage());
        assertEquals("feature columns are chosen by header name, but the file has no header row",
                assertThrows(IllegalArgumentException.class, () -> CsvFormat.defaults().withFeatures(List.of("a")).withoutHeader())
                        .getMessage());
        // a column declared categorical in the format is read as categories, as one declared in the options is
        Path zips = Files.writeString(folder.resolve("zips.csv"), "zip,x,label\n02134,1,0\n10001,2,1\n02134,3,1\n");
        CsvSource source = CsvSource.open(zips, CsvFormat.defaults().withCategorical(List.of("zip")), CsvSource.Options.defaults());
        assertEquals(List.of("zip"), source.categoricalColumns());
    }
}
