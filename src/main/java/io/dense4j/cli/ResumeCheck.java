package io.dense4j.cli;

import io.dense4j.layer.Activation;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Dropout;
import io.dense4j.layer.Layer;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.Model;
import io.dense4j.model.TrainingState;
import io.dense4j.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * What {@code train --resume} may be told: a checkpoint keeps its own model, optimizer and loss,
 * so the flags that define them may be left out (the usual rerun of the same command line gives
 * them again, unchanged), but a flag given with another value than the checkpoint's would be
 * silently ignored: that is refused, naming each flag and the checkpoint's value.
 */
final class ResumeCheck {
    private static final List<String> MODEL_FLAGS = List.of("--layers", "--activation", "--dropout", "--standardize");
    private static final List<String> OPTIMIZER_FLAGS = List.of("--optimizer", "--lr", "--momentum", "--nesterov", "--beta1",
            "--beta2", "--epsilon", "--weight-decay", "--clip-norm");
    /** Whether missing numbers are filled: a resume takes it from its checkpoint's model, whose line may not say. */
    static final String FILL = "--fill-missing";
    /**
     * The flags whose values a resumed run takes from its checkpoint, given or not: its model,
     * optimizer and loss, how many categories it keeps, how it read and filled the data's numbers, and its text's encoding.
     */
    static final java.util.Set<String> KEPT_FLAGS = java.util.stream.Stream.of(MODEL_FLAGS, OPTIMIZER_FLAGS, List.of("--l2",
            "--class-weight", "--max-categories", "--decimal", "--thousands", "--encoding", "--missing-values", "--missing-values-in",
            FILL))
            .flatMap(List::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private ResumeCheck() {
    }

    /**
     * Throws, listing every conflict, if the flags given ask for another model, optimizer or loss
     * than the checkpoint's, or if the flags (given or their defaults) ask for other batches.
     */
    static void against(Checkpoint checkpoint, TrainCommand command, Activation hidden, Optimizer asked) {
        Model resumed = checkpoint.model();
        ParseResult given = command.spec.commandLine().getParseResult();
        List<String> conflicts = new ArrayList<>();
        if (command.epochsGiven) { // else checked once the rows set the default (enoughEpochs)
            epochsConflict(checkpoint, command.epochs, "", conflicts);
        }
        batchingConflicts(checkpoint.state().batching(), command, given, conflicts);
        List<Layer> askedLayers = command.architecture.layers(hidden, resumed.graph().input().numericCount() > 0);
        if (MODEL_FLAGS.stream().anyMatch(given::hasMatchedOption) && !askedLayers.equals(resumed.layers())) {
            conflicts.add(names(MODEL_FLAGS, given) + askFor(MODEL_FLAGS, given) + describe(askedLayers) + "; the checkpoint has "
                    + describe(resumed.layers()));
        }
        if (OPTIMIZER_FLAGS.stream().anyMatch(given::hasMatchedOption) && !asked.equals(resumed.optimizer())) {
            conflicts.add(names(OPTIMIZER_FLAGS, given) + askFor(OPTIMIZER_FLAGS, given) + asked + "; the checkpoint has " + resumed.optimizer());
        }
        LossOptions loss = command.lossOptions;
        if (given.hasMatchedOption("--l2") && loss.l2 != resumed.loss().l2()) {
            conflicts.add("--l2 " + loss.l2 + "; the checkpoint has " + resumed.loss().l2());
        }
        if (given.hasMatchedOption("--class-weight") && !loss.balanced()
                && loss.positiveClassWeight() != resumed.loss().classWeights().positive()) {
            conflicts.add("--class-weight " + loss.classWeight + "; the checkpoint has " + resumed.loss().classWeights());
        }
        columnConflicts(resumed, command.columns, given, conflicts);
        if (resumed.inputSchema() != null && given.hasMatchedOption(FILL) && command.fillMissing != fills(resumed)) {
            conflicts.add((command.fillMissing ? FILL : "--no-fill-missing") + "; the checkpoint's model " + (fills(resumed)
                    ? "fills missing numbers with its training means" : "fills no missing number"));
        }
        io.dense4j.model.TrainingData data = resumed.trainingData();
        io.dense4j.data.csv.CsvFormat read = command.csv.format(data); // --thousands alone may go with its decimal comma
        if (data != null && given.hasMatchedOption("--decimal") && read.decimal() != data.decimal()) {
            conflicts.add("--decimal " + read.decimal() + "; the checkpoint read its numbers with '" + data.decimal() + "'");
        }
        if (data != null && given.hasMatchedOption("--thousands") && read.thousands() != data.thousands()) {
            conflicts.add("--thousands " + read.thousands() + "; the checkpoint read its numbers "
                    + (data.thousands() == 0 ? "without one" : "with '" + data.thousands() + "'"));
        }
        if (data != null && given.hasMatchedOption("--encoding") && !read.encoding().equals(data.encoding())) {
            conflicts.add("--encoding " + read.encoding() + "; the checkpoint read its text as " + data.encoding());
        }
        ResumedControls.linelessConflicts(checkpoint, given, conflicts);
        refuse(command, conflicts);
    }

    /** Whether {@code model} fills missing numbers with its training means. */
    static boolean fills(Model model) {
        return model.inputSchema() != null && model.inputSchema().missingValueFill() != null;
    }

    /** Throws if the default epochs {@code command} settled on are fewer than {@code checkpoint} has trained. */
    static void enoughEpochs(Checkpoint checkpoint, TrainCommand command) {
        List<String> conflicts = new ArrayList<>();
        epochsConflict(checkpoint, command.epochs, " (the default for these rows)", conflicts);
        refuse(command, conflicts);
    }

    /** The model would claim a run of fewer epochs than made it. */
    private static void epochsConflict(Checkpoint checkpoint, int epochs, String defaulted, List<String> conflicts) {
        int trained = checkpoint.state().progress().epochs();
        if (epochs < trained) {
            conflicts.add("--epochs " + epochs + defaulted + "; the checkpoint has trained " + trained + " epochs already");
        }
    }

    private static void refuse(TrainCommand command, List<String> conflicts) {
        if (!conflicts.isEmpty()) {
            throw new ParameterException(command.spec.commandLine(), "--resume keeps the checkpoint's model, optimizer, loss and "
                    + "batches, but " + String.join("; and ", conflicts) + ". Give the checkpoint's flags, or train anew without --resume");
        }
    }

    /**
     * The flags that choose each step's rows (batch size, seed, validation split), given or left
     * at their defaults, where they differ from the checkpoint's: the resumed epochs would read
     * other batches than the interrupted run, and a new split would validate on rows it trained on.
     * Nothing for a checkpoint that does not record them (an older one).
     */
    private static void batchingConflicts(TrainingState.Batching kept, TrainCommand command, ParseResult given,
                                          List<String> conflicts) {
        if (kept == null) {
            return;
        }
        int batchSize = command.batchSize == 0 ? Integer.MAX_VALUE : command.batchSize;
        if (batchSize != kept.batchSize()) {
            conflicts.add(flag(given, "--batch-size", command.batchSize) + "; the checkpoint was trained with --batch-size "
                    + (kept.batchSize() == Integer.MAX_VALUE ? 0 : kept.batchSize()));
        }
        if (command.seed != kept.seed()) {
            conflicts.add(flag(given, "--seed", command.seed) + "; the checkpoint was trained with --seed " + kept.seed());
        }
        if (command.split.validation != kept.validationSplit()) {
            conflicts.add(flag(given, "--validation", plain(command.split.validation)) + "; the checkpoint was trained with "
                    + (kept.validationSplit() == 0 ? "no validation split" : "--validation " + plain(kept.validationSplit())));
        }
        if (command.split.stratify != kept.stratified() && (command.split.validation > 0 || kept.validationSplit() > 0)) {
            conflicts.add((command.split.stratify ? "--stratify" : "no --stratify") + "; the checkpoint's split was "
                    + (kept.stratified() ? "stratified (--stratify)" : "not stratified"));
        }
        // a pass without the cache shuffles through a buffer, one with it all rows at once: other batches. Whether
        // a run without --no-cache gets its cache (a folder that cannot be written) shows once the data is read: the
        // trainer compares that then
        boolean onSpark = command.spark.given();
        if (kept.shuffle() && kept.shuffleBuffer() == 0 && command.cache.noCache) {
            conflicts.add("--no-cache; the checkpoint shuffled its rows all at once (from its cache" + (kept.onACluster()
                    ? ", on Spark)" : ")"));
        } else if (kept.shuffle() && kept.shuffleBuffer() > 0 && onSpark) {
            conflicts.add("--spark; the checkpoint read its rows without a cache (--no-cache), through a shuffle buffer of "
                    + kept.shuffleBuffer() + " rows, and Spark shuffles them all at once");
        } else if (kept.shuffle() && kept.shuffleBuffer() > 0 && command.cache.shuffleBuffer != kept.shuffleBuffer()) {
            conflicts.add(flag(given, "--shuffle-buffer", command.cache.shuffleBuffer) + "; the checkpoint was trained with --shuffle-buffer "
                    + kept.shuffleBuffer());
        }
        if (!kept.shuffle()) {
            conflicts.add("the checkpoint was trained without shuffling (from Java), and train always shuffles");
        }
        stepConflicts(kept, command.spark, given, conflicts);
    }

    /** Averaging's rounds against exact steps, and averaging's local steps; its pieces are known once Spark has the files. */
    private static void stepConflicts(TrainingState.Batching kept, SparkOptions spark, ParseResult given, List<String> conflicts) {
        boolean averaging = spark.given() && spark.sync.equals("averaging");
        if (kept.averaged() && !spark.given()) {
            conflicts.add("no --spark; the checkpoint was trained on Spark by " + kept.cluster() + " (--sync averaging), which one "
                    + "machine does not do");
        } else if (kept.averaged() && !averaging) {
            conflicts.add(flag(given, "--sync", spark.sync) + "; the checkpoint was trained by " + kept.cluster());
        } else if (kept.averaged() && !kept.averagedEvery(spark.localSteps)) {
            conflicts.add(flag(given, "--local-steps", spark.localSteps) + "; the checkpoint was trained by " + kept.cluster());
        } else if (kept.cluster() != null && !kept.averaged() && averaging) {
            conflicts.add("--sync averaging; the checkpoint was trained by exact steps" + (kept.onACluster() ? " on Spark" : ""));
        }
    }

    private static String flag(ParseResult given, String name, Object value) {
        return name + " " + value + (given.hasMatchedOption(name) ? "" : " (the default)");
    }

    /**
     * Says on {@code out} when early stopping or a plateau schedule is asked for and the checkpoint
     * keeps no state of it (it was trained without it, or by a dense4j that kept none): its
     * counters (and the plateau's rate) then start afresh, so the run can end elsewhere than an
     * uninterrupted one would have.
     */
    static void noteCountersStartAfresh(Integer patience, String schedule, io.dense4j.model.TrainingState kept, java.io.PrintStream out) {
        boolean plateau = schedule != null && schedule.trim().toLowerCase(java.util.Locale.ROOT).startsWith("plateau");
        List<String> afresh = new java.util.ArrayList<>();
        if (patience != null && !keeps(kept, "EarlyStopping")) {
            afresh.add("--early-stopping");
        }
        if (plateau && !keeps(kept, "ReduceLearningRateOnPlateau")) {
            afresh.add("the plateau schedule");
        }
        if (!afresh.isEmpty()) {
            out.printf(Locale.ROOT, "Note: the checkpoint keeps no state of %s, so %s start afresh%s and this run can end elsewhere than an "
                    + "uninterrupted one%n", String.join(" or ", afresh),
                    afresh.size() == 1 ? "its counters" : "their counters", plateau && afresh.contains("the plateau schedule")
                            ? " (the plateau's rate at --lr)" : "");
        }
    }

    static boolean keeps(io.dense4j.model.TrainingState kept, String callback) {
        return kept.callbacks().stream().anyMatch(state -> state.name().equals(callback));
    }

    /** 0.2 as 0.2, 0 as 0 and 0.0005 as 0.0005 (not 5.0E-4), as a person writes the flag. */
    static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The column flags that ask for other inputs than the checkpoint's categorical columns and their categories. */
    private static void columnConflicts(Model resumed, ColumnOptions columns, ParseResult given, List<String> conflicts) {
        java.util.Map<String, io.dense4j.data.Categories> kept = resumed.inputSchema() == null ? java.util.Map.of()
                : resumed.inputSchema().categories();
        List<String> notCategorical = columns.categorical.stream().filter(name -> !kept.containsKey(name)).toList();
        if (!notCategorical.isEmpty()) {
            conflicts.add("--categorical " + String.join(",", notCategorical) + ": the checkpoint reads "
                    + (notCategorical.size() == 1 ? "it" : "them") + " as numbers");
        }
        List<String> notNumeric = columns.numeric.stream().filter(kept::containsKey).toList();
        if (!notNumeric.isEmpty()) {
            conflicts.add("--numeric " + String.join(",", notNumeric) + ": the checkpoint reads "
                    + (notNumeric.size() == 1 ? "it" : "them") + " as categories");
        }
        if (given.hasMatchedOption("--max-categories")) {
            kept.entrySet().stream().filter(column -> column.getValue().values().size() > columns.maxCategories).findFirst()
                    .ifPresent(column -> conflicts.add("--max-categories " + columns.maxCategories + "; the checkpoint keeps "
                            + column.getValue().values().size() + " categories of \"" + column.getKey() + "\""));
        }
    }

    /**
     * Throws when {@code --class-weight balanced} gives other weights over the training rows than
     * the checkpoint's: a resumed run trains with the checkpoint's, so the flag would be ignored.
     */
    static void sameBalance(LossOptions loss, io.dense4j.data.FeatureStatistics statistics, Model resumed,
                            picocli.CommandLine command) {
        if (!loss.balanced()) {
            return;
        }
        io.dense4j.loss.ClassWeights kept = resumed.loss().classWeights();
        io.dense4j.loss.ClassWeights balanced = loss.loss(statistics).classWeights();
        if (!balanced.equals(kept)) {
            throw new ParameterException(command, "--resume keeps the checkpoint's model, optimizer, loss and batches, but "
                    + "--class-weight balanced makes " + balanced + "; the checkpoint has " + kept
                    + ". Give the checkpoint's flags, or train anew without --resume");
        }
    }

    /**
     * Throws unless {@code source} holds the data the checkpoint was trained on (by its whole
     * content's hash, wherever it lives): resuming on other rows would mix two trainings.
     */
    static void sameData(Model resumed, java.nio.file.Path checkpoint, io.dense4j.data.csv.CsvSource source,
                         picocli.CommandLine command) {
        sameData(resumed, checkpoint, source.name(), source.featureNames(), source.classes(), io.dense4j.model.TrainingData.of(source),
                command);
    }

    /** As above, for rows read elsewhere (on Spark): their columns, classes and the record of their files. */
    static void sameData(Model resumed, java.nio.file.Path checkpoint, String data, List<String> featureNames, List<String> classesNow,
                         io.dense4j.model.TrainingData now, picocli.CommandLine command) {
        List<String> features = resumed.inputSchema() == null ? null : resumed.inputSchema().featureNames();
        if (features != null && !features.equals(featureNames)) { // --drop, --features or --label chose other columns
            throw new ParameterException(command, "--resume: " + checkpoint + " reads the features " + String.join(", ", features)
                    + "; the column flags now read " + String.join(", ", featureNames)
                    + ": give the checkpoint's columns, or train anew without --resume");
        }
        List<String> classes = resumed.inputSchema() == null ? null : resumed.inputSchema().classes();
        if (classes != null && !classes.equals(classesNow)) { // --positive turned them round
            throw new ParameterException(command, "--resume: " + checkpoint + " has class 1 = \""
                    + io.dense4j.data.Printable.of(String.valueOf(classes.get(1))) + "\"; this run makes it \""
                    + io.dense4j.data.Printable.of(String.valueOf(classesNow.get(1)))
                    + "\": give the checkpoint's --positive, or train anew without --resume");
        }
        io.dense4j.model.TrainingData trainedOn = resumed.trainingData();
        if (trainedOn != null && !trainedOn.sameContent(now)) {
            String held = now.contentXxh128() != null ? String.format(java.util.Locale.ROOT, "%,d bytes, XXH3-128 %s", now.bytes(),
                    now.contentXxh128()) : String.format(java.util.Locale.ROOT, "%,d bytes, SHA-256 of its ends %s…/%s…", now.bytes(),
                    now.headSha256().substring(0, 12), now.tailSha256().substring(0, 12));
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "--resume: %s was trained on %s; --data %s "
                    + "holds other data (%s): resume with the same file, or train anew without --resume", checkpoint, trainedOn, data,
                    held));
        }
    }

    /** " asks for " after one flag, " ask for " after several. */
    private static String askFor(List<String> flags, ParseResult given) {
        return flags.stream().filter(given::hasMatchedOption).count() == 1 ? " asks for " : " ask for ";
    }

    /** The flags of {@code flags} given, each as it was typed: --no-standardize, not the option's name --standardize. */
    private static String names(List<String> flags, ParseResult given) {
        return flags.stream().filter(given::hasMatchedOption).map(flag -> {
            String negated = "--no-" + flag.substring(2);
            return given.originalArgs().stream().anyMatch(arg -> arg.equals(negated) || arg.startsWith(negated + "=")) ? negated : flag;
        }).collect(Collectors.joining(", "));
    }

    private static String describe(List<Layer> layers) {
        return layers.stream().map(layer -> layer instanceof Dense dense ? "Dense(" + dense.units() + ", " + dense.activation().kind() + ")"
                : layer instanceof Dropout dropout ? "Dropout(" + dropout.rate() + ")" : layer.kind())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
