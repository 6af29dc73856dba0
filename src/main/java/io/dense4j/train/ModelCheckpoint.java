package io.dense4j.train;

import io.dense4j.io.IoReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes a checkpoint (the model with its optimizer state and progress, see
 * {@link Trainer#saveCheckpoint}) every few epochs and after the last, or every few batches, atomically: a kill at any
 * moment leaves the previous checkpoint whole, and {@link Trainer#resume} continues from it.
 */
public final class ModelCheckpoint implements Callback {
    private final Path file;
    private final int every;
    private final boolean batches;
    private TrainingRun run;

    private ModelCheckpoint(Path file, int every, boolean batches) {
        this.file = Objects.requireNonNull(file, "checkpoint file");
        if (every < 1) {
            throw new IllegalArgumentException("ModelCheckpoint expects a period >= 1, got " + every);
        }
        this.every = every;
        this.batches = batches;
    }

    /**
     * After every {@code epochs}-th epoch, and after the run's last, so that a checkpoint short of
     * the run's epochs is one of a run that was stopped.
     */
    public static ModelCheckpoint everyEpochs(Path file, int epochs) {
        return new ModelCheckpoint(file, epochs, false);
    }

    /** After every {@code batches}-th batch, counted across epochs (on Spark, rounds): resumes mid-epoch. */
    public static ModelCheckpoint everyBatches(Path file, int batches) {
        return new ModelCheckpoint(file, batches, true);
    }

    @Override
    public void onTrainBegin(TrainingRun started) {
        run = started;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batchesPerEpoch, double loss) {
        if (batches && ((long) (epoch - 1) * batchesPerEpoch + batch) % every == 0) {
            save();
        }
    }

    /** Also after the run's last epoch, the one it stops at or its end: the file then shows how far the run got. */
    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        if (!batches && (metrics.epoch() % every == 0 || metrics.epoch() == run.epochs() || run.stopRequested())) {
            save();
        }
    }

    private void save() {
        try {
            run.trainer().saveCheckpoint(file);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write the checkpoint " + file + ": " + IoReason.of(failed), failed);
        }
    }
}
