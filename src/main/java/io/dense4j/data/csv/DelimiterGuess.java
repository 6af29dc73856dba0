package io.dense4j.data.csv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The delimiter a file's first line says it has, when it is not the comma: a first line that the
 * comma cannot read as two fields or more (or as the columns a model asks for) but that
 * semicolons (spreadsheets where the comma is the decimal separator), tabs or bars cut into
 * fields. Quotes are followed as the reader follows them: a quote after blanks at a field's start
 * opens a field, which only the delimiter may follow once it closes, so {@code "Preis, EUR";Menge}
 * is no comma file. The second line, where there is one, must be cut alike: a comma header whose
 * rows the comma does not cut so gives way to a delimiter that cuts both alike.
 */
public final class DelimiterGuess {
    /** The delimiters tried besides the comma, the likeliest first, which wins a tie. */
    private static final char[] OTHERS = {';', '\t', '|'};

    private DelimiterGuess() {
    }

    /**
     * The delimiter a file's first non-blank {@code lines} ({@link FirstLines}; none for an empty
     * file) say it has: ',' unless another reads them and the comma does not. {@code commaAllowed}
     * is false when the comma is the decimal separator; {@code columns} are a model's, which a
     * comma line that names them all keeps.
     */
    public static char of(List<byte[]> lines, boolean commaAllowed, Set<String> columns) {
        return lines.isEmpty() ? ',' : of(lines.get(0), lines.size() > 1 ? lines.get(1) : null, commaAllowed, columns);
    }

    /** As above for a first line, and the second ({@code null} when not known). */
    public static char of(byte[] first, byte[] second, boolean commaAllowed, Set<String> columns) {
        for (byte b : first) {
            if (b == 0) {
                return ','; // UTF-16 or no text: the reader says what it is
            }
        }
        List<String> byComma = commaAllowed ? fields(first, ',') : null;
        if (byComma != null && !columns.isEmpty() && byComma.containsAll(columns)) {
            return ','; // the model's columns, by commas
        }
        boolean commaAlike = byComma != null && byComma.size() >= 2 && alike(byComma, second, ',');
        if (commaAlike) {
            return ',';
        }
        char best = byComma != null && byComma.size() >= 2 ? ',' : 0; // a comma line the second line does not bear out, for now
        int most = best == ',' ? byComma.size() : 1;
        boolean bestAlike = false;
        for (char other : OTHERS) {
            List<String> fields = fields(first, other);
            if (fields == null || fields.size() < 2) {
                continue;
            }
            boolean alike = alike(fields, second, other);
            if (alike && !bestAlike || alike == bestAlike && best != ',' && fields.size() > most) {
                best = other;
                most = fields.size();
                bestAlike = alike;
            }
        }
        return best == 0 ? ',' : best;
    }

    /** Whether {@code delimiter} cuts {@code second} (null: none known) into as many fields as the first line's {@code fields}. */
    private static boolean alike(List<String> fields, byte[] second, char delimiter) {
        if (second == null) {
            return true;
        }
        List<String> next = fields(second, delimiter);
        return next != null && next.size() == fields.size();
    }

    /**
     * The fields {@code delimiter} cuts {@code line} into, unquoted and without the blanks around
     * them, as the reader reads them; null when the reader could not read it so (text after a
     * quoted field, a quote left open).
     */
    public static List<String> fields(byte[] line, char delimiter) {
        List<String> fields = new ArrayList<>();
        int at = startsWithByteOrderMark(line) ? 3 : 0;
        while (true) {
            at = afterBlanks(line, at, delimiter);
            if (at < line.length && line[at] == '"') {
                ByteArrayOutputStream field = new ByteArrayOutputStream();
                int close = at + 1;
                while (true) {
                    if (close >= line.length) {
                        return null;
                    }
                    if (line[close] == '"') {
                        if (close + 1 < line.length && line[close + 1] == '"') {
                            field.write('"');
                            close += 2;
                            continue;
                        }
                        break;
                    }
                    field.write(line[close]);
                    close++;
                }
                at = afterBlanks(line, close + 1, delimiter);
                if (at < line.length && line[at] != delimiter) {
                    return null;
                }
                fields.add(field.toString(StandardCharsets.UTF_8));
            } else {
                int stop = at;
                while (stop < line.length && line[stop] != delimiter) {
                    stop++;
                }
                fields.add(new String(line, at, stop - at, StandardCharsets.UTF_8).strip());
                at = stop;
            }
            if (at >= line.length) {
                return fields;
            }
            at++; // past the delimiter
        }
    }

    private static int afterBlanks(byte[] line, int at, char delimiter) {
        while (at < line.length && (line[at] == ' ' || line[at] == '\t' && delimiter != '\t' || line[at] == '\r')) {
            at++;
        }
        return at;
    }

    private static boolean startsWithByteOrderMark(byte[] line) {
        return line.length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF;
    }
}
