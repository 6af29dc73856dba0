package io.dense4j.data.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reading gzip data as people have it: several members one after another (bgzip, shards joined
 * with {@code cat}), each checked against its CRC-32 and size, and an error for anything after the
 * last one that is not a member. The JDK's {@code GZIPInputStream} ends quietly at a damaged
 * member or trailing bytes, which dropped every row after them, and at a member boundary that a
 * slow pipe had not yet delivered.
 */
public final class Gzip {

    private Gzip() {
    }

    /** The decompressed bytes of every member of {@code in}, which starts with gzip's magic number. */
    public static InputStream members(InputStream in) throws IOException {
        return new GzipCompressorInputStream(new BufferedInputStream(in, 1 << 16), true);
    }
}
