package io.dense4j.io;

import java.util.ArrayList;
import java.util.List;

/**
 * For tests that need another process: the command line of a JVM like this one (its java, its
 * class path) running a main class, with options of its own, or under a shell's limit.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** {@code java [options] -cp <this class path> main args}. */
    public static List<String> command(List<String> options, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code command} run by bash after {@code ulimit limit} (such as "-v 6000000"), which applies to it alone. */
    public static List<String> limited(String limit, List<String> command) {
        List<String> limited = new ArrayList<>(List.of("bash", "-c", "ulimit " + limit + " && exec \"$@\"", "limited"));
        limited.addAll(command);
        return limited;
    }
}
