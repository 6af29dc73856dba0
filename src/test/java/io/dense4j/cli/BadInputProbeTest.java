package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input probe: every kind of bad input tried on dense4j, each through the command line,
 * each held to the same three rules. It exits non-zero (2 for a usage error, 1 for bad data); it
 * says one line that names the file, line, column, layer or flag (a usage error adds a pointer to
 * help); and it loses nothing (the model and predictions already at the outputs keep their
 * bytes, and no temporary file stays behind). docs/reliability.md gives the count.
 */
class BadInputProbeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    private static byte[] goodModel;
    private static Path good;

    @TempDir
    Path folder;

    /**
     * One bad input: its name, the files it writes (by name, in a fresh folder), the command line
     * ({@code {NAME}} stands for that folder's file NAME), and what the run must end with.
     */
    record Probe(String name, Map<String, byte[]> files, String[] args, int exit, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void trainAGoodModel() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(40 - i).append(',').append(i < 20 ? 0 : 1).append('\n');
        }
        good = Files.writeString(shared.resolve("good.csv"), csv);
        Path model = shared.resolve("model.zip");
        Run trained = Run.of("train", "--data", good.toString(), "--layers", "8", "--epochs", "30", "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        goodModel = Files.readAllBytes(model);
    }

    static Stream<Probe> probes() throws IOException {
        List<Probe> probes = new ArrayList<>();
        csvProbes(probes);
        modelProbes(probes);
        commandLineProbes(probes);
        return probes.stream();
    }

    /** Bad training data: {@code train --data bad.csv}, exit 1, a line naming the file and the place in it. */
    private static void csvProbes(List<Probe> probes) {
        String[][] cases = {
            {"a cell that is not a number", "a,label\n1,0\nx,1\n", "bad.csv, line 3, column 1 (\"a\"): expected a number, got \"x\""},
            {"too few fields", "a,b,label\n1,2,0\n1,0\n", "bad.csv, line 3: has 2 fields; the header has 3"},
            {"too many fields", "a,label\n1,0\n1,2,3\n", "bad.csv, line 3: has more than 2 fields"},
            {"a third class", "a,label\n1,x\n2,y\n3,z\n", "bad.csv, line 4, column 2 (\"label\"): label \"z\" is a third class"},
            {"a numeric label beside a name", "a,label\n1,7\n2,no\n",
                "bad.csv, line 3, column 2 (\"label\"): the labels mix \"7\" and \"no\""},
            {"one class only", "a,label\n1,1\n2,1\n", "bad.csv: has only one label value (\"1\") in its label column; a binary classifier needs two"},
            {"an empty file", "", "bad.csv: is empty: expected a header row and data rows"},
            {"a header only", "a,label\n", "bad.csv: has a header row but no data rows"},
            {"infinity", "a,label\ninf,0\n1,1\n", "bad.csv, line 2, column 1 (\"a\"): \"inf\" is infinite; expected a finite number"},
            {"a header repeated", "a,label\n1,0\na,label\n2,1\n", "bad.csv, line 3, column 1 (\"a\"): \"a\" is the column's own name: does the "
                + "line repeat the header row"},
            {"a number beyond float32", "a,label\n1e39,0\n1,1\n", "bad.csv, line 2, column 1 (\"a\"): \"1e39\" is beyond float32's range (±3.4e38)"},
            {"a 200,000-byte cell", "a,label\n1,0\n" + "x".repeat(200_000) + ",1\n",
                "bad.csv, line 3, column 1 (\"a\"): expected a number, got \"" + "x".repeat(80) + "… (200,000 bytes)\""},
            {"an unterminated quote", "a,label\n\"1,0\n2,1\n", "bad.csv, line 2, column 1 (\"a\"): a quoted field opens here and no quote closes it before the end of the file"},
            {"NUL bytes", "a,label\n\0\0\0,1\n2,0\n", "bad.csv, line 2, column 1 (\"a\"): expected a number, got \"\\x00\\x00\\x00\""},
            {"a label column only", "label\n0\n1\n", "bad.csv, line 1: found 1 column; a labeled CSV needs at least one feature and a label"},
            {"two columns of one name", "a,a,label\n1,2,0\n3,4,1\n", "bad.csv, line 1: columns 1 and 2 are both named \"a\"; give each column a name of its own"},
        };
        for (String[] bad : cases) {
            probes.add(new Probe(bad[0], Map.of("bad.csv", bad[1].getBytes(StandardCharsets.UTF_8)),
                    new String[] {"train", "--data", "{bad.csv}", "--epochs", "1", "--out", "{out.zip}"}, 1, "{" + bad[2].replaceFirst("bad.csv", "bad.csv}")));
        }
        String[][] refusedMissing = { // filled by default: refused when --no-fill-missing asks for it
            {"an empty cell", "a,b,label\n1,,0\n2,3,1\n", "bad.csv, line 2, column 2 (\"b\"): empty cell (a missing value)"},
            {"NA", "a,label\nNA,0\n1,1\n", "bad.csv, line 2, column 1 (\"a\"): \"NA\" is a missing value; expected a number"},
            {"NaN", "a,label\nNaN,0\n1,1\n", "bad.csv, line 2, column 1 (\"a\"): \"NaN\" is a missing value"},
        };
        for (String[] bad : refusedMissing) {
            probes.add(new Probe(bad[0] + " with --no-fill-missing", Map.of("bad.csv", bad[1].getBytes(StandardCharsets.UTF_8)),
                    new String[] {"train", "--data", "{bad.csv}", "--no-fill-missing", "--epochs", "1", "--out", "{out.zip}"}, 1,
                    "{" + bad[2].replaceFirst("bad.csv", "bad.csv}")));
        }
        probes.add(new Probe("bytes that are not UTF-8", Map.of("bad.csv", new byte[] {'a', ',', 'l', '\n', '1', ',', 'n', (byte) 0xE9, '\n',
            '2', ',', 'b', '\n'}), new String[] {"train", "--data", "{bad.csv}", "--out", "{out.zip}"}, 1,
                "{bad.csv}, line 2, column 2 (\"l\"): not valid UTF-8: \"n\\xE9\""));
        probes.add(new Probe("a zip archive", Map.of("bad.zip", zipped("bad.csv", "a,label\n1,0\n2,1\n")),
                new String[] {"train", "--data", "{bad.zip}", "--out", "{out.zip}"}, 1, "{bad.zip}: is a zip archive, not a CSV file"));
        probes.add(new Probe("a data file that does not exist", Map.of(), new String[] {"train", "--data", "{absent.csv}", "--out", "{out.zip}"},
                1, "{absent.csv}: no such file"));
        probes.add(new Probe("a folder without data files", Map.of("folder/_SUCCESS", new byte[0]),
                new String[] {"train", "--data", "{folder}", "--out", "{out.zip}"}, 1, "{folder}: holds no data file"));
        probes.add(new Probe("a glob that matches no file", Map.of("folder/_SUCCESS", new byte[0]),
                new String[] {"train", "--data", "{folder}/part-*.csv", "--out", "{out.zip}"}, 1, "{folder}/part-*.csv: matches no file"));
        Map<String, byte[]> weighted = Map.of("w.csv", "a,w,label\n1,1,0\n2,-3,1\n3,1,0\n".getBytes(StandardCharsets.UTF_8));
        probes.add(new Probe("a negative row weight", weighted, new String[] {"train", "--data", "{w.csv}", "--weight-column", "w",
            "--out", "{out.zip}"}, 1, "{w.csv}, line 3, column 2 (\"w\"): \"-3\" is not a weight; a row's weight must be a finite number >= 0"));
        probes.add(new Probe("a weight column that is not there", weighted, new String[] {"train", "--data", "{w.csv}",
            "--weight-column", "weight", "--out", "{out.zip}"}, 1, "{w.csv}, line 1: has no weight column named \"weight\"; its columns are a, w, label"));
        probes.add(new Probe("a label column that is not there", weighted, new String[] {"train", "--data", "{w.csv}", "--label", "y",
            "--out", "{out.zip}"}, 1, "{w.csv}, line 1: has no column named \"y\" to read as the label (--label NAME names another); its columns are a, w, label"));
        probes.add(new Probe("--drop naming no column", weighted, new String[] {"train", "--data", "{w.csv}", "--drop", "zz",
            "--out", "{out.zip}"}, 1, "{w.csv}, line 1: has no column named \"zz\" to leave out; its columns are a, w, label"));
        probes.add(new Probe("--categorical naming no column", weighted, new String[] {"train", "--data", "{w.csv}", "--categorical",
            "zz", "--out", "{out.zip}"}, 1, "{w.csv}: has no feature column named \"zz\" to read as categories; its features are a, w"));
        probes.add(new Probe("a categorical column with no values", Map.of("e.csv", "a,e,label\n1,,0\n2,NA,1\n".getBytes(StandardCharsets.UTF_8)),
                new String[] {"train", "--data", "{e.csv}", "--categorical", "e", "--out", "{out.zip}"}, 1,
                "{e.csv}: categorical column \"e\" has no values, only missing cells; leave it out (--drop e)"));
        probes.add(new Probe("every line ending in a delimiter", Map.of("t.csv", "a,label,\n1,0,\n2,1,\n".getBytes(StandardCharsets.UTF_8)),
                new String[] {"train", "--data", "{t.csv}", "--out", "{out.zip}"}, 1, "{t.csv}, line 2, column 3 (\"\"): empty label "
                + "cell (a missing value); the column has no name, as when every line ends in a delimiter: name the label column "
                + "(--label NAME or its index from 0) and leave the empty one out (--drop '')"));
        probes.add(new Probe("a numeric column with no values, to be filled", Map.of("n.csv", "a,e,label\n1,,0\n2,NA,1\n"
                .getBytes(StandardCharsets.UTF_8)), new String[] {"train", "--data", "{n.csv}", "--fill-missing", "--out", "{out.zip}"}, 1,
                "{n.csv}: column \"e\" has no values in the training rows, so no mean to fill its missing values with; leave it out "
                + "(--drop e)"));
        StringBuilder tiny = new StringBuilder("tiny,b,label\n");
        for (int i = 0; i < 40; i++) {
            tiny.append(i % 2 == 0 ? "1e-40" : "3e-40").append(',').append(i).append(',').append(i % 2).append('\n');
        }
        probes.add(new Probe("a subnormal feature to standardize", Map.of("tiny.csv", tiny.toString().getBytes(StandardCharsets.UTF_8)),
                new String[] {"train", "--data", "{tiny.csv}", "--standardize", "--epochs", "1", "--out", "{out.zip}"}, 1,
                "feature \"tiny\" varies by 1.00e-40 only"));
    }

    /** Bad model files: {@code predict --model bad.zip}, exit 1, a line naming the model file. */
    private static byte[] zipped(String name, String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private static void modelProbes(List<Probe> probes) throws IOException {
        record BadModel(String name, UnaryOperator<byte[]> change, String says) {
        }
        List<BadModel> cases = List.of(
            new BadModel("an empty model file", model -> new byte[0], "is not a dense4j model file: not a zip archive, or an empty one"),
            new BadModel("a model file of random bytes", model -> {
                byte[] noise = new byte[4096];
                new java.util.Random(7).nextBytes(noise);
                return noise;
            }, "is not a dense4j model file: not a zip archive, or an empty one"),
            // cut 8 bytes before the next entry's 30-byte header: inside the data descriptor that ends parameters.bin
            new BadModel("a model file cut in an entry's descriptor", model -> java.util.Arrays.copyOf(model,
                    new String(model, StandardCharsets.ISO_8859_1).indexOf("statistics.bin") - 30 - 8),
                    "is truncated or corrupt: it ends in the middle of an entry"),
            // cut inside the digest entry's data (without the central directory alone, every entry is whole and checked)
            new BadModel("a model file cut in its digest", model -> java.util.Arrays.copyOf(model,
                    new String(model, StandardCharsets.ISO_8859_1).indexOf("digest.sha256") + 13 + 20),
                    "is truncated or corrupt: Unexpected end of ZLIB input stream"),
            new BadModel("a model file without model.json", model -> rezip(model, entries -> entries.remove("model.json")),
                    "is not a dense4j model file: its first entry is \"parameters.bin\", not model.json"),
            new BadModel("a model.json that is not JSON", model -> rezip(model, entries -> entries.put("model.json",
                    "{\"format\":".getBytes(StandardCharsets.UTF_8))),
                    "model.json is corrupt: Unexpected end-of-input within/between Object entries (line 1, column 11)"),
            new BadModel("a model.json cut inside an object", model -> rezip(model, entries -> entries.put("model.json",
                    "{\"format\":{\"a\":1".getBytes(StandardCharsets.UTF_8))),
                    "model.json is corrupt: Unexpected end-of-input: expected close marker for Object (start marker at [line: 1, "
                    + "column: 11]) (line 1, column 17)"),
            new BadModel("a newer model format", model -> editJson(model, json -> json.put("formatVersion", 99)),
                    "was written by a newer dense4j (format version 99; this one, 0.1.0, reads up to 8)"),
            new BadModel("a layer claiming 2^31 - 1 units", model -> editJson(model,
                    json -> ((ObjectNode) json.get("layers").get(1)).put("units", Integer.MAX_VALUE)), // layer 0 standardizes
                    "model.json describes no valid model: its layers up to layer 1 hold 6,442,450,941 parameters"),
            new BadModel("an unknown entry", model -> rezip(model, entries -> entries.put("extra.bin", new byte[1024])),
                    "has an entry after its digest.sha256: \"extra.bin\""),
            new BadModel("class names swapped", model -> editJson(model, json -> {
                var classes = (com.fasterxml.jackson.databind.node.ArrayNode) json.get("schema").get("classes");
                var first = classes.get(0);
                classes.set(0, classes.get(1));
                classes.set(1, first);
            }), "is corrupt or was altered: its content does not match its digest.sha256"));
        for (BadModel bad : cases) {
            probes.add(new Probe(bad.name(), Map.of("bad.zip", bad.change().apply(goodModel.clone())),
                    new String[] {"predict", "--model", "{bad.zip}", "--data", good.toString(), "--out", "{pred.csv}"}, 1,
                    "{bad.zip}: " + bad.says()));
        }
        probes.add(new Probe("export of a newer model format", Map.of("bad.zip", editJson(goodModel.clone(),
                json -> json.put("formatVersion", 99))), new String[] {"export", "--model", "{bad.zip}", "--out", "{m.onnx}"}, 1,
                "{bad.zip}: was written by a newer dense4j (format version 99"));
        probes.add(new Probe("a model file that does not exist", Map.of(),
                new String[] {"predict", "--model", "{absent.zip}", "--data", good.toString(), "--out", "{pred.csv}"}, 1,
                "{absent.zip}: no such file"));
        probes.add(new Probe("data without the model's columns", Map.of("other.csv", "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8)),
                new String[] {"predict", "--model", "{out.zip}", "--data", "{other.csv}", "--out", "{pred.csv}"}, 1, "{other.csv} lacks the model's feature columns \"a\", \"b\""));
        probes.add(new Probe("predict --keep naming no column", Map.of(), new String[] {"predict", "--model", "{out.zip}", "--data",
            good.toString(), "--keep", "id", "--out", "{pred.csv}"}, 1, good + ", line 1: has no column named \"id\" to keep; its columns are "
            + "a, b, label"));
        probes.add(new Probe("evaluation data with a third class", Map.of("third.csv", "a,b,label\n1,2,0\n3,4,1\n5,6,2\n"
                .getBytes(StandardCharsets.UTF_8)), new String[] {"evaluate", "--model", "{out.zip}", "--data", "{third.csv}"}, 1,
                "{third.csv}, line 4, column 3 (\"label\")"));
    }

    /** Usage errors: exit 2, one line naming the flag, then {@code see 'dense4j COMMAND --help'}. */
    private static void commandLineProbes(List<Probe> probes) {
        Map<String, byte[]> files = Map.of("folder/x", new byte[0], "notes.txt", "a note".getBytes(StandardCharsets.UTF_8));
        String[][] train = {
            {"--epochs 0", "--epochs takes a number of passes >= 1, got 0", "--epochs", "0"},
            {"negative --epochs", "--epochs takes a number of passes >= 1, got -3", "--epochs", "-3"},
            {"--early-stopping 0", "--early-stopping takes a number of epochs >= 1, got 0", "--early-stopping", "0"},
            {"negative --batch-size", "--batch-size takes a number of rows >= 1, or 0 for full batch, got -1", "--batch-size", "-1"},
            {"a misspelt option", "Unknown options: '--lerning-rate', '0.1'", "--lerning-rate", "0.1"},
            {"a learning rate that is not a number", "Invalid value for option '--lr': 'fast' is not a double", "--lr", "fast"},
            {"a negative learning rate", "--lr must be positive, got -0.1", "--lr", "-0.1"},
            {"--validation 1.5", "--validation", "--validation", "1.5"},
            {"--dropout 1", "--dropout is the share of values dropped, in [0, 1), got 1.0", "--dropout", "1"},
            {"a layer of zero units", "--layers takes positive whole numbers, got \"0\"", "--layers", "0"},
            {"a layer of 2^31 - 1 units", "--layers: hidden layer 1 (2,147,483,647 units after 2 inputs)", "--layers", "2147483647"},
            {"layers too large together", "--layers: hidden layer 2 (50,000 units after 50,000 inputs)", "--layers", "50000,50000"},
            {"--sync without --spark", "--sync is for training on Spark: give --spark MASTER too", "--sync", "averaging"},
            {"--sync of an unknown kind", "--sync must be exact or averaging, got sometimes", "--spark", "local[2]", "--sync", "sometimes"},
            {"--local-steps with exact rounds", "--local-steps is for --sync averaging: exact rounds take one step", "--spark", "local[2]",
                "--local-steps", "4"},
            {"--partitions below 0", "--partitions takes a number of pieces >= 0 (0: one per file block), got -3", "--spark", "local[2]",
                "--partitions", "-3"},
            {"--spark with no master URL", "--spark takes a Spark master URL: local, local[N] (N >= 1 threads), local[*], "
                + "spark://host:7077, yarn, k8s://https://host:443 or mesos://host:5050; got \"foo\"", "--spark", "foo"},
            {"--threads with --spark", "--threads is for one machine: on Spark each task steps on one core", "--spark", "local[2]",
                "--threads", "0"},
            {"--out an existing folder", "--out {folder} is a folder; give a file name", "--out", "{folder}"},
            {"--out where nothing can be written", "--out /proc/dense4j-no-such-place/model.zip: cannot write in /proc/dense4j-no-such-place",
                "--out", "/proc/dense4j-no-such-place/model.zip"},
            {"--checkpoint an existing folder", "--checkpoint {folder} is a folder; give a file name", "--checkpoint", "{folder}"},
            {"--plot a file", "--plot {notes.txt} is a file; give a folder", "--plot", "{notes.txt}"},
            {"--cache-dir a file", "--cache-dir {notes.txt} is a file; give a folder", "--cache-dir", "{notes.txt}"},
            {"--resume without --checkpoint", "--resume continues from a checkpoint: give --checkpoint FILE", "--resume"},
            {"--max-categories 0", "--max-categories takes a number from 1 to 100,000 (the most distinct values a column's first pass "
                + "counts), got 0", "--max-categories", "0"},
            {"--max-categories past the bound", "--max-categories takes a number from 1 to 100,000 (the most distinct values a column's "
                + "first pass counts), got 1000000", "--max-categories", "1000000"},
            {"a column both categorical and numeric", "--categorical and --numeric both name a: give each column one kind",
                "--categorical", "a", "--numeric", "a"},
        };
        for (String[] bad : train) {
            List<String> args = new ArrayList<>(List.of("train", "--data", good.toString()));
            args.addAll(List.of(bad).subList(2, bad.length));
            if (!args.contains("--out")) {
                args.addAll(List.of("--out", "{out.zip}"));
            }
            probes.add(new Probe(bad[0], files, args.toArray(String[]::new), 2, bad[1]));
        }
        probes.add(new Probe("export to a folder", files, new String[] {"export", "--model", "{out.zip}", "--out", "{folder}"}, 2,
                "--out {folder} is a folder; give a file name"));
        probes.add(new Probe("export at a threshold above 1", files, new String[] {"export", "--model", "{out.zip}", "--out",
            "{m.onnx}", "--threshold", "1.5"}, 2, "--threshold is a probability in [0, 1], got 1.5"));
        probes.add(new Probe("graph to a PDF", files, new String[] {"graph", "--model", "{out.zip}", "--out", "{x.pdf}"}, 2,
                "--out {x.pdf}: graph writes FILE.dot, FILE.svg or FILE.png"));
        probes.add(new Probe("predict without --model", files, new String[] {"predict", "--data", good.toString(), "--out", "{pred.csv}"},
                2, "Missing required option: '--model=<modelFile>'"));
        probes.add(new Probe("--data without its value", files, new String[] {"train", "--data"}, 2, "Missing required parameter for option '--data'"));
        probes.add(new Probe("an unknown command", files, new String[] {"deploy", "--help"}, 2,
                "unknown command \"deploy\"; the commands are"));
    }

    private static byte[] rezip(byte[] model, java.util.function.Consumer<Map<String, byte[]>> change) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(model))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
            change.accept(entries);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    out.putNextEntry(new ZipEntry(entry.getKey()));
                    out.write(entry.getValue());
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
    }

    private static byte[] editJson(byte[] model, java.util.function.Consumer<ObjectNode> change) {
        return rezip(model, entries -> {
            try {
                ObjectNode json = (ObjectNode) JSON.readTree(entries.get("model.json"));
                change.accept(json);
                entries.put("model.json", JSON.writeValueAsBytes(json));
            } catch (IOException impossible) {
                throw new java.io.UncheckedIOException(impossible);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void exitsNonZeroSaysOneLineNamingThePlaceAndLosesNothing(Probe probe) throws IOException {
        for (Map.Entry<String, byte[]> file : probe.files().entrySet()) {
            Files.write(Files.createDirectories(folder.resolve(file.getKey()).getParent()).resolve(
                    folder.resolve(file.getKey()).getFileName()), file.getValue());
        }
        byte[] predictions = "probability\n0.25\n".getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve("out.zip"), goodModel);
        Files.write(folder.resolve("pred.csv"), predictions);
        String[] args = Stream.of(probe.args()).map(this::place).toArray(String[]::new);

        Run run = Run.of(args);

        assertEquals(probe.exit(), run.exitCode(), run.err());
        List<String> lines = run.err().lines().toList();
        String command = args[0];
        boolean pointsToHelp = probe.exit() == 2 && !probe.says().startsWith("unknown command");
        assertEquals(pointsToHelp ? List.of(lines.get(0), "see 'dense4j " + command + " --help'") : List.of(lines.get(0)), lines,
                run.err());
        assertTrue(lines.get(0).startsWith("dense4j: ") && lines.get(0).contains(place(probe.says())), run.err());
        assertArrayEquals(goodModel, Files.readAllBytes(folder.resolve("out.zip")), "the model already at --out");
        assertArrayEquals(predictions, Files.readAllBytes(folder.resolve("pred.csv")), "the predictions already at --out");
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of(), left.map(path -> path.getFileName().toString())
                    .filter(name -> name.contains("partial") || name.contains("write-check")).toList(), "temporary files left");
        }
    }

    private String place(String text) {
        return java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(text)
                .replaceAll(match -> java.util.regex.Matcher.quoteReplacement(folder.resolve(match.group(1)).toString()));
    }

    @Test
    void theReliabilityPageGivesTheCount() throws IOException {
        long count = probes().count();
        String page = Files.readString(Path.of("docs", "reliability.md"));
        assertTrue(page.contains(String.format(java.util.Locale.ROOT, "%d bad inputs tried", count)), "docs/reliability.md: " + count
                + " bad inputs tried");
    }
}
