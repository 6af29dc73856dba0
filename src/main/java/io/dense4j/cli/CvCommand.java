package io.dense4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dense4j.data.BatchSource;
import io.dense4j.data.RowSelection;
import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.layer.Activation;
import io.dense4j.metrics.Evaluation;
import io.dense4j.model.Model;
import io.dense4j.optim.Optimizer;
import io.dense4j.train.BaseRateCheck;
import io.dense4j.train.EarlyStopping;
import io.dense4j.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * K-fold cross-validation with train's flags: each fold's rows are held out once, the others train
 * a new model (its standardization, fill and class balance from those rows alone), and the held-out
 * rows are scored; prints each metric's mean and standard deviation over the folds.
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "K-fold cross-validation with the same flags as train: each metric's mean and standard deviation over the folds.")
final class CvCommand extends TrainCommand {

    @Option(names = "--folds", defaultValue = "5", description = "Folds: each row is held out in exactly one (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--json", description = "Print one JSON object (each metric's folds, mean and standard deviation) instead of a table.")
    boolean json;

    /** Folds ended worse than their base rate named in the closing error, up to this many; the rest are counted. */
    private static final int FOLDS_NAMED = 3;

    /** The metrics reported, in order, by their JSON names. */
    private static final Map<String, ToDoubleFunction<Evaluation>> METRICS = metrics();

    private static Map<String, ToDoubleFunction<Evaluation>> metrics() {
        Map<String, ToDoubleFunction<Evaluation>> metrics = new LinkedHashMap<>();
        metrics.put("logLoss", Evaluation::logLoss);
        metrics.put("rocAuc", Evaluation::rocAuc);
        metrics.put("prAuc", Evaluation::prAuc);
        metrics.put("brier", Evaluation::brier);
        metrics.put("ece", Evaluation::ece); // calibration error, as evaluate reports it
        metrics.put("accuracy", Evaluation::accuracy);
        metrics.put("balancedAccuracy", Evaluation::balancedAccuracy);
        metrics.put("precision", Evaluation::precision);
        metrics.put("recall", Evaluation::recall);
        metrics.put("f1", Evaluation::f1);
        metrics.put("mcc", Evaluation::mcc);
        return metrics;
    }

    @Override
    public Integer call() throws IOException {
        refuseTrainOnlyOptions();
        Optimizer chosen = optimizerOptions.optimizer();
        Activation hidden = architecture.hiddenActivation();
        checkModelOptions();
        CsvFiles file = StandardInput.files(data, status());
        csv.guessSeparators(file, false, java.util.Set.copyOf(columns.categorical), status());
        CsvSource source = positive.appliedTo(csv.open(file, format(), sourceOptions()));
        status().printf(Locale.ROOT, "%s; %d folds%n", ReadLine.of(file, source), folds);
        noteLabelRuns(source, status());
        ColumnOptions.noteDates(source.dateColumns(), status());
        long[] heldOutRows = foldSizes(file, source);
        DefaultEpochs.settle(this, source.rows() - java.util.Arrays.stream(heldOutRows).max().orElseThrow(), null); // a fold's fewest training rows
        List<Evaluation> results = new ArrayList<>();
        List<String> worse = new ArrayList<>(); // the folds whose last epoch was worse than their base rate
        // each fold's likely causes: a fold whose training rows fit in one batch takes one step an epoch, the others more
        java.util.Map<String, List<Integer>> likelyCauses = new java.util.LinkedHashMap<>();
        for (int fold = 0; fold < folds; fold++) {
            judgeAnew();
            status().printf(Locale.ROOT, "Fold %d of %d: %,d rows held out%n", fold + 1, folds, heldOutRows[fold]); // before a refusal of its rows
            RowSelection training = split.stratifiedIfAsked(RowSelection.fold(folds, fold, seed, false));
            RowSelection heldOut = split.stratifiedIfAsked(RowSelection.fold(folds, fold, seed, true));
            Model model = freshModels.of(hidden, chosen, source, training);
            double[] fill = model.inputSchema().fillValues();
            var categories = model.inputSchema().categories();
            try (BatchSource trainRows = source.rows(training, fill, categories, model.dataType())) {
                EarlyStopping stopping = FitFromFlags.earlyStopping(this);
                io.dense4j.train.History history = new Trainer(model, model.optimizer(), policy()).fit(trainRows, null,
                        FitFromFlags.of(this, stopping, io.dense4j.train.ModelCheckpoint::everyEpochs));
                judgement().judgeAfterLastStep(() -> model.objective(trainRows)); // as train judges a full batch's end
                noteStop(fold, history);
            }
            Evaluation evaluation = model.scores(source, heldOut).evaluation(model.threshold().value());
            status().println("On the held-out rows: " + evaluation);
            if (evaluation.confusion().tp() + evaluation.confusion().fn() == 0) { // its areas are undefined, its recall 0
                status().printf(Locale.ROOT, "Note: fold %d holds out no class-1 row: its ROC AUC and PR AUC are undefined, its recall, "
                        + "precision and F1 are 0 in the means, and its balanced accuracy is class 0's recall alone%s%n", fold + 1, split.stratify ? "; give fewer --folds"
                        : "; --stratify gives each fold its share of each class");
            }
            results.add(evaluation);
            BaseRateCheck judged = judgeAnew();
            if (judged != null && judged.worseAtEnd()) {
                worse.add("fold " + (fold + 1) + ": " + judged.comparison());
                likelyCauses.computeIfAbsent(judged.likelyCauses(), causes -> new ArrayList<>()).add(fold + 1);
            }
        }
        System.out.println(json ? json(results) : table(results));
        if (!worse.isEmpty() && !acceptWorseThanBaseRate) {
            String named = String.join("; ", worse.subList(0, Math.min(FOLDS_NAMED, worse.size())))
                    + (worse.size() > FOLDS_NAMED ? String.format(Locale.ROOT, "; and %d more fold%s", worse.size() - FOLDS_NAMED,
                    worse.size() - FOLDS_NAMED == 1 ? "" : "s") : "");
            String causes = likelyCauses.size() == 1 ? likelyCauses.keySet().iterator().next() : likelyCauses.entrySet().stream()
                    .map(cause -> "for " + foldList(cause.getValue()) + ": " + cause.getKey()).collect(java.util.stream.Collectors.joining("; "));
            System.err.printf(Locale.ROOT, "dense4j: %d of %d folds ended worse than always predicting the base rate; %s; %s. "
                    + "--accept-worse-than-base-rate exits 0 on such a run%n", worse.size(), folds, named, causes);
            return 1;
        }
        return 0;
    }

    /** "fold 3", or "folds 1, 2 and 4". */
    private static String foldList(List<Integer> numbers) {
        return (numbers.size() == 1 ? "fold " : "folds ") + Listed.inWords(numbers.stream().map(String::valueOf).toList());
    }

    /** Says when a fold's fit stopped before its last epoch, or is scored with an earlier epoch's weights, as train says of its run. */
    private void noteStop(int fold, io.dense4j.train.History history) {
        int restored = history.restoredEpoch();
        boolean earlier = restored != 0 && !history.epochs().isEmpty() && restored != history.last().epoch();
        String scored = earlier ? "scored with the weights of epoch " + restored + ", the best on the training loss" : "";
        if (history.stoppedEarly()) {
            status().printf(Locale.ROOT, "Fold %d stopped early after epoch %d%s%n", fold + 1, history.last().epoch(),
                    earlier ? "; " + scored : "");
        } else if (earlier) {
            status().printf(Locale.ROOT, "Fold %d %s%n", fold + 1, scored);
        }
    }

    /** With --json, the one JSON object is standard output's alone: what the folds say goes to standard error. */
    @Override
    PrintStream status() {
        return json ? System.err : System.out;
    }

    /**
     * The rows each fold holds out, each fold checked before the first trains: to hold out some
     * rows, and to train on some of each class (else it would fail after the folds before it).
     */
    private long[] foldSizes(CsvFiles file, CsvSource source) {
        List<RowSelection> heldOut = new ArrayList<>();
        for (int fold = 0; fold < folds; fold++) {
            heldOut.add(split.stratifiedIfAsked(RowSelection.fold(folds, fold, seed, true)));
        }
        long[][] classes = source.classCounts(heldOut);
        long[] totals = {0, 0};
        for (long[] fold : classes) {
            totals[0] += fold[0];
            totals[1] += fold[1];
        }
        long[] sizes = new long[folds];
        for (int fold = 0; fold < folds; fold++) {
            sizes[fold] = classes[fold][0] + classes[fold][1];
            if (sizes[fold] == 0 || sizes[fold] == source.rows()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %,d rows are too few for %d folds: fold %d "
                        + "would %s no rows", file, source.rows(), folds, fold + 1, sizes[fold] == 0 ? "hold out" : "train on"));
            }
        }
        for (int c = 0; c < 2; c++) {
            for (int fold = 0; fold < folds; fold++) {
                if (classes[fold][c] == totals[c]) {
                    throw new IllegalArgumentException(classMissing(file, source, fold, c, totals[c]));
                }
            }
        }
        return sizes;
    }

    /** Why fold {@code fold} would train on no row of class {@code c}, of which the file holds {@code total}, and the way out. */
    private String classMissing(CsvFiles file, CsvSource source, int fold, int c, long total) {
        String named = String.format(Locale.ROOT, "class %d (\"%s\")", c, io.dense4j.data.Printable.of(source.classes().get(c)));
        if (total == 1) {
            return String.format(Locale.ROOT, "%s: holds one row of %s, and the fold that holds it out (fold %d) would train on none: "
                    + "cross-validation needs at least 2 rows of each class", file, named, fold + 1);
        }
        return String.format(Locale.ROOT, "%s: fold %d would hold out all %,d rows of %s and train on none%s", file, fold + 1, total,
                named, split.stratify ? ": give a --seed that spreads them" : "; --stratify gives each fold its share of each class");
    }

    /** Options of train that a cross-validation cannot honour, each with what to do instead. */
    private void refuseTrainOnlyOptions() {
        if (folds < 2) {
            throw new ParameterException(spec.commandLine(), "--folds takes a number >= 2 (each fold is held out once), got " + folds);
        }
        String[][] refused = {
                {"--validation", split.validation != 0 ? "x" : null, "each fold's held-out rows are its validation rows"},
                {"--threshold-for", split.thresholdFor, "choosing a threshold on the rows it is scored on would flatter it; "
                        + "cross-validate at the default, or train with --threshold-for"},
                {"--spark", spark.master, "cross-validation runs on one machine"},
                {"--checkpoint", checkpoints.file == null ? null : "x", "no model is kept"},
                {"--resume", checkpoints.resume ? "x" : null, "no model is kept"},
                {"--plot", outputs.plots == null ? null : "x", "plot a model trained with train"},
                {"--log", outputs.log == null ? null : "x", "log a model trained with train"},
                {"--out", given("--out"), "no model is kept"},
                {"--checkpoint-every", given("--checkpoint-every"), "no model is kept"},
                {"--sync", given("--sync"), "cross-validation runs on one machine"},
                {"--local-steps", given("--local-steps"), "cross-validation runs on one machine"},
                {"--partitions", given("--partitions"), "cross-validation runs on one machine"},
        };
        for (String[] option : refused) {
            if (option[1] != null) {
                throw new ParameterException(spec.commandLine(), option[0] + " is train's, not cv's: " + option[2]);
            }
        }
    }

    /** Options cv has as train's subclass but refuses (see {@link #refuseTrainOnlyOptions}): kept, for that message, but not listed in its help. */
    private static final List<String> TRAIN_ONLY = List.of("--validation", "--threshold-for", "--spark", "--checkpoint", "--resume",
            "--plot", "--log", "--out", "--checkpoint-every", "--sync", "--local-steps", "--partitions");

    /** Takes the options cv refuses out of {@code cv}'s help: each is replaced by a hidden copy, still parsed, so still refused by name. */
    static void hideTrainOnlyOptions(picocli.CommandLine.Model.CommandSpec cv) {
        for (String name : TRAIN_ONLY) {
            picocli.CommandLine.Model.OptionSpec shown = cv.findOption(name);
            cv.remove(shown);
            cv.addOption(picocli.CommandLine.Model.OptionSpec.builder(shown).hidden(true).build());
        }
    }

    /** "x" when {@code option} was given on the command line, else null: for the table of refused options. */
    private String given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option) ? "x" : null;
    }

    private static String table(List<Evaluation> results) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-18s %10s %10s   %s%n", "metric", "mean", "std",
                "per fold"));
        METRICS.forEach((name, metric) -> {
            double[] values = results.stream().mapToDouble(metric).toArray();
            StringBuilder perFold = new StringBuilder();
            for (double value : values) {
                perFold.append(' ').append(shown(value));
            }
            text.append(String.format(Locale.ROOT, "%-18s %10s %10s  %s%n", name, shown(mean(values)), shown(deviation(values)),
                    perFold));
        });
        return text.toString().stripTrailing();
    }

    /** A metric to four digits, or "-" where a fold holds out one class only, as evaluate shows it (its note says why). */
    private static String shown(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String json(List<Evaluation> results) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("folds", results.size());
        METRICS.forEach((name, metric) -> {
            double[] values = results.stream().mapToDouble(metric).toArray();
            ObjectNode node = root.putObject(name);
            ArrayNode perFold = node.putArray("perFold");
            for (double value : values) {
                if (Double.isNaN(value)) {
                    perFold.addNull(); // a fold with one class only: the area is undefined
                } else {
                    perFold.add(value);
                }
            }
            putDefined(node, "mean", mean(values));
            putDefined(node, "std", deviation(values));
        });
        return mapper.writeValueAsString(root);
    }

    private static void putDefined(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** The population standard deviation over the folds: numpy's default, what {@code cross_val_score(...).std()} prints. */
    private static double deviation(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / values.length);
    }
}
