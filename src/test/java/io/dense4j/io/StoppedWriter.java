package io.dense4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * For tests: another process stopped by SIGTERM (as Ctrl-C or a job scheduler stops one) while it
 * writes a file through {@link AtomicFiles#write}. Its main writes a byte, says "writing", and
 * waits for a signal.
 */
public final class StoppedWriter {
    private StoppedWriter() {
    }

    /** Starts a JVM writing {@code file}, sends it SIGTERM once it is mid-write, and returns its exit code. */
    public static int stopMidWrite(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ChildJvm.command(List.of(), StoppedWriter.class, file.toString())).redirectErrorStream(true)
                .start();
        String said = new String(process.getInputStream().readNBytes(7));
        if (!said.equals("writing")) {
            process.destroyForcibly();
            throw new IOException("the writer said \"" + said + "\"");
        }
        process.destroy(); // SIGTERM
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the writer did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    public static void main(String[] args) throws IOException {
        AtomicFiles.write(Path.of(args[0]), out -> {
            out.write('n');
            out.flush();
            System.out.print("writing");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
