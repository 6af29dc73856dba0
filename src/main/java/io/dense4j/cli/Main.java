package io.dense4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code dense4j} command and its subcommands. */
@Command(name = "dense4j", mixinStandardHelpOptions = true, version = "dense4j 0.1.0",
        description = "Dense neural-network binary classifiers on ND4J's native CPU kernels.",
        subcommands = {TrainCommand.class, CvCommand.class, EvaluateCommand.class, PredictCommand.class, SummaryCommand.class,
                GraphCommand.class, GenerateCommand.class, DemoCommand.class})
public final class Main implements Runnable {

    @Option(names = "--verbose", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests and {@link #main}). */
    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            boolean verbose = parsed.matchedOption("--verbose") != null
                    || parsed.subcommands().stream().anyMatch(sub -> sub.matchedOption("--verbose") != null);
            line.getErr().println("dense4j: " + (error.getMessage() == null ? error.toString() : error.getMessage()));
            if (verbose) {
                error.printStackTrace(line.getErr());
            }
            return 1;
        });
        return commandLine.execute(args);
    }
}
