package io.dense4j.cli;

import io.dense4j.train.CsvLogger;
import io.dense4j.train.EarlyStopping;
import io.dense4j.train.FitOptions;
import io.dense4j.train.ModelCheckpoint;
import java.nio.file.Path;
import java.util.function.BiFunction;

/** The fit a train or cv command runs, as its flags say. */
final class FitFromFlags {
    private FitFromFlags() {
    }

    /** --early-stopping's callback, on the validation loss when there is one; null without the flag. */
    static EarlyStopping earlyStopping(TrainCommand train) {
        if (train.patience == null) {
            return null;
        }
        train.judgement().notePatience(train.patience);
        return train.split.validation > 0 ? EarlyStopping.onValidationLoss(train.patience) : EarlyStopping.onTrainingLoss(train.patience);
    }

    /**
     * The epochs, batches, progress lines, learning-rate schedule, early {@code stopping} (null: none),
     * base-rate check, log and checkpoints, made by {@code checkpointOf}.
     */
    static FitOptions of(TrainCommand train, EarlyStopping stopping, BiFunction<Path, Integer, ModelCheckpoint> checkpointOf) {
        int epochs = train.epochs;
        int batchSize = train.batchSize;
        FitOptions.Builder fit = FitOptions.builder().epochs(epochs).seed(train.seed).validationSplit(train.split.validation)
                .stratified(train.split.stratify)
                // a person watching: a live line; a log (or Spark's full batch, whose rows are not known here): lines
                .callbacks(ProgressLine.wanted() && (batchSize > 0 || train.csvRows > 0)
                        ? new ProgressLine(epochs, (int) Math.min(Integer.MAX_VALUE, batchSize == 0 ? train.csvRows : batchSize),
                                train.status(), System.err, System::nanoTime, ProgressLine.terminalColumns())
                        : new EpochLines(epochs, train.status()));
        if (batchSize == 0) {
            fit.fullBatch();
        } else {
            fit.batchSize(batchSize);
        }
        if (train.scheduleCallback != null) {
            fit.callbacks(train.scheduleCallback);
        }
        if (stopping != null) {
            fit.callbacks(stopping);
        }
        fit.callbacks(train.judgement().baseRate());
        if (train.outputs.log != null) {
            fit.callbacks(new CsvLogger(train.outputs.log));
        }
        if (train.checkpoints.file != null) {
            fit.callbacks(checkpointOf.apply(train.checkpoints.file, train.checkpoints.every));
        }
        return fit.build();
    }
}
