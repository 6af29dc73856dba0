package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.onnx.OnnxRuntimeScores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import onnx.Onnx.ModelProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dense4j export} on a real table with text columns and missing cells (MplsStops, from
 * r-cran-cardata): ONNX Runtime, given the test file's cells as written, gives what
 * {@code dense4j predict} wrote for the same file.
 */
class ExportCommandTest {
    @TempDir
    Path folder;

    @Test
    void onnxRuntimeScoresTheCellsOfACsvAsPredictDoes() throws Exception {
        Path model = folder.resolve("stops.zip");
        Run trained = Run.of("train", "--data", resource("mpls-stops-train.csv.gz"), "--epochs", "2", "--fill-missing",
                "--out", model.toString(), "--cache-dir", folder.toString());
        assertEquals(0, trained.exitCode(), trained.err());

        // 3,000 test rows, with every 7th row's latitude and every 11th row's gender left empty
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(Path.of(resource("mpls-stops-test.csv.gz")))), StandardCharsets.UTF_8))) {
            lines.add(reader.readLine());
            for (int r = 0; r < 3_000; r++) {
                String[] cells = reader.readLine().split(",", -1);
                cells[7] = r % 7 == 0 ? "" : cells[7];
                cells[6] = r % 11 == 0 ? "" : cells[6];
                lines.add(String.join(",", cells));
            }
        }
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals("lat", header.get(7));
        assertEquals("gender", header.get(6));
        Path test = folder.resolve("stops-test.csv");
        Files.write(test, lines);

        Path predictions = folder.resolve("predictions.csv");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", test.toString(), "--out", predictions.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        Path onnxFile = folder.resolve("stops.onnx");
        Run exported = Run.of("export", "--model", model.toString(), "--out", onnxFile.toString());
        assertEquals(0, exported.exitCode(), exported.err());
        assertTrue(exported.out().startsWith("Wrote " + onnxFile + " (ONNX opset 13, "), exported.out());
        assertTrue(exported.out().contains("input  features float[N, 3]: lat, long, policePrecinct; NaN where missing, filled"), exported.out());
        assertTrue(exported.out().contains("input  gender string[N]\n"), exported.out());
        assertTrue(exported.out().contains("String inputs take the cell without its quotes and the spaces around it, inside the "
                + "quotes too; empty, NA, N/A and NaN are missing"), exported.out());
        assertTrue(exported.out().contains("output label string[N, 1]"), exported.out());

        ModelProto onnx = ModelProto.parseFrom(Files.readAllBytes(onnxFile));
        Map<String, String> metadata = new LinkedHashMap<>();
        onnx.getMetadataPropsList().forEach(entry -> metadata.put(entry.getKey(), entry.getValue()));
        List<String> numeric = strings(metadata.get("numeric_columns"));
        List<String> categorical = strings(metadata.get("categorical_columns"));
        assertEquals(8, categorical.size(), categorical.toString());
        float[][] numbers = new float[lines.size() - 1][numeric.size()];
        Map<String, String[]> strings = new LinkedHashMap<>();
        categorical.forEach(name -> strings.put(name, new String[lines.size() - 1]));
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",", -1);
            for (int j = 0; j < numeric.size(); j++) {
                String cell = cells[header.indexOf(numeric.get(j))];
                numbers[r - 1][j] = cell.isEmpty() ? Float.NaN : Float.parseFloat(cell);
            }
            for (String name : categorical) {
                strings.get(name)[r - 1] = cells[header.indexOf(name)];
            }
        }
        OnnxRuntimeScores scores = OnnxRuntimeScores.of(Files.readAllBytes(onnxFile), numbers, strings);

        List<String> written = Files.readAllLines(predictions);
        assertEquals("probability,class", written.get(0));
        double threshold = Double.parseDouble(metadata.get("threshold"));
        double worst = 0;
        for (int r = 1; r < written.size(); r++) {
            String[] cells = written.get(r).split(",");
            double p = Double.parseDouble(cells[0]);
            worst = Math.max(worst, Math.abs(p - scores.probability()[r - 1]));
            if (Math.abs(p - threshold) > 1e-6) {
                assertEquals(cells[1], scores.label()[r - 1], "row " + r + ": p " + p + ", ONNX " + scores.probability()[r - 1]);
            }
        }
        assertTrue(worst <= 1e-6, "largest |Δp| " + worst);
        assertEquals(List.of("NO", "YES"), strings(metadata.get("classes")));
    }

    private static List<String> strings(String json) throws Exception {
        return List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, String[].class));
    }

    private static String resource(String file) throws Exception {
        return Path.of(ExportCommandTest.class.getResource("/data/" + file).toURI()).toString();
    }

    @Test
    void aWideModelsInputsAreListedUpToTwentyThenCounted() throws Exception {
        Map<String, io.dense4j.data.Categories> categories = new LinkedHashMap<>();
        for (int column = 0; column < 25; column++) {
            categories.put("c" + column, new io.dense4j.data.Categories(List.of("a", "b")));
        }
        Path model = folder.resolve("wide.zip");
        new io.dense4j.model.Sequential(new io.dense4j.layer.Dense(1, new io.dense4j.layer.Sigmoid())).compile(
                new io.dense4j.model.InputSchema(List.copyOf(categories.keySet()), List.of("no", "yes"), null, "label", categories),
                new io.dense4j.loss.BinaryCrossEntropy(), new io.dense4j.optim.SGD(0.1), io.dense4j.model.CompileOptions.defaults())
                .save(model);
        Run exported = Run.of("export", "--model", model.toString(), "--out", folder.resolve("wide.onnx").toString());
        assertEquals(0, exported.exitCode(), exported.err());
        assertEquals(20, exported.out().lines().filter(line -> line.startsWith("  input  ")).count(), exported.out());
        assertTrue(exported.out().contains("  and 5 more inputs (the model's Features, in order)\n"), exported.out());

        // 30 numeric columns: the numbers' input names 20, then a count
        List<String> numbers = java.util.stream.IntStream.range(0, 30).mapToObj(j -> "x" + j).toList();
        Path numeric = folder.resolve("numeric.zip");
        new io.dense4j.model.Sequential(new io.dense4j.layer.Dense(1, new io.dense4j.layer.Sigmoid())).compile(
                new io.dense4j.model.InputSchema(numbers, List.of("no", "yes"), null, "label", Map.of()),
                new io.dense4j.loss.BinaryCrossEntropy(), new io.dense4j.optim.SGD(0.1), io.dense4j.model.CompileOptions.defaults())
                .save(numeric);
        Run listed = Run.of("export", "--model", numeric.toString(), "--out", folder.resolve("numeric.onnx").toString());
        assertTrue(listed.out().contains("  input  features float[N, 30]: " + String.join(", ", numbers.subList(0, 20)) + " and 10 more; "
                + "no missing values (the model fills none)\n"), listed.out());
    }
}
