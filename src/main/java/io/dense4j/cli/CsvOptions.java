package io.dense4j.cli;

import io.dense4j.data.CsvData;
import io.dense4j.data.CsvFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Option;

/** The options that say how a CSV file is laid out, shared by the commands that read one. */
final class CsvOptions {

    @Option(names = "--label", description = "The label column, by header name or 0-based index (default: the last column).")
    String label;

    @Option(names = "--delimiter", defaultValue = ",", description = "The field delimiter (default: '${DEFAULT-VALUE}'; use '\\t' for tabs).")
    String delimiter;

    @Option(names = "--no-header", description = "The file has no header row.")
    boolean noHeader;

    @Option(names = "--skip-bad-rows", description = "Pass over rows with a bad cell or field count, and report them, instead of stopping.")
    boolean skipBadRows;

    /** Reads the file as these options say, reporting skipped rows on stderr. */
    CsvData read(Path file, DataType type, List<String> classes) {
        CsvData data = CsvData.read(file, format(), type, classes, skipBadRows);
        if (data.skippedRows() > 0) {
            System.err.printf(Locale.ROOT, "dense4j: skipped %,d bad row(s) of %s, at lines %s%s%n", data.skippedRows(), file,
                    data.firstSkippedLines().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                    data.skippedRows() > data.firstSkippedLines().size() ? ", …" : "");
        }
        return data;
    }

    CsvFormat format() {
        String separator = delimiter.equals("\\t") ? "\t" : delimiter;
        if (separator.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character, got \"" + delimiter + "\"");
        }
        CsvFormat format = CsvFormat.defaults().withDelimiter(separator.charAt(0));
        if (noHeader) {
            format = format.withoutHeader();
        }
        if (label == null) {
            return format;
        }
        return label.chars().allMatch(Character::isDigit) ? format.withLabelIndex(Integer.parseInt(label)) : format.withLabel(label);
    }
}
