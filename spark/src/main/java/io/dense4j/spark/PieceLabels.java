package io.dense4j.spark;

import io.dense4j.data.DataFileException;
import io.dense4j.data.csv.LabelMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The label names of all pieces judged in file order, as one reader judges them: each piece's names
 * in its first-seen order, each new name accepted while fewer than two are and it goes with them,
 * else rejected for good (a third class, or names that do not go together). Without skipping bad
 * rows, the first rejection, or a piece's own problem, stops here with its line, whichever comes
 * first in the files; with skipping, a rejected name's rows become skipped rows.
 */
final class PieceLabels {
    private final List<String> classes;
    /** Whether each judged name was accepted. */
    private final Map<String, Boolean> judged;
    /** Per piece: its provisional class (the index of its label name) → the class, −1 for a rejected name. */
    private final byte[][] classOf;

    /**
     * @param linesBefore the lines of a piece's file before its first line, read only when a
     *                    message names a line
     */
    PieceLabels(SparkCsvSource source, List<RowBlock.PieceSummary> pieces, ToLongFunction<RowBlock.PieceSummary> linesBefore) {
        List<String> accepted = new ArrayList<>();
        judged = new HashMap<>();
        for (RowBlock.PieceSummary piece : pieces) {
            for (int k = 0; k < piece.labelNames().size(); k++) {
                String name = piece.labelNames().get(k);
                if (piece.firstLabelLine(k) < 0 || judged.containsKey(name)) {
                    continue; // a name without good rows (its rows were skipped), or one already judged
                }
                if (LabelMapping.indexOfSameValue(accepted, name) >= 0) {
                    judged.put(name, true); // another spelling of a class accepted ("0.0" after "0"), as one machine reads it
                    continue;
                }
                String problem = accepted.size() == 2
                        ? "label \"" + name + "\" is a third class; the labels so far are \"" + accepted.get(0) + "\" and \""
                        + accepted.get(1) + "\"" + io.dense4j.data.csv.LabelMapping.caseHint(name, accepted)
                        : LabelMapping.restore(with(accepted, name)).problem();
                problem = problem == null ? null : problem + source.format().labelChoiceNote(); // as one reader says it
                judged.put(name, problem == null);
                if (problem == null) {
                    accepted.add(name);
                } else if (!source.skipBadRows()) {
                    throw labelProblem(source, piece, k, problem, linesBefore.applyAsLong(piece));
                }
            }
            if (piece.problem() != null) {
                throw piece.problem().afterLines(linesBefore.applyAsLong(piece)); // its rows before the problem were judged above
            }
        }
        if (accepted.size() < 2) {
            throw new DataFileException(Path.of(source.path()), "has only one label value (" + (accepted.isEmpty() ? "none"
                    : "\"" + io.dense4j.data.Printable.whole(accepted.get(0)) + "\"") + ") in its label column; a binary classifier needs two",
                    null);
        }
        List<String> ordered = List.of(LabelMapping.restore(accepted).classes());
        classes = source.positive() == null ? ordered : LabelMapping.withPositive(ordered, source.positive());
        classOf = new byte[pieces.size()][];
        for (RowBlock.PieceSummary piece : pieces) {
            byte[] map = new byte[Math.max(2, piece.labelNames().size())];
            for (int k = 0; k < piece.labelNames().size(); k++) {
                String name = piece.labelNames().get(k);
                map[k] = (byte) (Boolean.TRUE.equals(judged.get(name)) ? LabelMapping.indexOfSameValue(classes, name) : -1);
            }
            classOf[piece.piece()] = map;
        }
    }

    private static List<String> with(List<String> names, String name) {
        List<String> all = new ArrayList<>(names);
        all.add(name);
        return all;
    }

    private static DataFileException labelProblem(SparkCsvSource source, RowBlock.PieceSummary piece, int name, String problem,
                                                  long linesBefore) {
        long line = piece.firstLabelLine(name) + linesBefore;
        int labelColumn = source.format().labelName() != null ? source.columns().indexOf(source.format().labelName())
                : source.format().labelIndex() < 0 ? source.columns().size() - 1 : source.format().labelIndex();
        return new DataFileException(Path.of(piece.file()), line, labelColumn + 1,
                source.format().header() ? source.columns().get(labelColumn) : null, problem);
    }

    /** The two class names: class 0's, then class 1's. */
    List<String> classes() {
        return classes;
    }

    /** Per piece, its provisional class → the class, −1 for a rejected name. */
    byte[][] classOf() {
        return classOf;
    }

    /** The rows of {@code piece} whose label name was rejected. */
    long rejectedRows(RowBlock.PieceSummary piece) {
        long rows = 0;
        for (int k = 0; k < piece.labelNames().size(); k++) {
            if (!judged.getOrDefault(piece.labelNames().get(k), true)) {
                rows += piece.labelCounts().get(k);
            }
        }
        return rows;
    }

    /** The lines of each rejected name's first rows in {@code piece}, counted within the piece. */
    List<Long> rejectedLines(RowBlock.PieceSummary piece) {
        List<Long> lines = new ArrayList<>();
        for (int k = 0; k < piece.labelNames().size(); k++) {
            if (!judged.getOrDefault(piece.labelNames().get(k), true)) {
                lines.addAll(piece.labelLines().get(k));
            }
        }
        return lines;
    }
}
