package io.dense4j.model;

import io.dense4j.data.Printable;
import io.dense4j.graph.LossForm;
import io.dense4j.graph.Node;
import io.dense4j.layer.Layer;
import io.dense4j.metrics.DecisionThreshold;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;

/** Renders a compiled model as a Keras-style table, then the graph it was compiled into. */
final class Summary {
    private static final String FORMAT = "%-28s %-16s %12s%n";
    private static final String RULE = "─".repeat(58) + "\n";
    /** Categorical columns named on the Input line; past them, a count. */
    private static final int COLUMNS_SHOWN = 20;

    private Summary() {
    }

    static String render(Model model) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Model: Sequential, %,d input%s, %s%n", model.inputWidth(),
                model.inputWidth() == 1 ? "" : "s", model.dataType() == DataType.FLOAT ? "float32" : "float64"));
        InputSchema schema = model.inputSchema();
        if (schema != null && !schema.categories().isEmpty()) {
            List<String> columns = schema.categories().entrySet().stream()
                    .map(entry -> Printable.whole(entry.getKey()) + " " + entry.getValue().values().size() + "+2").toList();
            // a line, not a listing: the Features line of summary names every column
            String shown = String.join(", ", columns.subList(0, Math.min(COLUMNS_SHOWN, columns.size())))
                    + (columns.size() > COLUMNS_SHOWN ? String.format(Locale.ROOT, " and %,d more", columns.size() - COLUMNS_SHOWN) : "");
            text.append(String.format(Locale.ROOT, "Input: %,d numeric, %,d categorical (one-hot, read by gathering weight rows): %s%n",
                    model.inputWidth() - schema.categories().size(), schema.categories().size(), shown));
        }
        if (schema != null && !schema.dates().isEmpty()) {
            List<String> dates = schema.dates().stream().map(Printable::whole).toList();
            text.append(String.format(Locale.ROOT, "Dates: %s%s, each read as its days since 1970-01-01%n",
                    String.join(", ", dates.subList(0, Math.min(COLUMNS_SHOWN, dates.size()))),
                    dates.size() > COLUMNS_SHOWN ? String.format(Locale.ROOT, " and %,d more", dates.size() - COLUMNS_SHOWN) : ""));
        }
        text.append(RULE).append(String.format(Locale.ROOT, FORMAT, "Layer (type)", "Output Shape", "Param #")).append(RULE);
        int width = model.graph().input().encodedWidth();
        List<Layer> layers = model.layers();
        for (int index = 0; index < layers.size(); index++) {
            Layer layer = layers.get(index);
            long parameters = layer.parameterCount(width);
            width = layer.outputWidth(width);
            text.append(String.format(Locale.ROOT, FORMAT, index + " " + layer.describe(), "(None, " + width + ")", grouped(parameters)));
        }
        text.append(RULE);
        text.append(String.format(Locale.ROOT, "Total params: %s (%s)%n", grouped(model.parameterCount()),
                bytes((long) model.parameterCount() * (model.dataType() == DataType.FLOAT ? 4 : 8))));
        int statistics = model.graph().statisticsCount();
        if (statistics > 0) {
            text.append(String.format(Locale.ROOT, "Non-trainable statistics: %s (Normalization's mean and 1/σ per feature)%n",
                    grouped(statistics)));
        }
        text.append(String.format(Locale.ROOT, "Loss: %s   Optimizer: %s%n", model.loss(), model.optimizer()));
        if (model.trainingData() != null) {
            TrainingData data = model.trainingData();
            text.append("Trained on: ").append(Printable.whole(data.toString())).append(howWritten(data)).append('\n');
        }
        if (model.provenance() != null) {
            text.append("Trained by: ").append(Printable.whole(model.provenance().toString())).append('\n');
        }
        if (model.trainingCommand() != null) {
            int parts = model.trainingCommand().parts();
            String rerun = model.trainingCommand().ended() ? "dense4j verify reruns it"
                    : "a checkpoint's, for the run resumed from it; verify reruns the run's --out model";
            text.append("Command: ").append(Printable.whole(model.trainingCommand().toString())).append(parts > 1
                    ? " (its steps cut into up to " + parts + " parts, as --parts " + parts + " cuts them; " + rerun + ")\n"
                    : " (" + rerun + ")\n");
            if (!model.trainingCommand().machines().isEmpty()) {
                text.append("Machine: ").append(Printable.whole(model.trainingCommand().machines().stream().map(Object::toString)
                        .collect(Collectors.joining(", then ")))).append(" (a rerun elsewhere may differ in the last bits)\n");
            }
        }
        if (!model.threshold().equals(DecisionThreshold.DEFAULT)) {
            text.append("Threshold: ").append(Printable.whole(model.threshold().toString())).append('\n');
        }
        text.append("Compiled graph: x → ")
                .append(model.graph().nodes().stream().map(Node::label).collect(Collectors.joining(" → ")))
                .append(model.graph().lossForm() == LossForm.FROM_LOGITS
                        ? " → cross-entropy from logits\n" : " → cross-entropy on probabilities\n");
        for (String rewrite : model.graph().rewrites()) {
            text.append("  · ").append(rewrite).append('\n');
        }
        return text.toString();
    }

    private static String grouped(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    private static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        return count < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", count / 1024.0)
                : count < 1024L * 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", count / 1048576.0)
                : String.format(Locale.ROOT, "%,.1f GB", count / 1073741824.0);
    }

    /**
     * How {@code data} wrote its text and numbers where that is not the default, which evaluate and
     * predict then read their files as: ", its numbers with a decimal comma (…unless --decimal …)".
     */
    private static String howWritten(TrainingData data) {
        java.util.List<String> ways = new java.util.ArrayList<>();
        java.util.List<String> flags = new java.util.ArrayList<>();
        if (!data.encoding().equals(io.dense4j.data.csv.TextEncoding.UTF_8)) {
            ways.add("its text in " + data.encoding());
            flags.add("--encoding");
        }
        if (data.decimal() == ',') {
            ways.add("its numbers with a decimal comma" + (data.thousands() == '.' ? " and points between thousands" : ""));
            flags.add("--decimal");
        } else if (data.thousands() == ',') {
            ways.add("its numbers with commas between thousands");
        }
        if (data.thousands() != 0) {
            flags.add("--thousands");
        }
        if (ways.isEmpty()) {
            return "";
        }
        String given = flags.size() == 1 ? flags.get(0) + " says" : String.join(", ", flags.subList(0, flags.size() - 1)) + " or "
                + flags.get(flags.size() - 1) + " say";
        return ", " + String.join(", ", ways) + " (evaluate and predict read their files so, unless " + given + " otherwise)";
    }
}
