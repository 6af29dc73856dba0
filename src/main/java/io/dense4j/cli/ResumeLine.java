package io.dense4j.cli;

import io.dense4j.data.Printable;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.TrainingCommand;
import io.dense4j.runtime.MachineKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The line a resumed run starts with, on one machine or on Spark: where it goes on from, and what it keeps. */
final class ResumeLine {
    private ResumeLine() {
    }

    /**
     * For a run resumed from {@code file} after {@code epochsTrained} epochs and {@code batches} of
     * the next, to end at {@code epochs}; {@code described} says how its controls go on ("" or
     * "; …"). A file that held no state of a run says so: its weights go on, but nothing says how
     * far they had got, and its optimizer starts afresh.
     */
    static String of(Path file, Checkpoint kept, int epochsTrained, long batches, int epochs, String described) {
        if (kept.savedAsModel()) {
            return String.format(Locale.ROOT, "Resuming from %s, a model saved without the state of its run (by Model.save, or by an "
                    + "early dense4j that kept no epochs): its weights train on for %d epochs, and its optimizer starts afresh%s", file,
                    epochs, described);
        }
        return String.format(Locale.ROOT, "Resuming from %s after epoch %d of %d%s (its model, optimizer and loss are kept%s)", file,
                epochsTrained, epochs, batches == 0 ? "" : String.format(Locale.ROOT, " and %,d batch%s of the next", batches,
                        batches == 1 ? "" : "es"), described);
    }

    /**
     * The note a run resumed on {@code here} prints when its checkpoint's run trained last on
     * another kind of machine, whose bits this run's steps will not repeat; null when it trained
     * here, or the checkpoint does not say where.
     */
    static String elsewhere(Checkpoint kept, MachineKind here) {
        TrainingCommand line = kept.model().trainingCommand();
        List<MachineKind> machines = line == null ? List.of() : line.machines();
        String why = machines.isEmpty() ? null : MachineKind.whatDiffers(machines.subList(machines.size() - 1, machines.size()), here);
        if (why == null) {
            return null;
        }
        return "Note: the checkpoint's run trained on " + Printable.whole(machines.get(machines.size() - 1).toString()) + "; this is "
                + Printable.whole(here.toString()) + ": the run goes on, but " + why + ", so its weights will differ in the last bits "
                + "from a run that went on there";
    }
}
