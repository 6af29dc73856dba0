package io.dense4j.cli;

import io.dense4j.data.csv.CsvFormat;
import io.dense4j.model.InputSchema;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The marks of a missing value a resumed run's checkpoint was trained with: the run reads its file
 * with them, so that a "?" or a glucose of 0 it trained as missing stays missing, and refuses flags
 * that give others.
 */
final class ResumedMarks {
    private final List<String> everywhere;
    private final Map<String, List<String>> byColumn;

    ResumedMarks(InputSchema checkpoint) {
        this.everywhere = checkpoint.missingMarks();
        this.byColumn = checkpoint.columnMissingMarks();
    }

    /** {@code format} with the checkpoint's marks; a --missing-values or --missing-values-in that says otherwise is refused. */
    CsvFormat reading(CsvFormat format, CommandLine command) {
        if (!java.util.Set.copyOf(format.missingMarks()).equals(java.util.Set.copyOf(everywhere))) {
            if (command.getParseResult().hasMatchedOption("--missing-values")) {
                throw new ParameterException(command, "--resume: the checkpoint reads " + (everywhere.isEmpty() ? "no marks"
                        : String.join(", ", everywhere)) + " as missing values besides the usual ones, and --missing-values says "
                        + String.join(", ", format.missingMarks()) + ": give the checkpoint's, or train anew without --resume");
            }
            format = format.withMissingMarks(everywhere);
        }
        if (!CsvFormat.sameColumnMarks(format.columnMissingMarks(), byColumn)) {
            if (command.getParseResult().hasMatchedOption("--missing-values-in")) {
                throw new ParameterException(command, "--resume: the checkpoint reads " + (byColumn.isEmpty() ? "no marks of one column"
                        : CsvFormat.shownByColumn(byColumn) + " in those columns") + " as missing values, and --missing-values-in says "
                        + CsvFormat.shownByColumn(format.columnMissingMarks()) + ": give the checkpoint's, or train anew without --resume");
            }
            format = format.withColumnMissingMarks(byColumn);
        }
        return format;
    }
}
