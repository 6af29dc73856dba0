package io.dense4j.cli;

import io.dense4j.data.Printable;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a model file's layer table and compiled graph. */
@Command(name = "summary", mixinStandardHelpOptions = true, description = "Print a model's layers, parameters and compiled graph.")
final class SummaryCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A model file written by train.")
    Path modelFile;

    @Override
    public Integer call() {
        Checkpoint checkpoint = Checkpoint.load(modelFile);
        Model model = checkpoint.model();
        System.out.print(model.summary());
        if (model.inputSchema() != null) {
            System.out.println("Features: " + model.inputSchema().featureNames().stream().map(Printable::whole)
                    .collect(java.util.stream.Collectors.joining(", ")));
            System.out.println("Classes: 0 = " + Printable.whole(model.inputSchema().classes().get(0)) + ", 1 = "
                    + Printable.whole(model.inputSchema().classes().get(1)));
            // what predict does with an empty numeric cell: fill it, or refuse the row's file
            System.out.println("Missing numbers: " + (model.inputSchema().missingValueFill() != null
                    ? "filled with the training rows' means" : "refused (trained with --no-fill-missing, by the Java API without "
                    + "fillingMissing(), or by a dense4j from before filling was the default)")
                    + (model.inputSchema().categories().isEmpty() ? "" : "; a missing category has a slot of its own"));
            List<String> marks = model.inputSchema().missingMarks();
            System.out.println("Missing values: empty, NA, N/A, NaN" + (marks.isEmpty() ? "" : ", and "
                    + marks.stream().map(mark -> "\"" + Printable.of(mark) + "\"").collect(java.util.stream.Collectors.joining(", "))
                    + " (--missing-values" + marks.stream().filter(io.dense4j.data.csv.CsvFormat::isNumberMark).findFirst()
                    .map(mark -> Integer.parseInt(mark)).map(value -> "; a whole number by its value in number cells, " + value + ".0 as "
                    + value).orElse("") + ")"));
            if (!model.inputSchema().columnMissingMarks().isEmpty()) {
                System.out.println("Missing values in one column: " + io.dense4j.data.csv.CsvFormat.shownByColumn(
                        model.inputSchema().columnMissingMarks()) + " (--missing-values-in)");
            }
        }
        io.dense4j.model.TrainingState.Progress progress = checkpoint.state().progress();
        if (checkpoint.savedAsModel()) {
            // Model.save keeps no training state, which reads as none done; the Trained by line, where there is one, says what was
            System.out.println("Training state: none recorded (a resume would start at epoch 1 with a fresh optimizer)");
        } else {
            System.out.println("Epochs trained: " + progress.epochs() + (progress.batches() == 0 ? ""
                    : String.format(java.util.Locale.ROOT, ", and %,d batch%s of the next (a checkpoint written before that epoch's end)",
                    progress.batches(), progress.batches() == 1 ? "" : "es")));
        }
        System.out.print(inEffect(checkpoint.state(), model.optimizer()));
        io.dense4j.model.TrainingState.Batching batching = checkpoint.state().batching();
        if (batching != null && batching.onACluster()) { // one machine's steps need no line
            System.out.println("Steps: on Spark, " + (batching.averaged() ? batching.cluster() + " (--sync averaging)"
                    : "exact (--sync exact: the pieces' gradients summed into one step per round), for some or all epochs"));
        }
        return 0;
    }

    /**
     * Lines for what a checkpoint's run had come to that its model's settings do not show: the
     * learning rate a schedule set, and early stopping's best epoch; "" when there is nothing.
     */
    static String inEffect(io.dense4j.model.TrainingState state, io.dense4j.optim.Optimizer optimizer) {
        StringBuilder lines = new StringBuilder();
        double rate = state.learningRate();
        if (optimizer != null && !Double.isNaN(rate) && rate != optimizer.learningRate()) {
            lines.append(String.format(java.util.Locale.ROOT, "Learning rate in effect: %s (a schedule moved it from the optimizer's %s)%n",
                    rate, optimizer.learningRate()));
        }
        for (io.dense4j.model.CallbackState callback : state.callbacks()) {
            double best = callback.number("bestEpoch");
            if (callback.name().equals("EarlyStopping") && !Double.isNaN(best)) {
                double stopped = callback.number("stoppedEpoch");
                lines.append(String.format(java.util.Locale.ROOT, "Early stopping: the best epoch so far is %d, on the %s loss%s%n",
                        (int) best, callback.number("watchesValidation") == 1 ? "validation" : "training",
                        Double.isNaN(stopped) ? "" : String.format(java.util.Locale.ROOT, "; stopped after epoch %d", (int) stopped)));
            }
        }
        return lines.toString();
    }
}
