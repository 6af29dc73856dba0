package io.dense4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What train writes beside its checkpoints: the model file, the charts and the log of the epochs. */
final class TrainOutputs {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--out", defaultValue = "model.zip", description = "The model file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--plot", description = "A folder for PNG charts of loss and accuracy per epoch (training and validation); "
            + "charts that cannot be written are a warning, and the model is still written.")
    Path plots;

    @Option(names = "--log", paramLabel = "FILE", description = "A CSV file of the epochs, a line added after each: epoch, loss, "
            + "accuracy, val_loss, val_accuracy, samples, seconds (as Keras's CSVLogger): runs of other batch sizes side by side on "
            + "a clock, the seconds summed. A log whose disk fills stops at its last whole line with a warning; training goes on.")
    Path log;

    /**
     * Checks every file and folder the run will write, before any data is read: these, the
     * {@code checkpoints}' file and the {@code cache}'s folder, none of them among the files that
     * --data {@code data} names.
     */
    void check(String data, CheckpointOptions checkpoints, CacheOptions cache) {
        List<Path> inputs = new ArrayList<>(Outputs.dataFiles(data));
        checkpoints.checkFile(inputs);
        Outputs.checkFile(spec.commandLine(), "--out", out, inputs);
        Outputs.checkFolder(spec.commandLine(), "--plot", plots);
        if (log != null) {
            checkLog(data, checkpoints.file, inputs);
        }
        cache.checkFolder(data);
    }

    private void checkLog(String data, Path checkpoint, List<Path> inputs) {
        Outputs.checkFile(spec.commandLine(), "--log", log, inputs);
        if (Outputs.amongData(data, log)) { // a later run on the same folder or glob would read the log as data
            throw new ParameterException(spec.commandLine(), "--log " + log + " is among the files --data " + data + " names: a "
                    + "later run would read it as data; give a file elsewhere");
        }
        Path logged = log.toAbsolutePath().normalize();
        if (out != null && logged.equals(out.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(), "--log " + log + " is the file --out writes; give another file");
        }
        if (checkpoint != null && logged.equals(checkpoint.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(), "--log " + log + " is the file --checkpoint writes; give another file");
        }
    }
}
