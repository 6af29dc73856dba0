package io.dense4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.RowSelection;
import io.dense4j.metrics.ConfusionMatrix;
import io.dense4j.metrics.Evaluation;
import io.dense4j.metrics.Scores;
import io.dense4j.plot.Charts;
import io.dense4j.model.Model;
import io.dense4j.model.InputSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Scores a model file on a labeled CSV file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a model on a labeled CSV: log loss, accuracy, precision, recall, F1, ROC AUC, confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A model file written by train.")
    Path modelFile;

    @Option(names = "--data", required = true, description = "A labeled CSV with the model's feature columns.")
    Path data;

    @Mixin
    CsvOptions csv;

    @Mixin
    ThresholdOption threshold;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--plot", description = "A folder for PNG charts: the ROC curve and the confusion matrix.")
    Path plots;

    @Override
    public Integer call() throws IOException {
        Model model = Model.load(modelFile);
        InputSchema schema = model.inputSchema();
        // streamed in two passes (check, then score) in bounded memory, whatever the file's size
        CsvSource.Options options = CsvSource.Options.defaults().withoutCache()
                .withClasses(schema == null ? null : schema.classes());
        CsvSource rows = csv.open(data, schema != null && schema.missingValueFill() != null ? options.fillingMissing() : options);
        if (schema != null) {
            schema.checkFeatures(data, rows.featureNames());
        }
        Scores scores = model.scores(rows, RowSelection.all());
        Evaluation evaluation = scores.evaluation(threshold.value());
        System.out.println(json ? json(evaluation) : table(evaluation, rows.rows()));
        if (plots != null) {
            Charts.confusionMatrix(evaluation.confusion(), plots.resolve("confusion.png"));
            if (evaluation.confusion().tp() + evaluation.confusion().fn() > 0
                    && evaluation.confusion().tn() + evaluation.confusion().fp() > 0) {
                Charts.rocCurves(Map.of("model", scores.rocCurve()), plots.resolve("roc.png"));
            }
        }
        return 0;
    }

    private static String json(Evaluation evaluation) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("logLoss", evaluation.logLoss()).put("accuracy", evaluation.accuracy())
                .put("precision", evaluation.precision()).put("recall", evaluation.recall()).put("f1", evaluation.f1());
        if (Double.isNaN(evaluation.rocAuc())) {
            root.putNull("rocAuc"); // one class only: the area is undefined
        } else {
            root.put("rocAuc", evaluation.rocAuc());
        }
        root.put("threshold", evaluation.threshold());
        ConfusionMatrix confusion = evaluation.confusion();
        root.putObject("confusion").put("tp", confusion.tp()).put("fp", confusion.fp()).put("tn", confusion.tn())
                .put("fn", confusion.fn());
        return mapper.writeValueAsString(root);
    }

    private static String table(Evaluation evaluation, long rows) {
        ConfusionMatrix c = evaluation.confusion();
        return String.format(Locale.ROOT, """
                rows        %,d
                log loss    %.4f
                accuracy    %.4f
                precision   %.4f
                recall      %.4f
                F1          %.4f
                ROC AUC     %.4f
                threshold   %.2f

                              predicted 1   predicted 0
                actual 1      %11d   %11d
                actual 0      %11d   %11d""",
                rows, evaluation.logLoss(), evaluation.accuracy(), evaluation.precision(), evaluation.recall(),
                evaluation.f1(), evaluation.rocAuc(), evaluation.threshold(), c.tp(), c.fn(), c.fp(), c.tn());
    }
}
