package io.dense4j.cli;

import io.dense4j.model.Model;
import io.dense4j.onnx.OnnxExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import onnx.Onnx.ModelProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.ValueInfoProto;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a model as ONNX, for ONNX Runtime and the other engines that score ONNX models. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write a model as ONNX: its missing-value fill, "
        + "categories, standardization, layers and threshold, so ONNX Runtime scores rows as predict does.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "A model file written by train.")
    Path modelFile;

    @Option(names = "--out", required = true, description = "The ONNX file to write, such as model.onnx.")
    Path out;

    @Mixin
    ThresholdOption threshold;

    /** Inputs listed one per line; past them, a count. */
    private static final int INPUTS_SHOWN = 20;

    @Override
    public Integer call() throws IOException {
        Outputs.checkFile(spec.commandLine(), "--out", out, List.of(modelFile));
        Model model = Model.load(modelFile);
        List<String> marks = model.inputSchema() == null ? List.of() : model.inputSchema().missingMarks();
        model.setThreshold(threshold.resolve(model));
        ModelProto onnx = OnnxExport.write(model, out);
        System.out.printf(Locale.ROOT, "Wrote %s (ONNX opset %d, %,d bytes)%n", out, OnnxExport.OPSET, onnx.getSerializedSize());
        boolean strings = false;
        List<ValueInfoProto> inputs = onnx.getGraph().getInputList();
        for (int i = 0; i < inputs.size(); i++) {
            // described once below, with any column's own marks after it
            boolean text = inputs.get(i).getType().getTensorType().getElemType() == TensorProto.DataType.STRING_VALUE;
            strings |= text;
            if (i < INPUTS_SHOWN) {
                System.out.println("  input  " + describe(inputs.get(i), !text));
            }
            if (!text && model.inputSchema() != null && !model.inputSchema().dates().isEmpty()) { // the numbers a program builds
                System.out.println("         its dates (" + String.join(", ", model.inputSchema().dates().stream()
                        .map(io.dense4j.data.Printable::whole).toList()) + ") as their days since 1970-01-01: 18335.5 for 2020-03-14T12:00Z");
            }
        }
        if (inputs.size() > INPUTS_SHOWN) { // one per categorical column: a wide table's would fill the terminal
            System.out.printf(java.util.Locale.ROOT, "  and %,d more inputs (the model's Features, in order)%n",
                    inputs.size() - INPUTS_SHOWN);
        }
        for (ValueInfoProto output : onnx.getGraph().getOutputList()) {
            System.out.println("  output " + describe(output, true));
        }
        if (strings) {
            System.out.println("String inputs take " + OnnxExport.stringInputs(marks) + ".");
            model.inputSchema().columnMissingMarks().forEach((name, own) -> {
                List<String> added = own.stream().filter(mark -> !marks.contains(mark)).toList();
                if (model.inputSchema().categories().containsKey(name) && !added.isEmpty()) {
                    System.out.println("  " + io.dense4j.data.Printable.whole(name) + " also reads " + added.stream()
                            .map(mark -> "\"" + io.dense4j.data.Printable.of(mark) + "\"").collect(java.util.stream.Collectors.joining(", "))
                            + " as missing (--missing-values-in).");
                }
            });
        }
        return 0;
    }

    /** "name type[shape]", and its description if {@code described}. */
    private static String describe(ValueInfoProto value, boolean described) {
        var tensor = value.getType().getTensorType();
        String type = onnx.Onnx.TensorProto.DataType.forNumber(tensor.getElemType()).name().toLowerCase(java.util.Locale.ROOT);
        String shape = tensor.getShape().getDimCount() == 1 ? "[N]" : "[N, " + tensor.getShape().getDim(1).getDimValue() + "]";
        String doc = value.getName().equals(OnnxExport.FEATURES) ? firstNames(value.getDocString()) : value.getDocString();
        return io.dense4j.data.Printable.whole(value.getName()) + " " + type + shape
                + (described ? ": " + io.dense4j.data.Printable.whole(doc) : "");
    }

    /**
     * The numeric input's description ("a, b, c; NaN where missing, …") with its first
     * {@link #INPUTS_SHOWN} column names, then a count: a wide table's would fill the terminal.
     * The ONNX file keeps them all.
     */
    private static String firstNames(String doc) {
        int end = doc.lastIndexOf("; ");
        String[] names = end < 0 ? new String[0] : doc.substring(0, end).split(", ");
        if (names.length <= INPUTS_SHOWN) {
            return doc;
        }
        return String.join(", ", java.util.Arrays.asList(names).subList(0, INPUTS_SHOWN))
                + String.format(java.util.Locale.ROOT, " and %,d more", names.length - INPUTS_SHOWN) + doc.substring(end);
    }
}
