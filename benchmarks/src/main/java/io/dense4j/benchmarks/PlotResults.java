package io.dense4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run's two pictures, drawn with XChart from what {@code benchmarks/run} wrote:
 * {@code throughput-vs-batch.png} (W-MLP training samples/s against batch size, one line per
 * system, both axes logarithmic) from {@code results.json}, and {@code loss-vs-time.png} (held-out
 * loss against training seconds, one line per batch size) from TimeToAccuracy's curve CSV.
 *
 * <p>Usage: PlotResults OUT/results.json OUT [OUT/time-to-accuracy-curve.csv]
 */
public final class PlotResults {
    /** Distinct colors, one per line, so that six curves never share one (XChart's default cycle repeats). */
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    /** The full batch's row count, where it is plotted on the batch axis. */
    private static final double FULL_BATCH = 200_000;

    private PlotResults() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[1]);
        throughput(new ObjectMapper().readTree(Path.of(args[0]).toFile()), out.resolve("throughput-vs-batch.png"));
        if (args.length > 2 && Files.exists(Path.of(args[2]))) {
            lossAgainstTime(Files.readAllLines(Path.of(args[2])), out.resolve("loss-vs-time.png"));
        }
    }

    private static void throughput(JsonNode results, Path png) throws IOException {
        Map<String, TreeMap<Double, Double>> systems = new LinkedHashMap<>();
        for (JsonNode result : results) {
            boolean policyRun = !result.has("blasThreads") || result.path("blasThreads").asText().equals("policy");
            if (!result.path("workload").asText().equals("W-MLP step") || !result.has("samplesPerSecond") || !policyRun
                    || !result.path("secondCore").asText("policy").equals("policy")) {
                continue;
            }
            JsonNode batch = result.path("batch");
            double rows = batch.isNumber() ? batch.asDouble() : FULL_BATCH; // "full"
            systems.computeIfAbsent(result.path("system").asText(), name -> new TreeMap<>())
                    .put(rows, result.path("samplesPerSecond").asDouble());
        }
        if (systems.isEmpty()) {
            return;
        }
        XYChart chart = new XYChartBuilder().width(900).height(560).title("W-MLP training throughput (samples/s, same run)")
                .xAxisTitle("batch size (200,000 = full batch)").yAxisTitle("samples/s").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setDecimalPattern("#,###");
        chart.getStyler().setSeriesColors(COLORS);
        for (Map.Entry<String, TreeMap<Double, Double>> system : systems.entrySet()) {
            XYSeries series = chart.addSeries(system.getKey(), new ArrayList<>(system.getValue().keySet()),
                    new ArrayList<>(system.getValue().values()));
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("wrote " + png);
    }

    private static void lossAgainstTime(List<String> csv, Path png) throws IOException {
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        for (String line : csv.subList(1, csv.size())) {
            String[] cells = line.split(",");
            curves.computeIfAbsent("batch " + cells[0] + ", lr " + cells[1], name -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(cells[2]), Double.parseDouble(cells[3])});
        }
        XYChart chart = new XYChartBuilder().width(900).height(560).title("W-MLP held-out loss against training time")
                .xAxisTitle("training seconds").yAxisTitle("held-out loss").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("0.0##");
        chart.getStyler().setSeriesColors(COLORS);
        for (Map.Entry<String, List<double[]>> curve : curves.entrySet()) {
            List<Double> seconds = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            for (double[] point : curve.getValue()) {
                if (Double.isFinite(point[1]) && point[1] > 0) {
                    seconds.add(point[0]);
                    losses.add(point[1]);
                }
            }
            if (!seconds.isEmpty()) {
                chart.addSeries(curve.getKey(), seconds, losses).setMarker(SeriesMarkers.NONE);
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("wrote " + png);
    }
}
