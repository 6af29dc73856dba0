package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.model.TrainingCommand;
import io.dense4j.optim.SGD;
import io.dense4j.runtime.MachineKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dense4j verify}: the train command line a model records, rerun on its data, gives its
 * weights bit for bit (on another thread count too, as the recorded parts fix the additions'
 * order), and anything else is reported as not reproduced.
 */
class VerifyCommandTest {
    @TempDir
    Path folder;

    private Path hmda() throws Exception {
        Path copy = folder.resolve("hmda-train.csv");
        Files.copy(Path.of(VerifyCommandTest.class.getResource("/data/hmda-train.csv").toURI()), copy);
        return copy;
    }

    private Path train(Path data, String... more) {
        Path model = folder.resolve("model.zip");
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--out", model.toString(),
                "--epochs", "4", "--layers", "16,8", "--dropout", "0.1", "--optimizer", "adam", "--lr", "0.01", "--validation", "0.2",
                "--stratify", "--class-weight", "balanced", "--lr-schedule", "cosine:1", "--early-stopping", "2", "--threshold-for",
                "f1", "--threads", "2", "--plot", folder.resolve("plots").toString(), "--checkpoint", folder.resolve("c.zip").toString()));
        args.addAll(List.of(more));
        Run trained = Run.of(args.toArray(String[]::new));
        assertEquals(0, trained.exitCode(), trained.err());
        return model;
    }

    @Test
    void theRecordedCommandLineGivesTheSameWeightsBitForBit() throws Exception {
        Path data = hmda();
        Path model = train(data);
        Run summary = Run.of("summary", "--model", model.toString());
        assertTrue(summary.out().contains("Command: dense4j train --data " + data + " --out " + model + " --epochs 4"), summary.out());
        // --threads 2 records a limit of 2 parts; a batch of 32 rows is one part, so "cut into 2" would not be true
        assertTrue(summary.out().contains("(its steps cut into up to 2 parts, as --parts 2 cuts them; dense4j verify reruns it)"),
                summary.out());

        assertTrue(summary.out().contains("\nMachine: " + MachineKind.here() + " (a rerun elsewhere may differ in the last bits)\n"),
                summary.out());

        Run verified = Run.of("verify", "--model", model.toString(), "--data", data.toString());

        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().contains("Retraining as recorded: dense4j train --epochs 4 --layers 16,8"), verified.out());
        assertTrue(verified.out().contains(" --data " + data + " --out "), verified.out());
        assertTrue(verified.out().contains(" --parts 2"), "the recorded parts, not the threads: " + verified.out());
        assertTrue(!verified.out().contains("--plot") && !verified.out().contains("--checkpoint"), verified.out());
        String last = verified.out().lines().reduce((first, second) -> second).orElseThrow();
        assertTrue(last.matches("Reproduced: retraining on .* gave .*model.zip's [0-9,]+ parameters, 12 statistics and 6 fill means bit for bit"),
                last);
    }

    /**
     * A run resumed without the model, optimizer and loss flags the checkpoint keeps records them
     * from the checkpoint's command line: verify's rerun from scratch trains the model the resumed
     * run finished, not one with the defaults.
     */
    @Test
    void aResumedRunRecordsTheFlagsItTookFromItsCheckpoint() throws Exception {
        Path data = hmda();
        Path checkpoint = folder.resolve("c.zip");
        Run first = Run.of("train", "--data", data.toString(), "--out", folder.resolve("m2.zip").toString(), "--epochs", "2",
                "--layers", "8", "--optimizer", "adam", "--lr", "0.01", "--class-weight", "3", "--max-categories", "1",
                "--checkpoint", checkpoint.toString());
        assertEquals(0, first.exitCode(), first.err());
        Path model = folder.resolve("m4.zip");
        Run balanced = Run.of("train", "--data", data.toString(), "--out", model.toString(), "--epochs", "4", "--checkpoint",
                checkpoint.toString(), "--resume", "--class-weight", "balanced");
        assertEquals(2, balanced.exitCode(), "ignored, it would have been recorded: " + balanced.out());
        assertTrue(balanced.err().contains("but --class-weight balanced makes class weights 0: 0.571723, 1: 3.98565; the "
                + "checkpoint has class weights 0: 1.00000, 1: 3.00000. Give the checkpoint's flags"), balanced.err());
        // --max-categories 100 changes nothing (the checkpoint keeps its 1 category a column): the checkpoint's 1 is recorded
        Run resumed = Run.of("train", "--data", data.toString(), "--out", model.toString(), "--epochs", "4", "--checkpoint",
                checkpoint.toString(), "--resume", "--max-categories", "100", "--plot", folder.resolve("plots").toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("accuracy.png (epochs 3 to 4, the ones this run trained: a checkpoint keeps no earlier "
                + "epoch's losses)"), resumed.out());
        Run summary = Run.of("summary", "--model", model.toString());
        assertTrue(summary.out().contains("Command: dense4j train --data " + data + " --out " + model + " --epochs 4 --checkpoint "
                + checkpoint + " --resume --plot " + folder.resolve("plots") + " --layers 8 --optimizer adam --lr 0.01 --class-weight 3 "
                + "--max-categories 1"),
                summary.out());

        Run verified = Run.of("verify", "--model", model.toString(), "--data", data.toString());

        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().lines().reduce((a, b) -> b).orElseThrow().startsWith("Reproduced: "), verified.out());
    }

    @Test
    void otherDataIsNotReproduced() throws Exception {
        Path data = hmda();
        Path model = train(data);
        List<String> lines = Files.readAllLines(data, StandardCharsets.UTF_8);
        lines.set(5, lines.get(5).replaceFirst("^0\\.", "1.")); // one digit of one cell: the same size, other content
        Path other = Files.write(folder.resolve("other.csv"), lines, StandardCharsets.UTF_8);
        assertEquals(Files.size(data), Files.size(other));

        Run verified = Run.of("verify", "--model", model.toString(), "--data", other.toString());

        assertEquals(1, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().contains("Not reproduced: " + other + " is not the data " + model + " was trained on"), verified.out());
        assertFalse(verified.out().contains("Retraining"), "the content is compared before any retraining: " + verified.out());

        Path shorter = Files.write(folder.resolve("shorter.csv"), lines.subList(0, 1000), StandardCharsets.UTF_8);
        Run refused = Run.of("verify", "--model", model.toString(), "--data", shorter.toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.out().startsWith("Not reproduced: " + shorter + " holds "), refused.out());
    }

    @Test
    void flagsThatDidNothingWhenRecordedAreLeftOutOfTheRerun() {
        // train refuses them now, for doing nothing; a model that recorded them retrains the same without them
        assertEquals(List.of("--epochs", "3"), VerifyCommand.withoutNoOps(List.of("--stratify", "--epochs", "3", "--beta1", "0.5",
                "--epsilon=3")));
        assertEquals(List.of("--validation", "0.2", "--stratify", "--optimizer", "adam", "--beta1", "0.5"),
                VerifyCommand.withoutNoOps(List.of("--validation", "0.2", "--stratify", "--optimizer", "adam", "--beta1", "0.5")));
    }

    @Test
    void aModelTrainedFromJavaHasNoCommandToRerun() throws Exception {
        Path file = folder.resolve("java.zip");
        model(1).save(file);
        Path data = hmda();
        Run verified = Run.of("verify", "--model", file.toString(), "--data", data.toString());
        assertEquals(2, verified.exitCode(), "it cannot rerun the model: not the exit code of weights that differ");
        assertEquals("dense4j: " + file + " records no train command line (it was trained from Java): verify reruns "
                + "dense4j train on one machine only", verified.err().lines().findFirst().orElse(""));
        // a checkpoint is written during the run, before the run knows it will end and record its command line
        Path checkpoint = folder.resolve("checkpoint.zip");
        assertEquals(0, Run.of("train", "--data", data.toString(), "--epochs", "1", "--accept-worse-than-base-rate",
                "--checkpoint", checkpoint.toString(), "--out", folder.resolve("m.zip").toString()).exitCode());
        Run midRun = Run.of("verify", "--model", checkpoint.toString(), "--data", data.toString());
        assertEquals(2, midRun.exitCode());
        assertEquals("dense4j: " + checkpoint + " is a checkpoint written during a run: the command line it keeps is for a run "
                + "resumed from it; verify the run's --out model, whose weights the whole line makes",
                midRun.err().lines().findFirst().orElse(""));
        String summary = Run.of("summary", "--model", checkpoint.toString()).out();
        assertTrue(summary.contains("a checkpoint's, for the run resumed from it; verify reruns the run's --out model)\n"), summary);
    }

    /**
     * A model trained on another kind of machine says so when its bits do not come back here: the
     * machine it records is another CPU's (and one weight a float32 step off, as another CPU's
     * OpenBLAS would leave it).
     */
    @Test
    void aModelTrainedOnAnotherKindOfMachineSaysWhyItsBitsDiffer() throws Exception {
        Path data = hmda();
        Path file = train(data);
        Model model = Model.load(file);
        model.weights(1).putScalar(0, Math.nextUp(model.weights(1).getFloat(0))); // layer 0 is the Normalization
        MachineKind other = new MachineKind("MadeUpVendor family 99 model 99, AVX2", "0-no-such-jdk"); // no real machine's kind
        TrainingCommand line = model.trainingCommand();
        model.setTrainingCommand(new TrainingCommand(line.arguments(), line.parts(), true, false, List.of(other)));
        model.save(file);

        Run verified = Run.of("verify", "--model", file.toString(), "--data", data.toString());

        assertEquals(1, verified.exitCode(), verified.out() + verified.err());
        String last = verified.out().lines().reduce((first, second) -> second).orElseThrow();
        assertTrue(last.matches("Not reproduced: 1 of [0-9,]+ parameters differ \\(the most, by [0-9.e-]+, layer 1 \\(Dense\\) weight "
                + "\\[0, 0\\]\\)\\. It was trained on MadeUpVendor family 99 model 99, AVX2, Java 0-no-such-jdk; this is "
                + java.util.regex.Pattern.quote(MachineKind.here().toString()) + ": OpenBLAS's matrix products add in another order on "
                + "another kind of CPU, and another JDK may round Math\\.exp otherwise, which alone would change the last bits"), last);
    }

    @Test
    void whyTheBitsMayDifferSaysWhereTheModelWasTrained() {
        MachineKind intel = new MachineKind("GenuineIntel family 6 model 167, AVX-512", "17.0.15+6");
        MachineKind amd = new MachineKind("AuthenticAMD family 25 model 1, AVX2", "17.0.15+6");
        assertEquals("", VerifyCommand.elsewhere(List.of(intel), intel));
        assertEquals(". The model does not say which machine trained it: if another kind than this one (GenuineIntel family 6 model 167, "
                + "AVX-512, Java 17.0.15+6), OpenBLAS's matrix products add in another order on another kind of CPU, which alone would "
                + "change the last bits", VerifyCommand.elsewhere(List.of(), intel));
        // resumed here after epochs on another kind: the bits are not this machine's alone
        assertEquals(". It was trained on AuthenticAMD family 25 model 1, AVX2, Java 17.0.15+6, then GenuineIntel family 6 model 167, "
                + "AVX-512, Java 17.0.15+6; this is GenuineIntel family 6 model 167, AVX-512, Java 17.0.15+6: OpenBLAS's matrix products "
                + "add in another order on another kind of CPU, which alone would change the last bits",
                VerifyCommand.elsewhere(List.of(amd, intel), intel));
        // the same CPU under another JDK: only Math.exp is said
        assertEquals(". It was trained on GenuineIntel family 6 model 167, AVX-512, Java 21; this is GenuineIntel family 6 model 167, "
                + "AVX-512, Java 17.0.15+6: another JDK may round Math.exp otherwise, which alone would change the last bits",
                VerifyCommand.elsewhere(List.of(new MachineKind(intel.cpu(), "21")), intel));
        // a file's text cannot break the line: escaped as every message's quoted text is
        assertTrue(VerifyCommand.elsewhere(List.of(new MachineKind("evil\ncpu\u001b[2J", "17")), intel).lines().count() == 1);
    }

    @Test
    void differencesCountTheValuesAndNameTheLargest() {
        assertNull(VerifyCommand.differences(model(1), model(1)));
        String differences = VerifyCommand.differences(model(1), model(2));
        // 3 inputs → Dense 4 → Dense 1: 16 + 5 parameters, every one drawn from the seed
        assertTrue(differences.matches("21 of 21 parameters differ \\(the most, by [0-9.e-]+, layer [01] \\(Dense\\) (weight|bias) .*\\)"),
                differences);
    }

    private static Model model(long seed) {
        Model model = new Sequential(new Dense(4, new ReLU()), new Dense(1, new Sigmoid())).compile(3, new BinaryCrossEntropy(),
                new SGD(0.1), CompileOptions.defaults().withSeed(seed));
        model.bias(0).assign(seed); // biases start at 0: make them differ too
        model.bias(1).assign(seed);
        return model;
    }
}
