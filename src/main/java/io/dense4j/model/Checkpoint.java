package io.dense4j.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A model with the state of its training, in one model file: {@link Model#load} reads it as a
 * model, and a trainer resumed from it ends where uninterrupted training ends.
 *
 * @param savedAsModel whether the file held no training state (a model {@link Model#save} wrote,
 *                     or an early one that kept no epochs), read as a model at its start
 */
public record Checkpoint(Model model, TrainingState state, boolean savedAsModel) {

    public Checkpoint {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "training state");
    }

    /** A model and the state of its training. */
    public Checkpoint(Model model, TrainingState state) {
        this(model, state, false);
    }

    /** Writes the model and its training state to {@code file}, atomically and durably. */
    public void save(Path file) throws IOException {
        ModelFile.save(file, model, state);
    }

    /**
     * Reads a checkpoint. A model file saved without training state reads as one at its start:
     * no epochs done and a fresh optimizer.
     *
     * @throws ModelFileException when the file is missing, truncated, corrupt, foreign or newer
     */
    public static Checkpoint load(Path file) {
        ModelFile.Contents contents = ModelFile.load(file);
        return contents.state() != null ? new Checkpoint(contents.model(), contents.state())
                : new Checkpoint(contents.model(), new TrainingState(TrainingState.Progress.START, 0, new double[0]), true);
    }
}
