package io.dense4j.cli;

import io.dense4j.train.EpochMetrics;
import io.dense4j.train.Callback;
import java.io.PrintStream;
import java.util.Locale;

/** One line per epoch: loss, accuracy, validation, throughput. For logs and pipes. */
final class EpochLines implements Callback {
    private final int epochs;
    private final PrintStream out;

    EpochLines(int epochs, PrintStream out) {
        this.epochs = epochs;
        this.out = out;
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        String validation = metrics.hasValidation()
                ? String.format(Locale.ROOT, "  val_loss %.4f  val_accuracy %.4f", metrics.validationLoss(), metrics.validationAccuracy())
                : "";
        // a checkpoint of an epoch's last batch resumes with only the epoch's end to run: no rate to tell
        String rate = metrics.samplesTimed() == 0 ? "resumed after its last batch"
                : String.format(Locale.ROOT, "%,.0f samples/s", metrics.samplesPerSecond());
        out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  accuracy %.4f%s  (%s)%n", metrics.epoch(), epochs,
                metrics.loss(), metrics.accuracy(), validation, rate);
    }
}
