import java.nio.*;
import jdk.incubator.vector.*;
import org.bytedeco.javacpp.*;
import org.bytedeco.openblas.global.openblas_nolapack;

public class Probe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    public static void main(String[] a) {
        int units = 256, rows = 256, cols = 10, slots = Integer.parseInt(a[0]) * 10;
        FloatPointer w = new FloatPointer((long) slots * units);
        FloatPointer out = new FloatPointer((long) rows * units);
        ByteBuffer wb = w.asByteBuffer().order(ByteOrder.nativeOrder());
        ByteBuffer ob = out.asByteBuffer().order(ByteOrder.nativeOrder());
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < slots * units; i++) w.put(i, r.nextFloat());
        int[] slotRows = new int[rows * cols];
        for (int i = 0; i < slotRows.length; i++) slotRows[i] = (i % cols) * (slots / cols) + r.nextInt(slots / cols);
        FloatPointer sp = new FloatPointer(w), tp = new FloatPointer(out);
        { // one pass each from zero, compared: the vector gather adds what axpy adds
            FloatPointer check = new FloatPointer((long) rows * units);
            for (long i = 0; i < (long) rows * units; i++) { check.put(i, 0f); out.put(i, 0f); }
            FloatPointer cp = new FloatPointer(check);
            for (int row = 0, at = 0; row < rows; row++)
                for (int c = 0; c < cols; c++, at++)
                    openblas_nolapack.cblas_saxpy(units, 1f, sp.position((long) slotRows[at] * units), 1, cp.position((long) row * units), 1);
            vectorGather(wb, ob, slotRows, rows, cols, units);
            double most = 0;
            for (long i = 0; i < (long) rows * units; i++) most = Math.max(most, Math.abs(check.get(i) - out.get(i)));
            System.out.println("one pass each: max abs difference, vector gather against axpy: " + most);
        }
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            int reps = 2000;
            for (int k = 0; k < reps; k++) {
                for (int row = 0, at = 0; row < rows; row++)
                    for (int c = 0; c < cols; c++, at++)
                        openblas_nolapack.cblas_saxpy(units, 1f, sp.position((long) slotRows[at] * units), 1, tp.position((long) row * units), 1);
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < reps; k++) vectorGather(wb, ob, slotRows, rows, cols, units);
            long t2 = System.nanoTime();
            for (int k = 0; k < reps; k++) vectorScatter(ob, wb, slotRows, rows, cols, units);
            long t3 = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                for (int c = 0; c < cols; c++)
                    for (int row = 0; row < rows; row++)
                        openblas_nolapack.cblas_saxpy(units, 1f, sp.position((long) slotRows[row * cols + c] * units), 1, tp.position((long) row * units), 1);
            }
            long t4 = System.nanoTime();
            float[] wh = new float[slots * units], oh = new float[rows * units];
            long t5 = System.nanoTime();
            for (int k = 0; k < reps; k++) heapGather(wh, oh, slotRows, rows, cols, units);
            long t6 = System.nanoTime();
            long t7 = System.nanoTime();
            for (int k = 0; k < reps; k++) heapVector(wh, oh, slotRows, rows, cols, units);
            long t8 = System.nanoTime();
            System.out.printf("heap vector %.1f us/batch%n", (t8 - t7) / 1e3 / reps);
            System.out.printf("heap loop %.1f us/batch%n", (t6 - t5) / 1e3 / reps);
            System.out.printf("axpy by column %.1f us/batch%n", (t4 - t3) / 1e3 / reps);
            System.out.printf("axpy %.1f us/batch, vector gather %.1f us/batch, vector scatter %.1f us/batch (%d lanes)%n",
                (t1 - t0) / 1e3 / reps, (t2 - t1) / 1e3 / reps, (t3 - t2) / 1e3 / reps, S.length());
        }
    }
    static void heapGather(float[] w, float[] out, int[] slotRows, int rows, int cols, int units) {
        for (int row = 0, at = 0; row < rows; row++) {
            int o = row * units;
            for (int c = 0; c < cols; c++, at++) {
                int s = slotRows[at] * units;
                for (int j = 0; j < units; j++) out[o + j] += w[s + j];
            }
        }
    }
    static void heapVector(float[] w, float[] out, int[] slotRows, int rows, int cols, int units) {
        int step = S.length();
        for (int row = 0; row < rows; row++) {
            int base = row * cols;
            for (int j = 0; j < units; j += step) {
                int o = row * units + j;
                FloatVector acc = FloatVector.fromArray(S, out, o);
                for (int c = 0; c < cols; c++) acc = acc.add(FloatVector.fromArray(S, w, slotRows[base + c] * units + j));
                acc.intoArray(out, o);
            }
        }
    }
    static void vectorGather(ByteBuffer w, ByteBuffer out, int[] slotRows, int rows, int cols, int units) {
        int bytesPerRow = units * 4, step = S.length();
        for (int row = 0; row < rows; row++) {
            int base = row * cols;
            for (int j = 0; j < units; j += step) {
                int o = row * bytesPerRow + j * 4;
                FloatVector acc = FloatVector.fromByteBuffer(S, out, o, ByteOrder.nativeOrder());
                for (int c = 0; c < cols; c++) {
                    acc = acc.add(FloatVector.fromByteBuffer(S, w, slotRows[base + c] * bytesPerRow + j * 4, ByteOrder.nativeOrder()));
                }
                acc.intoByteBuffer(out, o, ByteOrder.nativeOrder());
            }
        }
    }
    static void vectorScatter(ByteBuffer g, ByteBuffer gw, int[] slotRows, int rows, int cols, int units) {
        int bytesPerRow = units * 4, step = S.length();
        for (int row = 0, at = 0; row < rows; row++) {
            for (int c = 0; c < cols; c++, at++) {
                int t = slotRows[at] * bytesPerRow;
                int s = row * bytesPerRow;
                for (int j = 0; j < bytesPerRow; j += step * 4) {
                    FloatVector.fromByteBuffer(S, gw, t + j, ByteOrder.nativeOrder())
                        .add(FloatVector.fromByteBuffer(S, g, s + j, ByteOrder.nativeOrder()))
                        .intoByteBuffer(gw, t + j, ByteOrder.nativeOrder());
                }
            }
        }
    }
}
