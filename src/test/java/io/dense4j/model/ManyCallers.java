package io.dense4j.model;

import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM for {@link ManyCallersTest}: {@code threads} threads, released together, each
 * predicting batches of 1,024 rows with one shared model; prints how many results differed from
 * one thread's. A crash in native code ends the process instead.
 */
public final class ManyCallers {
    private ManyCallers() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        Model model = new Sequential(new Dense(64, new ReLU()), new Dense(32, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(20, new BinaryCrossEntropy(), new SGD(0.1));
        Random random = new Random(7);
        float[][] rows = new float[1_024][20];
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        double[] alone = model.predictProbability(rows);
        CyclicBarrier together = new CyclicBarrier(threads);
        AtomicInteger differing = new AtomicInteger();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread caller = new Thread(() -> {
                try {
                    together.await();
                    for (int call = 0; call < 5; call++) {
                        if (!Arrays.equals(alone, model.predictProbability(rows))) {
                            differing.incrementAndGet();
                        }
                    }
                } catch (Exception failed) {
                    differing.incrementAndGet();
                }
            });
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }
        System.out.println("differing " + differing.get());
    }
}
