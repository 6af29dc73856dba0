package io.dense4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dense4j.data.Printable;
import io.dense4j.data.RowSelection;
import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.metrics.ConfusionMatrix;
import io.dense4j.metrics.DecisionThreshold;
import io.dense4j.metrics.Evaluation;
import io.dense4j.metrics.Scores;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.plot.Charts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Scores a model file on a labeled CSV file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a model on a labeled CSV: log loss, ROC AUC, PR AUC, Brier score, calibration error, and at "
                + "the threshold accuracy, precision, recall, F1, balanced accuracy, MCC and the confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A model file written by train.")
    Path modelFile;

    @Option(names = "--data", required = true, description = "A labeled CSV with the model's feature columns: a file, a folder or a glob "
            + "(quoted) of files read as one, or - for standard input.")
    String dataName;

    private CsvFiles data;

    @Mixin
    CsvOptions csv;

    @Mixin
    BadRowsOption badRows;

    @Mixin
    ThresholdOption threshold;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--plot", description = "A folder for PNG charts: the confusion matrix, the reliability diagram, and "
            + "with both classes present the ROC and precision-recall curves.")
    Path plots;

    @Override
    public Integer call() throws IOException {
        Outputs.checkFolder(spec.commandLine(), "--plot", plots);
        csv.beforeTheModel(); // a bad flag is a usage error before the model is loaded
        Model model = Model.load(modelFile);
        csv.checkHeaderFor(model.inputSchema(), false);
        data = StandardInput.files(dataName, json ? System.err : System.out);
        csv.noteEncoding(model.trainingData(), json ? System.err : System.out);
        csv.guessDelimiter(data, PredictCommand.modelColumns(model), model.trainingData(), json ? System.err : System.out);
        CsvFormat format = csv.format(model.trainingData());
        InputSchema schema = model.inputSchema();
        // streamed in two passes (check, then score) in bounded memory, whatever the file's size
        CsvSource rows = CsvOptions.reported(model.open(data, format, badRows.appliedTo(CsvSource.Options.defaults())));
        if (schema != null && schema.labelName() == null && rows.labelName() != null && csv.label == null) {
            (json ? System.err : System.out).printf(Locale.ROOT, "Note: %s does not name the label column it was trained on, so the last "
                    + "column, \"%s\", is read as the label; --label names another%n", modelFile, Printable.of(rows.labelName()));
        }
        Scores scores = model.scores(rows, RowSelection.all());
        if (schema != null) {
            ColumnOptions.noteBlankEndedCategories(schema, modelFile, json ? System.err : System.out);
            ColumnOptions.noteUnknown(rows.unknownCategoryRows(schema.categories()), rows.rows(), json ? System.err : System.out);
            FilledNumbers.noteScoring(rows.missingByColumn(), rows.missingValues(), rows.rows(), json ? System.err : System.out);
        }
        DecisionThreshold cut = threshold.resolve(model);
        Evaluation evaluation = scores.evaluation(cut.value());
        System.out.println(json ? json(evaluation, cut, rows.rows(), rows.skippedRows(), rows.classes())
                : table(evaluation, cut, rows.rows(), rows.classes()));
        if (plots != null) {
            Charts.confusionMatrix(evaluation.confusion(), plots.resolve("confusion.png"));
            Charts.reliabilityDiagram(scores.calibration(), plots.resolve("calibration.png"));
            String written = "confusion.png and calibration.png";
            if (evaluation.confusion().tp() + evaluation.confusion().fn() > 0
                    && evaluation.confusion().tn() + evaluation.confusion().fp() > 0) {
                Charts.rocCurves(Map.of("model", scores.rocCurve()), plots.resolve("roc.png"));
                Charts.precisionRecallCurves(Map.of("model", scores.precisionRecallCurve()), plots.resolve("pr.png"));
                written = "confusion.png, calibration.png, roc.png and pr.png";
            } else {
                // an earlier run's curves would stand beside this run's charts as if they were of these rows
                boolean removed = java.nio.file.Files.deleteIfExists(plots.resolve("roc.png"))
                        | java.nio.file.Files.deleteIfExists(plots.resolve("pr.png"));
                written += " (no ROC or precision-recall curve: the rows hold one class" + (removed ? "; an earlier run's "
                        + "roc.png and pr.png removed" : "") + ")";
            }
            // beside --json's document, not in it
            (json ? System.err : System.out).println("Wrote " + written + " in " + plots);
        }
        return 0;
    }

    /** The metrics as one JSON object, with what a report needs beside them: the rows scored and skipped, and the classes. */
    private static String json(Evaluation evaluation, DecisionThreshold cut, long rows, long skipped, List<String> classes)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("rows", rows).put("skippedRows", skipped);
        classes.forEach(root.putArray("classes")::add); // class 0's label, then class 1's: the one precision and recall are about
        root.put("logLoss", evaluation.logLoss()).put("accuracy", evaluation.accuracy())
                .put("precision", evaluation.precision()).put("recall", evaluation.recall()).put("f1", evaluation.f1());
        putDefined(root, "rocAuc", evaluation.rocAuc()); // one class only: the areas are undefined
        putDefined(root, "prAuc", evaluation.prAuc());
        root.put("brier", evaluation.brier()).put("ece", evaluation.ece())
                .put("balancedAccuracy", evaluation.balancedAccuracy()).put("mcc", evaluation.mcc());
        root.put("threshold", evaluation.threshold()).put("thresholdChosenBy", cut.chosenBy());
        ConfusionMatrix confusion = evaluation.confusion();
        root.putObject("confusion").put("tp", confusion.tp()).put("fp", confusion.fp()).put("tn", confusion.tn())
                .put("fn", confusion.fn());
        return mapper.writeValueAsString(root);
    }

    private static void putDefined(ObjectNode root, String name, double value) {
        if (Double.isNaN(value)) {
            root.putNull(name);
        } else {
            root.put(name, value);
        }
    }

    /**
     * The metrics as a table for people: which class is 1, and the undefined or 0/0 ones said in
     * words (a ROC AUC of one class, a precision with nothing predicted 1), not as NaN or a bare 0.
     */
    private static String table(Evaluation evaluation, DecisionThreshold cut, long rows, List<String> classes) {
        ConfusionMatrix c = evaluation.confusion();
        String oneClass = " (undefined: the rows hold one class)";
        return String.format(Locale.ROOT, """
                rows               %,d
                classes            0 = "%s", 1 = "%s"
                log loss           %.4f
                ROC AUC            %s
                PR AUC             %s
                Brier score        %.4f
                calibration error  %.4f

                threshold          %s
                accuracy           %.4f
                balanced accuracy  %.4f
                precision          %.4f%s
                recall             %.4f%s
                F1                 %.4f
                MCC                %.4f

                              predicted 1   predicted 0
                actual 1      %11d   %11d
                actual 0      %11d   %11d""",
                rows, className(classes, 0), className(classes, 1), evaluation.logLoss(),
                defined(evaluation.rocAuc(), oneClass), defined(evaluation.prAuc(), " (undefined: no class-1 row)"), evaluation.brier(),
                evaluation.ece(), cut, evaluation.accuracy(), evaluation.balancedAccuracy(),
                evaluation.precision(), c.tp() + c.fp() == 0 ? " (no row predicted 1: 0/0 taken as 0)" : "",
                evaluation.recall(), c.tp() + c.fn() == 0 ? " (no class-1 row: 0/0 taken as 0)" : "",
                evaluation.f1(), evaluation.mcc(), c.tp(), c.fn(), c.fp(), c.tn());
    }

    private static String className(List<String> classes, int k) {
        return classes == null || classes.get(k) == null ? String.valueOf(k) : Printable.of(classes.get(k));
    }

    private static String defined(double value, String undefined) {
        return Double.isNaN(value) ? "-" + undefined : String.format(Locale.ROOT, "%.4f", value);
    }
}
