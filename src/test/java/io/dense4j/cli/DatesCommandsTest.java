package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A column of ISO dates is a number column, its days since 1970-01-01, in every command; older models keep their categories. */
class DatesCommandsTest {
    @TempDir
    Path folder;

    /** Customers who signed up in 2022 leave more often: a date column whose value carries the label. */
    private Path customers() throws Exception {
        StringBuilder csv = new StringBuilder("signup,plan,churn\n");
        java.util.Random random = new java.util.Random(2);
        for (int row = 0; row < 600; row++) {
            java.time.LocalDate day = java.time.LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1_000));
            csv.append(day).append(row % 3 == 0 ? "T09:30:00Z" : "").append(',').append(row % 2 == 0 ? "basic" : "pro").append(',')
                    .append(day.getYear() == 2022 ^ random.nextInt(10) == 0 ? "yes" : "no").append('\n');
        }
        return Files.writeString(folder.resolve("customers.csv"), csv);
    }

    @Test
    void aDateColumnTrainsAsNumbersAndEveryCommandReadsItSo() throws Exception {
        Path data = customers();
        Path model = folder.resolve("m.zip");
        Run trained = Run.of("train", "--data", data.toString(), "--epochs", "3", "--accept-worse-than-base-rate", "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("\nDates: signup, each read as its days since 1970-01-01 (2020-03-14 is 18,335, noon that day "
                + "18,335.5); --categorical signup reads it as categories\n"), trained.out());
        assertTrue(trained.out().contains("Categorical columns (one-hot over their categories, other, missing): plan (2)\n"), trained.out());
        assertEquals(Map.of(), Model.load(model).inputSchema().categories().entrySet().stream()
                .filter(column -> column.getKey().equals("signup")).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        Map.Entry::getValue)));

        assertTrue(trained.out().contains("\nDates: signup, each read as its days since 1970-01-01\n"), "the summary: " + trained.out());
        Path stray = Files.writeString(folder.resolve("stray.csv"), "signup,plan\n2022-06-01,2022-06-01\n");
        Run strayed = Run.of("predict", "--model", model.toString(), "--data", stray.toString(), "--out", "-");
        assertEquals(0, strayed.exitCode(), "a date in a categorical column is a category: " + strayed.err());
        Path unseen = Files.writeString(folder.resolve("unseen.csv"), "signup,plan\n2022-06-01,basic\n2022-06-01T00:00:00+00:00,basic\n"
                + "2024-01-01,pro\n");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", unseen.toString(), "--out", "-");
        assertEquals(0, predicted.exitCode(), predicted.err());
        List<String> lines = predicted.out().lines().toList();
        assertEquals(lines.get(1), lines.get(2), "the same instant written two ways");
        assertTrue(!predicted.err().contains("other values"), "a date the model never saw is a number, not an unseen category: "
                + predicted.err());
        assertEquals(0, Run.of("evaluate", "--model", model.toString(), "--data", data.toString()).exitCode());
        Run cv = Run.of("cv", "--data", data.toString(), "--folds", "2", "--epochs", "1", "--accept-worse-than-base-rate");
        assertEquals(0, cv.exitCode(), cv.err());
        assertTrue(cv.out().contains("Dates: signup, each read as"), cv.out());
        Run verified = Run.of("verify", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());

        Path exportedFile = folder.resolve("m.onnx");
        Run exported = Run.of("export", "--model", model.toString(), "--out", exportedFile.toString());
        assertEquals(0, exported.exitCode(), exported.err());
        assertTrue(exported.out().contains("\n         its dates (signup) as their days since 1970-01-01: 18335.5 for 2020-03-14T12:00Z\n"),
                exported.out());
        assertTrue(onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(exportedFile)).getMetadataPropsList().stream()
                .anyMatch(entry -> entry.getKey().equals("date_columns") && entry.getValue().equals("[\"signup\"]")), "metadata");

        Path wrong = Files.writeString(folder.resolve("wrong.csv"), "signup,plan\n2021-02-29,basic\n");
        Run refused = Run.of("predict", "--model", model.toString(), "--data", wrong.toString(), "--out", "-");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("wrong.csv, line 2, column 1 (\"signup\"): \"2021-02-29\" is no date: dense4j reads a date as "
                + "yyyy-mm-dd"), refused.err());
    }

    @Test
    void aModelThatReadDatesAsCategoriesIsVerifiedAndResumedSo() throws Exception {
        Path data = customers();
        Path model = folder.resolve("m.zip");
        Path checkpoint = folder.resolve("ck.zip");
        Run trained = Run.of("train", "--data", data.toString(), "--categorical", "signup", "--epochs", "2", "--accept-worse-than-base-rate",
                "--checkpoint", checkpoint.toString(), "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(!trained.out().contains("Dates:"), trained.out());
        Model saved = Model.load(model); // as a dense4j that took dates for text recorded its line: no --categorical
        io.dense4j.model.TrainingCommand line = saved.trainingCommand();
        List<String> arguments = new java.util.ArrayList<>(line.arguments());
        int at = arguments.indexOf("--categorical");
        arguments.subList(at, at + 2).clear();
        saved.setTrainingCommand(new io.dense4j.model.TrainingCommand(arguments, line.parts(), line.ended(), line.resumedOtherwise()));
        saved.save(model);
        Run verified = Run.of("verify", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().contains(" --categorical signup,plan --data "), "as the model reads them: " + verified.out());
        Run resumed = Run.of("train", "--data", data.toString(), "--epochs", "3", "--accept-worse-than-base-rate", "--checkpoint",
                checkpoint.toString(), "--resume", "--out", folder.resolve("r.zip").toString());
        assertEquals(0, resumed.exitCode(), "the columns read as the checkpoint's run read them: " + resumed.err());
        assertTrue(!resumed.out().contains("Dates:") && resumed.out().contains("2 categorical"), resumed.out());
    }
}
