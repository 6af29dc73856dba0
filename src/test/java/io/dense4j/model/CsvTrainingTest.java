package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.csv.InMemoryCsv;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.RowSelection;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.metrics.Evaluation;
import io.dense4j.optim.SGD;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Training straight from CSV files: from the binary cache, and streamed with a shuffle buffer. */
class CsvTrainingTest {
    @TempDir
    Path folder;

    private static Model xorModel() {
        return new Sequential(new Dense(16, new ReLU(), Initializer.HE_NORMAL), new Dense(1, new Sigmoid()))
                .compile(2, new BinaryCrossEntropy(), new SGD(0.1, 0.9, false));
    }

    @Test
    void trainingFromTheCacheEndsWithTheInMemoryRunsWeightsBitForBit() throws IOException {
        Path file = folder.resolve("xor.csv");
        Synthetic.writeCsv(file, Teacher.XOR, 2_000, 2, 1);
        FitOptions options = FitOptions.builder().epochs(3).batchSize(32).seed(9).build();

        Model inMemory = xorModel();
        inMemory.fit(InMemoryCsv.read(file, CsvFormat.defaults(), DataType.FLOAT), options);
        Model cached = xorModel();
        cached.fit(CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults()), options);

        assertArrayEquals(inMemory.parameters().toFloatVector(), cached.parameters().toFloatVector(), 0f);
        assertEquals(List.of("x1", "x2"), cached.inputSchema().featureNames(), "the file's schema is taken");
    }

    @Test
    void aStreamedShuffledRunWithAValidationSplitLearnsXor() throws IOException {
        Path file = folder.resolve("xor.csv");
        Synthetic.writeCsv(file, Teacher.XOR, 4_000, 2, 1);
        Synthetic test = Synthetic.generate(Teacher.XOR, 1_000, 2, 2);
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()
                .withShuffleBuffer(1_000));
        Model model = xorModel();
        History history = model.fit(source, FitOptions.builder().epochs(25).batchSize(32).validationSplit(0.25).seed(4).build());

        assertEquals(25, history.epochs().size());
        long held = RowSelection.validation(0.25, 4).count(4_000);
        assertEquals(4_000 - held, history.epochs().get(0).samples(), "each epoch sees the training side only");
        assertTrue(history.epochs().get(24).validationLoss() < history.epochs().get(0).validationLoss());
        Evaluation evaluation = model.evaluate(test.features(), test.labels());
        assertTrue(evaluation.accuracy() > 0.93, evaluation.toString());
        Evaluation validation = model.evaluate(source, RowSelection.validation(0.25, 4), 0.5);
        assertEquals(held, validation.confusion().total());
    }

    @Test
    void missingValuesAreFilledWithTheTrainingMeansWhichTheModelKeeps() throws IOException {
        // a = 1, 3, 5 where present (mean 3); b = 2, 6 where present (mean 4)
        Path file = Files.writeString(folder.resolve("gaps.csv"), "a,b,label\n1,2,0\n,6,1\n3,NA,0\n5,,1\n");
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().fillingMissing());
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        model.fit(source, FitOptions.builder().epochs(2).batchSize(2).build());
        assertEquals(List.of(3.0, 4.0), model.inputSchema().missingValueFill());

        Path saved = folder.resolve("model.zip");
        model.save(saved);
        Model loaded = Model.load(saved);
        assertEquals(List.of(3.0, 4.0), loaded.inputSchema().missingValueFill());
        // a row with both values missing scores as the row of means
        double filled = loaded.predictProbability(new float[][] {{3, 4}})[0];
        Path gaps = Files.writeString(folder.resolve("predict.csv"), "a,b,label\n,NaN,0\n3,4,1\n");
        CsvSource read = CsvSource.open(gaps, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()
                .withClasses(loaded.inputSchema().classes()).fillingMissing());
        double[] probabilities = loaded.scores(read, RowSelection.all()).probabilities();
        assertEquals(filled, probabilities[0], 0.0);
        assertEquals(filled, probabilities[1], 0.0);
    }
}
