package io.dense4j.cli;

import io.dense4j.data.Remedy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code dense4j} command and its subcommands. */
@Command(name = "dense4j", mixinStandardHelpOptions = true, version = "dense4j 0.1.0",
        description = "Dense neural-network binary classifiers on ND4J's native CPU kernels.",
        subcommands = {TrainCommand.class, CvCommand.class, EvaluateCommand.class, PredictCommand.class, ExportCommand.class, VerifyCommand.class, SummaryCommand.class,
                GraphCommand.class, GenerateCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Option(names = "--verbose", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        // numbers that libraries format with the default locale (a chart's counts) read as dense4j's own do
        java.util.Locale.setDefault(java.util.Locale.Category.FORMAT, java.util.Locale.ROOT);
        NativeLibraries.giveAHomeToUnpackInto(); // java -jar as a user without a home (the dense4j script gives one)
        int code = execute(args);
        NativeLibraries.killIfTheExitHangs();
        System.exit(code);
    }

    /** The commands whose report on standard output is what they are run for (predict's rows fail as they are written). */
    private static final java.util.Set<String> REPORTS = java.util.Set.of("evaluate", "cv", "summary");

    /** Whether the command run was one of {@link #REPORTS}, not asked for its help. */
    private static boolean reportsOnStandardOutput(CommandLine.ParseResult parsed) {
        if (parsed == null || !parsed.hasSubcommand()) {
            return false;
        }
        CommandLine.ParseResult command = parsed.subcommand();
        return REPORTS.contains(command.commandSpec().name()) && !command.isUsageHelpRequested();
    }

    /** Exit code of a usage error (a bad or missing flag), as picocli and most tools use. */
    static final int USAGE = 2;

    /**
     * For arguments left over that are all files, right after an option's value: most likely a
     * glob the shell expanded, of which the option took the first file. The way out, after the
     * usage error; else nothing.
     */
    private static String expandedGlobHint(CommandLine.ParameterException error, String[] arguments) {
        if (!(error instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()
                || !unmatched.getUnmatched().stream().allMatch(argument -> java.nio.file.Files.isRegularFile(java.nio.file.Path.of(argument)))) {
            return "";
        }
        java.util.List<String> all = java.util.Arrays.asList(arguments);
        int first = java.util.Collections.indexOfSubList(all, unmatched.getUnmatched());
        if (first < 1) {
            return "";
        }
        // the option that took the glob's first file: "--data a.csv b.csv", or "--data=a.csv b.csv"
        String before = arguments[first - 1];
        int equals = before.startsWith("--") ? before.indexOf('=') : -1;
        String option = equals > 0 ? before.substring(0, equals) : first >= 2 ? arguments[first - 2] : "";
        String value = equals > 0 ? before.substring(equals + 1) : before;
        if (!option.startsWith("-") || !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(value))) {
            return "";
        }
        if (!option.equals("--data")) {
            return " (files the shell expanded from a glob? " + option + " takes one file)";
        }
        java.nio.file.Path folder = java.nio.file.Path.of(unmatched.getUnmatched().get(0)).getParent();
        return " (files the shell expanded from a glob? quote the glob, so that dense4j reads every file it matches, or give "
                + "their folder: --data " + (folder == null ? "." : Remedy.word(folder.toString())) + ")";
    }

    /** What an error that stops a command says: its message, or a file-system exception's file and reason (its message is the path alone). */
    private static String said(Exception error) {
        if (error instanceof java.nio.file.FileSystemException system && system.getFile() != null) {
            return system.getFile() + ": " + io.dense4j.io.IoReason.of(system);
        }
        return error.getMessage() == null ? error.toString() : error.getMessage();
    }

    /** Whether the command line asked for stack traces, before the command or after it. */
    private static boolean verbose(CommandLine commandLine) {
        for (var parsed = commandLine.getParseResult(); parsed != null; parsed = parsed.subcommand()) {
            if (parsed.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** Runs the command line and returns its exit code (for tests and {@link #main}). */
    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        CvCommand.hideTrainOnlyOptions(commandLine.getSubcommands().get("cv").getCommandSpec());
        // No command takes positional parameters, so "--" would end no options; it is a mark of a
        // missing value in some files instead, and must be typable as one: --missing-values --
        commandLine.setEndOfOptionsDelimiter("--end-of-options");
        if (args.length > 0 && !args[0].startsWith("-") && !commandLine.getSubcommands().containsKey(args[0])) {
            // before picocli: with --help after it, an unknown command printed the main usage and exited 0
            commandLine.getErr().println("dense4j: unknown command \"" + args[0] + "\"; the commands are "
                    + String.join(", ", commandLine.getSubcommands().keySet()) + " (see 'dense4j --help')");
            return USAGE;
        }
        commandLine.setParameterExceptionHandler((error, arguments) -> {
            CommandLine line = error.getCommandLine();
            line.getErr().println("dense4j: " + Remedy.onTheCommandLine(error.getMessage()) + expandedGlobHint(error, arguments));
            line.getErr().println("see '" + line.getCommandSpec().qualifiedName() + " --help'");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            boolean verbose = parsed.matchedOption("--verbose") != null
                    || parsed.subcommands().stream().anyMatch(sub -> sub.matchedOption("--verbose") != null);
            line.getErr().println("dense4j: " + Remedy.onTheCommandLine(StandardInput.shownIn(said(error))));
            if (verbose) {
                error.printStackTrace(line.getErr());
            }
            return 1;
        });
        try {
            int code = commandLine.execute(args);
            if (code == 0 && StandardOutput.lostWrites()) {
                if (reportsOnStandardOutput(commandLine.getParseResult())) {
                    commandLine.getErr().println("dense4j: " + StandardOutput.FAILED);
                    return 1;
                }
                // progress, or help: what the command made (a model file, say) is whole
                commandLine.getErr().println("dense4j: note: standard output was closed or is full, so some of what it "
                        + "printed there is missing");
            }
            return code;
        } catch (OutOfMemoryError outOfMemory) {
            commandLine.getErr().println("dense4j: out of memory (" + outOfMemory.getMessage() + "); give the JVM more with "
                    + "JAVA_OPTS=-Xmx<size> (the heap) or -Dorg.bytedeco.javacpp.maxbytes=<size> (ND4J's native memory), "
                    + "or use a smaller model or batch, or fewer categories (--max-categories, or --drop a column of identifiers)");
            if (verbose(commandLine)) {
                outOfMemory.printStackTrace(commandLine.getErr());
            }
            return 1;
        } catch (LinkageError failed) {
            String problem = NativeLibraries.problem(failed);
            if (problem == null) {
                throw failed;
            }
            commandLine.getErr().println("dense4j: " + problem);
            if (verbose(commandLine)) {
                failed.printStackTrace(commandLine.getErr());
            }
            return 1;
        } catch (InternalError fault) {
            if (!io.dense4j.data.csv.MappedPages.lost(fault)) {
                throw fault;
            }
            // a page of a mapped cache that is gone: the JVM says so in words no user can act on
            commandLine.getErr().println("dense4j: " + io.dense4j.data.csv.MappedPages.problem());
            return 1;
        }
    }
}
