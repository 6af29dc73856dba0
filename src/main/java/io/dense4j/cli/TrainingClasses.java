package io.dense4j.cli;

import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.Printable;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.csv.LabelMapping;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What {@code train} and {@code cv} check and say about the training rows' classes before the
 * first epoch, from the statistics pass: rows from which a class cannot be learned are refused,
 * as is a {@code --threshold-for} whose validation rows hold no class-1 row, and a rare class that
 * is class 0 only because its name sorts first is pointed out.
 */
final class TrainingClasses {
    private TrainingClasses() {
    }

    /**
     * Refuses training rows from which one class cannot be learned: none of its rows (a validation
     * split or a fold that put them all on the other side), or row weights ({@code weightColumn}'s)
     * summing to 0 over them. The model could only learn to answer the other class, and its
     * metrics would not say so.
     */
    static void checkBothTeach(FeatureStatistics statistics, List<String> classes, String file, String weightColumn,
                               boolean stratified) {
        long[] rows = {statistics.negatives(), statistics.positives()};
        double[] weights = {statistics.negativeWeight(), statistics.positiveWeight()};
        for (int c = 0; c < 2; c++) {
            String named = String.format(Locale.ROOT, "class %d (\"%s\")", c, Printable.of(classes.get(c)));
            if (rows[c] == 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the %,d training rows hold no row of %s, so the "
                        + "model could only learn to answer class %d%s", file, rows[1 - c], named, 1 - c,
                        stratified ? "" : "; --stratify keeps each class's share on both sides of a split"));
            }
            if (!(weights[c] > 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the row weights in column \"%s\" sum to 0 over "
                        + "the %,d training rows of %s, so those rows teach the model nothing: give some of them a weight above 0",
                        file, weightColumn, rows[c], named));
            }
        }
    }

    /**
     * A note on {@code out} when two label names' sorted order made class 1 more than two thirds
     * of the training rows: the rare class is then class 0, and the metrics are about the other.
     * Whether it said so.
     */
    static boolean noteMajorityIsClassOne(FeatureStatistics statistics, List<String> classes, PrintStream out) {
        if (!LabelMapping.orderedByName(classes) || statistics.positives() <= 2 * statistics.negatives()) {
            return false;
        }
        String rare = Printable.of(classes.get(0));
        out.printf(Locale.ROOT, "Note: class 1 is \"%s\" (the labels in sorted order), %.1f%% of the training rows: precision, "
                + "recall, PR AUC, --class-weight W and --threshold-for are about it; --positive %s makes \"%s\" class 1%n",
                Printable.of(classes.get(1)), 100.0 * statistics.positives() / (statistics.positives() + statistics.negatives()),
                rare.matches("[\\w.+-]+") ? rare : "'" + rare.replace("'", "'\\''") + "'", rare);
        return true;
    }

    /**
     * The problem with choosing a threshold on {@code source}'s validation rows, whose training
     * rows' counts are {@code training}: none of them is class 1 (a rare class all on the training
     * side), so the choice would fail only after every epoch; null when there is none.
     */
    static String validationWithoutPositives(CsvSource source, FeatureStatistics training, double validation, boolean stratified) {
        return validationWithoutPositives(source.classTotals()[1] - training.positives(), source.classes().get(1), source.name(),
                validation, stratified);
    }

    /** As above, given the validation rows' class-1 count, class 1's name and the data's. */
    static String validationWithoutPositives(long validationPositives, String classOne, String data, double validation,
                                             boolean stratified) {
        if (validationPositives > 0) {
            return null;
        }
        return String.format(Locale.ROOT, "--threshold-for chooses on the validation rows' class-1 (\"%s\") rows, and the "
                + "--validation %s split of %s holds none%s", Printable.of(classOne), ResumeCheck.plain(validation), data,
                stratified ? ": give a larger --validation"
                        : ": --stratify keeps each class's share on both sides, or give a larger --validation");
    }

    /**
     * A note on the validation rows' {@code evaluation} at {@code threshold}, or null: when they hold
     * no class-1 row, their areas and recall say nothing and they judge the run on class 0 alone; and
     * when they hold some but the threshold, not chosen for a goal, classes none of the rows as 1,
     * as the default 0.5 often does on rare positives, the two ways that move it. A {@code resumed}
     * run keeps its checkpoint's split and loss, so the flags that change them are for a new run.
     */
    static String validationNote(io.dense4j.metrics.Evaluation evaluation, List<String> classes, double threshold,
                                 boolean chosen, boolean stratified, boolean resumed) {
        String newRun = resumed ? "in a new run (without --resume), " : "";
        io.dense4j.metrics.ConfusionMatrix confusion = evaluation.confusion();
        String classOne = "class 1 (\"" + Printable.of(classes.get(1)) + "\")";
        if (confusion.tp() + confusion.fn() == 0) {
            return String.format(Locale.ROOT, "Note: the validation rows hold no row of %s: their ROC AUC, PR AUC and recall say "
                    + "nothing, and they judge the run on class 0 alone; %s%s", classOne, newRun, stratified ? "give a larger --validation"
                    : "--stratify keeps each class's share on both sides of the split");
        }
        if (confusion.tp() + confusion.fp() == 0 && !chosen) {
            return String.format(Locale.ROOT, "Note: at the threshold %s no validation row is classed as %s, though %,d of them are; "
                    + "on rare positives --threshold-for f1 (or recall=0.9, …) chooses a threshold on the validation rows, and "
                    + "%s--class-weight balanced weighs class 1 up", io.dense4j.metrics.DecisionThreshold.format(threshold), classOne,
                    confusion.tp() + confusion.fn(), newRun);
        }
        return null;
    }
}
