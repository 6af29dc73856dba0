package io.dense4j.benchmarks;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the rows {@link TimeToAccuracy} trains and scores on, so that the Python peers
 * (peers/time_to_accuracy.py) read exactly the same float32 values: the 200,000 training rows of the
 * W-MLP recipe (seed {@link WMlp#DATA_SEED}) and the 20,000 held-out rows (seed DATA_SEED + 1), linear
 * teacher, and the initial parameters every run of {@link TimeToAccuracy} starts from, so that the peers
 * start from the same weights rather than other draws of the same distribution. Files, raw
 * little-endian float32, row-major: train-x.f32 [200000 x 100], train-y.f32 [200000], heldout-x.f32
 * [20000 x 100], heldout-y.f32 [20000], and initial-parameters.f32, per Dense layer its weights
 * [inputs x units] and then its bias [units] (100 → 256 → 256 → 1: 91,905 values).
 *
 * <p>Usage: TimeToAccuracyData DIRECTORY
 */
public final class TimeToAccuracyData {
    static final int TRAINING_ROWS = 200_000;
    static final int HELD_OUT_ROWS = 20_000;

    private TimeToAccuracyData() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(directory);
        Synthetic train = Synthetic.generate(Teacher.LINEAR, TRAINING_ROWS, WMlp.INPUTS, WMlp.DATA_SEED);
        Synthetic heldOut = Synthetic.generate(Teacher.LINEAR, HELD_OUT_ROWS, WMlp.INPUTS, WMlp.DATA_SEED + 1);
        write(directory.resolve("train-x.f32"), train.features().dup('c').ravel().toFloatVector());
        write(directory.resolve("train-y.f32"), train.labels().dup('c').ravel().toFloatVector());
        write(directory.resolve("heldout-x.f32"), heldOut.features().dup('c').ravel().toFloatVector());
        write(directory.resolve("heldout-y.f32"), heldOut.labels().dup('c').ravel().toFloatVector());
        write(directory.resolve("initial-parameters.f32"), WMlp.model(0.1).parameters().dup('c').toFloatVector());
        System.out.printf(Locale.ROOT, "wrote %d training and %d held-out rows of %d features to %s; "
                        + "train x[0][0..2] = %s %s %s, positive fractions %.4f / %.4f%n",
                TRAINING_ROWS, HELD_OUT_ROWS, WMlp.INPUTS, directory,
                train.features().getFloat(0, 0), train.features().getFloat(0, 1), train.features().getFloat(0, 2),
                train.labels().meanNumber().doubleValue(), heldOut.labels().meanNumber().doubleValue());
    }

    private static void write(Path file, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        Files.write(file, buffer.array());
    }
}
