package io.dense4j.benchmarks;

/** JVM options shared by every benchmark's fork. */
public final class Jvm {
    /**
     * ND4J logs its backend and memory setup at INFO on every start; warnings are enough here. The
     * library's slf4j-simple binding reads this property.
     */
    public static final String QUIET_LOGS = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn";

    private Jvm() {
    }
}
