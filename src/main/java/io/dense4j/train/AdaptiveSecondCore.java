package io.dense4j.train;

import io.dense4j.graph.Plan;
import io.dense4j.tensor.SecondCore;
import java.util.Arrays;

/**
 * Uses the {@link SecondCore} for a trainer's steps only while it measurably pays, deciding from
 * the steps' own wall times.
 *
 * <p>Why: on this project's 2-vCPU shared hosts, a W-MLP step at batch 32 ran at about 5,300
 * steps/s with the second core and 4,550 without, but in spells of tens of seconds the two-thread
 * step fell to about 2,900 (12 of 52 JMH forks on one day, in runs of consecutive forks), while
 * the helper, spinning between its tasks, slowed the caller's own products too. Which way is
 * faster is a property of the host at the moment, so it is measured, and measured again.
 *
 * <p>The schedule: {@value #PROBE_STEPS} timed steps with the second core, then as many with its
 * helper parked (each after one untimed step, which may wake or settle the helper); the faster
 * median wins for the next {@value #STEPS_BETWEEN_PROBES} steps; then it probes again. A probe
 * runs at most 17 of every 2,082 steps in the slower mode.
 */
public final class AdaptiveSecondCore {
    static final int PROBE_STEPS = 16;
    static final int STEPS_BETWEEN_PROBES = 2048;

    private enum Phase { PROBE_WITH, PROBE_WITHOUT, CHOSEN }

    private final SecondCore core;
    private final long[] withCore = new long[PROBE_STEPS];
    private final long[] withoutCore = new long[PROBE_STEPS];
    private Phase phase = Phase.PROBE_WITH;
    /** Steps taken in the current phase, the untimed first one included. */
    private int stepsInPhase;

    public AdaptiveSecondCore(SecondCore core) {
        this.core = core;
        core.resume();
    }

    /**
     * One training step of {@code rows} rows through {@code plan}, with the second core or without
     * as last measured; {@code timed} false leaves it out of the comparison (a short last batch
     * would bias it). Returns the step's loss.
     */
    public double trainingStep(Plan plan, int rows, boolean timed) {
        long start = System.nanoTime();
        double loss = plan.trainingStep(rows, forNextStep());
        if (timed) {
            stepTook(System.nanoTime() - start);
        }
        return loss;
    }

    /** The second core for the next step, or null for one thread (its helper then parked). */
    SecondCore forNextStep() {
        return core.isPaused() ? null : core;
    }

    /** Records the wall time of the step just taken with {@link #forNextStep}'s answer. */
    void stepTook(long nanos) {
        stepsInPhase++;
        switch (phase) {
            case PROBE_WITH -> {
                if (stepsInPhase > 1) {
                    withCore[stepsInPhase - 2] = nanos;
                }
                if (stepsInPhase == PROBE_STEPS + 1) {
                    enter(Phase.PROBE_WITHOUT);
                    core.pause();
                }
            }
            case PROBE_WITHOUT -> {
                if (stepsInPhase > 1) {
                    withoutCore[stepsInPhase - 2] = nanos;
                }
                if (stepsInPhase == PROBE_STEPS + 1) {
                    enter(Phase.CHOSEN);
                    if (median(withCore) < median(withoutCore)) {
                        core.resume();
                    }
                }
            }
            case CHOSEN -> {
                if (stepsInPhase == STEPS_BETWEEN_PROBES) {
                    enter(Phase.PROBE_WITH);
                    core.resume();
                }
            }
        }
    }

    /** Whether the last probe chose the second core. */
    boolean usingSecondCore() {
        return !core.isPaused();
    }

    private void enter(Phase next) {
        phase = next;
        stepsInPhase = 0;
    }

    /** The median of the times, sorting them in place (they are refilled before the next use). */
    private static long median(long[] times) {
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
