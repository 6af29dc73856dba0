package io.dense4j.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.model.Model;
import io.dense4j.onnx.OnnxExport;
import io.dense4j.runtime.BlasThreads;
import io.dense4j.scorer.Scorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scoring W-MLP (its seeded, untrained weights) three ways, in the same run, each on one thread, from the
 * float[][] rows a caller holds to the probabilities: the plain-Java dense4j-scorer
 * ({@code scorer}); the model exported to ONNX and run by ONNX Runtime ({@code onnxruntime}), the usual
 * way to serve a model from Java without its training library; and dense4j's own
 * {@link Model#predictProbability(float[][])} on ND4J ({@code nd4j}). It says whether the scorer, made
 * to serve single rows without native code, gives up speed for that.
 *
 * <p>{@code latency} samples the time of each call, so JMH reports its percentiles (the single-row
 * figure is batch 1's p50); {@code throughput} counts calls per second, so rows/s = score × batch.
 * The rows are the first {@code batch} rows of the W-MLP data recipe (seed 42); the cost of a
 * forward pass does not depend on the values.
 */
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScorerBenchmark {

    /** One system scoring {@link #batch()} rows: the model, its file loaded by the scorer, and its ONNX export in a session. */
    public abstract static class Scoring {
        abstract String system();

        abstract int batch();

        private float[][] rows;
        private double[] out;
        private Model model;
        private Scorer scorer;
        private OrtEnvironment environment;
        private OrtSession.SessionOptions options;
        private OrtSession session;
        private BlasThreads blas;

        @Setup
        public void setUp() throws IOException, OrtException {
            int batch = batch();
            rows = Synthetic.generate(Teacher.LINEAR, batch, WMlp.INPUTS, WMlp.DATA_SEED).features().toFloatMatrix();
            out = new double[batch];
            model = WMlp.model(0.1);
            Path file = Files.createTempFile("w-mlp", ".zip");
            try {
                model.save(file);
                scorer = Scorer.load(file);
            } finally {
                Files.delete(file);
            }
            environment = OrtEnvironment.getEnvironment();
            options = new OrtSession.SessionOptions();
            // One intra-op thread: the scorer and the ND4J path score on the calling thread alone.
            options.setIntraOpNumThreads(1);
            session = environment.createSession(OnnxExport.of(model).toByteArray(), options);
            // ND4J's forward pass would use every core through OpenBLAS; one thread, as the other two.
            blas = BlasThreads.exactly(1);
            checkAgreement();
        }

        /** Fails the run unless all three give the same probabilities: they must score the same model. */
        private void checkAgreement() throws OrtException {
            double[] expected = model.predictProbability(rows);
            double[] fromScorer = scorer.probabilities(rows);
            float[][] fromOnnx = onnxProbabilities();
            for (int i = 0; i < batch(); i++) {
                if (Math.abs(fromScorer[i] - expected[i]) > 1e-5 || Math.abs(fromOnnx[i][0] - expected[i]) > 1e-5) {
                    throw new IllegalStateException("row " + i + ": nd4j " + expected[i] + ", scorer " + fromScorer[i]
                            + ", onnxruntime " + fromOnnx[i][0]);
                }
            }
        }

        /** As a caller would: a tensor made from the rows, run, the probabilities read out, everything closed. */
        private float[][] onnxProbabilities() throws OrtException {
            // Only "probability" is fetched: the other two systems give no label either.
            try (OnnxTensor features = OnnxTensor.createTensor(environment, rows);
                    OrtSession.Result result = session.run(Map.of(OnnxExport.FEATURES, features), Set.of(OnnxExport.PROBABILITY))) {
                return (float[][]) result.get(0).getValue();
            }
        }

        @TearDown
        public void tearDown() throws OrtException {
            blas.close();
            session.close();
            options.close();
        }

        void score(Blackhole blackhole) throws OrtException {
            switch (system()) {
                case "scorer" -> {
                    if (batch() == 1) {
                        blackhole.consume(scorer.probability(rows[0]));
                    } else {
                        scorer.probabilities(rows, out);
                        blackhole.consume(out);
                    }
                }
                case "onnxruntime" -> blackhole.consume(onnxProbabilities());
                case "nd4j" -> blackhole.consume(model.predictProbability(rows));
                default -> throw new IllegalArgumentException("system is scorer, onnxruntime or nd4j, got " + system());
            }
        }
    }

    /** Every system, a single row and a batch. */
    @State(Scope.Thread)
    public static class EverySystem extends Scoring {
        @Param({"scorer", "onnxruntime", "nd4j"})
        String system;

        @Param({"1", "256"})
        int batch;

        @Override
        String system() {
            return system;
        }

        @Override
        int batch() {
            return batch;
        }
    }

    /** Every system, one row: the latency a caller serving single requests sees. */
    @State(Scope.Thread)
    public static class SingleRow extends Scoring {
        @Param({"scorer", "onnxruntime", "nd4j"})
        String system;

        @Override
        String system() {
            return system;
        }

        @Override
        int batch() {
            return 1;
        }
    }

    /** The scorer on a batch of 256: the one system and size the Vector API changes. */
    @State(Scope.Thread)
    public static class ScorerBatch extends Scoring {
        @Override
        String system() {
            return "scorer";
        }

        @Override
        int batch() {
            return 256;
        }
    }

    /** Time per call of one row, sampled: its percentiles. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void latency(SingleRow scoring, Blackhole blackhole) throws OrtException {
        scoring.score(blackhole);
    }

    /** Calls per second; times batch, rows per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void throughput(EverySystem scoring, Blackhole blackhole) throws OrtException {
        scoring.score(blackhole);
    }

    /**
     * As {@link #throughput} for the scorer on 256 rows, in a JVM started with the Vector API
     * ({@code --add-modules jdk.incubator.vector}), with which the scorer takes a batch 8 rows at a
     * time; ND4J and ONNX Runtime do not use it, so their figures are those of {@link #throughput}.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Fork(value = 1, jvmArgsAppend = {Jvm.QUIET_LOGS, "--add-modules", "jdk.incubator.vector"})
    public void throughputWithVectorApi(ScorerBatch scoring, Blackhole blackhole) throws OrtException {
        scoring.score(blackhole);
    }
}
