package io.dense4j.optim;

import io.dense4j.tensor.NativeArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an update's arrays into pieces for a {@link TaskRunner}: pieces of {@link #SIZE} elements,
 * the last one shorter, cut by the length alone so that the same arrays are cut the same way on
 * any number of threads. Each piece starts a multiple of 64 elements from its stretch's start, so
 * a BLAS kernel's blocks fall where they fall in one call over the whole stretch.
 */
final class UpdatePieces {
    /**
     * Elements per piece: 64 KB of float32 (128 KB of float64) per array, small enough that
     * W-MLP's 91,905 parameters make 6 pieces for the threads to share, large enough that a
     * piece's call costs far more than handing it to a thread.
     */
    static final int SIZE = 16_384;

    private UpdatePieces() {
    }

    /**
     * Elements [from, to) of every array in {@code arrays} (all laid out alike), cut into pieces:
     * {@code result[i][a]} is piece i of array a.
     */
    static List<NativeArray[]> cut(long from, long to, NativeArray... arrays) {
        List<NativeArray[]> pieces = new ArrayList<>();
        for (long start = from; start < to; start += SIZE) {
            int size = (int) Math.min(SIZE, to - start);
            NativeArray[] piece = new NativeArray[arrays.length];
            for (int a = 0; a < arrays.length; a++) {
                piece[a] = arrays[a].slice(start, size);
            }
            pieces.add(piece);
        }
        return pieces;
    }
}
