package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --data -}: rows from a pipe, for train, evaluate and predict, said once, with errors that name the line. */
class StandardInputTest {
    @TempDir
    Path folder;

    private static String rows() {
        StringBuilder text = new StringBuilder("id,x,plan,label\n");
        for (int i = 0; i < 200; i++) {
            String plan = i % 3 == 0 ? "gold" : "basic";
            text.append(i).append(',').append(i % 10 / 10.0).append(',').append(plan).append(',')
                    .append(plan.equals("gold") ? "yes" : "no").append('\n');
        }
        return text.toString();
    }

    /** kill -9 runs no shutdown hook: the next copy of standard input deletes a killed command's copy, and no live one's. */
    @Test
    void aKilledCommandsCopyIsDeletedByTheNextAndALiveCommandsIsNot() throws Exception {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Path killed = Files.createTempDirectory(temp, "dense4j-stdin-");
        Path live = Files.createTempDirectory(temp, "dense4j-stdin-");
        try {
            Files.writeString(killed.resolve("stdin.csv"), rows());
            Files.writeString(live.resolve("stdin.csv"), rows());
            Files.createFile(live.resolve("in-use.lock"));
            try (io.dense4j.io.LockHolder command = io.dense4j.io.LockHolder.lock(live.resolve("in-use.lock"))) {
                for (Path folder : List.of(killed, live)) {
                    Files.setLastModifiedTime(folder, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
                }
                Run trained = Run.withInput(rows(), "train", "--data", "-", "--drop", "id", "--epochs", "1",
                        "--accept-worse-than-base-rate", "--out",
                        folder.resolve("model.zip").toString());
                assertEquals(0, trained.exitCode(), trained.err());
                assertFalse(Files.exists(killed), "the killed command's copy is gone");
                assertTrue(Files.exists(live.resolve("stdin.csv")), "the live command's copy stays");
                for (int i = 0; i < 3; i++) {
                    System.gc(); // an unreachable channel is closed when collected, and its lock goes with it
                }
                try (var open = Files.list(Path.of("/proc/self/fd"))) {
                    assertTrue(open.anyMatch(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).toString().endsWith("in-use.lock");
                        } catch (java.io.IOException gone) {
                            return false;
                        }
                    }), "this command's copy stays locked while the process lives");
                }
                Run cacheFolder = Run.withInput(rows(), "train", "--data", "-", "--cache-dir", folder.toString(), "--out",
                        folder.resolve("m.zip").toString());
                assertEquals(2, cacheFolder.exitCode());
                assertTrue(cacheFolder.err().startsWith("dense4j: --cache-dir is for files: the copy of --data - and its cache go in "
                        + "java.io.tmpdir"), cacheFolder.err());
            }
        } finally {
            for (Path folder : List.of(killed, live)) {
                try (var files = Files.walk(folder)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (java.nio.file.NoSuchFileException gone) {
                    // deleted by the command, as it should be
                }
            }
        }
    }

    /** A zip archive piped in is named as one, not read as a line of text with stray carriage returns. */
    @Test
    void anArchiveOnStandardInputIsNamedAsWhatItIs() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(zipped)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("rows.csv"));
            zip.write(rows().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Run piped = Run.withInput(zipped.toByteArray(), "train", "--data", "-", "--out", folder.resolve("m.zip").toString());
        assertEquals(1, piped.exitCode());
        assertEquals("dense4j: standard input: is a zip archive, not a CSV file: dense4j reads CSV files plain or gzip-compressed; "
                + "extract the CSV file from it first (unzip)\n", piped.err());
        assertFalse(Files.exists(folder.resolve("m.zip")));

        // predict reads its standard input as it comes, without a copy: the same line
        Path model = folder.resolve("model.zip");
        assertEquals(0, Run.withInput(rows(), "train", "--data", "-", "--drop", "id", "--epochs", "5", "--accept-worse-than-base-rate",
                "--out", model.toString()).exitCode());
        Run predicted = Run.withInput(zipped.toByteArray(), "predict", "--model", model.toString(), "--data", "-", "--out", "-");
        assertEquals(1, predicted.exitCode());
        assertTrue(predicted.err().startsWith("dense4j: standard input: is a zip archive, not a CSV file: "), predicted.err());
        assertEquals("", predicted.out());
    }

    /** A damaged gzip stream is one line, from a named pipe too: the reader used to open the pipe again to ask, and waited forever. */
    @Test
    void aDamagedGzipStreamIsOneLineFromStandardInputAndANamedPipe() throws Exception {
        Path model = folder.resolve("model.zip");
        assertEquals(0, Run.withInput(rows(), "train", "--data", "-", "--drop", "id", "--epochs", "5", "--accept-worse-than-base-rate",
                "--out", model.toString()).exitCode());
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(rows().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        zipped.write("junk after the last member\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] damaged = zipped.toByteArray();
        Run piped = Run.withInput(damaged, "predict", "--model", model.toString(), "--data", "-", "--out",
                folder.resolve("p.csv").toString());
        assertEquals(1, piped.exitCode());
        assertTrue(piped.err().contains("dense4j: standard input: is gzip-compressed but damaged or cut short: "), piped.err());

        Path fifo = folder.resolve("rows.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, damaged);
            } catch (java.io.IOException closed) {
                // the reader stopped at the damage
            }
        });
        writer.start();
        Run named = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> Run.of("predict", "--model", model.toString(), "--data", fifo.toString(), "--out", folder.resolve("q.csv").toString()));
        assertEquals(1, named.exitCode());
        assertTrue(named.err().contains("dense4j: " + fifo + ": is gzip-compressed but damaged or cut short: "), named.err());
        writer.join(10_000);
    }

    @Test
    void trainEvaluateAndPredictReadStandardInput() throws Exception {
        Path model = folder.resolve("model.zip");
        Run trained = Run.withInput(rows(), "train", "--data", "-", "--drop", "id", "--epochs", "20", "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().startsWith("Read standard input ("), trained.out());
        assertTrue(trained.out().contains("stdin.csv, deleted with its cache when this command ends"), trained.out());
        assertTrue(trained.out().contains("Categorical columns (one-hot over their categories, other, missing): plan (2)"), trained.out());
        assertTrue(trained.out().contains("\nRead standard input: 200 rows"), trained.out());
        Run summary = Run.of("summary", "--model", model.toString());
        assertTrue(summary.out().contains("Trained on: standard input ("), summary.out()); // not the copy's name, stdin.csv
        Run verified = Run.withInput(rows(), "verify", "--model", model.toString(), "--data", "-");
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().contains("Reproduced: retraining on standard input gave "), verified.out());

        Run evaluated = Run.withInput(rows(), "evaluate", "--model", model.toString(), "--data", "-", "--json");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().startsWith("{"), evaluated.out()); // the note went to standard error, beside the JSON
        assertTrue(evaluated.out().contains("\"accuracy\":1.0"), evaluated.out());
        assertTrue(evaluated.err().startsWith("Read standard input ("), evaluated.err());

        Run predicted = Run.withInput(rows(), "predict", "--model", model.toString(), "--data", "-", "--keep", "id", "--out", "-");
        assertEquals(0, predicted.exitCode(), predicted.err());
        List<String> lines = predicted.out().lines().toList();
        assertEquals("id,probability,class", lines.get(0));
        assertEquals(201, lines.size());
        assertTrue(lines.get(1).startsWith("0,") && lines.get(1).endsWith(",yes"), lines.get(1));
        assertEquals("Reading standard input as it comes: no copy, no cache", predicted.err().lines().findFirst().orElse(""),
                predicted.err());

        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(rows().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path out = folder.resolve("predictions.csv");
        Run unzipped = Run.withInput(zipped.toByteArray(), "predict", "--model", model.toString(), "--data", "-", "--out", out.toString());
        assertEquals(0, unzipped.exitCode(), unzipped.err());
        assertTrue(unzipped.out().startsWith("Reading standard input (gzip) as it comes"), unzipped.out());
        assertEquals(lines.subList(1, 201).stream().map(line -> line.substring(line.indexOf(',') + 1)).toList(),
                Files.readAllLines(out).subList(1, 201), "the same predictions, without the kept id");
    }

    @Test
    void blankLinesBeforeThePipedHeaderArePassedOverAsInAFile() throws Exception {
        Path model = folder.resolve("model.zip");
        assertEquals(0, Run.withInput(rows(), "train", "--data", "-", "--drop", "id", "--epochs", "20", "--out", model.toString())
                .exitCode());
        Run predicted = Run.withInput("\r\n\n" + rows(), "predict", "--model", model.toString(), "--data", "-", "--out", "-");
        assertEquals(0, predicted.exitCode(), predicted.err());
        assertEquals(201, predicted.out().lines().count(), "the header, then a line per row");
    }

    @Test
    void aFirstLineWithoutEndIsRefusedBeforeItFillsMemory() throws Exception {
        Path model = folder.resolve("model.zip");
        assertEquals(0, Run.withInput(rows(), "train", "--data", "-", "--drop", "id", "--epochs", "20", "--out", model.toString())
                .exitCode());
        byte[] endless = new byte[StandardInput.FIRST_LINE_MOST_BYTES + 10];
        java.util.Arrays.fill(endless, (byte) 'a');
        Run refused = Run.withInput(endless, "predict", "--model", model.toString(), "--data", "-", "--out", "-");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("dense4j: standard input: line 1 runs past 16 MiB without a line end"), refused.err());
    }

    /** Nothing on standard output when the input fails before its first row, not a header line that reads as zero predictions. */
    @Test
    void aHeaderWithoutRowsWritesNothingToStandardOutput() throws Exception {
        Path model = folder.resolve("model.zip");
        assertEquals(0, Run.withInput(rows(), "train", "--data", "-", "--drop", "id", "--epochs", "20", "--out", model.toString())
                .exitCode());
        Path headerOnly = Files.writeString(folder.resolve("header.csv"), "id,x,plan\n");
        Run piped = Run.withInput("id,x,plan\n", "predict", "--model", model.toString(), "--data", "-", "--out", "-");
        Run fromFile = Run.of("predict", "--model", model.toString(), "--data", headerOnly.toString(), "--out", "-");
        for (Run run : List.of(piped, fromFile)) {
            assertEquals(1, run.exitCode(), run.err());
            assertEquals("", run.out());
            assertTrue(run.err().contains("has a header row but no data rows"), run.err());
        }
    }

    @Test
    void aBadRowPipedToPredictNamesStandardInputAndItsLine() throws Exception {
        Path model = folder.resolve("model.zip");
        assertEquals(0, Run.withInput(rows(), "train", "--data", "-", "--drop", "id", "--epochs", "20", "--out", model.toString())
                .exitCode());
        Run bad = Run.withInput("id,x,plan\n1,0.5,gold\n2,half,basic\n", "predict", "--model", model.toString(), "--data", "-",
                "--out", "-");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("\ndense4j: standard input, line 3, column 2 (\"x\"): expected a number, got \"half\""), bad.err());
    }

    @Test
    void aBadRowOnStandardInputNamesItsLine() {
        Run bad = Run.withInput("x,label\n1,a\n2,b\n3,\"c\n", "train", "--data", "-", "--out", folder.resolve("m.zip").toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().strip().endsWith("dense4j: standard input, line 4, column 2 (\"label\"): a quoted field opens here and "
                + "no quote closes it before the end of the file (a quote missing its pair takes every line after it into the field)"),
                bad.err());
        assertTrue(Files.notExists(folder.resolve("m.zip")));
        Run spark = Run.withInput("x,label\n1,a\n", "train", "--data", "-", "--spark", "local[1]", "--out",
                folder.resolve("m.zip").toString());
        assertEquals(2, spark.exitCode(), spark.err());
        assertTrue(spark.err().startsWith("dense4j: --data - is read as a stream, on one machine; Spark reads files"), spark.err());
    }

    /** A named pipe holding {@code text}, written by a thread that ends when a reader has taken it all. */
    private Path pipe(String name, String text) throws Exception {
        Path fifo = folder.resolve(name);
        Process made = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(made.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && made.exitValue() == 0, "mkfifo");
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, text);
            } catch (java.io.IOException ignored) {
                // the reader went away: the test's assertions say why
            }
        });
        writer.setDaemon(true); // never holds the JVM if a reader never comes
        writer.start();
        return fifo;
    }

    @Test
    void aNamedPipeIsReadOnceAsStandardInputIs() throws Exception {
        Path model = folder.resolve("model.zip");
        Path trainPipe = pipe("train-rows", rows());
        Run trained = Run.of("train", "--data", trainPipe.toString(), "--drop", "id", "--epochs", "20", "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().startsWith("Read " + trainPipe + " ("), trained.out());

        Path predictPipe = pipe("predict-rows", rows());
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", predictPipe.toString(), "--keep", "id", "--out", "-");
        assertEquals(0, predicted.exitCode(), predicted.err());
        assertEquals("Reading " + predictPipe + " as it comes: no copy, no cache", predicted.err().lines().findFirst().orElse(""));
        Run fromStandardInput = Run.withInput(rows(), "predict", "--model", model.toString(), "--data", "-", "--keep", "id", "--out", "-");
        assertEquals(fromStandardInput.out(), predicted.out());
        assertEquals(201, predicted.out().lines().count());

        Path badPipe = pipe("bad-rows", "id,x,plan\n1,half,gold\n");
        Run bad = Run.of("predict", "--model", model.toString(), "--data", badPipe.toString(), "--out", "-");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("dense4j: " + badPipe + ", line 2, column 2 (\"x\"): expected a number"), bad.err());
    }

    @Test
    void standardOutputThatFailsIsAnErrorNotASuccess() throws Exception {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "needs /dev/full");
        Path model = folder.resolve("model.zip");
        Path data = Files.writeString(folder.resolve("rows.csv"), rows());
        assertEquals(0, Run.of("train", "--data", data.toString(), "--drop", "id", "--epochs", "20", "--out", model.toString()).exitCode());
        List<String> dense4j = io.dense4j.io.ChildJvm.command(List.of(), Main.class);
        for (List<String> command : List.of(List.of("predict", "--model", model.toString(), "--data", data.toString(), "--out", "-"),
                List.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--json"))) {
            Process run = new ProcessBuilder(java.util.stream.Stream.concat(dense4j.stream(), command.stream()).toList())
                    .redirectOutput(full.toFile()).start();
            assertTrue(run.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
            String stderr = new String(run.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(1, run.exitValue(), command + ": " + stderr);
            assertTrue(stderr.contains("dense4j: cannot write to standard output"), stderr);
            assertTrue(!stderr.contains("Wrote"), stderr);
        }
    }
}
