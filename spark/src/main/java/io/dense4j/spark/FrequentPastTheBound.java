package io.dense4j.spark;

import io.dense4j.data.DataFileException;
import io.dense4j.data.csv.CsvReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.function.Function;

/**
 * Reads one whole file on one executor, in order, as one machine's first pass reads it, keeping no
 * row: for the values each categorical column's bound left out that surely hold more rows than
 * some value it numbered ({@link CsvReader.Summary#frequentPastTheBound}). Pieces read apart cannot
 * find them: which rows fall past the bound, and which of those the summary samples, follow from
 * one pass through the file. The driver then reads the file's pieces again reserving them, as one
 * machine reads such a file a second time. Costs a read of the file, and memory bounded as a
 * reader's dictionaries are.
 */
final class FrequentPastTheBound implements Function<Piece, HashMap<String, ArrayList<String>>> {
    private static final long serialVersionUID = 1L;

    private final CsvLayout layout;
    private final boolean skipBadRows;
    private final boolean allowMissing;
    private final Map<String, String> hadoopConfiguration;

    FrequentPastTheBound(CsvLayout layout, boolean skipBadRows, boolean allowMissing, Map<String, String> hadoopConfiguration) {
        this.layout = layout;
        this.skipBadRows = skipBadRows;
        this.allowMissing = allowMissing;
        this.hadoopConfiguration = hadoopConfiguration;
    }

    /** The one piece that reads the whole file {@code piece} is of, from its start. */
    static Piece wholeFileOf(Piece piece) {
        return new Piece(piece.index(), piece.uri(), piece.name(), 0, piece.fileLength(), piece.firstLine(), false, piece.fileLength(),
                piece.fileModified());
    }

    /** Per column that has any, the frequent values past its bound, in the order the summary found them. */
    @Override
    public HashMap<String, ArrayList<String>> call(Piece whole) throws IOException {
        CsvReader reader = PieceReader.readerOf(whole, layout, skipBadRows, allowMissing);
        CsvReader.Summary summary;
        try (PieceInput.LineRange in = PieceInput.open(whole, PieceInput.configuration(hadoopConfiguration))) {
            summary = reader.readPiece(in, null, (line, values, provisionalClass, weight) -> { });
        } catch (PieceInput.FileChangedException changed) { // its own words: no piece was lost
            throw new DataFileException(Path.of(whole.name()), "changed while training read it (its size or modification time is "
                    + "not what the first read found): leave the files as they are while training runs", null);
        }
        HashMap<String, ArrayList<String>> frequent = new HashMap<>(); // plain collections: any serializer copes
        summary.frequentPastTheBound().forEach((column, values) -> frequent.put(column, new ArrayList<>(values)));
        return frequent;
    }
}
