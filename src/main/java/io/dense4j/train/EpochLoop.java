package io.dense4j.train;

import io.dense4j.model.CallbackState;
import io.dense4j.model.TrainingState;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop around the epochs that one-machine and data-parallel training share, so that both run
 * the same callbacks the same way: {@link TerminateOnNaN} first, then the fit's, in order, with
 * checkpoints after the others; each epoch counted done (in the trainer's progress) before its
 * {@code onEpochEnd}, so a checkpoint written then resumes at the next; a stop request honoured
 * after the epoch that made it. A resumed trainer's callbacks get back their checkpointed state
 * after {@code onTrainBegin}.
 */
public final class EpochLoop {

    /** One epoch's batches (reporting each through {@link #batchEnd}) and its scoring. */
    @FunctionalInterface
    public interface Epoch {
        EpochMetrics train(int epoch);
    }

    private final TrainingRun run;
    private final Callback[] callbacks; // an array: batchEnd, once a step, makes no iterator
    private EpochMetrics lastEpoch;

    public EpochLoop(TrainingRun run, FitOptions options) {
        this.run = run;
        List<Callback> all = new ArrayList<>();
        all.add(new TerminateOnNaN());
        all.addAll(options.callbacks());
        // checkpoints last: the state they write is every other callback's after the epoch (early stopping's decision included)
        all.sort(java.util.Comparator.comparing(callback -> callback instanceof ModelCheckpoint));
        this.callbacks = all.toArray(new Callback[0]);
    }

    /** The last epoch this loop completed, or null before its first. */
    EpochMetrics lastEpoch() {
        return lastEpoch;
    }

    /** The state of each callback that keeps one, in the callbacks' order, for a checkpoint. */
    List<CallbackState> callbackStates() {
        List<CallbackState> states = new ArrayList<>();
        for (Callback callback : callbacks) {
            CallbackState state = callback.checkpointState();
            if (state != null) {
                states.add(state);
            }
        }
        return states;
    }

    /** Gives each callback the first unused state of its name in {@code states} (a resumed checkpoint's). */
    private void restore(List<CallbackState> states) {
        List<CallbackState> unused = new ArrayList<>(states);
        for (Callback callback : callbacks) {
            CallbackState own = callback.checkpointState();
            if (own == null) {
                continue;
            }
            for (int i = 0; i < unused.size(); i++) {
                if (unused.get(i).name().equals(own.name())) {
                    callback.restoreState(unused.remove(i));
                    break;
                }
            }
        }
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
        restore(run.trainer().takeResumedCallbackStates());
        run.trainer().running(this);
        try {
            return epochs(epoch);
        } finally {
            run.trainer().running(null);
        }
    }

    private History epochs(Epoch epoch) {
        List<EpochMetrics> epochs = new ArrayList<>();
        boolean stoppedEarly = run.stopRequested(); // a resumed run that had stopped: no epoch more
        for (int number = run.firstEpoch(); number <= run.epochs() && !stoppedEarly; number++) {
            for (Callback callback : callbacks) {
                callback.onEpochBegin(number);
            }
            EpochMetrics metrics = epoch.train(number);
            run.trainer().setProgress(new TrainingState.Progress(number, 0, 0, 0, 0));
            lastEpoch = metrics;
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
        return run.weightsOf() == null ? history : new History(epochs, stoppedEarly, run.weightsOf());
    }
}
