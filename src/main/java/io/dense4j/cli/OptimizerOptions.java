package io.dense4j.cli;

import io.dense4j.optim.Adam;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.SGD;
import io.dense4j.train.Callback;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The optimizer and its learning rate as train and cv take them: kind, rate, momentum, Adam's constants, decay, clipping, schedule. */
final class OptimizerOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--lr", defaultValue = "0.1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd, momentum (0.9) or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--momentum", description = "SGD's momentum in [0, 1) (default: 0 for sgd, 0.9 for momentum).")
    Double momentum;

    @Option(names = "--nesterov", description = "Nesterov momentum, with --optimizer momentum or --momentum.")
    boolean nesterov;

    @Option(names = "--beta1", defaultValue = "0.9", description = "Adam's β1 (default: ${DEFAULT-VALUE}).")
    double beta1;

    @Option(names = "--beta2", defaultValue = "0.999", description = "Adam's β2 (default: ${DEFAULT-VALUE}).")
    double beta2;

    @Option(names = "--epsilon", defaultValue = "1e-7", description = "Adam's ε (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--weight-decay", description = "Decoupled weight decay on the Dense weights, with --optimizer adam "
            + "(AdamW); for SGD use --l2 (default: none).")
    Double weightDecay;

    @Option(names = "--clip-norm", description = "Scale each gradient down to this global L2 norm when it is longer (default: none).")
    Double clipNorm;

    @Option(names = "--lr-schedule", paramLabel = "SCHEDULE", description = "Change the learning rate as training goes: "
            + ScheduleOption.FORMS + " (plateau watches the validation loss if there is one; default: constant, the --lr "
            + "throughout).")
    String schedule;

    /** The optimizer the flags describe, checked. */
    Optimizer optimizer() {
        if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--lr must be positive, got " + learningRate);
        }
        String kind = optimizer.toLowerCase(Locale.ROOT);
        if (!kind.equals("sgd") && !kind.equals("momentum") && !kind.equals("adam")) {
            throw new ParameterException(spec.commandLine(), "--optimizer must be sgd, momentum or adam, got " + optimizer);
        }
        boolean adam = kind.equals("adam");
        if (adam && (momentum != null || nesterov)) {
            throw new ParameterException(spec.commandLine(), "--momentum and --nesterov are SGD's: Adam has --beta1");
        }
        if (!adam && weightDecay != null) {
            throw new ParameterException(spec.commandLine(), "--weight-decay is AdamW's (with --optimizer adam); "
                    + "for SGD, --l2 gives the same gradient");
        }
        var given = spec.commandLine().getParseResult();
        for (String flag : new String[] {"--beta1", "--beta2", "--epsilon"}) {
            if (!adam && given.hasMatchedOption(flag)) { // SGD would ignore it, silently
                throw new ParameterException(spec.commandLine(), flag + " is Adam's: give --optimizer adam, or leave it out");
            }
        }
        if (nesterov && !adam && momentum == null && !kind.equals("momentum")) {
            throw new ParameterException(spec.commandLine(), "--nesterov needs momentum: give --optimizer momentum, or --momentum M");
        }
        try {
            if (adam) {
                Adam chosen = new Adam(learningRate, beta1, beta2, epsilon);
                chosen = weightDecay == null ? chosen : chosen.withWeightDecay(weightDecay);
                return clipNorm == null ? chosen : chosen.withClipNorm(clipNorm);
            }
            double mu = momentum != null ? momentum : kind.equals("momentum") ? 0.9 : 0;
            SGD chosen = new SGD(learningRate, mu, nesterov);
            return clipNorm == null ? chosen : chosen.withClipNorm(clipNorm);
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "--optimizer " + kind + ": " + invalid.getMessage());
        }
    }

    /** --lr-schedule's callback, or null. */
    Callback schedule() {
        if (schedule == null) {
            return null;
        }
        try {
            Callback parsed = ScheduleOption.parse(schedule);
            if (parsed instanceof io.dense4j.train.LearningRateSchedule rates) {
                rates.checkBase(learningRate); // before the data is read, naming --lr
            }
            return parsed;
        } catch (IllegalArgumentException invalid) {
            String problem = invalid.getMessage();
            boolean aboutTheForm = problem.startsWith("is one of") || problem.startsWith("expects");
            throw new ParameterException(spec.commandLine(), "--lr-schedule" + (aboutTheForm ? " " : ": ") + problem);
        }
    }
}
