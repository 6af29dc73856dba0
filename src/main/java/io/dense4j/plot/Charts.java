package io.dense4j.plot;

import io.dense4j.metrics.Calibration;
import io.dense4j.metrics.ConfusionMatrix;
import io.dense4j.metrics.PrecisionRecallCurve;
import io.dense4j.metrics.RocCurve;
import io.dense4j.model.Model;
import io.dense4j.train.EpochMetrics;
import io.dense4j.train.History;
import java.awt.Color;
import io.dense4j.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Writes the charts users look at after training, as PNG files. */
public final class Charts {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 560;

    private Charts() {
    }

    /** Training loss per epoch for each named run, and validation loss where there is one. */
    public static void lossCurves(Map<String, History> runs, Path png) throws IOException {
        perEpoch("Loss per epoch", "binary cross-entropy", runs, History::loss, History::validationLoss, png);
    }

    /** Training accuracy per epoch for each named run, and validation accuracy where there is one. */
    public static void accuracyCurves(Map<String, History> runs, Path png) throws IOException {
        perEpoch("Accuracy per epoch", "accuracy", runs, History::accuracy, History::validationAccuracy, png);
    }

    private static void perEpoch(String title, String metric, Map<String, History> runs, Function<History, double[]> training,
                                 Function<History, double[]> validation, Path png) throws IOException {
        XYChart chart = chart(title, "epoch", metric);
        chart.getStyler().setXAxisDecimalPattern("#,##0.#"); // epoch 38, not 38.0; a tick between two epochs keeps its half
        runs.forEach((name, history) -> {
            double[] epochs = history.epochs().stream().mapToDouble(EpochMetrics::epoch).toArray();
            // a line needs two points: a run of one epoch is drawn as a marker, or the chart shows nothing
            var marker = epochs.length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE;
            chart.addSeries(name + " (training)", epochs, training.apply(history)).setMarker(marker);
            if (history.last().hasValidation()) {
                chart.addSeries(name + " (validation)", epochs, validation.apply(history)).setMarker(marker);
            }
        });
        save(chart, png);
    }

    /**
     * The confusion matrix as a heat map with its counts, laid out as {@code evaluate}'s table:
     * predicted 1 then 0 from left to right, actual 1 above actual 0 (the y axis counts upwards).
     */
    public static void confusionMatrix(ConfusionMatrix confusion, Path png) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH / 2 + 100).height(HEIGHT / 2 + 100)
                .title("Confusion matrix").xAxisTitle("predicted").yAxisTitle("actual").build();
        chart.getStyler().setShowValue(true).setPlotContentSize(1.0);
        chart.getStyler().setHeatMapDecimalValueFormatter(count -> String.format(java.util.Locale.ROOT, "%,d", Math.round(count)));
        List<Number[]> cells = List.of( // {x: 0 is predicted 1, y: 0 is actual 0, count}
                new Number[] {0, 1, confusion.tp()}, new Number[] {1, 1, confusion.fn()},
                new Number[] {0, 0, confusion.fp()}, new Number[] {1, 0, confusion.tn()});
        chart.addSeries("rows", List.of("1", "0"), List.of("0", "1"), cells);
        save(chart, png);
    }

    /** Each named ROC curve, with the diagonal of a random guess. */
    public static void rocCurves(Map<String, RocCurve> curves, Path png) throws IOException {
        XYChart chart = chart("ROC curve", "false-positive rate", "true-positive rate");
        unitSquare(chart);
        curves.forEach((name, curve) -> chart.addSeries(name, curve.falsePositiveRates(), curve.truePositiveRates())
                .setMarker(SeriesMarkers.NONE));
        chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE)
                .setLineColor(Color.GRAY);
        saveUnitSquare(chart, png);
    }

    /**
     * Each named precision-recall curve as the step function average precision measures, with the
     * precision of calling every row positive (the share of positives) as the line to beat.
     */
    public static void precisionRecallCurves(Map<String, PrecisionRecallCurve> curves, Path png) throws IOException {
        XYChart chart = chart("Precision-recall curve", "recall", "precision");
        unitSquare(chart);
        double baseRate = Double.NaN;
        for (Map.Entry<String, PrecisionRecallCurve> entry : curves.entrySet()) {
            PrecisionRecallCurve curve = entry.getValue();
            int points = curve.recalls().length;
            double[] recall = new double[2 * points - 1];
            double[] precision = new double[2 * points - 1];
            recall[0] = curve.recalls()[0];
            precision[0] = curve.precisions()[0];
            for (int i = 1; i < points; i++) { // across at the old recall to the new precision, then along
                recall[2 * i - 1] = curve.recalls()[i - 1];
                precision[2 * i - 1] = curve.precisions()[i];
                recall[2 * i] = curve.recalls()[i];
                precision[2 * i] = curve.precisions()[i];
            }
            chart.addSeries(String.format(java.util.Locale.ROOT, "%s (AP %.3f)", entry.getKey(), curve.averagePrecision()),
                    recall, precision).setMarker(SeriesMarkers.NONE);
            baseRate = curve.precisions()[points - 1]; // the lowest threshold classes every row positive
        }
        if (!Double.isNaN(baseRate)) {
            chart.addSeries(String.format(java.util.Locale.ROOT, "share of positives (%.3f)", baseRate),
                    new double[] {0, 1}, new double[] {baseRate, baseRate}).setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
        }
        saveUnitSquare(chart, png);
    }

    /** Each non-empty bin's share of positives against its mean probability, beside the diagonal of perfect calibration. */
    public static void reliabilityDiagram(Calibration calibration, Path png) throws IOException {
        XYChart chart = chart(String.format(java.util.Locale.ROOT, "Reliability diagram (ECE %.4f)",
                calibration.expectedCalibrationError()), "mean predicted probability", "share of positives");
        unitSquare(chart);
        List<Double> predicted = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        for (int b = 0; b < calibration.counts().length; b++) {
            if (calibration.counts()[b] > 0) {
                predicted.add(calibration.meanProbabilities()[b]);
                observed.add(calibration.positiveFractions()[b]);
            }
        }
        if (!predicted.isEmpty()) {
            chart.addSeries("model", predicted, observed).setMarker(SeriesMarkers.CIRCLE);
        }
        chart.addSeries("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE)
                .setLineColor(Color.GRAY);
        saveUnitSquare(chart, png);
    }

    /**
     * The classes a two-feature model predicts over the plane around {@code features} (a 120×120
     * grid, light colors) with the rows themselves on top, colored by their labels.
     */
    public static void decisionBoundary(String title, Model model, INDArray features, INDArray labels, Path png)
            throws IOException {
        if (model.inputWidth() != 2) {
            throw new IllegalArgumentException("a decision boundary is drawn for models of 2 features, this one reads "
                    + model.inputWidth());
        }
        double[] x = features.getColumn(0).toDoubleVector();
        double[] y = features.getColumn(1).toDoubleVector();
        double minX = min(x) - 0.5;
        double maxX = max(x) + 0.5;
        double minY = min(y) - 0.5;
        double maxY = max(y) + 0.5;
        int steps = 120;
        float[][] grid = new float[steps * steps][];
        for (int i = 0; i < steps; i++) {
            for (int j = 0; j < steps; j++) {
                grid[i * steps + j] = new float[] {(float) (minX + (maxX - minX) * i / (steps - 1)),
                        (float) (minY + (maxY - minY) * j / (steps - 1))};
            }
        }
        double[] probabilities = model.predictProbability(grid);
        XYChart chart = chart(title, "x1", "x2");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        double threshold = model.threshold().value();
        add(chart, "predicted 0", grid, probabilities, threshold, false, new Color(255, 210, 200));
        add(chart, "predicted 1", grid, probabilities, threshold, true, new Color(200, 220, 255));
        double[] label = labels.toDoubleVector();
        List<Double> x0 = new ArrayList<>();
        List<Double> y0 = new ArrayList<>();
        List<Double> x1 = new ArrayList<>();
        List<Double> y1 = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            (label[i] == 1 ? x1 : x0).add(x[i]);
            (label[i] == 1 ? y1 : y0).add(y[i]);
        }
        chart.addSeries("class 0", x0, y0).setMarkerColor(new Color(200, 40, 20));
        chart.addSeries("class 1", x1, y1).setMarkerColor(new Color(20, 60, 200));
        save(chart, png);
    }

    private static void add(XYChart chart, String name, float[][] grid, double[] probabilities, double threshold,
                            boolean positive, Color color) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < grid.length; i++) {
            if ((probabilities[i] >= threshold) == positive) {
                xs.add((double) grid[i][0]);
                ys.add((double) grid[i][1]);
            }
        }
        if (!xs.isEmpty()) {
            chart.addSeries(name, xs, ys).setMarkerColor(color);
        }
    }

    /**
     * An XY chart whose tick labels are round numbers in one format: "0.0", "0.05", "0.125" (never
     * ".05"), and at most a tick every 60 pixels (not one per point).
     */
    private static XYChart chart(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        chart.getStyler().setXAxisDecimalPattern("0.0##").setYAxisDecimalPattern("0.0##")
                .setXAxisTickMarkSpacingHint(60).setYAxisTickMarkSpacingHint(60);
        return chart;
    }

    /** Both axes from 0 to 1, labelled 0.0, 0.1, … 1.0 (see {@link #saveUnitSquare}). */
    private static void unitSquare(XYChart chart) {
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0)
                .setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
    }

    /**
     * Saves a {@link #unitSquare} chart. XChart puts a tick at every data value when the values are
     * equally spaced, as rates over n rows (k/n) are; an invisible point at 1/√2, on no such grid,
     * added last (so the real series keep their colours), keeps the ticks round.
     */
    private static void saveUnitSquare(XYChart chart, Path png) throws IOException {
        double offGrid = Math.sqrt(0.5);
        chart.addSeries(" ", new double[] {offGrid}, new double[] {offGrid}).setMarker(SeriesMarkers.NONE)
                .setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE).setShowInLegend(false);
        save(chart, png);
    }

    /**
     * Writes the chart as a PNG image to {@code png} ({@code .png} added when the name lacks it),
     * atomically and durably, as every file dense4j writes.
     */
    private static void save(Chart<?, ?> chart, Path png) throws IOException {
        if (chart.getStyler() instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setLocale(java.util.Locale.ROOT); // the axes' numbers as every number dense4j writes, not the JVM's locale's
        }
        byte[] image = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        Path file = png.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? png
                : png.resolveSibling(png.getFileName() + ".png");
        AtomicFiles.write(file, out -> out.write(image));
    }

    private static double min(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
