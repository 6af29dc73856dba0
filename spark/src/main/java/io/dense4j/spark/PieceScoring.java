package io.dense4j.spark;

import io.dense4j.data.RowSelection;
import io.dense4j.data.csv.CategoryCodes;
import io.dense4j.model.Model;
import java.io.Serializable;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A model broadcast to the executors, with what a task needs to score it on one piece's rows: which
 * rows a selection picks there, and how the model codes and fills their cells. Destroyed once the
 * job that scores is done.
 */
record PieceScoring(Broadcast<byte[]> model, byte[][] classOf, long[] firstRows, long[][] ranksBefore, double[] fill,
                    CategoryCodes[] codes) implements Serializable {

    static PieceScoring of(JavaSparkContext context, SparkCsvData data, Model model) {
        return new PieceScoring(context.broadcast(model.toBytes()), data.classOf(), data.firstRows(), data.ranksBefore(),
                model.inputSchema() == null ? null : model.inputSchema().fillValues(),
                data.codes(model.inputSchema() == null ? Map.of() : model.inputSchema().categories()));
    }

    /** The local numbers of the rows of {@code block} that {@code selection} picks. */
    int[] selected(RowBlock block, RowSelection selection) {
        return block.selectedRows(selection, firstRows[block.piece], ranksBefore[block.piece], classOf[block.piece]);
    }

    /** As {@link #selected}, kept with the block between calls: for the training rows, which every round reads. */
    int[] cached(RowBlock block, RowSelection selection) {
        return block.cachedRows(selection, firstRows[block.piece], ranksBefore[block.piece], classOf[block.piece]);
    }

    /** The model, read on this executor. */
    Model copy() {
        return Model.fromBytes(model.value(), "the broadcast model");
    }

    /** Rows {@code rows} of {@code block}, in that order, coded and filled as the model reads them. */
    BlockRows rows(RowBlock block, int[] rows) {
        return new BlockRows(block, rows, 0, rows.length, classOf[block.piece], fill, codes[block.piece]);
    }

    void destroy() {
        model.destroy();
    }
}
