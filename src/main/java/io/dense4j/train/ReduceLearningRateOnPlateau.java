package io.dense4j.train;

import io.dense4j.model.CallbackState;
import java.util.Map;

/**
 * Keras's {@code ReduceLROnPlateau}: when the monitored loss (validation loss when the run has
 * validation rows, else training loss) has not improved for {@code patience} epochs, the learning
 * rate is multiplied by {@code factor}, down to {@code minimum}. A checkpoint keeps its counters
 * (and the trainer's rate), so a resumed run lowers the rate where the uninterrupted one would.
 */
public final class ReduceLearningRateOnPlateau implements Callback {
    private final double factor;
    private final int patience;
    private final double minimum;
    private TrainingRun run;
    private double best;
    private int waited;

    public ReduceLearningRateOnPlateau(double factor, int patience, double minimum) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("reduce-on-plateau's factor must be in (0, 1), got " + factor);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("reduce-on-plateau's patience must be >= 1 epoch, got " + patience);
        }
        if (!(minimum >= 0 && minimum < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("reduce-on-plateau's minimum rate must be finite and >= 0, got " + minimum);
        }
        this.factor = factor;
        this.patience = patience;
        this.minimum = minimum;
    }

    @Override
    public void onTrainBegin(TrainingRun started) {
        run = started;
        best = Double.POSITIVE_INFINITY;
        waited = 0;
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        double monitored = run.hasValidation() ? metrics.validationLoss() : metrics.loss();
        if (monitored < best) {
            best = monitored;
            waited = 0;
            return;
        }
        if (++waited >= patience) {
            double rate = run.trainer().learningRate();
            double reduced = Math.max(rate * factor, minimum);
            if (reduced > 0 && reduced < rate) { // a reduction only: a minimum above the rate must not raise it (as Keras's min_lr)
                run.trainer().setLearningRate(reduced);
            }
            waited = 0;
        }
    }

    @Override
    public CallbackState checkpointState() {
        return new CallbackState("ReduceLearningRateOnPlateau", Map.of("best", best, "waited", (double) waited), null);
    }

    @Override
    public void restoreState(CallbackState state) {
        double kept = state.number("best");
        best = Double.isNaN(kept) ? Double.POSITIVE_INFINITY : kept;
        waited = (int) state.number("waited");
    }
}
