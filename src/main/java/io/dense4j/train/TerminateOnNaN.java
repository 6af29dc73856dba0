package io.dense4j.train;

/**
 * Ends training with a {@link TrainingDivergedException} at the first batch whose loss is NaN or
 * infinite. The trainer does not step on such a batch, so the parameters stay those of the last
 * finite step, and every fit runs this callback first, so no later callback (a checkpoint) hears
 * of the batch. (Unlike Keras's callback of that name, it throws rather than asking to stop: a
 * diverged run is a failure, and the command line reports it as one.)
 */
public final class TerminateOnNaN implements Callback {

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epoch, batch, batches, loss);
        }
    }
}
