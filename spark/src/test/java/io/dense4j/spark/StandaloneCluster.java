package io.dense4j.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Spark standalone cluster on loopback: a master and {@code workers} worker JVMs, each a
 * child process started from this JVM's (Maven's test) classpath. Spark's launcher builds executor
 * command lines from SPARK_HOME/jars, so SPARK_HOME is a folder whose jars/ links every jar on the
 * classpath. Workers listen on 127.0.0.1 only; closing stops every process started.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final long STARTUP_MILLIS = 120_000;

    private final Path home;
    private final List<Process> daemons = new ArrayList<>();
    private final String masterUrl;

    StandaloneCluster(Path home, int workers, int coresPerWorker, String memoryPerWorker) throws IOException, InterruptedException {
        this.home = home;
        linkClasspathJars(Files.createDirectories(home.resolve("jars")));
        try {
            start("master", List.of("-Dspark.master.rest.enabled=false", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
            masterUrl = awaitLog("master", Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)"));
            for (int i = 1; i <= workers; i++) {
                Path work = Files.createDirectories(home.resolve("work-" + i));
                start("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", masterUrl, "--host", "127.0.0.1",
                        "--port", "0", "--webui-port", "0", "--cores", String.valueOf(coresPerWorker),
                        "--memory", memoryPerWorker, "--work-dir", work.toString()));
            }
            for (int i = 1; i <= workers; i++) {
                awaitLog("worker-" + i, Pattern.compile("(Successfully registered with master)"));
            }
        } catch (IOException | InterruptedException | RuntimeException failed) {
            close();
            throw failed;
        }
    }

    /** spark://127.0.0.1:PORT */
    String masterUrl() {
        return masterUrl;
    }

    /** The executor processes now running: the workers' children. */
    List<ProcessHandle> executors() {
        List<ProcessHandle> executors = new ArrayList<>();
        for (Process daemon : daemons) {
            daemon.toHandle().children()
                    .filter(child -> child.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                    .forEach(executors::add);
        }
        return executors;
    }

    /** The log of a master or worker, for a failing test's message. */
    String log(String name) throws IOException {
        return Files.readString(home.resolve(name + ".log"));
    }

    private void linkClasspathJars(Path jars) throws IOException {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry).toAbsolutePath();
            if (Files.isRegularFile(jar) && jar.toString().endsWith(".jar")) {
                Path link = jars.resolve(jar.getFileName());
                if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    link = jars.resolve(Integer.toHexString(jar.toString().hashCode()) + "-" + jar.getFileName());
                }
                Files.createSymbolicLink(link, jar);
            }
        }
    }

    private void start(String name, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(home.resolve("jars") + File.separator + "*");
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("OMP_NUM_THREADS", "1"); // executors inherit it: one ND4J thread per task slot
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
        builder.environment().remove("SPARK_CONF_DIR");
        builder.redirectErrorStream(true);
        builder.redirectOutput(home.resolve(name + ".log").toFile());
        daemons.add(builder.start());
    }

    private String awaitLog(String name, Pattern pattern) throws IOException, InterruptedException {
        Path file = home.resolve(name + ".log");
        long deadline = System.currentTimeMillis() + STARTUP_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(file)) {
                Matcher found = pattern.matcher(Files.readString(file));
                if (found.find()) {
                    return found.group(1);
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " did not start in " + STARTUP_MILLIS / 1000 + " s:\n" + Files.readString(file));
    }

    /** Stops the workers (whose shutdown kills their executors) and the master; anything left is killed. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process daemon : daemons) {
            all.add(daemon.toHandle());
            daemon.toHandle().descendants().forEach(all::add);
        }
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).destroy();
        }
        for (ProcessHandle process : all) {
            try {
                process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                process.destroyForcibly();
            }
        }
    }
}
