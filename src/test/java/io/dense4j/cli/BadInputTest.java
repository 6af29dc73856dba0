package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad rows skipped on request, and the exit codes and stderr of a child process; the cases one by one are in {@link BadInputProbeTest}. */
class BadInputTest {
    @TempDir
    Path folder;

    private static String[] run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new String[] {String.valueOf(Main.execute(args)), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void skipBadRowsTrainsOnTheRestAndReportsTheLines() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7 == 3 ? "oops" : String.valueOf(i)).append(',').append(40 - i).append(',').append(i % 2).append('\n');
        }
        Path file = Files.writeString(folder.resolve("some-bad.csv"), csv.toString());
        String[] result = run("train", "--data", file.toString(), "--epochs", "1", "--skip-bad-rows",
                "--out", folder.resolve("m.zip").toString());
        assertEquals("0", result[0], result[1]);
        String first = "; the first: line 5, column 1 (\"a\"): expected a number, got \"oops\" (to read the column as categories, declare "
                + "it categorical when training: --categorical a)\n";
        assertTrue(result[1].contains("skipped 6 bad rows of 40 (15.0%) in " + file + ", at lines 5, 12, 19, 26, 33, …" + first), result[1]);
        for (String command : new String[] {"cv", "evaluate"}) { // the flag's own mixin, in each command that offers it
            String[] skipped = command.equals("cv") ? run("cv", "--data", file.toString(), "--folds", "2", "--epochs", "1",
                    "--skip-bad-rows", "--accept-worse-than-base-rate") : run("evaluate", "--model", folder.resolve("m.zip").toString(), "--data", file.toString(),
                    "--skip-bad-rows");
            assertEquals("0", skipped[0], command + ": " + skipped[1]);
            assertTrue(skipped[1].contains("skipped 6 bad rows of 40 (15.0%) in " + file + ", at lines 5, 12, 19, 26, 33, …; the first: "
                    + "line 5, column 1 (\"a\"): expected a number, got \"oops\""), command + " (cv from the cache train wrote): " + skipped[1]);
        }
    }

    @Test
    void asAChildProcessTheExitCodesAndStderrAreTheSame() throws Exception {
        Path bad = Files.writeString(folder.resolve("bad.csv"), "a,label\n1,0\nx,1\n");
        List<String> java = io.dense4j.io.ChildJvm.command(List.of(), Main.class);
        Process failure = new ProcessBuilder(concat(java, "train", "--data", bad.toString())).start();
        assertTrue(failure.waitFor(120, TimeUnit.SECONDS));
        String stderr = new String(failure.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, failure.exitValue(), stderr);
        assertTrue(stderr.strip().lines().count() == 1 && stderr.contains("line 3, column 1 (\"a\"): expected a number"), stderr);

        Process usage = new ProcessBuilder(concat(java, "train", "--epochs", "many")).start();
        assertTrue(usage.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, usage.exitValue());
    }

    @Test
    void standardInputRedirectedFromTheOutputFileIsRefused() throws Exception {
        Path data = Files.writeString(folder.resolve("rows.csv"), "a,label\n1,0\n2,1\n3,0\n4,1\n");
        Path model = folder.resolve("m.zip");
        assertEquals("0", run("train", "--data", data.toString(), "--epochs", "1", "--accept-worse-than-base-rate",
                "--out", model.toString())[0]);
        byte[] rows = Files.readAllBytes(data);
        List<String> java = io.dense4j.io.ChildJvm.command(List.of(), Main.class);
        Process predict = new ProcessBuilder(concat(java, "predict", "--model", model.toString(), "--data", "-", "--out",
                data.toString())).redirectInput(data.toFile()).start(); // predict --data - --out rows.csv < rows.csv
        assertTrue(predict.waitFor(120, TimeUnit.SECONDS));
        String stderr = new String(predict.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, predict.exitValue(), stderr);
        assertTrue(stderr.startsWith("dense4j: --out " + data + " is a file this command reads"), stderr);
        assertArrayEquals(rows, Files.readAllBytes(data));
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
    }
}
