package io.dense4j.examples;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.metrics.Evaluation;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;

/** The README's Java example, kept compiling and passing by {@code ReadmeExampleTest}. */
public final class ReadmeExample {
    private ReadmeExample() {
    }

    public static Evaluation run() {
        // XOR-like data: y = 1 where x1·x2 > 0, which no straight line separates.
        Synthetic train = Synthetic.generate(Teacher.XOR, 2000, 2, 1);
        Synthetic test = Synthetic.generate(Teacher.XOR, 1000, 2, 2);

        Model model = new Sequential(
                new Dense(16, new ReLU(), Initializer.HE_NORMAL),
                new Dense(1, new Sigmoid()))
                .compile(2, new BinaryCrossEntropy(), new SGD(0.1, 0.9, false));
        System.out.println(model.summary());

        History history = model.fit(train.features(), train.labels(),
                FitOptions.builder().epochs(30).batchSize(32).validationSplit(0.2).build());
        System.out.printf("epoch %d: loss %.4f, validation loss %.4f%n",
                history.last().epoch(), history.last().loss(), history.last().validationLoss());

        Evaluation evaluation = model.evaluate(test.features(), test.labels());
        System.out.println(evaluation);
        return evaluation;
    }

    public static void main(String[] args) {
        run();
    }
}
