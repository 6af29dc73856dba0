package io.dense4j.check;

import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.model.Model;
import io.dense4j.layer.Dropout;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.train.GradientSum;
import io.dense4j.train.Trainer;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks backpropagation against central differences, (L(θ + ε) − L(θ − ε)) / 2ε, for every
 * parameter and (when the model keeps it) every input, except that a category code's input
 * gradient must be exactly 0. The error is relative,
 * |analytic − numeric| / (|analytic| + |numeric|), except that differences below
 * {@link #ABSOLUTE_TOLERANCE} count as agreement: a central difference carries about 1e−10 of
 * rounding noise, which would dominate the relative error of a gradient that is (near) zero.
 * float64 is required, since float32's rounding swamps any useful ε. A model with Dropout layers
 * is checked through training passes that all draw the same masks, since a central difference of
 * a loss whose masks change between its two evaluations measures the masks, not the gradient; a
 * model without is checked against the loss as prediction computes it.
 */
public final class GradientChecker {
    /** A step that balances truncation error (ε²) and rounding error (1e−16 / ε) in float64. */
    public static final double DEFAULT_EPSILON = 1e-6;
    public static final double DEFAULT_TOLERANCE = 1e-6;
    public static final double ABSOLUTE_TOLERANCE = 1e-9;
    /** The key every pass of a check draws its dropout masks from. */
    private static final long MASK_KEY = 0x6A09E667F3BCC908L;

    private GradientChecker() {
    }

    public static GradientCheckResult check(Model model, INDArray x, INDArray y) {
        return check(model, x, y, DEFAULT_EPSILON, DEFAULT_TOLERANCE);
    }

    /**
     * Backpropagation's gradients of the mean loss over the rows of x and y, through a trainer as
     * training computes them, against central differences of the model's loss.
     */
    public static GradientCheckResult check(Model model, INDArray x, INDArray y, double epsilon,
                                            double tolerance) {
        if (model.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("gradient checks need a model compiled with DataType.DOUBLE, got "
                    + model.dataType());
        }
        INDArray inputs = x.castTo(DataType.DOUBLE).dup('c');
        Dataset data = Dataset.of(inputs, y, DataType.DOUBLE);
        Trainer trainer = new Trainer(model, model.optimizer(), ExecutionPolicy.ofThreads(1));
        boolean dropout = model.layers().stream().anyMatch(Dropout.class::isInstance);
        trainer.seedDropout(MASK_KEY);
        double[] analytic = trainer.objectiveGradient(new DatasetBatches(data));
        trainer.seedDropout(MASK_KEY);
        double[] analyticInputs = model.graph().inputGradient() ? trainer.inputGradient(data) : null;
        ToDoubleFunction<DatasetBatches> loss = dropout ? rows -> {
            trainer.seedDropout(MASK_KEY); // the masks of the analytic pass
            GradientSum sum = new GradientSum(model.parameterCount());
            trainer.addGradientSum(rows, sum);
            return model.objective(sum.loss(), (long) sum.rows());
        } : model::objective;
        return compare(model, inputs, y, analytic, analyticInputs, epsilon, tolerance, loss);
    }

    /** Compares given analytic gradients (inputs' may be null) with central differences of {@code model}'s loss. */
    static GradientCheckResult compare(Model model, INDArray inputs, INDArray y, double[] analytic,
                                       double[] analyticInputs, double epsilon, double tolerance) {
        return compare(model, inputs, y, analytic, analyticInputs, epsilon, tolerance, model::objective);
    }

    /** As above, the mean objective over some rows given by {@code objective}. */
    private static GradientCheckResult compare(Model model, INDArray inputs, INDArray y, double[] analytic, double[] analyticInputs,
                                               double epsilon, double tolerance, ToDoubleFunction<DatasetBatches> objective) {
        ToDoubleFunction<INDArray> loss = x -> objective.applyAsDouble(new DatasetBatches(Dataset.of(x, y, DataType.DOUBLE)));
        boolean checkInputs = analyticInputs != null;
        INDArray parameters = model.parameters();
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < analytic.length; i++) {
            double original = parameters.getDouble(i);
            parameters.putScalar(i, original + epsilon);
            double plus = loss.applyAsDouble(inputs);
            parameters.putScalar(i, original - epsilon);
            double minus = loss.applyAsDouble(inputs);
            parameters.putScalar(i, original);
            double error = relativeError(analytic[i], (plus - minus) / (2 * epsilon));
            if (error > worst) {
                worst = error;
                worstIndex = i;
            }
        }

        double worstInput = Double.NaN;
        if (checkInputs) {
            worstInput = 0;
            io.dense4j.graph.InputLayout layout = model.graph().input();
            for (int i = 0; i < inputs.length(); i++) { // linear, row-major indices
                if (layout.slots(i % layout.width()) > 0) { // a category code is an index, not a value: its gradient is 0
                    worstInput = Math.max(worstInput, analyticInputs[i] == 0 ? 0 : 1);
                    continue;
                }
                double original = inputs.getDouble(i);
                inputs.putScalar(i, original + epsilon);
                double plus = loss.applyAsDouble(inputs);
                inputs.putScalar(i, original - epsilon);
                double minus = loss.applyAsDouble(inputs);
                inputs.putScalar(i, original);
                worstInput = Math.max(worstInput, relativeError(analyticInputs[i], (plus - minus) / (2 * epsilon)));
            }
        }
        return new GradientCheckResult(worst, worstIndex, worstInput, tolerance, analytic.length,
                checkInputs ? (int) inputs.length() : 0);
    }

    static double relativeError(double analytic, double numeric) {
        double difference = Math.abs(analytic - numeric);
        return difference <= ABSOLUTE_TOLERANCE ? 0 : difference / (Math.abs(analytic) + Math.abs(numeric));
    }
}
