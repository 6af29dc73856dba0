package io.dense4j.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.metrics.ConfusionMatrix;
import io.dense4j.metrics.RocCurve;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    private static BufferedImage image(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(560, image.getHeight());
        return image;
    }

    @Test
    void theConfusionMatrixIsLaidOutAsEvaluatesTable(@TempDir Path folder) throws Exception {
        Path png = folder.resolve("confusion.png");
        Charts.confusionMatrix(new ConfusionMatrix(0, 0, 900, 0), png); // every row a true negative: predicted 0, actual 0
        BufferedImage chart = ImageIO.read(png.toFile());
        // the plot sits between the axes and the legend: a point in each quarter, away from the count written in its middle
        int left = chart.getWidth() * 15 / 100;
        int right = chart.getWidth() * 70 / 100;
        int top = chart.getHeight() * 15 / 100;
        int bottom = chart.getHeight() * 78 / 100;
        int darkest = chart.getRGB(right, bottom) & 0xffffff; // as the table's last row and column: actual 0, predicted 0
        for (int[] quarter : new int[][] {{left, top}, {right, top}, {left, bottom}}) {
            int rgb = chart.getRGB(quarter[0], quarter[1]) & 0xffffff;
            assertTrue((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) > (darkest >> 16 & 0xff) + (darkest >> 8 & 0xff) + 100,
                    Integer.toHexString(rgb) + " against " + Integer.toHexString(darkest));
        }
    }

    @Test
    void writesLossRocAndBoundaryCharts(@TempDir Path folder) throws Exception {
        Synthetic data = Synthetic.generate(Teacher.LINEAR, 300, 2, 1);
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        History history = model.fit(data.features(), data.labels(), FitOptions.builder().epochs(3).validationSplit(0.2).build());
        RocCurve roc = RocCurve.of(model.predictProbability(data.features()).toDoubleVector(), data.labels().toDoubleVector());

        Charts.lossCurves(Map.of("logistic regression", history), folder.resolve("loss.png"));
        Charts.rocCurves(Map.of("logistic regression", roc), folder.resolve("roc.png"));
        Charts.decisionBoundary("boundary", model, data.features(), data.labels(), folder.resolve("boundary.png"));

        Charts.lossCurves(Map.of("logistic regression", history), folder.resolve("loss.png")); // replaced whole
        try (var files = java.nio.file.Files.list(folder)) {
            assertEquals(java.util.List.of("boundary.png", "loss.png", "roc.png"),
                    files.map(file -> file.getFileName().toString()).sorted().toList(), "nothing left beside the charts");
        }
        image(folder.resolve("loss.png"));
        image(folder.resolve("roc.png"));
        BufferedImage boundary = image(folder.resolve("boundary.png"));
        // a separable set: both predicted regions are drawn, in their two light colors
        boolean[] seen = new boolean[2];
        for (int x = 0; x < boundary.getWidth(); x += 3) {
            for (int y = 0; y < boundary.getHeight(); y += 3) {
                int rgb = boundary.getRGB(x, y) & 0xffffff;
                seen[0] |= rgb == 0xffd2c8;
                seen[1] |= rgb == 0xc8dcff;
            }
        }
        assertEquals(true, seen[0] && seen[1], "both predicted regions appear");
    }

    @Test
    void drawsBoundariesOnlyForTwoFeatureModels(@TempDir Path folder) {
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(3, new BinaryCrossEntropy(), new SGD(0.1));
        Synthetic data = Synthetic.generate(Teacher.LINEAR, 10, 3, 1);
        assertThrows(IllegalArgumentException.class,
                () -> Charts.decisionBoundary("b", model, data.features(), data.labels(), folder.resolve("b.png")));
    }
}
