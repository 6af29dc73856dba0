package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate picks the model's columns by name, as predict does, whatever --drop and --features say
 * of the file: flags that agree with the model change nothing, and ones that leave out a column it
 * reads, or choose others, are refused in predict's words rather than blamed on the file.
 */
class EvaluateColumnFlagsTest {
    @TempDir
    Path folder;
    private Path data;

    @BeforeEach
    void files() throws Exception {
        Random random = new Random(14);
        StringBuilder rows = new StringBuilder("id,x,colour,z,label\n");
        for (int r = 0; r < 300; r++) {
            double x = random.nextGaussian();
            String colour = List.of("red", "green", "blue").get(random.nextInt(3));
            boolean yes = x + (colour.equals("red") ? 0.8 : -0.3) + random.nextGaussian() * 0.7 > 0;
            rows.append(r).append(',').append(x).append(',').append(colour).append(',').append(random.nextGaussian()).append(',')
                    .append(yes ? "yes" : "no").append('\n');
        }
        data = Files.writeString(folder.resolve("rows.csv"), rows);
    }

    @Test
    void flagsThatAgreeChangeNothingAndOthersAreRefused() throws Exception {
        Path model = folder.resolve("m.zip");
        assertEquals(0, Run.of("train", "--data", data.toString(), "--drop", "id,z", "--epochs", "2", "--out", model.toString())
                .exitCode());
        Run plain = Run.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        assertEquals(0, plain.exitCode(), plain.err());
        // the columns training left out, given again, and the model's own features in its order: the same scores
        for (List<String> flags : List.of(List.of("--drop", "id,z"), List.of("--drop", "id"), List.of("--features", "x,colour"))) {
            Run agreeing = Run.of(concat(List.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--json"), flags));
            assertEquals(0, agreeing.exitCode(), flags + ": " + agreeing.err());
            assertEquals(plain.out(), agreeing.out(), flags.toString());
        }
        Run dropped = Run.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--drop", "colour");
        assertEquals(1, dropped.exitCode());
        assertEquals("dense4j: the model reads column \"colour\", which --drop leaves out\n", dropped.err());
        Run chosen = Run.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--features", "x,z");
        assertEquals(1, chosen.exitCode());
        assertEquals("dense4j: --features disagrees with the model's feature columns (x, colour), which it picks by name; leave "
                + "--features out\n", chosen.err());
        assertTrue(Run.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--features", "colour,x").err()
                .contains("--features disagrees"), "the model's columns in another order");
    }

    /** A model trained on a file without a header reads columns by place: that is said first, whatever --features says. */
    @Test
    void aModelOfColumnsByPlaceSaysSoBeforeJudgingTheFlags() throws Exception {
        Path headerless = Files.writeString(folder.resolve("headerless.csv"), Files.readString(data).lines().skip(1)
                .map(line -> line.substring(line.indexOf(',') + 1).replaceFirst(",(red|green|blue),", ",0,")).reduce("", (a, b) -> a + b
                + "\n"));
        Path model = folder.resolve("places.zip");
        assertEquals(0, Run.of("train", "--data", headerless.toString(), "--no-header", "--epochs", "1", "--out", model.toString())
                .exitCode());
        Run chosen = Run.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--features", "x,z");
        assertEquals(1, chosen.exitCode());
        assertTrue(chosen.err().contains("lacks the model's feature columns \"column 1\", \"column 2\", \"column 3\" (the model was "
                + "trained on a file without a header row, its columns named by place: give --no-header"), chosen.err());
    }

    /** The other way round: --no-header with a model whose columns a header named is said so, not blamed on the file's names. */
    @Test
    void noHeaderWithAModelOfNamedColumnsSaysSo() throws Exception {
        Path model = folder.resolve("named.zip");
        assertEquals(0, Run.of("train", "--data", data.toString(), "--drop", "id", "--epochs", "1", "--out", model.toString()).exitCode());
        Path headerless = Files.writeString(folder.resolve("headerless.csv"), "1,0.5,red,0.25,yes\n");
        String expected = "dense4j: --no-header: the model was trained on a file with a header row (its features are named, such as "
                + "\"x\"), so it reads its columns by those names: leave out --no-header, and give the file its header row if it has none\n";
        Run evaluated = Run.of("evaluate", "--model", model.toString(), "--data", headerless.toString(), "--no-header");
        assertEquals(2, evaluated.exitCode());
        assertTrue(evaluated.err().startsWith(expected), evaluated.err());
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", headerless.toString(), "--no-header", "--out",
                folder.resolve("p.csv").toString());
        assertEquals(2, predicted.exitCode());
        assertTrue(predicted.err().startsWith(expected), predicted.err());

        // a model of numbers alone: predict reads them by place from a file without a header, as it always did
        Path numbers = folder.resolve("numbers.zip");
        Path table = Files.writeString(folder.resolve("xz.csv"), "x,z,label\n" + "0.5,0.25,yes\n-0.5,1.5,no\n".repeat(20));
        assertEquals(0, Run.of("train", "--data", table.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--out",
                numbers.toString()).exitCode());
        Path rows = Files.writeString(folder.resolve("xz-headerless.csv"), "0.5,0.25,yes\n-0.5,1.5,no\n");
        Run byPlace = Run.of("predict", "--model", numbers.toString(), "--data", rows.toString(), "--no-header", "--out",
                folder.resolve("q.csv").toString());
        assertEquals(0, byPlace.exitCode(), byPlace.err());
        assertEquals(3, Files.readAllLines(folder.resolve("q.csv")).size());
    }

    private static String[] concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toArray(String[]::new);
    }
}
