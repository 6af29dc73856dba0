package io.dense4j.cli;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad-input case of the CSV reader, through `dense4j train`: exit 1, one line on stderr naming the place. */
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "not a number      | a,label\\n1,0\\nx,1\\n        | line 3, column 1 (\"a\"): expected a number, got \"x\"",
        "too few fields    | a,b,label\\n1,2,0\\n1,0\\n    | line 3: has 2 fields; the header has 3",
        "too many fields   | a,label\\n1,0\\n1,2,3\\n      | line 3: has more than 2 fields",
        "third class       | a,label\\n1,x\\n2,y\\n3,z\\n  | line 4, column 2 (\"label\"): label \"z\" is a third class",
        "label not 0 or 1  | a,label\\n1,0\\n2,7\\n        | line 3, column 2 (\"label\"): the label \"7\" is a number other than 0 or 1",
        "one class only    | a,label\\n1,1\\n2,1\\n        | has only one label value (1)",
        "empty file        | ''                              | is empty: expected a header row and data rows",
        "header only       | a,label\\n                    | has a header row but no data rows",
        "empty cell        | a,b,label\\n1,,0\\n2,3,1\\n   | line 2, column 2 (\"b\"): empty cell (a missing value)",
        "NA                | a,label\\nNA,0\\n1,1\\n       | line 2, column 1 (\"a\"): \"NA\" is a missing value; expected a number",
        "NaN               | a,label\\nNaN,0\\n1,1\\n      | line 2, column 1 (\"a\"): \"NaN\" is a missing value",
    })
    void aBadCsvIsOneLineNamingWhereAndExitOne(String name, String content, String expected) throws Exception {
        Path file = Files.writeString(folder.resolve("bad.csv"), content.strip().replace("\\n", "\n"));
        String[] result = run("train", "--data", file.toString());
        assertEquals("1", result[0], result[1]);
        assertEquals(1, result[1].strip().lines().count(), result[1]);
        assertTrue(result[1].startsWith("dense4j: " + file), result[1]);
        assertTrue(result[1].contains(expected.strip()), result[1]);
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
        assertTrue(result[1].contains("skipped 6 bad row(s) of " + file + ", at lines 5, 12, 19, 26, 33, …"), result[1]);
    }

    @Test
    void aMissingFileADirectoryAndNonUtf8BytesAreNamedToo() throws Exception {
        assertTrue(run("train", "--data", folder.resolve("nope.csv").toString())[1].contains("nope.csv: no such file"));
        assertTrue(run("train", "--data", folder.toString())[1].contains("is a directory, not a CSV file"));
        Path latin1 = folder.resolve("latin1.csv");
        Files.write(latin1, new byte[] {'a', ',', 'l', '\n', '1', ',', 'n', (byte) 0xE9, '\n', '2', ',', 'b', '\n'});
        assertTrue(run("train", "--data", latin1.toString())[1].contains("line 2, column 2 (\"l\"): not valid UTF-8: \"n\\xE9\""));
    }

    @Test
    void asAChildProcessTheExitCodesAndStderrAreTheSame() throws Exception {
        Path bad = Files.writeString(folder.resolve("bad.csv"), "a,label\n1,0\nx,1\n");
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.dense4j.cli.Main");
        Process failure = new ProcessBuilder(concat(java, "train", "--data", bad.toString())).start();
        assertTrue(failure.waitFor(120, TimeUnit.SECONDS));
        String stderr = new String(failure.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, failure.exitValue(), stderr);
        assertTrue(stderr.strip().lines().count() == 1 && stderr.contains("line 3, column 1 (\"a\"): expected a number"), stderr);

        Process usage = new ProcessBuilder(concat(java, "train", "--epochs", "many")).start();
        assertTrue(usage.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, usage.exitValue());
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
    }
}
