package io.dense4j.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * For tests: another process writing a file, as a writer in another container would. Locks the
 * file named by its argument, says "locked", and holds the lock until its input closes.
 */
public final class LockHolder implements AutoCloseable {
    private final Process process;

    private LockHolder(Process process) {
        this.process = process;
    }

    /** Starts a JVM that locks {@code file}, and returns once it holds the lock. */
    public static LockHolder lock(Path file) throws IOException {
        Process process = new ProcessBuilder(ChildJvm.command(List.of(), LockHolder.class, file.toString())).redirectErrorStream(true)
                .start();
        String said = new String(process.getInputStream().readNBytes(6));
        if (!said.equals("locked")) {
            process.destroyForcibly();
            throw new IOException("the lock holder said \"" + said + "\"");
        }
        return new LockHolder(process);
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            process.waitFor();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            System.out.print("locked");
            System.out.flush();
            System.in.read(); // until the test closes our input
        }
    }
}
