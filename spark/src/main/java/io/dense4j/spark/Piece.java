package io.dense4j.spark;

import java.io.Serializable;

/**
 * One piece of a CSV file, read by one Spark task: the lines that start in (start, start + length]
 * of the file, and the first line too for the piece at byte 0 (Hadoop's rule for text splits, so
 * every line belongs to exactly one piece).
 *
 * @param index     the piece's place among all pieces, in file and byte order (its partition)
 * @param uri       the file, as Hadoop names it
 * @param name      the file as messages name it (a local path for file: URIs)
 * @param firstLine the file's first line (the header, or the first data row), which lays out a later piece's rows
 * @param splittable false for a compressed file, read whole from its start by one piece
 * @param fileLength       the file's size when training began
 * @param fileModified     the file's modification time then: a piece read again (a lost block
 *                         recomputed) must find the same file
 */
record Piece(int index, String uri, String name, long start, long length, byte[] firstLine, boolean splittable,
             long fileLength, long fileModified) implements Serializable {

    long end() {
        return start + length;
    }
}
