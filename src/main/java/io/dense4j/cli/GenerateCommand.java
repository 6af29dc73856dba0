package io.dense4j.cli;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Writes a synthetic data set as CSV: the workload recipe's rows, any size, in bounded memory. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic CSV (header x1..xF,label; label 0/1 in the last column).")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", required = true, description = "Rows to write.")
    long rows;

    @Option(names = "--features", required = true, description = "Features per row.")
    int features;

    @Option(names = "--teacher", defaultValue = "linear",
            description = "linear (separable), xor or spirals (default: ${DEFAULT-VALUE}).")
    String teacher;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the rows (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "The CSV file to write (replaced atomically; gzip-compressed when its name ends in .gz).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Teacher rule;
        try {
            rule = Teacher.valueOf(teacher.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new ParameterException(spec.commandLine(), "--teacher must be linear, xor or spirals, got " + teacher);
        }
        if (rows < 1 || features < (rule == Teacher.LINEAR ? 1 : 2)) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "%s data needs --rows >= 1 and --features >= %d, got %d and %d",
                    teacher, rule == Teacher.LINEAR ? 1 : 2, rows, features));
        }
        Outputs.checkFile(spec.commandLine(), "--out", out); // a file: "-" or /dev/stdout would be replaced, not written to
        long started = System.nanoTime();
        Synthetic.writeCsv(out, rule, rows, features, seed);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "Wrote %s: %,d rows × %d features + label, %,.1f MB in %.1f s%n",
                out, rows, features, Files.size(out) / 1e6, seconds);
        return 0;
    }
}
