import org.bytedeco.javacpp.*;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.bytedeco.openblas.global.openblas_nolapack;

public class Acc {
    public static void main(String[] a) {
        int units = 256, rows = 256, cols = 10, per = Integer.parseInt(a[0]), slots = per * cols;
        INDArray w = Nd4j.rand(DataType.FLOAT, slots, units);
        INDArray out = Nd4j.zeros(DataType.FLOAT, rows, units);
        INDArray out2 = Nd4j.zeros(DataType.FLOAT, rows, units);
        INDArray rowShape = Nd4j.zeros(DataType.FLOAT, units);
        LongPointer zShape = (LongPointer) rowShape.shapeInfoDataBuffer().addressPointer();
        long wAddr = w.data().addressPointer().address(), oAddr = out.data().addressPointer().address();
        java.util.Random r = new java.util.Random(1);
        int[] slotRows = new int[rows * cols];
        for (int i = 0; i < slotRows.length; i++) slotRows[i] = (i % cols) * per + r.nextInt(per);
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        PointerPointer xs = new PointerPointer(cols); PointerPointer extras = new PointerPointer(16);
        LongPointer xAddr = new LongPointer(xs);
        Pointer z = new Pointer();
        FloatPointer zf = new FloatPointer(out.data().addressPointer());
        FloatPointer sp = new FloatPointer(w.data().addressPointer()), tp = new FloatPointer(out2.data().addressPointer());
        for (int row = 0; row < rows; row++) { // one pass each, then the two outputs compared
            for (int c = 0; c < cols; c++) xAddr.put(c, wAddr + 4L * slotRows[row * cols + c] * units);
            ops.accumulate(extras, xs, zShape, xs, zShape, zf.position((long) row * units * 4), zShape, zf, zShape, cols, units); // a void* argument: its position counts bytes
        }
        for (int row = 0, at = 0; row < rows; row++)
            for (int c = 0; c < cols; c++, at++)
                openblas_nolapack.cblas_saxpy(units, 1f, sp.position((long) slotRows[at] * units), 1, tp.position((long) row * units), 1);
        System.out.println("one pass each: max abs difference " + out.sub(out2).amaxNumber() + ", e.g. " + out.getFloat(3, 7) + " and " + out2.getFloat(3, 7));
        for (int round = 0; round < 6; round++) {
            int reps = 2000;
            long t0 = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                for (int row = 0; row < rows; row++) {
                    for (int c = 0; c < cols; c++) xAddr.put(c, wAddr + 4L * slotRows[row * cols + c] * units);
                    ops.accumulate(extras, xs, zShape, xs, zShape, zf.position((long) row * units * 4), zShape, zf, zShape, cols, units); // a void* argument: its position counts bytes
                }
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                for (int row = 0, at = 0; row < rows; row++)
                    for (int c = 0; c < cols; c++, at++)
                        openblas_nolapack.cblas_saxpy(units, 1f, sp.position((long) slotRows[at] * units), 1, tp.position((long) row * units), 1);
            }
            long t2 = System.nanoTime();
            System.out.printf("accumulate %.1f us/batch, axpy %.1f us/batch%n", (t1 - t0) / 1e3 / reps, (t2 - t1) / 1e3 / reps);
        }
    }
}
