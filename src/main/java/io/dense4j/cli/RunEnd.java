package io.dense4j.cli;

import io.dense4j.metrics.Scores;
import io.dense4j.metrics.ThresholdGoal;
import io.dense4j.model.Model;
import io.dense4j.plot.Charts;
import io.dense4j.train.History;
import io.dense4j.train.Trainer;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The end of a {@code train} run, on one machine or a cluster: how its epochs ended and their
 * charts, the validation rows' report and threshold, and then the model written, or exit 1 with
 * --out left as it was.
 */
final class RunEnd {
    private final TrainCommand command;

    RunEnd(TrainCommand command) {
        this.command = command;
    }

    /** How the epochs ended (early, or restored to the best one), whether the loss was still falling, and --plots' charts. */
    void report(History history) throws IOException {
        int restored = history.restoredEpoch();
        if (history.epochs().isEmpty()) { // killed after the checkpoint of its last epoch, or of the one early stopping stopped at
            System.out.printf(Locale.ROOT, "%s, so there is nothing more to train%s%n", history.stoppedEarly() ? "The checkpoint's run had stopped "
                    + "early" : "The checkpoint has trained the " + command.epochs + " epochs this run asks for", restored == 0 ? ""
                    : "; the model holds the weights of epoch " + restored
                    + ", the best " + (command.split.validation > 0 ? "on the validation loss" : "on the training loss"));
        } else if (restored != 0 && restored != history.last().epoch()) { // the last epoch's lines are not the model's
            System.out.printf(Locale.ROOT, "%s; restored the weights of epoch %d, the best %s%n", history.stoppedEarly() ? "Stopped early"
                    : "Trained every epoch", restored, command.split.validation > 0 ? "on the validation loss" : "on the training loss");
        } else if (history.stoppedEarly()) {
            System.out.printf(Locale.ROOT, "Stopped early after epoch %d%n", history.last().epoch());
        }
        String stillFalling = command.judgement().stillFalling(history);
        if (stillFalling != null) {
            System.out.println(stillFalling);
        }
        if (command.outputs.plots != null && !history.epochs().isEmpty()) {
            try {
                Charts.lossCurves(Map.of("model", history), command.outputs.plots.resolve("loss.png"));
                Charts.accuracyCurves(Map.of("model", history), command.outputs.plots.resolve("accuracy.png"));
            } catch (IOException | RuntimeException | Error failed) {
                // a side output (a full disk, a machine without the fonts or native graphics drawing needs, which Java reports
                // as an Error or an InternalError): the trained model is the run's result, and must not be lost with it
                if (failed instanceof OutOfMemoryError || failed instanceof StackOverflowError) {
                    throw failed;
                }
                System.err.println("Warning: --plot " + command.outputs.plots + ": " + (failed instanceof IOException io
                        ? io.getMessage() : "the charts cannot be drawn: " + failed) + "; the run goes on without its charts");
                return;
            }
            int first = history.epochs().get(0).epoch();
            System.out.println("Wrote " + command.outputs.plots.resolve("loss.png") + " and " + command.outputs.plots.resolve("accuracy.png")
                    + (first == 1 ? ""
                    : String.format(Locale.ROOT, " (epochs %d to %d, the ones this run trained: a checkpoint keeps no earlier "
                    + "epoch's losses)", first, history.last().epoch())));
        } else if (command.outputs.plots != null) {
            System.out.println("Wrote no charts in " + command.outputs.plots + ": this run trained no epoch");
        }
    }

    /**
     * Chooses the threshold on the validation rows' scores if asked, reports them, and writes the
     * model, unless the run failed (an unreachable goal, or an end worse than the base rate): then
     * it exits 1 and leaves --out as it was.
     */
    int finish(Trainer trainer, ThresholdGoal goal, Scores held) throws IOException {
        Model model = trainer.model();
        String unmetGoal = null;
        if (held != null) {
            if (goal != null) {
                try {
                    model.setThreshold(goal.choose(held));
                    System.out.println("Threshold: " + model.threshold());
                } catch (IllegalArgumentException unmet) {
                    unmetGoal = unmet.getMessage(); // said once the validation rows are reported
                }
            }
            io.dense4j.metrics.Evaluation evaluation = held.evaluation(model.threshold().value());
            System.out.println("On the validation rows: " + evaluation);
            String classes = TrainingClasses.validationNote(evaluation, model.inputSchema().classes(), model.threshold().value(),
                    goal != null, command.split.stratify, command.resumedFrom != null);
            if (classes != null) {
                System.out.println(classes);
            }
            String heldOut = command.judgement().heldOutWarning(held, command.weightedLoss(model), command.patience != null);
            if (heldOut != null) {
                System.err.println(heldOut);
            }
        }
        RecordedCommand.atEnd(model, command.spark.given() || command.resumedFromACluster());
        // a run that fails leaves --out as it was: a pipeline that goes on after exit 1 must not pick up its model
        boolean outIsTheCheckpoint = command.checkpoints.file != null
                && command.checkpoints.file.toAbsolutePath().normalize().equals(command.outputs.out.toAbsolutePath().normalize());
        String notWritten = outIsTheCheckpoint ? command.outputs.out + " holds the run's last checkpoint, being --checkpoint too"
                : command.outputs.out + " was not written (a model there is left as it was)";
        if (unmetGoal != null) {
            System.err.printf(Locale.ROOT,
                    "dense4j: --threshold-for %s: %s; %s: give another goal, or leave --threshold-for out to keep the threshold "
                    + "%s%n", command.split.thresholdFor, unmetGoal, notWritten, model.threshold());
            return 1;
        }
        if (command.judgement().worseAtEnd() && !command.acceptWorseThanBaseRate) {
            System.err.printf(Locale.ROOT, "dense4j: %s. %s; --accept-worse-than-base-rate writes it and exits 0%n", command.judgement().verdict(),
                    notWritten);
            return 1;
        }
        trainer.saveCheckpoint(command.outputs.out); // the model with its training state: resumable, and a model file like any other
        System.out.println("Wrote " + command.outputs.out);
        return 0;
    }
}
