package io.dense4j.train;

import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.model.Model;
import io.dense4j.runtime.ExecutionPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;

/** For tests: the mean loss of a model over some rows and its gradient, as a trainer computes them, without a step. */
public record MeanGradient(double loss, double[] gradient) {

    public static MeanGradient of(Model model, INDArray x, INDArray y) {
        return of(model, Dataset.of(x, y, model.dataType()));
    }

    public static MeanGradient of(Model model, Dataset data) {
        GradientSum sum = new GradientSum(model.parameterCount());
        new Trainer(model, model.optimizer(), ExecutionPolicy.forThisMachine()).addGradientSum(new DatasetBatches(data), sum);
        double[] mean = sum.gradient().clone();
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= sum.rows();
        }
        return new MeanGradient(sum.meanLoss(), mean);
    }
}
