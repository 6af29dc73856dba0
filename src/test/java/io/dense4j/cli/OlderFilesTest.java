package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Model;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files that older dense4j builds really wrote (src/test/resources/older-files, whose README says
 * which build and how): every model loads and predicts as its writer did, every checkpoint resumes
 * to the model its run ended with, and every old cache is built again or read, never misread.
 * Since model format 4 the predictions are the same bits; the kernels of the first builds rounded a
 * few float32 steps otherwise.
 */
class OlderFilesTest {
    /**
     * How many float32 steps a resumed run's predictions may be from its writer's. Training's
     * matrix products are OpenBLAS's, whose kernels differ by CPU and add in other orders, so two
     * epochs on another machine than the writer's (an AMD Zen 3 with AVX2) land a few steps off:
     * up to 8 on an Intel Xeon with AVX-512. One epoch more than the run's moved them by millions.
     */
    private static final int RESUMED_ULPS = 32;

    /** The flags every fixture's run was trained with, besides its own. */
    private static final List<String> COMMON = List.of("--layers", "4", "--optimizer", "adam", "--lr", "0.01", "--epochs", "5",
            "--seed", "42");

    @TempDir
    Path folder;

    /**
     * One old build's files: {@code prefix}-model.zip, -checkpoint-epoch3.zip, -predictions.csv (the
     * build's own), the CSVs it read, and the float32 steps its predictions may differ by now, as
     * predicted.
     */
    record Fixture(String prefix, String train, String test, int ulps, List<String> flags) {
        @Override
        public String toString() {
            return prefix;
        }
    }

    static Stream<Fixture> fixtures() {
        return Stream.of(
                new Fixture("f2-503dce7", "data/pima-train.csv", "data/pima-test.csv", 3, List.of("--standardize")),
                new Fixture("f3-7a4e946", "data/pima-train.csv", "data/pima-test.csv", 3, List.of("--standardize")),
                new Fixture("f3-c7de338", "older-files/f3-c7de338-hmda400-train.csv", "older-files/f3-c7de338-hmda150-test.csv", 2,
                        List.of("--categorical", "chist")),
                new Fixture("f4-323ff91-es", "data/pima-train.csv", "data/pima-test.csv", 0, List.of("--validation", "0.2",
                        "--early-stopping", "2", "--lr-schedule", "plateau:0.5:1")),
                new Fixture("f5-323ff91", "older-files/f5-323ff91-hmdaq400-train.csv", "older-files/f5-323ff91-hmdaq150-test.csv", 0,
                        List.of("--categorical", "chist", "--fill-missing", "--missing-values", "?")),
                new Fixture("f6-0f73bc0", "older-files/f6-0f73bc0-hmdan400-train.csv", "older-files/f6-0f73bc0-hmdan150-test.csv", 0,
                        List.of("--categorical", "chist", "--fill-missing", "--missing-values=-9,?")),
                new Fixture("f7-23896e9", "data/pima-train.csv", "data/pima-test.csv", 0, List.of("--fill-missing",
                        "--missing-values-in", "plas=0,skin=0,insu=0,mass=0")),
                new Fixture("f7-23896e9-dates", "older-files/f8-a507df5-pimad-train.csv", "older-files/f8-a507df5-pimad-test.csv", 0,
                        List.of("--fill-missing", "--missing-values-in", "insu=0,skin=0")),
                new Fixture("f8-a507df5", "older-files/f8-a507df5-pimad-train.csv", "older-files/f8-a507df5-pimad-test.csv", 0,
                        List.of("--fill-missing", "--missing-values-in", "insu=0,skin=0")));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(OlderFilesTest.class.getResource("/" + name).toURI());
    }

    private static Path older(String name) throws URISyntaxException {
        return resource("older-files/" + name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aModelPredictsAsItsWriterDid(Fixture fixture) throws Exception {
        Path predictions = predict(older(fixture.prefix() + "-model.zip"), resource(fixture.test()), "now.csv");
        assertAlike(older(fixture.prefix() + "-predictions.csv"), predictions, fixture.ulps());
        Run summary = Run.of("summary", "--model", older(fixture.prefix() + "-model.zip").toString());
        assertEquals(0, summary.exitCode(), summary.err());
        assertTrue(summary.out().contains("Epochs trained: 5\n"), summary.out());
        Run exported = Run.of("export", "--model", older(fixture.prefix() + "-model.zip").toString(), "--out",
                folder.resolve("model.onnx").toString());
        assertEquals(0, exported.exitCode(), exported.err());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aCheckpointResumesToTheModelItsRunEndedWith(Fixture fixture) throws Exception {
        Path checkpoint = Files.copy(older(fixture.prefix() + "-checkpoint-epoch3.zip"), folder.resolve("checkpoint.zip"));
        Path data = Files.copy(resource(fixture.train()), folder.resolve("train.csv"));
        Path resumed = folder.resolve("resumed.zip");
        List<String> train = new ArrayList<>(List.of("train", "--data", data.toString()));
        train.addAll(COMMON);
        train.addAll(fixture.flags());
        train.addAll(List.of("--checkpoint", checkpoint.toString(), "--resume", "--out", resumed.toString()));
        Run run = Run.of(train.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Resuming from " + checkpoint + " after epoch 3 of 5 "), run.out());
        Path predictions = predict(resumed, resource(fixture.test()), "resumed.csv");
        assertAlike(older(fixture.prefix() + "-predictions.csv"), predictions, RESUMED_ULPS);
    }

    /** Caches of three ages beside the file they were built from: two built again, with the reason said, and one read. */
    @Test
    void anOldCacheIsBuiltAgainOrReadAndTrainsAsAFreshFile() throws Exception {
        assertTrainsAsFresh("data/pima-train.csv", "f2-503dce7-pima-train.csv.dense4j-cache", List.of("--standardize"),
                "(the cache has an older format)");
        assertTrainsAsFresh("older-files/f5-323ff91-hmdaq400-train.csv", "f5-323ff91-hmdaq400-train.csv.dense4j-cache",
                List.of("--categorical", "chist", "--missing-values", "?"),
                "(the cache has format version 10, older than 11, which this dense4j reads)");
        assertTrainsAsFresh("older-files/f8-a507df5-pimad-train.csv", "f8-a507df5-pimad-train.csv.dense4j-cache",
                List.of("--missing-values-in", "insu=0,skin=0"), "cache: reused ");
    }

    private void assertTrainsAsFresh(String csv, String cache, List<String> flags, String said) throws Exception {
        Path beside = Files.createDirectories(folder.resolve("beside-" + cache));
        Path data = Files.copy(resource(csv), beside.resolve("train.csv"));
        Files.copy(older(cache), beside.resolve("train.csv.dense4j-cache"));
        Path fresh = Files.createDirectories(folder.resolve("fresh-" + cache));
        Path freshData = Files.copy(resource(csv), fresh.resolve("train.csv"));
        List<Model> models = new ArrayList<>();
        for (Path file : List.of(data, freshData)) {
            List<String> train = new ArrayList<>(List.of("train", "--data", file.toString()));
            train.addAll(COMMON);
            train.addAll(flags);
            train.addAll(List.of("--out", file.resolveSibling("model.zip").toString()));
            Run run = Run.of(train.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(file != data || run.out().contains(said), run.out());
            models.add(Model.load(file.resolveSibling("model.zip")));
        }
        assertEquals(models.get(1).parameters(), models.get(0).parameters(), cache);
    }

    /** The first model files (format 1, 2026-11-28) held no statistics entry and, at first, no epochs: they load, as models. */
    @Test
    void theFirstModelFilesLoadAsModelsWithoutTheStateOfTheirRun() throws Exception {
        Path predictions = predict(older("f1-86db6f0-model.zip"), resource("data/pima-test.csv"), "now.csv");
        assertAlike(older("f1-86db6f0-predictions.csv"), predictions, 0);
        Run summary = Run.of("summary", "--model", older("f1-86db6f0-checkpoint-epoch2.zip").toString());
        assertEquals(0, summary.exitCode(), summary.err());
        assertTrue(summary.out().contains("Training state: none recorded (a resume would start at epoch 1 with a fresh optimizer)\n"),
                summary.out());
        Path checkpoint = Files.copy(older("f1-86db6f0-checkpoint-epoch2.zip"), folder.resolve("checkpoint.zip"));
        Run resumed = Run.of("train", "--data", resource("data/pima-train.csv").toString(), "--layers", "4", "--optimizer", "adam",
                "--lr", "0.01", "--no-standardize", "--epochs", "3", "--accept-worse-than-base-rate", "--checkpoint", checkpoint.toString(), "--resume", "--out", folder.resolve("resumed.zip").toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Resuming from " + checkpoint + ", a model saved without the state of its run (by Model.save, "
                + "or by an early dense4j that kept no epochs): its weights train on for 3 epochs, and its optimizer starts afresh\n"),
                resumed.out());
    }

    /** Format 2 as the first command line wrote it, its epoch's sums not yet kept, and as Model.save wrote it without state. */
    @Test
    void formatTwoFilesLoadAndResume() throws Exception {
        for (String model : List.of("f2-503dce7-model.zip", "f2-503dce7-api-model.zip")) {
            Path predictions = predict(older(model), resource("data/pima-test.csv"), "now.csv");
            assertAlike(older("f2-503dce7-predictions.csv"), predictions, 3);
        }
    }

    /** A model from before train recorded its command line: verify says that is the likeliest reason it cannot rerun it. */
    @Test
    void verifySaysAnOlderModelRecordedNoCommandLine() throws Exception {
        Run verify = Run.of("verify", "--model", older("f3-7a4e946-model.zip").toString(), "--data",
                resource("data/pima-train.csv").toString());
        assertEquals(2, verify.exitCode(), verify.out());
        assertTrue(verify.err().contains("records no train command line (it was written by a dense4j older than verify (2026-12-03), "
                + "whose train recorded none, or it is a checkpoint"), verify.err());
    }

    /** The committed model of a 2-row file, loaded as any other. */
    @Test
    void aModelOfTwoRowsPredictsAsItsWriterDid() throws Exception {
        Path predictions = predict(older("f3-c7de338-committed-model.zip"), older("f3-c7de338-committed-tiny.csv"), "now.csv");
        assertEquals(Files.readAllLines(older("f3-c7de338-committed-predictions.csv")), Files.readAllLines(predictions));
    }

    /**
     * Each row's probability within {@code ulps} float32 steps of the old build's (its first column,
     * written with full digits), and the same class where the old file gave one.
     */
    /** {@code predict} with {@code model} on {@code data}, which must succeed; the predictions, in {@code name} in the test's folder. */
    private Path predict(Path model, Path data, String name) {
        Path predictions = folder.resolve(name);
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", data.toString(), "--out", predictions.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        return predictions;
    }

    private static void assertAlike(Path expected, Path actual, int ulps) throws IOException {
        List<String> old = Files.readAllLines(expected);
        List<String> now = Files.readAllLines(actual);
        assertEquals(old.size(), now.size(), "rows");
        for (int row = 1; row < old.size(); row++) {
            String[] was = old.get(row).split(",");
            String[] is = now.get(row).split(",");
            float before = (float) Double.parseDouble(was[0]);
            float after = Float.parseFloat(is[0]);
            int steps = Math.abs(Float.floatToIntBits(before) - Float.floatToIntBits(after));
            assertTrue(steps <= ulps, "row " + row + ": " + was[0] + " then, " + is[0] + " now (" + steps + " float32 steps)");
            if (was.length > 1) {
                assertEquals(was[1], is[1], "row " + row + "'s class");
            }
        }
    }
}
