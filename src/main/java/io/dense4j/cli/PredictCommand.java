package io.dense4j.cli;

import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.io.AtomicFiles;
import io.dense4j.metrics.DecisionThreshold;
import io.dense4j.model.CsvPredictions;
import io.dense4j.model.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Writes a probability and a class for every row of a CSV file, streaming, in input order. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict every row of a CSV (with or without a label column); write probability,class per row.")
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A model file written by train.")
    Path modelFile;

    @Option(names = "--data", required = true, description = "A CSV with the model's feature columns, and optionally a label "
            + "column: a file, a folder or a glob (quoted) of files predicted one after another, or - for standard input.")
    String dataName;

    @Mixin
    CsvOptions csv;

    /** Not offered (predict writes a line per row), but the flag other commands take gets a reason, not "unknown option". */
    @Option(names = "--skip-bad-rows", hidden = true)
    boolean skipBadRows;

    @Mixin
    ThresholdOption threshold;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--keep", split = ",", paramLabel = "NAMES", description = "Copy these columns, by header name, into "
            + "each output line before the probability, as the file writes them: an id to join the predictions back on. "
            + "Kept columns named probability or class leave the predictions' own as predicted_probability or predicted_class.")
    java.util.List<String> keep = java.util.List.of();

    @Option(names = "--out", required = true, description = "The CSV to write (- or /dev/stdout for standard output): a header (the kept "
            + "columns,) probability,class and one line per input row; gzip-compressed when its name ends in .gz.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (skipBadRows) {
            throw new ParameterException(spec.commandLine(), "predict writes one line per input row, so it cannot skip bad rows: "
                    + "leave out --skip-bad-rows");
        }
        if (new java.util.HashSet<>(keep).size() < keep.size()) {
            throw new ParameterException(spec.commandLine(), "--keep names a column twice: " + String.join(",", keep));
        }
        csv.beforeTheModel(); // a bad flag is a usage error before the model is loaded
        boolean toStandardOutput = StandardOutput.isNamedBy(out);
        if (!toStandardOutput) {
            List<Path> inputs = new java.util.ArrayList<>(Outputs.dataFiles(dataName));
            inputs.add(modelFile);
            Outputs.checkFile(spec.commandLine(), "--out", out, inputs);
        }
        Model model = Model.load(modelFile);
        csv.checkHeaderFor(model.inputSchema(), true);
        DecisionThreshold cut = threshold.resolve(model);
        // with the predictions on standard output, what was done goes beside them, not into them
        java.io.PrintStream status = toStandardOutput ? System.err : System.out;
        CsvPredictions.Written written;
        if (StandardInput.named(dataName)) {
            // its first line read as the flags say, for the delimiter it shows; the model's number format once that is known
            StandardInput.Piped piped = StandardInput.piped(dataName, csv.beforeTheModel(), status);
            csv.noteEncoding(model.trainingData(), status);
            csv.guessDelimiter(piped.firstLine(), piped.secondLine(), modelColumns(model), model.trainingData(), status);
            CsvFormat read = csv.format(model.trainingData());
            CsvPredictions.Written[] into = new CsvPredictions.Written[1];
            AtomicFiles.Content predictions = stream -> into[0] = CsvPredictions.written(model, piped.name(),
                    piped.firstLine(), piped.rows(), read, cut.value(), keep, stream);
            if (toStandardOutput) {
                predictions.writeTo(StandardOutput.stream());
            } else {
                AtomicFiles.write(out, io.dense4j.io.GzipByName.forFile(out, predictions));
            }
            written = into[0];
        } else {
            CsvFiles data = StandardInput.files(dataName, status);
            csv.noteEncoding(model.trainingData(), status);
            csv.guessDelimiter(data, modelColumns(model), model.trainingData(), status);
            CsvFormat format = csv.format(model.trainingData());
            written = toStandardOutput
                    ? CsvPredictions.written(model, data, format, cut.value(), keep, StandardOutput.stream())
                    : CsvPredictions.written(model, data, format, cut.value(), keep, out);
        }
        ColumnOptions.noteBlankEndedCategories(model.inputSchema(), modelFile, status);
        ColumnOptions.noteUnknown(written.unknownCategoryRows(), written.rows(), status);
        FilledNumbers.noteScoring(written.missingByColumn(), written.missingByColumn().values().stream().mapToLong(Long::longValue).sum(),
                written.rows(), status);
        // the class by its label: "class 1" alone says nothing when the labels are 1/2, or --positive chose it
        String positive = model.inputSchema() == null || model.inputSchema().classes().get(1) == null ? ""
                : " (\"" + io.dense4j.data.Printable.of(model.inputSchema().classes().get(1)) + "\")";
        status.printf(Locale.ROOT, "Wrote %,d predictions to %s, class 1%s at probability >= %s%n",
                written.rows(), toStandardOutput ? "standard output" : out, positive, cut);
        return 0;
    }

    /** The model's feature columns by name, which a file's first line that names them all by commas keeps a comma file; or none. */
    static java.util.Set<String> modelColumns(Model model) {
        return model.inputSchema() == null ? java.util.Set.of() : java.util.Set.copyOf(model.inputSchema().featureNames());
    }
}
