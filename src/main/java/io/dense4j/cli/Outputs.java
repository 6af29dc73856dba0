package io.dense4j.cli;

import io.dense4j.io.AtomicFiles;
import io.dense4j.io.IoReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Checks a command's outputs before it does any work: a model trained for an hour must not be
 * lost because its folder turns out read-only, or its name a folder. Each check makes the folder
 * if missing and writes (then deletes) a file there, which is the only test that holds for root
 * and for read-only mounts alike.
 */
final class Outputs {
    private Outputs() {
    }

    /** {@code option}'s {@code file} (null: not given) can be written: not a folder, in a folder that takes files. */
    static void checkFile(CommandLine command, String option, Path file) {
        if (file == null) {
            return;
        }
        if (StandardOutput.isNamedBy(file)) { // what the command says goes there too; a file named "-" would surprise
            throw new ParameterException(command, option + " " + file + ": this output is a file, not standard output; give a file name");
        }
        if (Files.isDirectory(file)) {
            throw new ParameterException(command, option + " " + file + " is a folder; give a file name");
        }
        checkWritable(command, option, file.toAbsolutePath().getParent(), file);
        // a file its owner made read-only is kept, as cp keeps it: asked of the system, so root may write it
        if (Files.isRegularFile(file) && !Files.isWritable(file)) {
            throw new ParameterException(command, option + " " + file + " is read-only: make it writable, or give another name");
        }
    }

    /**
     * {@code option}'s {@code file} can be written ({@link #checkFile}) and is none of the command's
     * {@code inputs}: the data, the model, the checkpoint it reads. Writing an input would replace
     * what the command reads, and a file replaced atomically is gone, with no way back.
     */
    static void checkFile(CommandLine command, String option, Path file, List<Path> inputs) {
        checkFile(command, option, file);
        if (file == null || !Files.exists(file)) {
            return;
        }
        for (Path input : inputs) {
            try {
                if (Files.exists(input) && Files.isSameFile(file, input)) {
                    throw new ParameterException(command, option + " " + file + " is a file this command reads: writing it would "
                            + "replace it; give another file");
                }
            } catch (IOException unreadable) {
                // reading the input says what is wrong with it
            }
        }
    }

    /** Whether {@code file}, written or not, is one that {@code data} (a folder or a glob) would name. */
    static boolean amongData(String data, Path file) {
        if (data == null || data.equals("-")) {
            return false;
        }
        Path written = file.toAbsolutePath().normalize();
        Path named = Path.of(data).toAbsolutePath().normalize();
        if (Files.isDirectory(named)) {
            return named.equals(written.getParent());
        }
        return io.dense4j.data.csv.CsvFiles.isGlob(data) && java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + named).matches(written);
    }

    /**
     * The files {@code data} (a --data value) names, for {@link #checkFile}: for standard input,
     * the file it was redirected from, if any ({@code < data.csv}); none for a pipe or a name that
     * matches nothing.
     */
    static List<Path> dataFiles(String data) {
        if (StandardInput.NAME.equals(data)) {
            Path standardInput = Path.of("/dev/stdin"); // a link to what fd 0 is, where the system has one
            return Files.isRegularFile(standardInput) ? List.of(standardInput) : List.of();
        }
        if (data == null || StandardInput.named(data)) {
            return List.of();
        }
        try {
            return io.dense4j.data.csv.CsvFiles.of(data).paths();
        } catch (RuntimeException unlisted) { // reading it says what is wrong
            return List.of();
        }
    }

    /** {@code option}'s {@code folder} (null: not given) is a folder, or can be made one, that takes files. */
    static void checkFolder(CommandLine command, String option, Path folder) {
        if (folder == null) {
            return;
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new ParameterException(command, option + " " + folder + " is a file; give a folder");
        }
        checkWritable(command, option, folder.toAbsolutePath(), folder);
    }

    private static void checkWritable(CommandLine command, String option, Path folder, Path given) {
        try {
            Files.createDirectories(folder);
            Files.delete(AtomicFiles.newTemporary(folder, ".dense4j-write-check-", ""));
        } catch (IOException | SecurityException | UnsupportedOperationException cannot) {
            String why = cannot instanceof java.nio.file.FileAlreadyExistsException inTheWay ? inTheWay.getFile() + " is a file, not a folder"
                    : cannot instanceof IOException io ? IoReason.of(io) // the probe file's name would only mislead
                    : cannot.getClass().getSimpleName() + (cannot.getMessage() == null ? "" : ": " + cannot.getMessage());
            throw new ParameterException(command, option + " " + given + ": cannot write in " + folder + " (" + why + ")");
        }
    }
}
