package io.dense4j.train;

import io.dense4j.model.TrainingState;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop around the epochs that one-machine and data-parallel training share, so that both run
 * the same callbacks the same way: {@link TerminateOnNaN} first, then the fit's, in order; each
 * epoch counted done (in the trainer's progress) before its {@code onEpochEnd}, so a checkpoint
 * written then resumes at the next; a stop request honoured after the epoch that made it.
 */
public final class EpochLoop {

    /** One epoch's batches (reporting each through {@link #batchEnd}) and its scoring. */
    @FunctionalInterface
    public interface Epoch {
        EpochMetrics train(int epoch);
    }

    private final TrainingRun run;
    private final Callback[] callbacks; // an array: batchEnd, once a step, makes no iterator

    public EpochLoop(TrainingRun run, FitOptions options) {
        this.run = run;
        List<Callback> all = new ArrayList<>();
        all.add(new TerminateOnNaN());
        all.addAll(options.callbacks());
        this.callbacks = all.toArray(new Callback[0]);
    }

    /** Tells every callback a batch (on Spark, a round) is done; {@code loss} is its mean loss before its step. */
    public void batchEnd(int epoch, int batch, int batches, double loss) {
        for (int i = 0; i < callbacks.length; i++) {
            callbacks[i].onBatchEnd(epoch, batch, batches, loss);
        }
    }

    /** Whether a callback has asked to stop: the caller's batch loop ends at once. */
    public boolean stopRequested() {
        return run.stopRequested();
    }

    /** Runs the epochs from the run's first to its last, or to a stop request, and returns their history. */
    public History run(Epoch epoch) {
        for (Callback callback : callbacks) {
            callback.onTrainBegin(run);
        }
        List<EpochMetrics> epochs = new ArrayList<>();
        boolean stoppedEarly = false;
        for (int number = run.firstEpoch(); number <= run.epochs(); number++) {
            for (Callback callback : callbacks) {
                callback.onEpochBegin(number);
            }
            EpochMetrics metrics = epoch.train(number);
            run.trainer().setProgress(new TrainingState.Progress(number, 0, 0, 0, 0));
            epochs.add(metrics);
            for (Callback callback : callbacks) {
                callback.onEpochEnd(metrics);
            }
            if (run.stopRequested()) {
                stoppedEarly = number < run.epochs();
                break;
            }
        }
        History history = new History(epochs, stoppedEarly);
        for (Callback callback : callbacks) {
            callback.onTrainEnd(history);
        }
        return run.restoredEpoch() == 0 ? history : new History(epochs, stoppedEarly, run.restoredEpoch());
    }
}
