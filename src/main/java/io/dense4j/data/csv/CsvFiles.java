package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import io.dense4j.io.IoReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The CSV files one data set is split into, read as one table in name order: one file, a folder,
 * or a glob such as {@code data/part-*.csv}. As Hadoop and Spark read a folder, its files whose
 * names start with "." or "_" (such as {@code _SUCCESS}) are left out, and so are dense4j's caches.
 *
 * @param name  what was asked for: the file, folder or glob, for messages and model files
 * @param paths the files, in name order; at least one
 */
public record CsvFiles(String name, List<Path> paths) {
    private static final String GLOB_CHARACTERS = "*?[{";

    public CsvFiles {
        Objects.requireNonNull(name, "name");
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException(name + " names no file");
        }
    }

    /** The one file {@code file}. */
    public static CsvFiles of(Path file) {
        return new CsvFiles(file.toString(), List.of(file));
    }

    /**
     * The files {@code pathFolderOrGlob} names: a file (which need not exist yet: reading it says
     * so), a folder's files, or the files a glob matches ({@code *}, {@code ?}, {@code [...]},
     * {@code {a,b}}, in any part of the path; {@code *} stays within one folder). A file or folder
     * that exists under the name as written is that file or folder, wildcards or not.
     */
    public static CsvFiles of(String pathFolderOrGlob) {
        Path given = Path.of(pathFolderOrGlob);
        if (!isGlob(pathFolderOrGlob)) {
            if (!Files.isDirectory(given)) {
                return of(given);
            }
            List<Path> files = listed(given, 1, path -> true, given);
            if (files.isEmpty()) {
                throw new DataFileException(given, "holds no data file" + subfolderHint(given), null);
            }
            return new CsvFiles(pathFolderOrGlob, files);
        }
        Path base = literalPrefix(given);
        Path pattern = base.relativize(given);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.toString().replace("\\", "\\\\"));
        List<Path> matched = Files.isDirectory(base) ? listed(base, pattern.getNameCount(),
                path -> matcher.matches(base.relativize(path)), given) : List.of();
        if (matched.isEmpty()) {
            throw new DataFileException(given, "matches no file", null);
        }
        return new CsvFiles(pathFolderOrGlob, matched);
    }

    /**
     * Whether {@code pathFolderOrGlob} is read as a glob: it holds a wildcard and names no file or
     * folder as written. A file called {@code loans[1].csv} is that file, not {@code loans1.csv}.
     */
    public static boolean isGlob(String pathFolderOrGlob) {
        return pathFolderOrGlob.chars().anyMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0) && !Files.exists(Path.of(pathFolderOrGlob));
    }

    /** For a folder with no data file of its own: that its subfolders, if it has any, are not read, and how to read them. */
    private static String subfolderHint(Path folder) {
        try (Stream<Path> inside = Files.list(folder)) {
            return inside.anyMatch(Files::isDirectory) ? " of its own; its subfolders are not read: give one, or a glob of their files such as "
                    + "'" + folder.resolve("*").resolve("*.csv") + "'" : "";
        } catch (IOException | UncheckedIOException unlisted) {
            return "";
        }
    }

    /** The folder the glob's first wildcard part sits in (the working folder for a relative glob that starts with one). */
    private static Path literalPrefix(Path glob) {
        Path prefix = glob.getRoot();
        for (Path part : glob) {
            if (part.toString().chars().anyMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0)) {
                break;
            }
            prefix = prefix == null ? part : prefix.resolve(part);
        }
        return prefix == null ? Path.of("") : prefix;
    }

    private static List<Path> listed(Path folder, int depth, java.util.function.Predicate<Path> wanted, Path given) {
        Path start = folder.toString().isEmpty() ? Path.of(".") : folder;
        try {
            // a folder given as a link to one is walked through the link, as Spark reads it; links to folders below it are
            // not followed (one may loop, or name a file read already), and a link to a file is a file to read
            Path walked = Files.isSymbolicLink(start) ? start.toRealPath() : start;
            try (Stream<Path> found = Files.find(walked, depth, (path, attributes) -> (attributes.isRegularFile()
                    || attributes.isSymbolicLink() && Files.isRegularFile(path)) && walked.relativize(path).getNameCount() == depth)) {
                return found.map(path -> start.resolve(walked.relativize(path)))
                        .map(path -> folder.toString().isEmpty() ? Path.of(".").relativize(path) : path)
                        .filter(CsvFiles::data).filter(wanted).sorted().toList();
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(given + ": cannot be listed: " + IoReason.of(failed), failed);
        } catch (UncheckedIOException failed) { // a subfolder that cannot be read, met while walking
            IOException cause = failed.getCause();
            String where = cause instanceof java.nio.file.FileSystemException inside && inside.getFile() != null ? inside.getFile() + ": " : "";
            throw new UncheckedIOException(given + ": cannot be listed: " + where + IoReason.of(cause), cause);
        }
    }

    /**
     * Whether a file found in a folder is data: not hidden, not a marker such as _SUCCESS, not one
     * of dense4j's caches, and not empty (0 bytes, as a job may leave an empty part: it holds no
     * header row to check, and no rows).
     */
    private static boolean data(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && !name.startsWith("_") && !name.contains(".dense4j-cache") && !empty(file);
    }

    private static boolean empty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException unreadable) {
            return false; // reading it will say what is wrong
        }
    }

    /** One file or several. */
    public boolean several() {
        return paths.size() > 1;
    }

    /**
     * How a model file names this data: the file's name; for several, the folder's or glob's last
     * part and how many files it held; for one file known by another name (standard input's
     * copy, named "standard input"), that name.
     */
    public String shortName() {
        if (!several()) {
            Path file = paths.get(0);
            boolean foundIn = name.equals(file.toString()) || isGlob(name) || Files.isDirectory(Path.of(name));
            return foundIn ? file.getFileName().toString() : name;
        }
        String last = name.replaceAll("[/\\\\]+$", "");
        last = last.substring(Math.max(last.lastIndexOf('/'), last.lastIndexOf('\\')) + 1);
        return last + " (" + paths.size() + " files)";
    }

    @Override
    public String toString() {
        return several() ? name + " (" + paths.size() + " files)" : name;
    }
}
