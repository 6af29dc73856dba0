package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** gzip known by its first two bytes, and read member after member. */
class GzipTest {

    @Test
    void theMagicNumberIsTheTwoBytesOneFEightB() {
        assertTrue(Gzip.starts(new byte[] {0x1F, (byte) 0x8B}));
        assertTrue(Gzip.starts(new byte[] {0x1F, (byte) 0x8B, 8, 0}));
        assertFalse(Gzip.starts(new byte[] {0x1F}), "one byte is not enough to tell");
        assertFalse(Gzip.starts(new byte[0]));
        assertFalse(Gzip.starts(new byte[] {(byte) 0x8B, 0x1F}), "the bytes in the other order");
        assertFalse(Gzip.starts("x,label\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aStreamIsLeftAtItsStartWhateverItHolds() throws IOException {
        byte[] text = "x,label\n1,0\n".getBytes(StandardCharsets.UTF_8);
        InputStream plain = new BufferedInputStream(new ByteArrayInputStream(text));
        assertFalse(Gzip.starts(plain));
        assertArrayEquals(text, plain.readAllBytes());

        byte[] packed = gzip(text);
        InputStream compressed = new BufferedInputStream(new ByteArrayInputStream(packed));
        assertTrue(Gzip.starts(compressed));
        assertArrayEquals(text, Gzip.members(compressed).readAllBytes());

        InputStream oneByte = new BufferedInputStream(new ByteArrayInputStream(new byte[] {0x1F}));
        assertFalse(Gzip.starts(oneByte));
        assertArrayEquals(new byte[] {0x1F}, oneByte.readAllBytes());
    }

    @Test
    void membersJoinedWithCatAreReadWholeAndBytesAfterThemAreAnError() throws IOException {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(gzip("x,label\n".getBytes(StandardCharsets.UTF_8)));
        joined.write(gzip("1,0\n".getBytes(StandardCharsets.UTF_8)));
        byte[] both = joined.toByteArray();
        assertArrayEquals("x,label\n1,0\n".getBytes(StandardCharsets.UTF_8),
                Gzip.members(new ByteArrayInputStream(both)).readAllBytes());

        joined.write("trailing".getBytes(StandardCharsets.UTF_8));
        InputStream withTrailing = Gzip.members(new ByteArrayInputStream(joined.toByteArray()));
        assertThrows(Gzip.Damaged.class, withTrailing::readAllBytes);
    }

    private static byte[] gzip(byte[] text) throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(packed)) {
            out.write(text);
        }
        return packed.toByteArray();
    }
}
