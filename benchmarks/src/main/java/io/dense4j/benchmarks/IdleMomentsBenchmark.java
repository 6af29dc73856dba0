package io.dense4j.benchmarks;

import io.dense4j.optim.Adam;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.SGD;
import io.dense4j.optim.Updater;
import io.dense4j.runtime.Gradients;
import io.dense4j.runtime.Parameters;
import io.dense4j.runtime.BlasThreads;
import io.dense4j.runtime.Plan;
import io.dense4j.tensor.NativeArray;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Optimizer steps over W-MLP's 91,905 float32 parameters while a share of the weights is idle:
 * their gradient stays 0 (a dead ReLU unit's weights, the slot of a rare category), so momentum's
 * velocity and Adam's moments decay geometrically, by 0.9 or 0.999 a step, and sooner or later
 * pass below float32's least normal value (1.18e-38). Left there, a value stays subnormal for
 * about 130 steps (0.9) or 13,000 (0.999) before it reaches 0, and x86 computes on subnormals
 * through slow microcode assists.
 *
 * <p>Each measured op is {@link #STEPS} steps in a row from the moment the idle weights' state
 * has decayed to that bound; the other weights keep one training step's gradient.
 * {@code idleShare} 0 is the baseline. The score is the time of the {@link #STEPS} steps, with
 * OpenBLAS on one thread as training runs the update.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IdleMomentsBenchmark {
    /** Steps per measured op: fewer than 0.9's decay takes from {@link #DECAYED} down to 0. */
    static final int STEPS = 100;
    /** An idle weight's state at the start of an op: the least normal float32, so the next step's decay takes it below. */
    private static final float DECAYED = Float.MIN_NORMAL;

    @Param({"sgd-momentum", "adam"})
    String optimizer;

    @Param({"0", "0.1"})
    double idleShare;

    private Updater updater;
    private BlasThreads blas;
    private List<NativeArray> state;
    private int[] idle;

    @Setup
    public void setUp() {
        blas = BlasThreads.exactly(1); // as training runs the update: OpenBLAS on the calling thread alone
        Parameters parameters = WMlp.parameters(WMlp.graph());
        Gradients gradients = new Gradients(parameters.graph(), DataType.FLOAT);
        Plan plan = new Plan(parameters, gradients, 32);
        WMlp.fill(plan, 32);
        plan.trainingStep(32, 32);
        NativeArray values = gradients.values();
        Random random = new Random(7);
        idle = random.ints(0, values.length()).distinct().limit(Math.round(idleShare * values.length())).toArray();
        for (int i : idle) {
            values.set(i, 0);
        }
        Optimizer spec = optimizer.equals("adam") ? new Adam(1e-3) : new SGD(0.1, 0.9, false);
        updater = Updater.create(spec, parameters.values(), values, parameters.allWeights());
        updater.step(); // the busy weights' state as training leaves it
        state = updater.state();
    }

    @Setup(Level.Iteration)
    public void decayIdleState() {
        for (NativeArray moments : state) {
            for (int i : idle) {
                moments.set(i, DECAYED);
            }
        }
    }

    @TearDown
    public void tearDown() {
        blas.close();
    }

    @Benchmark
    public void steps() {
        for (int i = 0; i < STEPS; i++) {
            updater.step();
        }
    }
}
