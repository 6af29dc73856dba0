package io.dense4j.cli;

import io.dense4j.data.Printable;
import io.dense4j.data.csv.ContentHash;
import io.dense4j.data.csv.CsvFiles;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.Model;
import io.dense4j.model.TrainingCommand;
import io.dense4j.model.TrainingData;
import io.dense4j.runtime.MachineKind;
import io.dense4j.tensor.NativeArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Reruns the {@code dense4j train} command line a model records, on the data given, and compares
 * the weights bit for bit: whether the model can be rebuilt from its data and its recipe.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Retrain a model with the train command line saved in "
        + "it, on its training data, and say whether the weights come out bit for bit the same (exit 0) or not (exit 1); exit 2 when it records no command line to rerun.")
final class VerifyCommand implements Callable<Integer> {
    /** Flags of the recorded command that only say where files go, or how many threads run: dropped, with their values. */
    private static final Set<String> PLACES = Set.of("--data", "--out", "--plot", "--log", "--checkpoint", "--checkpoint-every",
            "--threads", "--parts", "--cache-dir");
    private static final Set<String> SWITCHES = Set.of("--resume", "--verbose");

    @Option(names = "--model", required = true, description = "A model file written by train.")
    Path modelFile;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "The CSV the model was trained on: a file, a folder or a glob (quoted).")
    String data;

    @Option(names = "--cache-dir", description = "The folder for the retraining's binary cache (default: beside the CSV file, "
            + "or ~/.cache/dense4j when its folder cannot be written).")
    Path cacheDirectory;

    /** Why {@link #modelFile} records no command line, from how its steps were taken and how far it had got. */
    private String whyNoCommand() {
        io.dense4j.model.TrainingState state = Checkpoint.load(modelFile).state();
        if (state.batching() != null && state.batching().onACluster()) {
            return "it was trained on Spark, whose rounds add the pieces' gradients in another order than one machine";
        }
        if (state.progress().equals(io.dense4j.model.TrainingState.Progress.START)) {
            return "it was trained from Java";
        }
        return "it was written by a dense4j older than verify (2026-12-03), whose train recorded none, or it is a checkpoint an "
                + "older dense4j wrote during a run, a run resumed from a Spark checkpoint, or a fit from Java; a train run's --out "
                + "model records it";
    }

    @Override
    public Integer call() throws IOException {
        Model original = Model.load(modelFile);
        TrainingCommand command = original.trainingCommand();
        if (command == null) {
            throw new ParameterException(spec.commandLine(), modelFile + " records no train command line (" + whyNoCommand() + "): "
                    + "verify reruns dense4j train on one machine only");
        }
        if (!command.ended()) {
            throw new ParameterException(spec.commandLine(), modelFile + " is a checkpoint written during a run: the command line it "
                    + "keeps is for a run resumed from it; verify the run's --out model, whose weights the whole line makes");
        }
        TrainingData trainedOn = original.trainingData();
        long bytes = 0;
        for (Path file : CsvFiles.of(data).paths()) {
            bytes += Files.isRegularFile(file) ? Files.size(file) : 0;
        }
        if (trainedOn != null && bytes > 0 && bytes != trainedOn.bytes()) {
            System.out.printf(Locale.ROOT, "Not reproduced: %s holds %,d bytes; %s was trained on %s%n", data, bytes, modelFile,
                    trainedOn);
            return 1;
        }
        if (trainedOn != null && trainedOn.contentXxh128() != null && bytes > 0) { // one read now rather than a whole retraining
            String content = ContentHash.ofFiles(CsvFiles.of(data).paths());
            if (!content.equals(trainedOn.contentXxh128())) {
                System.out.printf(Locale.ROOT, "Not reproduced: %s is not the data %s was trained on (%s; now XXH3-128 %s)%n", data, modelFile,
                        trainedOn, content);
                return 1;
            }
        }
        Path folder = Files.createTempDirectory("dense4j-verify");
        Path retrainedFile = folder.resolve("retrained.zip");
        try {
            List<String> arguments = rerun(command, original, retrainedFile);
            System.out.println("Retraining as recorded: " + new TrainingCommand(arguments.subList(1, arguments.size()),
                    command.parts()));
            int exit = Main.execute(arguments.toArray(String[]::new));
            if (!Files.exists(retrainedFile)) {
                throw new IllegalStateException("the retraining ended with exit code " + exit + " and wrote no model");
            }
            Model retrained = Model.load(retrainedFile);
            if (trainedOn != null && !trainedOn.sameContent(retrained.trainingData())) {
                System.out.printf(Locale.ROOT, "Not reproduced: %s is not the data %s was trained on (%s; now %s)%n", StandardInput.shownAs(data),
                        modelFile, trainedOn,
                        retrained.trainingData());
                return 1;
            }
            String differences = differences(original, retrained, elsewhere(command.machines(), MachineKind.here()));
            if (differences == null) {
                System.out.printf(Locale.ROOT, "Reproduced: retraining on %s gave %s's %s bit for bit%n", StandardInput.shownAs(data),
                        modelFile, compared(original));
                return 0;
            }
            System.out.println("Not reproduced: " + differences);
            return 1;
        } finally {
            try (var left = Files.list(folder)) {
                for (Path file : left.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(folder);
        }
    }

    /**
     * The recorded command line, its file places and threads replaced: this data, a temporary model,
     * the recorded parts; and where the line does not say them, what {@code original} took from its
     * data: its decimal comma and thousands separator (train takes them from the file's first
     * lines) and its categorical columns (inferred from the first rows), which a later dense4j may
     * read otherwise (it reads 2020-03-14 as a number, which an older one took for a category).
     */
    private List<String> rerun(TrainingCommand command, Model original, Path out) {
        List<String> arguments = new ArrayList<>(List.of("train"));
        List<String> recorded = withoutNoOps(command.arguments());
        for (int i = 0; i < recorded.size(); i++) {
            String argument = recorded.get(i);
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            if (PLACES.contains(name)) {
                i += argument.contains("=") ? 0 : 1; // and its value
            } else if (!SWITCHES.contains(name)) {
                arguments.add(argument);
            }
        }
        if (RecordedCommand.epochs(recorded).isEmpty()) { // recorded when the default was 10 whatever the rows
            arguments.addAll(List.of("--epochs", Integer.toString(DefaultEpochs.OF_A_LINE_WITHOUT)));
        }
        if (!RecordedCommand.givesFill(recorded)) { // recorded when missing numbers were errors by default
            arguments.add("--no-fill-missing");
        }
        TrainingData trainedOn = original.trainingData();
        if (trainedOn != null && trainedOn.decimal() != '.' && RecordedCommand.valueOf(recorded, "--decimal").isEmpty()) {
            arguments.addAll(List.of("--decimal", String.valueOf(trainedOn.decimal())));
        }
        if (trainedOn != null && trainedOn.thousands() != 0 && RecordedCommand.valueOf(recorded, "--thousands").isEmpty()) {
            arguments.addAll(List.of("--thousands", String.valueOf(trainedOn.thousands())));
        }
        if (original.inputSchema() != null) {
            List<String> declared = RecordedCommand.values(recorded, "--categorical");
            List<String> inferred = original.inputSchema().categories().keySet().stream()
                    .filter(name -> !declared.contains(name) && !name.contains(",")).toList();
            if (!inferred.isEmpty()) {
                arguments.addAll(List.of("--categorical", String.join(",", inferred)));
            }
        }
        arguments.addAll(List.of("--data", data, "--out", out.toString(), "--parts", Integer.toString(command.parts())));
        if (cacheDirectory != null) {
            arguments.addAll(List.of("--cache-dir", cacheDirectory.toString()));
        }
        return arguments;
    }

    /**
     * {@code recorded} without the flags that did nothing when it ran and that train now refuses
     * for that reason: --stratify without --validation, and Adam's --beta1, --beta2 and --epsilon
     * with SGD. Leaving them out retrains the same way; keeping them would fail the rerun.
     */
    static List<String> withoutNoOps(List<String> recorded) {
        java.util.function.Predicate<String> given = flag -> recorded.stream().anyMatch(a -> a.equals(flag) || a.startsWith(flag + "="));
        String optimizer = "sgd";
        for (int i = 0; i < recorded.size(); i++) {
            String a = recorded.get(i);
            if (a.startsWith("--optimizer=")) {
                optimizer = a.substring("--optimizer=".length());
            } else if (a.equals("--optimizer") && i + 1 < recorded.size()) {
                optimizer = recorded.get(i + 1);
            }
        }
        boolean adam = optimizer.equalsIgnoreCase("adam");
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < recorded.size(); i++) {
            String a = recorded.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (name.equals("--stratify") && !given.test("--validation")) {
                continue;
            }
            if (!adam && (name.equals("--beta1") || name.equals("--beta2") || name.equals("--epsilon"))) {
                i += a.contains("=") ? 0 : 1; // and its value
                continue;
            }
            kept.add(a);
        }
        return kept;
    }

    /** What {@link #differences} compares: "577 parameters, 12 statistics and 20 fill means", those the model has. */
    private static String compared(Model model) {
        List<String> parts = new ArrayList<>(List.of(String.format(Locale.ROOT, "%,d parameters", model.parameterCount())));
        if (model.graph().statisticsCount() > 0) {
            parts.add(String.format(Locale.ROOT, "%,d statistics", model.graph().statisticsCount()));
        }
        if (model.inputSchema() != null && model.inputSchema().missingValueFill() != null) {
            // one per number column: a categorical column's place holds an unused 0, its missing cells having a slot
            parts.add(String.format(Locale.ROOT, "%,d fill means", model.inputSchema().featureNames().size()
                    - model.inputSchema().categories().size()));
        }
        return Listed.inWords(parts);
    }

    /**
     * Why a retraining here may round otherwise than the run, which trained on {@code trainedOn}
     * (none where its file does not say), as a sentence to follow the differences; empty when the
     * run trained on this kind of machine alone, where the bits should come back. A possible
     * cause, not a verdict: a change of dense4j's arithmetic would differ too.
     */
    static String elsewhere(List<MachineKind> trainedOn, MachineKind here) {
        if (trainedOn.isEmpty()) {
            return ". The model does not say which machine trained it: if another kind than this one (" + Printable.whole(here.toString())
                    + "), " + MachineKind.OTHER_CPU + ", which alone would change the last bits";
        }
        String why = MachineKind.whatDiffers(trainedOn, here);
        if (why == null) {
            return "";
        }
        return ". It was trained on " + Printable.whole(trainedOn.stream().map(MachineKind::toString).collect(Collectors.joining(", then ")))
                + "; this is " + Printable.whole(here.toString()) + ": " + why + ", which alone would change the last bits";
    }

    /** How {@code retrained}'s values differ from {@code original}'s, in one sentence; null if not at all, to the bit. */
    static String differences(Model original, Model retrained) {
        return differences(original, retrained, "");
    }

    /**
     * As {@link #differences(Model, Model)}, followed by {@code rounding} (why the last bits may
     * differ here) when only numbers differ, as they would by rounding, not how the models fill.
     */
    static String differences(Model original, Model retrained, String rounding) {
        if (!original.graph().nodes().equals(retrained.graph().nodes()) || original.dataType() != retrained.dataType()) {
            return "the retrained model is another network (" + retrained.parameterCount() + " parameters; the model's: "
                    + original.parameterCount() + ")";
        }
        NativeArray before = original.parameterValues().values();
        NativeArray after = retrained.parameterValues().values();
        int differing = 0;
        int largestAt = -1;
        double largest = -1;
        for (int i = 0; i < before.length(); i++) {
            if (Double.doubleToRawLongBits(before.get(i)) != Double.doubleToRawLongBits(after.get(i))) {
                differing++;
                double by = Math.abs(before.get(i) - after.get(i));
                if (by > largest) {
                    largest = by;
                    largestAt = i;
                }
            }
        }
        int statistics = countDiffering(original.parameterValues().statistics(), retrained.parameterValues().statistics());
        boolean threshold = original.threshold().value() != retrained.threshold().value();
        String fill = fillDifference(original, retrained);
        if (differing == 0 && statistics == 0 && !threshold && fill == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (differing > 0) {
            parts.add(String.format(Locale.ROOT, "%,d of %,d parameters differ (the most, by %.3g, %s)", differing, before.length(),
                    largest, original.describeParameter(largestAt)));
        }
        if (statistics > 0) {
            parts.add(String.format(Locale.ROOT, "%,d of %,d Normalization statistics differ", statistics,
                    original.graph().statisticsCount()));
        }
        if (threshold) {
            parts.add("the threshold is " + retrained.threshold() + ", not " + original.threshold());
        }
        if (fill != null) {
            parts.add(fill);
        }
        return String.join("; ", parts) + (fill == null ? rounding : "");
    }

    /** How the models differ in filling missing numbers, which their weights do not show; null if not at all, to the bit. */
    private static String fillDifference(Model original, Model retrained) {
        List<Double> before = original.inputSchema() == null ? null : original.inputSchema().missingValueFill();
        List<Double> after = retrained.inputSchema() == null ? null : retrained.inputSchema().missingValueFill();
        if ((before == null) != (after == null)) {
            return before == null ? "the retrained model fills missing numbers, which the model refuses"
                    : "the retrained model refuses missing numbers, which the model fills";
        }
        int differing = 0;
        for (int j = 0; before != null && j < before.size(); j++) {
            differing += Double.doubleToRawLongBits(before.get(j)) != Double.doubleToRawLongBits(after.get(j)) ? 1 : 0;
        }
        return differing == 0 ? null : String.format(Locale.ROOT, "%,d of %,d means that fill missing numbers differ", differing,
                before.size());
    }

    private static int countDiffering(NativeArray before, NativeArray after) {
        int differing = 0;
        for (int i = 0; before != null && i < before.length(); i++) {
            differing += Double.doubleToRawLongBits(before.get(i)) != Double.doubleToRawLongBits(after.get(i)) ? 1 : 0;
        }
        return differing;
    }
}
