package io.dense4j.data.csv;

import io.dense4j.io.AtomicFiles;
import io.dense4j.io.IoReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** Writes a {@link CsvCache}'s rows under a temporary name; {@link #finish} moves the complete file into place. */
final class CsvCacheWriter implements CsvReader.RowHandler, AutoCloseable {
    private final Path cache;
    private final Path partial;
    private final FileChannel channel;
    private final ByteBuffer bytes = ByteBuffer.allocateDirect(4 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private final FloatBuffer floats = bytes.asFloatBuffer();
    private final boolean weighted;
    private boolean finished;

    /** The folders whose caches' abandoned temporary files this process has deleted. */
    private static final java.util.Set<Path> SWEPT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param weighted whether each row's weight is cached after its label */
    CsvCacheWriter(Path cache, boolean weighted) {
        this(cache, 0, weighted);
    }

    /** A writer of part {@code part} of a cache read in parts; part 0 is the one {@link #finish}ed. */
    CsvCacheWriter(Path cache, int part, boolean weighted) {
        this.cache = cache;
        this.weighted = weighted;
        Path made = null;
        FileChannel opened = null;
        try {
            Path folder = Files.createDirectories(cache.toAbsolutePath().normalize().getParent());
            if (SWEPT.add(folder)) { // once a process: a folder of 5,000 files was read again for each of their caches
                AtomicFiles.deleteAbandonedOfAnyName(folder, CsvCache.SUFFIX + CsvCache.PARTIAL, "-[0-9]+"); // "-" + part
            }
            // unique per writer: two builds of one cache (threads, processes) never share a file
            made = AtomicFiles.newHeldTemporary(folder, cache.getFileName() + CsvCache.PARTIAL, "-" + part);
            opened = FileChannel.open(made, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ, StandardOpenOption.WRITE); // read too: a part may be appended with labels swapped
            AtomicFiles.lockForWriting(opened, made); // until closed: what tells a cleaner this writer is alive
        } catch (IOException failed) {
            abandon(made, opened); // nothing of a writer that never began is left: its file, its channel, its hold
            throw new CsvCache.CannotWrite("cannot write the cache " + cache + ": " + IoReason.of(failed), failed);
        }
        this.partial = made;
        this.channel = opened;
    }

    /** Closes {@code channel} and deletes {@code partial}, as far as they were made, and lets it go. */
    private static void abandon(Path partial, FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
        } catch (IOException ignored) {
            // the partial file has a name no reader uses; a later build removes it
        } finally {
            if (partial != null) {
                AtomicFiles.released(partial);
            }
        }
    }

    @Override
    public void row(long line, float[] features, int provisionalClass, float weight) {
        if (floats.remaining() < features.length + 2) {
            flush();
        }
        floats.put(features).put(provisionalClass);
        if (weighted) {
            floats.put(weight);
        }
    }

    /**
     * Appends the rows {@code part} wrote, then deletes its file. With {@code flipLabels}, each
     * row's provisional class is swapped on the way (the part saw the two labels in the other
     * order); the categorical cells at {@code places} are renumbered through {@code renumber}
     * (the part numbered its values in its own first-seen order; null or empty for none).
     */
    void append(CsvCacheWriter part, int width, boolean flipLabels, int[] places, int[][] renumber) {
        flush();
        part.flush();
        boolean renumbering = places != null && places.length > 0;
        try {
            long size = part.channel.size();
            if (!flipLabels && !renumbering) {
                for (long copied = 0; copied < size; ) {
                    copied += part.channel.transferTo(copied, size - copied, channel);
                }
            } else {
                int rowFloats = CsvCache.rowFloats(width, weighted);
                int rowsPerRead = Math.max(1, bytes.capacity() / (rowFloats * Float.BYTES));
                for (long at = 0; at < size; ) {
                    bytes.clear().limit((int) Math.min((long) rowsPerRead * rowFloats * Float.BYTES, size - at));
                    while (bytes.hasRemaining()) {
                        at += part.channel.read(bytes, at);
                    }
                    for (int row = 0; row < bytes.position() / Float.BYTES; row += rowFloats) {
                        if (flipLabels) {
                            floats.put(row + width, 1 - floats.get(row + width));
                        }
                        for (int c = 0; renumbering && c < places.length; c++) {
                            float read = floats.get(row + places[c]);
                            if (read >= 0) { // not NaN (missing) nor −1 (past the dictionary's bound)
                                floats.put(row + places[c], renumber[c][(int) read]);
                            }
                        }
                    }
                    bytes.flip();
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
                bytes.clear();
                floats.clear();
            }
        } catch (IOException failed) {
            throw new CsvCache.CannotWrite("cannot write the cache " + partial + ": " + IoReason.of(failed), failed);
        } finally {
            part.close();
        }
    }

    /**
     * Appends the metadata and footer, forces it to disk, renames it into place, and returns it
     * opened: mapped through this writer's own file, whatever another process renames to the
     * cache's path afterwards.
     */
    CsvCache.Opened finish(CsvCache.Metadata metadata) {
        try {
            flush();
            channel.force(false);
            byte[] text = CsvCache.JSON.writeValueAsBytes(metadata.withRowsCrc32c(CsvCache.rowsCrc32c(channel, channel.size())));
            CRC32C textCrc = new CRC32C();
            textCrc.update(text);
            ByteBuffer tail = ByteBuffer.allocate(text.length + CsvCache.FOOTER).order(ByteOrder.LITTLE_ENDIAN);
            tail.put(text).putLong(text.length).putLong(textCrc.getValue()).putLong(CsvCache.MAGIC).flip();
            while (tail.hasRemaining()) {
                channel.write(tail);
            }
            channel.force(true);
            // before the rename: a failure leaves no cache
            CsvCache.Opened opened = new CsvCache.Opened(metadata, CsvCache.map(channel, metadata, cache));
            AtomicFiles.publish(partial, cache); // still locked: no cleaner takes it on the way
            finished = true;
            channel.close();
            AtomicFiles.released(partial);
            return opened;
        } catch (IOException failed) {
            throw new CsvCache.CannotWrite("cannot write the cache " + cache + ": " + IoReason.of(failed), failed);
        }
    }

    private void flush() {
        bytes.limit(floats.position() * Float.BYTES).position(0);
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException failed) {
            throw new CsvCache.CannotWrite("cannot write the cache " + partial + ": " + IoReason.of(failed), failed);
        }
        bytes.clear();
        floats.clear();
    }

    /** Without {@link #finish}: removes the partial file (a failed read leaves no cache). */
    @Override
    public void close() {
        if (!finished) {
            abandon(partial, channel);
        }
    }
}
