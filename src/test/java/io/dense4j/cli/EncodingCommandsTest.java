package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Model;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file in Windows-1252, as Excel saves a "CSV" on Western systems, read with --encoding and scored by its model without it. */
class EncodingCommandsTest {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @TempDir
    Path folder;

    /** Semicolons, a header and cities past ASCII, and "€" (0x80 in Windows-1252, U+0080 in ISO-8859-1) in a category. */
    private Path cities(String name, int rows) throws Exception {
        StringBuilder csv = new StringBuilder("Stadt;Größe;Preis;Kauf\r\n");
        String[] cities = {"Köln", "München", "Zürich", "Genève", "€-Zone"};
        for (int r = 0; r < rows; r++) {
            int city = r * 7 % cities.length;
            csv.append(cities[city]).append(';').append(r % 10).append(';').append(r % 3).append(';')
                    .append((city + r % 10 / 6) % 2 == 0 ? "ja" : "nein").append("\r\n");
        }
        return Files.write(folder.resolve(name), csv.toString().getBytes(WINDOWS_1252));
    }

    @Test
    void aWindows1252FileTrainsWithEncodingAndItsModelScoresWithout() throws Exception {
        Path data = cities("staedte.csv", 300);
        Run refused = Run.of("train", "--data", data.toString(), "--epochs", "2", "--out", folder.resolve("n.zip").toString());
        assertEquals(1, refused.exitCode());
        assertEquals("dense4j: " + data + ", line 1, column 2: not valid UTF-8: \"Gr\\xF6\\xDFe\" (read as Windows-1252, as Excel saves "
                + "a CSV file on Western systems, it is \"Größe\": if the whole file is, give --encoding windows-1252)", refused.err().strip());

        Path model = folder.resolve("m.zip");
        Run trained = Run.of("train", "--data", data.toString(), "--encoding", "cp1252", "--epochs", "20", "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        Model loaded = Model.load(model);
        assertEquals(List.of("Stadt", "Größe", "Preis"), loaded.inputSchema().featureNames());
        assertEquals(java.util.Set.of("Köln", "München", "Zürich", "Genève", "€-Zone"),
                java.util.Set.copyOf(loaded.inputSchema().categories().get("Stadt").values()));
        assertEquals("windows-1252", loaded.trainingData().encoding(), "Java's name, however it was given");
        Run summary = Run.of("summary", "--model", model.toString());
        assertTrue(summary.out().contains(", its text in windows-1252 (evaluate and predict read their files so, unless --encoding "
                + "says otherwise)\n"), summary.out());

        Path predictions = folder.resolve("p.csv");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", data.toString(), "--keep", "Stadt", "--out",
                predictions.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        assertTrue(predicted.err().isEmpty() && !predicted.out().contains("unseen"), "every city known: " + predicted.out());
        assertTrue(predicted.out().startsWith("Encoding: windows-1252, as the model's training data was read (--encoding sets it)\n"),
                predicted.out());
        List<String> written = Files.readAllLines(predictions, StandardCharsets.UTF_8);
        assertEquals("Stadt,probability,class", written.get(0));
        assertTrue(written.get(1).startsWith("Köln,") && written.get(3).startsWith("€-Zone,"), "kept as UTF-8: " + written.subList(1, 4));

        byte[] unseen = "Stadt;Größe;Preis\nMünchen;3;0\n".getBytes(WINDOWS_1252); // the file's fourth row
        Run piped = Run.withInput(unseen, "predict", "--model", model.toString(), "--data", "-", "--out", "-", "--keep", "Stadt");
        assertEquals(0, piped.exitCode(), piped.err());
        assertTrue(piped.out().startsWith("Stadt,probability,class\nMünchen,"), piped.out());
        assertEquals(written.get(4), piped.out().lines().skip(1).findFirst().orElseThrow(), "the fourth row scored the same from a pipe");

        Run evaluated = Run.of("evaluate", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().contains("rows               300\n"), evaluated.out());
        Run verified = Run.of("verify", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
    }

    /** The same bytes in another encoding are other text: the cache of one is not the other's, and "€" is another category. */
    @Test
    void theEncodingStaysWithNoHeaderAndWithAThousandsSeparator() throws Exception {
        String rows = "1.234,5;Köln;0\r\n2.345,5;Zürich;1\r\n1.111,5;Köln;0\r\n2.222,5;Zürich;1\r\n";
        Path headless = Files.write(folder.resolve("headless.csv"), rows.getBytes(WINDOWS_1252));
        Run trained = Run.of("train", "--data", headless.toString(), "--no-header", "--encoding", "windows-1252", "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", folder.resolve("h.zip").toString());
        assertEquals(0, trained.exitCode(), "--no-header kept the encoding (it dropped it until session 38): " + trained.err());

        Path named = Files.write(folder.resolve("named.csv"), ("Preis;Stadt;Kauf\r\n" + rows).getBytes(WINDOWS_1252));
        Path model = folder.resolve("t.zip");
        Run grouped = Run.of("train", "--data", named.toString(), "--encoding", "windows-1252", "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", model.toString());
        assertEquals(0, grouped.exitCode(), grouped.err());
        assertTrue(grouped.out().contains("Decimal: ',' and thousands '.'"), grouped.out());
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", named.toString(), "--out", "-");
        assertEquals(0, predicted.exitCode(), "the model's thousands separator kept its encoding (it dropped it until session 38): "
                + predicted.err());
    }

    @Test
    void anotherEncodingReadsTheFileAgainRatherThanFromTheCache() throws Exception {
        Path data = cities("staedte.csv", 300);
        Run windows = Run.of("train", "--data", data.toString(), "--encoding", "windows-1252", "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", folder.resolve("w.zip").toString());
        assertEquals(0, windows.exitCode(), windows.err());
        Run latin = Run.of("train", "--data", data.toString(), "--encoding", "ISO-8859-1", "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", folder.resolve("l.zip").toString());
        assertEquals(0, latin.exitCode(), latin.err());
        List<String> windowsCities = Model.load(folder.resolve("w.zip")).inputSchema().categories().get("Stadt").values();
        List<String> latinCities = Model.load(folder.resolve("l.zip")).inputSchema().categories().get("Stadt").values();
        assertTrue(windowsCities.contains("€-Zone") && latinCities.contains("\u0080-Zone"), windowsCities + " " + latinCities);
        assertNotEquals(windowsCities, latinCities);
        Path cache = folder.resolve("staedte.csv.dense4j-cache");
        assertTrue(new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1).contains("\"encoding\":\"ISO-8859-1\""));

        Path plain = Files.writeString(folder.resolve("plain.csv"), "a,label\n1,0\n2,1\n3,0\n4,1\n");
        Run utf8 = Run.of("train", "--data", plain.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--out",
                folder.resolve("u.zip").toString());
        assertEquals(0, utf8.exitCode(), utf8.err());
        assertTrue(!new String(Files.readAllBytes(folder.resolve("plain.csv.dense4j-cache")), StandardCharsets.ISO_8859_1)
                .contains("\"encoding\""), "UTF-8 left out of the cache's metadata, which a dense4j from before then reads");
    }

    /** A kept column is copied as text, so it is checked as text: a byte that is none stops the read, as in a feature. */
    @Test
    void aKeptCellIsCheckedAsText() throws Exception {
        Path data = Files.writeString(folder.resolve("plain.csv"), "id,x,label\na,1,0\nb,2,1\nc,3,0\nd,4,1\n");
        Path model = folder.resolve("m.zip");
        assertEquals(0, Run.of("train", "--data", data.toString(), "--drop", "id", "--epochs", "1", "--accept-worse-than-base-rate",
                "--out", model.toString()).exitCode(), "id no feature: only copied");
        Path windows = Files.write(folder.resolve("ids.csv"), "id,x\nK\u00f6ln,1\n".getBytes(WINDOWS_1252));
        Run run = Run.of("predict", "--model", model.toString(), "--data", windows.toString(), "--keep", "id", "--out",
                folder.resolve("p.csv").toString());
        assertEquals(1, run.exitCode());
        assertEquals("dense4j: " + windows + ", line 2, column 1 (\"id\"): not valid UTF-8: \"K\\xF6ln\" (read as Windows-1252, as Excel "
                + "saves a CSV file on Western systems, it is \"Köln\": if the whole file is, give --encoding windows-1252)",
                run.err().strip(), "rather than U+FFFD in the output");
        Path undefined = Files.write(folder.resolve("undefined.csv"), new byte[] {'i', 'd', ',', 'x', '\n', 'B', (byte) 0x81, ',', '1', '\n'});
        run = Run.of("predict", "--model", model.toString(), "--data", undefined.toString(), "--encoding", "windows-1252", "--keep",
                "id", "--out", folder.resolve("p.csv").toString());
        assertEquals(1, run.exitCode());
        assertEquals("dense4j: " + undefined + ", line 2, column 1 (\"id\"): \"B\\x81\" holds a byte that is no character in "
                + "windows-1252 (is the file in another encoding?)", run.err().strip());
        run = Run.of("predict", "--model", model.toString(), "--data", windows.toString(), "--encoding", "windows-1252", "--keep", "id",
                "--out", folder.resolve("p.csv").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.readString(folder.resolve("p.csv")).startsWith("id,probability,class\nKöln,"));
        Path marked = Files.writeString(folder.resolve("marked.csv"), "id,x\n\uFEFFabc,1\n");
        run = Run.of("predict", "--model", model.toString(), "--data", marked.toString(), "--keep", "id", "--out",
                folder.resolve("p.csv").toString());
        assertEquals(0, run.exitCode(), "valid UTF-8 is copied as it is, a byte order mark inside it too: " + run.err());
        assertTrue(Files.readString(folder.resolve("p.csv")).startsWith("id,probability,class\n\uFEFFabc,"));
    }

    @Test
    void badTextAndBadEncodingsAreOneLineEach() throws Exception {
        Path data = cities("staedte.csv", 40);
        Path undefined = Files.write(folder.resolve("undefined.csv"), new byte[] {'c', ',', 'l', '\n', 'K', (byte) 0x81, ',', '1', '\n'});
        Run run = Run.of("train", "--data", undefined.toString(), "--encoding", "windows-1252", "--out", folder.resolve("x.zip").toString());
        assertEquals(1, run.exitCode());
        assertEquals("dense4j: " + undefined + ", line 2, column 1 (\"c\"): \"K\\x81\" holds a byte that is no character in "
                + "windows-1252 (is the file in another encoding?)", run.err().strip());

        Path label = Files.write(folder.resolve("label.csv"), new byte[] {'x', ',', 'l', '\n', '1', ',', 'a', '\n', '2', ',', 'b', '\n',
            '3', ',', (byte) 0x81, '\n'});
        run = Run.of("train", "--data", label.toString(), "--encoding", "windows-1252", "--out", folder.resolve("x.zip").toString());
        assertEquals(1, run.exitCode());
        assertEquals("dense4j: " + label + ", line 4, column 2 (\"l\"): label \"\\x81\" is a third class; the labels so far are \"a\" and "
                + "\"b\"; the label is the last column, as no --label names another (it holds a byte that is no character in "
                + "windows-1252: is the file in another encoding?)", run.err().strip());

        Path utf8 = Files.write(folder.resolve("utf8.csv"), "\uFEFFStadt,Kauf\nKöln,ja\n".getBytes(StandardCharsets.UTF_8));
        run = Run.of("train", "--data", utf8.toString(), "--encoding", "windows-1252", "--out", folder.resolve("x.zip").toString());
        assertEquals(1, run.exitCode());
        assertEquals("dense4j: " + utf8 + ": starts with UTF-8's byte order mark, so it is UTF-8, not windows-1252: give --encoding UTF-8",
                run.err().strip());

        run = Run.of("train", "--data", data.toString(), "--encoding", "utf-16", "--out", folder.resolve("x.zip").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("dense4j: --encoding: UTF-16 is not an encoding of one byte per character; dense4j reads "
                + "UTF-8 (the default) and encodings of one byte per character, such as windows-1252 or ISO-8859-15: convert the file, "
                + "for example with iconv -f utf-16 -t utf-8\n"), run.err());

        Path checkpoint = folder.resolve("ck.zip");
        run = Run.of("train", "--data", data.toString(), "--encoding", "windows-1252", "--epochs", "1", "--accept-worse-than-base-rate",
                "--checkpoint", checkpoint.toString(), "--out", folder.resolve("c.zip").toString());
        assertEquals(0, run.exitCode(), run.err());
        run = Run.of("train", "--data", data.toString(), "--encoding", "latin1", "--epochs", "2", "--accept-worse-than-base-rate",
                "--checkpoint", checkpoint.toString(), "--resume", "--out", folder.resolve("c.zip").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("but --encoding ISO-8859-1; the checkpoint read its text as windows-1252."), run.err());
        run = Run.of("train", "--data", data.toString(), "--epochs", "2", "--accept-worse-than-base-rate", "--checkpoint",
                checkpoint.toString(), "--resume", "--out", folder.resolve("c.zip").toString());
        assertEquals(0, run.exitCode(), "the checkpoint's encoding, unsaid: " + run.err());
    }
}
