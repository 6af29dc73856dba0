package io.dense4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** For tests of resuming: saves a checkpoint after one batch of one epoch, then stops the run, as a kill would. */
public final class SaveAndStopAt implements Callback {
    private final int epoch;
    private final int batch;
    private final Path checkpoint;
    private TrainingRun run;

    public SaveAndStopAt(int epoch, int batch, Path checkpoint) {
        this.epoch = epoch;
        this.batch = batch;
        this.checkpoint = checkpoint;
    }

    @Override
    public void onTrainBegin(TrainingRun started) {
        run = started;
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss) {
        if (epoch == this.epoch && batch == this.batch) {
            try {
                run.trainer().saveCheckpoint(checkpoint);
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
            run.requestStop();
        }
    }
}
