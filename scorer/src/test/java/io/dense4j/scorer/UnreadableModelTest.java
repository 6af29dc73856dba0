package io.dense4j.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A model file that cannot be read says why, never its path twice. */
class UnreadableModelTest {
    private static final Path MODEL = Path.of("models", "m.zip");

    @Test
    void theReasonIsTheSystemsOrTheKindsInWords() {
        assertEquals(MODEL + ": cannot be read: access denied",
                ModelFormatException.unreadable(MODEL, new AccessDeniedException(MODEL.toString())).getMessage());
        assertEquals(MODEL + ": cannot be read: no such file or folder",
                ModelFormatException.unreadable(MODEL, new NoSuchFileException(MODEL.toString())).getMessage());
        assertEquals(MODEL + ": cannot be read: Input/output error",
                ModelFormatException.unreadable(MODEL, new FileSystemException(MODEL.toString(), null, "Input/output error")).getMessage());
        assertEquals(MODEL + ": cannot be read: Stream closed",
                ModelFormatException.unreadable(MODEL, new IOException("Stream closed")).getMessage());
    }
}
