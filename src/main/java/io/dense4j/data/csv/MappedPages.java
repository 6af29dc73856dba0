package io.dense4j.data.csv;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A mapped file's pages that are gone: a cache truncated or replaced by another program while it
 * was mapped, or a disk that failed under it. The JVM reports a read of such a page as an
 * {@code InternalError}, raised at a later point of the reading thread rather than where the page
 * was read, so the files this process has mapped are kept here for the message to name them.
 */
public final class MappedPages {
    /** The caches mapped by this process: a handful per run, each named once however often it is mapped. */
    private static final Set<Path> MAPPED = ConcurrentHashMap.newKeySet();

    private MappedPages() {
    }

    /** Notes that {@code file} is being mapped. */
    static void mapping(Path file) {
        MAPPED.add(file);
    }

    /** Whether {@code fault} is the JVM's error for a read of a mapped page that is gone. */
    public static boolean lost(InternalError fault) {
        return fault.getMessage() != null && fault.getMessage().contains("unsafe memory access");
    }

    /** What to say of such a fault: the files it may have come from, and what to do. */
    public static String problem() {
        return problem(MAPPED);
    }

    /** The caches this process has mapped. */
    static Set<Path> mapped() {
        return Set.copyOf(MAPPED);
    }

    static String problem(Collection<Path> mapped) {
        List<String> files = mapped.stream().map(Path::toString).sorted().toList();
        String which = files.isEmpty() ? "a file read through memory mapping"
                : files.size() == 1 ? "the cache " + files.get(0)
                : files.size() <= 3 ? "one of the caches " + String.join(", ", files)
                : "one of " + files.size() + " caches, such as " + String.join(", ", files.subList(0, 3));
        return which + " was cut short while it was read (another program truncated or replaced it, or its disk failed); run the "
                + "command again, and a cache is built again if it changed";
    }
}
