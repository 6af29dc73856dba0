package io.dense4j.scorer;

/**
 * The dense part of an {@link Network.Affine} step, x · W + b, for {@link #ROWS} rows at once, so
 * that each weight is read from memory once per block rather than once per row. On a JVM started
 * with {@code --add-modules jdk.incubator.vector}, {@code VectorBlockAffine} keeps the block's sums
 * in SIMD registers through the Vector API; elsewhere {@link TiledBlockAffine} takes the weights a
 * cache-sized tile at a time.
 */
interface BlockAffine {
    /** Rows per block. */
    int ROWS = 8;

    /**
     * Writes {@code in[r] · weights + bias} into {@code out[r]} for the block's rows: the step's
     * first {@link Network.Affine#inputs()} weight rows, without its category slots or activation.
     */
    void affine(Network.Affine step, float[][] in, float[][] out);

    /** The Vector API's implementation when this JVM has the module, else the tiled one. */
    static BlockAffine fastest() {
        BlockAffine vector = vectorApi();
        return vector != null ? vector : new TiledBlockAffine();
    }

    /** The Vector API's implementation when this JVM has the module, else null. */
    private static BlockAffine vectorApi() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try { // by name: this class must load on JVMs without the module
            return (BlockAffine) Class.forName("io.dense4j.scorer.VectorBlockAffine").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError unavailable) {
            return null;
        }
    }
}
