package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --missing-values-in glucose=0: Pima's 0, "no reading" in glucose and a count in pregnancies,
 * read as missing in its own column alone; the model keeps the marks (format 7), so evaluate,
 * predict, summary and a resumed run read them as training did without being told again.
 */
class ColumnMissingMarksCommandsTest {
    @TempDir
    Path folder;
    private Path train;
    private Path model;

    @BeforeEach
    void trainOnAPimaLikeTable() throws Exception {
        Random random = new Random(8);
        StringBuilder rows = new StringBuilder("pregnancies,glucose,clinic,outcome\n");
        for (int r = 0; r < 400; r++) {
            boolean sick = random.nextDouble() < 0.35;
            int pregnancies = random.nextInt(6);
            long glucose = r % 10 == 4 ? 0 : Math.round(random.nextGaussian() * 25 + (sick ? 140 : 110));
            rows.append(pregnancies).append(',').append(glucose).append(',').append(r % 3 == 0 ? "north" : "south").append(',')
                    .append(sick ? 1 : 0).append('\n');
        }
        train = Files.writeString(folder.resolve("pima.csv"), rows);
        model = folder.resolve("m.zip");
        Run trained = Run.of("train", "--data", train.toString(), "--missing-values-in", "glucose=0", "--fill-missing", "--epochs", "3",
                "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains(", 40 missing values; cache: "), trained.out()); // glucose's 0 in rows 4, 14, ...
    }

    @Test
    void theModelKeepsTheMarksAndEveryCommandReadsThem() throws Exception {
        assertEquals(Map.of("glucose", List.of("0")), Model.load(model).inputSchema().columnMissingMarks());
        assertEquals(List.of(), Model.load(model).inputSchema().missingMarks());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(model.toFile())) { // an older reader refuses it, not reads 0 as a value
            String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(json.contains("\"formatVersion\" : 7"), json.substring(0, 200));
        }
        assertTrue(Run.of("summary", "--model", model.toString()).out()
                .contains("Missing values in one column: glucose=0 (--missing-values-in)"));

        Path scored = Files.writeString(folder.resolve("scored.csv"),
                "pregnancies,glucose,clinic,outcome\n2,,north,1\n2,0,north,1\n2,0.0,north,0\n,130,north,1\n0,130,north,0\n");
        List<String> lines = predictions(model, scored, List.of());
        assertEquals(lines.get(1), lines.get(2), "a glucose of 0 is the empty cell's fill");
        assertEquals(lines.get(1), lines.get(3), "0.0 too: the mark is a whole number, read by value");
        assertNotEquals(lines.get(4), lines.get(5), "a count of 0 pregnancies is a value, not the mean");
        Run evaluated = Run.of("evaluate", "--model", model.toString(), "--data", scored.toString());
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().startsWith("Note: missing numbers, filled with the model's training means: glucose in 3 of the 5 "
                + "rows (60.0%), pregnancies in 1 (20.0%)\nrows               5\n"), "the empty cell, 0 and 0.0: " + evaluated.out());

        // a later file's own mark, for one run; a category of the model is never one
        Path later = Files.writeString(folder.resolve("later.csv"), "pregnancies,glucose,clinic,outcome\n2,,north,1\n2,-1,north,1\n");
        List<String> marked = predictions(model, later, List.of("--missing-values-in", "glucose=-1"));
        assertEquals(marked.get(1), marked.get(2));
        Run category = Run.of("predict", "--model", model.toString(), "--data", later.toString(), "--missing-values-in",
                "clinic=north", "--out", folder.resolve("c.csv").toString());
        assertEquals(1, category.exitCode());
        assertTrue(category.err().contains("the missing-value mark \"north\" is a category the model trained for \"clinic\": leave it "
                + "out of --missing-values-in"), category.err());
    }

    /** A file the model's marks cannot apply to is refused in the words used without marks: what it lacks, what it reads. */
    @Test
    void aFileWithoutTheMarkedColumnOrWithItAsTheLabelIsNamedForWhatItIs() throws Exception {
        Path noGlucose = Files.writeString(folder.resolve("no-glucose.csv"), "pregnancies,clinic,outcome\n2,north,1\n");
        Run lacking = Run.of("evaluate", "--model", model.toString(), "--data", noGlucose.toString());
        assertEquals(1, lacking.exitCode());
        assertTrue(lacking.err().contains("no-glucose.csv lacks the model's feature column \"glucose\""), lacking.err());
        Path scored = Files.writeString(folder.resolve("scored.csv"), "pregnancies,glucose,clinic,outcome\n2,1,north,1\n");
        Run label = Run.of("evaluate", "--model", model.toString(), "--data", scored.toString(), "--label", "glucose");
        assertEquals(1, label.exitCode());
        assertTrue(label.err().contains("column \"glucose\" is the label; it cannot also be a feature"), label.err());
    }

    /** export says once what a string input takes, and then what a text column with marks of its own reads as missing too. */
    @Test
    void exportNamesATextColumnsOwnMarks() throws Exception {
        Path marked = folder.resolve("marked.zip");
        assertEquals(0, Run.of("train", "--data", train.toString(), "--missing-values-in", "glucose=0,clinic=unknown", "--fill-missing",
                "--epochs", "1", "--out", marked.toString()).exitCode());
        Run exported = Run.of("export", "--model", marked.toString(), "--out", folder.resolve("m.onnx").toString());
        assertEquals(0, exported.exitCode(), exported.err());
        assertTrue(exported.out().contains("  input  clinic string[N]\n"), exported.out());
        assertTrue(exported.out().contains("\nString inputs take the cell without its quotes"), exported.out());
        assertTrue(exported.out().endsWith("\n  clinic also reads \"unknown\" as missing (--missing-values-in).\n"), exported.out());
    }

    @Test
    void aResumedRunKeepsTheCheckpointsMarks() throws Exception {
        Path checkpoint = folder.resolve("ckpt.zip");
        Files.copy(model, checkpoint);
        Run other = Run.of("train", "--data", train.toString(), "--missing-values-in", "glucose=0,pregnancies=0", "--fill-missing",
                "--epochs", "4", "--checkpoint", checkpoint.toString(), "--resume", "--out", folder.resolve("m2.zip").toString());
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("--resume: the checkpoint reads glucose=0 in those columns as missing values, and "
                + "--missing-values-in says glucose=0, pregnancies=0: give the checkpoint's, or train anew without --resume"), other.err());
        Path resumedModel = folder.resolve("m3.zip");
        Run resumed = Run.of("train", "--data", train.toString(), "--fill-missing", "--epochs", "4", "--checkpoint",
                checkpoint.toString(), "--resume", "--out", resumedModel.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains(", 40 missing values; cache: "), resumed.out());
        assertEquals(Map.of("glucose", List.of("0")), Model.load(resumedModel).inputSchema().columnMissingMarks());
    }

    @Test
    void aMalformedPairOrAMarkThatIsANumberIsAUsageError() {
        Run unpaired = Run.of("train", "--data", train.toString(), "--missing-values-in", "glucose", "--out", folder.resolve("x.zip").toString());
        assertEquals(2, unpaired.exitCode());
        assertTrue(unpaired.err().contains("--missing-values-in: expected COLUMN=MARK, such as glucose=0, got \"glucose\""), unpaired.err());
        Run fraction = Run.of("train", "--data", train.toString(), "--missing-values-in", "glucose=0.5", "--out",
                folder.resolve("x.zip").toString());
        assertEquals(2, fraction.exitCode());
        assertTrue(fraction.err().contains("--missing-values-in: column \"glucose\": the missing-value mark \"0.5\" is a number"),
                fraction.err());
        Run label = Run.of("train", "--data", train.toString(), "--missing-values-in", "outcome=0", "--out", folder.resolve("x.zip").toString());
        assertEquals(1, label.exitCode());
        assertTrue(label.err().contains("line 1: column \"outcome\" is not a feature, so it takes no missing-value marks of its own "
                + "(--missing-values-in); its features are pregnancies, glucose, clinic"), label.err());
    }

    /** The lines predict writes for {@code data} with {@code model} and {@code flags}, which it must write. */
    private List<String> predictions(Path model, Path data, List<String> flags) throws Exception {
        Path predictions = folder.resolve("p.csv");
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", model.toString(), "--data", data.toString(), "--out",
                predictions.toString()));
        args.addAll(flags);
        Run predicted = Run.of(args.toArray(String[]::new));
        assertEquals(0, predicted.exitCode(), predicted.err());
        return Files.readAllLines(predictions);
    }
}
