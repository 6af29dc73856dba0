package io.dense4j.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why an input or output failed, in words, for a message that names the file itself. Java's
 * {@code FileSystemException}s carry the path as their whole message and the system's reason
 * apart, often none ({@code AccessDeniedException: /data/x.csv}), so the message alone would
 * repeat the path and say nothing of why.
 */
public final class IoReason {
    private IoReason() {
    }

    /** The reason {@code failed} gives, or the one its kind says: "access denied", "no such file or folder". */
    public static String of(IOException failed) {
        if (failed instanceof WriteFailure named) {
            return named.reason();
        }
        if (failed instanceof FileSystemException system) {
            if (system.getReason() != null && !system.getReason().isBlank()) {
                return system.getReason();
            }
            if (failed instanceof AccessDeniedException) {
                return "access denied";
            }
            if (failed instanceof NoSuchFileException) {
                return "no such file or folder";
            }
            if (failed instanceof NotDirectoryException) {
                return "not a folder";
            }
            if (failed instanceof FileAlreadyExistsException) {
                return "it already exists";
            }
            if (failed instanceof DirectoryNotEmptyException) {
                return "the folder is not empty";
            }
            return "the system refused it (" + failed.getClass().getSimpleName() + ")";
        }
        return failed.getMessage() != null && !failed.getMessage().isBlank() ? failed.getMessage() : failed.getClass().getSimpleName();
    }
}
