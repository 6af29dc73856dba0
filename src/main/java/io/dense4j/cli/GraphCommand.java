package io.dense4j.cli;

import io.dense4j.io.AtomicFiles;
import io.dense4j.model.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a model's compiled graph, forward and backward, as Graphviz DOT, or SVG/PNG through Graphviz's dot. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Write the compiled graph (forward and backward) as .dot, or .svg/.png when Graphviz's dot is installed.")
final class GraphCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A model file written by train.")
    Path modelFile;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, description = "FILE.dot, FILE.svg or FILE.png.")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".svg") ? "svg" : name.endsWith(".png") ? "png" : name.endsWith(".dot") ? null : "?";
        if ("?".equals(format)) { // DOT text under another extension would only mislead
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--out " + out
                    + ": graph writes FILE.dot, FILE.svg or FILE.png");
        }
        Outputs.checkFile(spec.commandLine(), "--out", out, java.util.List.of(modelFile));
        String dot = Model.load(modelFile).toDot();
        if (format == null) {
            AtomicFiles.write(out, stream -> stream.write(dot.getBytes(StandardCharsets.UTF_8)));
        } else {
            render(dot, format);
        }
        System.out.println("Wrote " + out);
        return 0;
    }

    /**
     * All of {@code stream} (nothing if it fails), read on a thread of its own: dot's output and its
     * words are read at once, so that neither waits on the other's full pipe, and the wait for dot
     * keeps its timeout.
     */
    private static CompletableFuture<byte[]> reading(java.io.InputStream stream) {
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                read.complete(stream.readAllBytes());
            } catch (IOException cut) {
                read.complete(new byte[0]);
            }
        }, "dense4j-dot-reader");
        reader.setDaemon(true);
        reader.start();
        return read;
    }

    /** Has Graphviz draw the graph, then writes the drawing as any output is written: a failed drawing leaves {@code out} as it was. */
    private void render(String dot, String format) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("dot", "-T" + format).start();
        } catch (IOException missing) {
            throw new IllegalStateException("drawing ." + format + " needs Graphviz's dot (apt-get install graphviz, "
                    + "brew install graphviz); or write --out FILE.dot and render it elsewhere", missing);
        }
        CompletableFuture<byte[]> drawn = reading(process.getInputStream());
        CompletableFuture<byte[]> errors = reading(process.getErrorStream());
        try (var in = process.getOutputStream()) { // dot reads the whole graph before it draws
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        } catch (IOException refused) {
            // dot stopped before reading the graph (an unknown format): its exit code and words below say why
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Graphviz's dot did not finish in 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Graphviz's dot failed: " + new String(errors.join(), StandardCharsets.UTF_8).strip());
        }
        byte[] drawing = drawn.join();
        AtomicFiles.write(out, stream -> stream.write(drawing));
    }
}
