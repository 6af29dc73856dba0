package io.dense4j.cli;

import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.csv.DecimalGuess;
import io.dense4j.data.csv.DelimiterGuess;
import io.dense4j.data.csv.FirstLines;
import io.dense4j.data.csv.TextEncoding;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options that say how a CSV file is laid out, shared by the commands that read one. */
final class CsvOptions {

    /** The command these options belong to, for usage errors. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--label", description = "The label column, by header name or 0-based index (default: for train and cv "
            + "the last column; evaluate and predict find the model's label column by its name, where it has one).")
    String label;

    @Option(names = "--delimiter", defaultValue = ",", description = "The field delimiter (default: '${DEFAULT-VALUE}', or the "
            + "semicolon, tab or bar that cuts the first line into fields where the comma does not; use '\\t' for tabs).")
    String delimiter;

    /** The delimiter the data's first line showed, where --delimiter does not say; null for the comma. */
    private Character guessed;
    /**
     * Whether the data's first line was looked at: until then --decimal ',' leaves the delimiter
     * open, and a file that has none, or cannot be read, leaves it so for the read to say why.
     */
    private boolean looked;
    /** The decimal comma (and thousands points) the data's first lines showed, where --decimal does not say; null for none. */
    private DecimalGuess.Found guessedNumbers;

    @Option(names = "--decimal", defaultValue = ".", description = "The numbers' decimal separator: '.' or ',' as spreadsheets "
            + "write them in many locales (26,3), which needs another delimiter, such as ';'. By default train and cv take ',' where "
            + "such a file's first lines show it, and '.' otherwise; evaluate and predict take the model's.")
    String decimal;

    @Option(names = "--encoding", defaultValue = TextEncoding.UTF_8, paramLabel = "NAME", description = "The text's character "
            + "encoding: ${DEFAULT-VALUE} (the default), or one of one byte per character, such as windows-1252, which Excel saves a "
            + "CSV file in on Western systems, or ISO-8859-15; a model keeps it, so evaluate and predict read its files so.")
    String encoding;

    @Option(names = "--thousands", description = "The separator of numbers' groups of three digits: ',' (1,234,567.5) or '.' "
            + "(3.449,45, with a decimal comma). By default none is read, unless the decimal comma train and cv take from a "
            + "file's first lines comes with points between thousands there; evaluate and predict take the model's.")
    String thousands;

    @Option(names = "--missing-values", split = ",", paramLabel = "MARKS", description = "Read these texts as missing values too "
            + "(besides an empty cell, NA, N/A and NaN), such as '?' or NULL, or a whole number such as -9, which marks its value in "
            + "number cells; a model keeps them, so evaluate and predict read them as training did.")
    List<String> missingValues = List.of();

    @Option(names = "--missing-values-in", split = ",", paramLabel = "COLUMN=MARK", description = "Read MARK as a missing value in "
            + "that feature column alone, such as glucose=0 where a glucose of 0 means no reading and 0 is a value elsewhere; "
            + "repeat a column for more marks. A model keeps them, as it keeps --missing-values.")
    List<String> missingValuesIn = List.of();

    @Option(names = "--no-header", description = "The file has no header row.")
    boolean noHeader;

    @Option(names = "--features", split = ",", description = "Read only these feature columns, by header name, in this order.")
    List<String> features;

    @Option(names = "--drop", split = ",", description = "Leave out these columns, by header name.")
    List<String> dropped = List.of();

    /** Reads and checks the files, with their caches and bad rows as {@code options} say, reporting skipped rows on stderr. */
    CsvSource open(CsvFiles files, CsvSource.Options options) {
        return open(files, format(), options);
    }

    /** The same, read as {@code format} says (this one's layout, with what the command adds to it). */
    CsvSource open(CsvFiles files, CsvFormat format, CsvSource.Options options) {
        return reported(CsvSource.open(files, format, options));
    }

    /** {@code source}, once its skipped rows are reported on stderr. */
    static CsvSource reported(CsvSource source) {
        source.firstSkippedLines().forEach((file, lines) -> reportSkipped(file, source.skippedRows(file), source.rows(file), lines,
                source.firstSkippedProblem(file)));
        return source;
    }

    /** One line: how many rows of {@code file} were skipped, the first few lines, and the first one's problem where known. */
    private static void reportSkipped(Path file, long skipped, long kept, List<Long> firstLines, String firstProblem) {
        System.err.printf(Locale.ROOT, "dense4j: skipped %s in %s, at line%s %s%s%s%n", io.dense4j.data.SkippedRowsShare.of(skipped, kept),
                StandardInput.shownIn(file.toString()), skipped == 1 ? "" : "s",
                firstLines.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                skipped > firstLines.size() ? ", …" : "", firstProblem != null ? "; the first: " + firstProblem
                        : " (without --skip-bad-rows, the first stops the read and names its column and problem)");
    }

    /**
     * The layout these options say, its numbers and text read as {@code recorded} (the data a model
     * was trained on; null for none) wrote them where --decimal, --thousands and --encoding are not
     * given: a model trained on 3.449,45 scores 3.449,45 without being told again, and never reads
     * it as 3.449; one trained on a Windows-1252 file reads its "Köln" so.
     */
    CsvFormat format(io.dense4j.model.TrainingData recorded) {
        if (recorded == null) {
            return format();
        }
        picocli.CommandLine.ParseResult given = command.commandLine().getParseResult();
        CsvFormat format = format(given.hasMatchedOption("--decimal") ? 0 : recorded.decimal()).withEncoding(encoding(recorded));
        if (!given.hasMatchedOption("--thousands") && recorded.thousands() != 0 && recorded.thousands() != format.decimal()) {
            format = format.withThousands(recorded.thousands());
        }
        return format;
    }

    /**
     * The layout these options say before a model says how its numbers were written, checked as
     * {@link #format()} checks it: --thousands '.' without --decimal is taken to go with the
     * model's decimal comma, which {@link #format(io.dense4j.model.TrainingData)} then checks.
     */
    CsvFormat beforeTheModel() {
        if (!command.commandLine().getParseResult().hasMatchedOption("--decimal") && ".".equals(thousands)) {
            try {
                return format(',');
            } catch (ParameterException notSo) { // the layout's own problem, said as the flags alone would say it
            }
        }
        return format();
    }

    /** The layout these options say; a bad one is a usage error (exit 2) whichever command reads it. */
    CsvFormat format() {
        return format((char) 0);
    }

    /** The same, its numbers' decimal separator {@code modelDecimal} (a model's) unless a flag or a guess says; 0 for none. */
    private CsvFormat format(char modelDecimal) {
        try {
            return checkedFormat(modelDecimal);
        } catch (IllegalArgumentException invalid) { // the message names the flag
            throw new ParameterException(command.commandLine(), invalid.getMessage());
        }
    }

    /**
     * For a new model's training: where --delimiter is not given, takes the delimiter the first line
     * of {@code files}' first file shows (see {@link DelimiterGuess}), and where --decimal is not
     * given (nor --thousands ',') and the run does not resume (its checkpoint knows them), the
     * decimal comma its first lines' number columns show ({@link DecimalGuess}): not the label, nor
     * columns left out, nor those declared {@code categorical}. Says so on {@code status} when either
     * is not the default.
     */
    void guessSeparators(CsvFiles files, boolean resuming, java.util.Set<String> categorical, PrintStream status) {
        picocli.CommandLine.ParseResult given = command.commandLine().getParseResult();
        boolean decimalOpen = !resuming && !given.hasMatchedOption("--decimal") && !",".equals(thousands);
        if (files.paths().isEmpty() || delimiterSet() && !decimalOpen) {
            return;
        }
        try {
            List<byte[]> lines = firstLinesWithData(files, encodingOf(null), decimalOpen ? DecimalGuess.LINES : 2);
            if (!delimiterSet() && !lines.isEmpty()) {
                take(DelimiterGuess.of(lines, !decimal.equals(","), java.util.Set.of()), status);
            }
            String separator = separator(decimal);
            if (decimalOpen && !lines.isEmpty() && separator.length() == 1) {
                char delimiter = separator.charAt(0);
                java.util.function.IntPredicate votes = NumberColumns.of(lines.get(0), delimiter, label, noHeader, features, dropped,
                        categorical);
                takeNumbers(DecimalGuess.of(noHeader ? lines : lines.subList(1, lines.size()), delimiter, votes), status);
            }
        } catch (IOException unreadable) { // the read that follows says what is wrong, naming the file, before any separator's check
        }
    }

    /**
     * The first {@code most} lines of the first of {@code files} that holds a data row, or of the
     * first file when none does: a part of a set that holds a header alone, as Spark writes an
     * empty partition, shows neither the delimiter nor the numbers of the rows.
     */
    private List<byte[]> firstLinesWithData(CsvFiles files, TextEncoding encoding, int most) throws IOException {
        List<byte[]> first = null;
        for (Path file : files.paths()) {
            List<byte[]> lines = FirstLines.of(file, encoding, most);
            if (lines.size() > (noHeader ? 0 : 1)) {
                return lines;
            }
            first = first == null ? lines : first;
        }
        return first == null ? List.of() : first;
    }

    /**
     * For scoring with a model: where --delimiter is not given, takes the delimiter the first line of
     * {@code files}' first file shows, a comma line that names all the model's feature
     * {@code columns} kept, its text read as the model's was ({@code recorded}, null for none). The
     * numbers are read as the model's were ({@link #format(io.dense4j.model.TrainingData)}).
     */
    void guessDelimiter(CsvFiles files, java.util.Set<String> columns, io.dense4j.model.TrainingData recorded, PrintStream status) {
        if (delimiterSet() || files.paths().isEmpty()) {
            return;
        }
        try {
            List<byte[]> lines = firstLinesWithData(files, encodingOf(recorded), 2);
            if (!lines.isEmpty()) {
                take(DelimiterGuess.of(lines, !decimal.equals(","), columns), status);
            }
        } catch (IOException unreadable) { // the read that follows says what is wrong, naming the file, before any separator's check
        }
    }

    /** The same for rows read from a pipe, by their first two lines ({@code secondLine} null for none). */
    void guessDelimiter(byte[] firstLine, byte[] secondLine, java.util.Set<String> columns, io.dense4j.model.TrainingData recorded,
                        PrintStream status) {
        if (!delimiterSet()) {
            TextEncoding text = encodingOf(recorded);
            take(DelimiterGuess.of(text.utf8(firstLine), secondLine == null ? null : text.utf8(secondLine), !decimal.equals(","),
                    columns), status);
        }
    }

    /**
     * Refuses --no-header for a model whose features a header named: a file read without one names
     * its columns by place ("column 2"), so none of the model's would be found; unless the command
     * reads a model's numbers by place ({@code numbersByPlace}: predict) and the model has no
     * categorical column, whose categories only a name finds.
     */
    void checkHeaderFor(io.dense4j.model.InputSchema schema, boolean numbersByPlace) {
        if (noHeader && schema != null && !schema.featureNames().isEmpty() && !schema.namedByPlace()
                && !(numbersByPlace && schema.categories().isEmpty())) {
            throw new ParameterException(command.commandLine(), "--no-header: the model was trained on a file with a header row (its "
                    + "features are named, such as \"" + io.dense4j.data.Printable.of(schema.featureNames().get(0)) + "\"), so it reads "
                    + "its columns by those names: leave out --no-header, and give the file its header row if it has none");
        }
    }

    /**
     * Says on {@code status} that the files are read in the encoding of {@code recorded} (a model's
     * data, or null), where --encoding does not say and it is not UTF-8: a file in another then
     * reads as other text, and the line says why.
     */
    void noteEncoding(io.dense4j.model.TrainingData recorded, PrintStream status) {
        String read = encoding(recorded);
        if (!read.equals(encoding)) { // not --encoding's, nor its default: the model's
            status.printf(Locale.ROOT, "Encoding: %s, as the model's training data was read (--encoding sets it)%n", read);
        }
    }

    /** The encoding's name: --encoding's, else the one {@code recorded} (a model's data, or null) was read in. */
    private String encoding(io.dense4j.model.TrainingData recorded) {
        boolean given = command.commandLine().getParseResult().hasMatchedOption("--encoding");
        return given || recorded == null ? encoding : recorded.encoding();
    }

    /** The same encoding, checked (a bad --encoding is a usage error). */
    private TextEncoding encodingOf(io.dense4j.model.TrainingData recorded) {
        try {
            return textEncoding(encoding(recorded));
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(command.commandLine(), invalid.getMessage());
        }
    }

    /** The encoding {@code name} names; refused with a message naming --encoding. */
    private static TextEncoding textEncoding(String name) {
        try {
            return TextEncoding.named(name);
        } catch (IllegalArgumentException refused) {
            throw new IllegalArgumentException("--encoding: " + refused.getMessage() + (refused instanceof TextEncoding.NotOneBytePerCharacter
                    multiByte ? ": convert the file, for example with iconv -f " + multiByte.given() + " -t utf-8" : ""));
        }
    }

    /** Whether --delimiter was given, or taken from a resumed run's line, which read the file so. */
    private boolean delimiterSet() {
        return command.commandLine().getParseResult().hasMatchedOption("--delimiter") || !delimiter.equals(",");
    }

    private void take(char found, PrintStream status) {
        looked = true;
        if (found != ',') {
            guessed = found;
            status.printf(Locale.ROOT, "Delimiter: %s, which cuts the first lines into fields where the comma does not (--delimiter sets it)%n",
                    found == '\t' ? "a tab" : "'" + found + "'");
        }
    }

    private void takeNumbers(DecimalGuess.Found found, PrintStream status) {
        if (found != null) {
            guessedNumbers = found;
            status.printf(Locale.ROOT, "Decimal: ','%s, as numbers such as %s in the first lines show (%s)%n", found.thousands() == 0 ? ""
                    : " and thousands '" + found.thousands() + "'", io.dense4j.data.Printable.of(found.example()),
                    found.thousands() == 0 ? "--decimal sets it" : "--decimal and --thousands set them");
        }
    }

    /** The delimiter for numbers with {@code decimal} between their digits: the given or guessed one, or ';' for now. */
    private String separator(String decimal) {
        String separator = guessed != null ? String.valueOf(guessed) : delimiter.equals("\\t") ? "\t" : delimiter;
        if (decimal.equals(",") && separator.equals(",") && !delimiterSet() && !looked) {
            separator = ";"; // for now: the data's first line, once read, shows which (a comma it cannot be)
        }
        return separator;
    }

    private CsvFormat checkedFormat(char modelDecimal) {
        String decimal = guessedNumbers != null ? "," : modelDecimal != 0 ? String.valueOf(modelDecimal) : this.decimal;
        String thousands = this.thousands != null ? this.thousands
                : guessedNumbers != null && guessedNumbers.thousands() != 0 ? String.valueOf(guessedNumbers.thousands()) : null;
        String separator = separator(decimal);
        if (separator.length() != 1 || separator.charAt(0) > 0x7F) {
            throw new IllegalArgumentException("--delimiter must be one ASCII character, got \"" + delimiter + "\"");
        }
        if (!decimal.equals(".") && !decimal.equals(",")) {
            throw new IllegalArgumentException("--decimal is '.' or ',', got \"" + decimal + "\"");
        }
        if (decimal.equals(separator)) {
            throw new IllegalArgumentException(modelDecimal == ',' ? "the model's data had numbers with a decimal comma "
                    + "(--decimal ','), which a comma-delimited file cannot hold: give this file's --delimiter, such as ';', or "
                    + "--decimal '.' if its numbers have points"
                    : decimal.equals(",") ? "--decimal ',' needs another --delimiter, such as ';': a comma cannot separate both fields and a number's digits"
                    : "--delimiter '.' is the numbers' decimal point too: give another delimiter, or --decimal ','");
        }
        if (thousands != null && (!thousands.equals(".") && !thousands.equals(",") || thousands.equals(decimal))) {
            throw new IllegalArgumentException(thousands.equals(".") && decimal.equals(".")
                    ? "--thousands '.' goes with a decimal comma (3.449,45): give --decimal ',' too"
                    : "--thousands is ',' or '.', and not the decimal separator ('" + decimal + "'), got \"" + thousands + "\"");
        }
        CsvFormat format = CsvFormat.defaults().withDelimiter(separator.charAt(0)).withDecimal(decimal.charAt(0))
                .withThousands(thousands == null ? 0 : thousands.charAt(0));
        textEncoding(encoding);
        format = format.withEncoding(encoding);
        if (noHeader) {
            format = format.withoutHeader();
        }
        try {
            format = format.withMissingMarks(missingValues);
        } catch (IllegalArgumentException refused) {
            throw new IllegalArgumentException("--missing-values: " + refused.getMessage());
        }
        if (label != null) {
            boolean index = !label.isEmpty() && label.chars().allMatch(Character::isDigit);
            if (index && label.length() > 9) { // past any column a file can have, and past an int
                throw new IllegalArgumentException("--label " + label + ": no file has a column at that index");
            }
            format = index ? format.withLabelIndex(Integer.parseInt(label)) : format.withLabel(label);
        }
        if (features != null && !dropped.isEmpty()) { // each replaces the other's choice: one would be ignored
            throw new IllegalArgumentException("--features and --drop each choose the feature columns: give one of them");
        }
        if (features != null) {
            format = format.withFeatures(features);
        }
        format = dropped.isEmpty() ? format : format.withoutColumns(dropped);
        try {
            return missingValuesIn.isEmpty() ? format : format.withColumnMissingMarks(columnMarks(missingValuesIn));
        } catch (IllegalArgumentException refused) {
            throw new IllegalArgumentException("--missing-values-in: " + refused.getMessage());
        }
    }

    /** {@code glucose=0}, {@code glucose=?}: each column's marks, in the order given; a column's name ends at its first '='. */
    static java.util.Map<String, List<String>> columnMarks(List<String> pairs) {
        java.util.Map<String, List<String>> marks = new java.util.LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException("expected COLUMN=MARK, such as glucose=0, got \""
                        + io.dense4j.data.Printable.of(pair) + "\"");
            }
            marks.computeIfAbsent(pair.substring(0, equals), name -> new java.util.ArrayList<>()).add(pair.substring(equals + 1));
        }
        return marks;
    }
}
