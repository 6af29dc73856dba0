package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import io.dense4j.data.Printable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the error for a problem in the line being read: the file, the line, and for a cell its
 * column and header name, with the offending bytes quoted. Exists so that every part of the
 * reader names a problem's place the same way without knowing the file or the line count itself.
 * Only error paths call it, so it may allocate.
 */
final class CsvProblems {
    private final Path file;
    private final LineBuffer lines;
    /** The file's encoding, which its bytes were turned into UTF-8 from: a cell that is not UTF-8 had bytes it has no character for. */
    private final TextEncoding encoding;
    private List<String> columnNames; // the header's names, once known; null without a header
    /** What a pass reads: the end of it is where a quoted field that runs past it stops. */
    enum Input {
        WHOLE("the file"),
        /** A part read on a thread of its own, which its reader reads again when cut inside a row. */
        PART("this part of the file"),
        /** A Spark piece. */
        PIECE("this piece of the file: Spark reads a file in pieces cut at line ends, and --partitions 1 reads it whole, as a file "
                + "whose quoted fields hold line ends needs");

        private final String described;

        Input(String described) {
            this.described = described;
        }
    }

    private Input input = Input.WHOLE;

    CsvProblems(Path file, LineBuffer lines, TextEncoding encoding) {
        this.file = file;
        this.lines = lines;
        this.encoding = encoding;
    }

    /** Whether the header names column {@code column} (counting from 1) with an empty name. */
    boolean unnamed(int column) {
        return columnNames != null && columnNames.get(column - 1).isEmpty();
    }

    /** Whether the cell {@code bytes[from, to)} of column {@code column} (counting from 1) is the header's name for that column. */
    boolean headerName(int column, byte[] bytes, int from, int to) {
        return columnNames != null && !columnNames.get(column - 1).isEmpty()
                && columnNames.get(column - 1).equals(new String(bytes, from, to - from, StandardCharsets.UTF_8));
    }

    /**
     * The name a flag gives column {@code column} (counting from 1): the header's, or without a
     * header the name the reader gives it ({@code column 3}); null for an empty name in the header.
     */
    String flagName(int column) {
        if (columnNames == null) {
            return CsvFormat.nameWithoutHeader(column);
        }
        String name = columnNames.get(column - 1);
        return name.isEmpty() ? null : name;
    }

    /** From now on a cell's error names its column by {@code names} (the header's). */
    void nameColumns(List<String> names) {
        columnNames = names;
    }

    /** The pass reads {@code input}. */
    void reading(Input read) {
        input = read;
    }

    /** Whether the last problem built was of the row's shape (its fields or quotes), not of a value; cleared by asking. */
    private boolean misshapen;

    /** A problem with the row's fields: how many, or their quotes. */
    DataFileException misshapen(String problem) {
        misshapen = true;
        return row(problem);
    }

    /** A cell whose quotes do not close as a field's should. */
    DataFileException misshapenCell(int column, String problem) {
        misshapen = true;
        return cell(column, problem);
    }

    /** Whether the last problem was of the row's shape, which a quote missing its pair makes; asking clears it. */
    boolean tookMisshapen() {
        boolean was = misshapen;
        misshapen = false;
        return was;
    }

    /**
     * For a quoted field that holds line ends, {@code opened} and {@code closed} of them into its
     * row: where the quote closing it is, which a message quoting the text after it names. Counted
     * within the row, whose first line the message names: a part or a Spark piece counts its lines
     * from its own start, and only that first line is moved to the file's numbering.
     */
    String closedOn(int opened, int closed) {
        return closed == 0 ? "" : String.format(java.util.Locale.ROOT, ", on line %d of the row, where a quote closed the field opened "
                + "on its line %d (is a quote missing its pair there?)", closed + 1, opened + 1);
    }

    /** A problem with the whole row. */
    DataFileException row(String problem) {
        return new DataFileException(file, lines.line(), spanned(problem));
    }

    /** A bad cell, {@code column} counting from 1, named by its header when the file has one. */
    DataFileException cell(int column, String problem) {
        return cellOnItsLine(column, spanned(problem));
    }

    /** The error of cell {@code column} on the row's first line, named by its header when the file has one. */
    private DataFileException cellOnItsLine(int column, String problem) {
        String name = columnNames != null ? columnNames.get(column - 1) : null;
        // escaped as the Read line shows it: a header's escape sequence must not reach the terminal through an error
        return new DataFileException(file, lines.line(), column, name == null ? null : Printable.whole(name), problem);
    }

    /**
     * A quoted field in column {@code column} that no quote closes: before the input's end, within
     * the bytes a field of several lines may hold, or in a line read alone.
     */
    DataFileException unclosedQuote(int column) {
        misshapen = true;
        String missingItsPair = " (a quote missing its pair takes every line after it into the field)";
        String problem = lines.cutShort() ? String.format(java.util.Locale.ROOT, "a quoted field opens here and no quote closes it "
                + "within %,d bytes%s", LineBuffer.MOST_ROW_BYTES_OVER_LINES, missingItsPair)
                : !lines.openAtEnd() ? "a quoted field has no closing quote on its line"
                : input == Input.WHOLE ? "a quoted field opens here and no quote closes it before the end of the file" + missingItsPair
                : "a quoted field opens here and runs past the end of " + input.described;
        return cellOnItsLine(column, problem);
    }

    /** {@code problem}, saying which lines the row runs over when a quoted field in it holds line ends. */
    private String spanned(String problem) {
        long over = lines.lastLine() - lines.line() + 1; // a count, not line numbers: a piece's lines are numbered again later
        return over > 1 ? String.format(java.util.Locale.ROOT, "%s (the row runs over %,d lines from there, as a quoted field in it "
                + "holds line ends)", problem, over) : problem;
    }

    /** Strict UTF-8 (the file's text turned into it), for names and labels: a cell that is not is an error. */
    String decode(byte[] bytes, int from, int to, int column) {
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw notText(bytes, from, to, column);
        }
        // a NUL or a byte-order mark inside a text is a damaged file's, never a value's: it would become a category of its own
        // (other control characters are kept, and shown escaped)
        if (decoded.indexOf(0) >= 0 || decoded.indexOf(0xFEFF) >= 0) {
            throw cell(column, "\"" + text(bytes, from, to) + "\" holds a NUL byte or a byte-order mark inside its text: the file looks "
                    + "damaged, or is not plain text (if it is UTF-16, as Excel saves \"Unicode Text\", save it as UTF-8, for example "
                    + "with iconv -f utf-16 -t utf-8)");
        }
        return decoded;
    }

    /** Whether the cell {@code bytes[from, to)} is all ASCII, and so valid UTF-8 without decoding it. */
    static boolean ascii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the cell {@code bytes[from, to)} is valid UTF-8. */
    static boolean utf8(byte[] bytes, int from, int to) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, to - from));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    private static final String ANOTHER_ENCODING = " (is the file in another encoding?)";

    /** The error for a cell that is not valid UTF-8: how it may read, or the byte the file's encoding lacks. */
    DataFileException notText(byte[] bytes, int from, int to, int column) {
        return cell(column, encoding.isUtf8() ? "not valid UTF-8: \"" + text(bytes, from, to) + "\"" + notUtf8(bytes, from, to)
                : "\"" + text(bytes, from, to) + "\" " + noCharacter() + ANOTHER_ENCODING);
    }

    private String noCharacter() {
        return "holds a byte that is no character in " + encoding.name();
    }

    /** What a cell that is not valid UTF-8 is, after "which": not UTF-8 and what it may be, or a byte the file's encoding lacks. */
    String notText(byte[] bytes, int from, int to) {
        return encoding.isUtf8() ? "is not valid UTF-8" + notUtf8(bytes, from, to) : noCharacter() + ANOTHER_ENCODING;
    }

    /** For a cell that is not valid UTF-8, a message's ending: what the file may be, or that a byte is none of its encoding's. */
    String encodingHint(byte[] bytes, int from, int to) {
        return encoding.isUtf8() ? notUtf8(bytes, from, to) : " (it " + noCharacter() + ": is the file in another encoding?)";
    }

    /**
     * For a cell that is no UTF-8, what its file likely is and how to convert it: UTF-16 (Excel's
     * "Unicode Text", whose NUL bytes no text holds), or Windows-1252, the encoding Excel saves a
     * "CSV" in on Western systems, with the cell as it reads there; empty when it is neither.
     */
    static String notUtf8(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                return " (its NUL bytes say the file is UTF-16, as Excel saves \"Unicode Text\": save it as UTF-8, for example with "
                        + "iconv -f utf-16 -t utf-8)";
            }
        }
        String decoded;
        try {
            decoded = java.nio.charset.Charset.forName("windows-1252").newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException neither) {
            return "";
        }
        return " (read as Windows-1252, as Excel saves a CSV file on Western systems, it is \"" + Printable.of(decoded) + "\": if the "
                + "whole file is, give " + io.dense4j.data.Remedy.of("--encoding windows-1252", "CsvFormat.withEncoding(\"windows-1252\")")
                + ")";
    }

    /** The most bytes of a cell a message quotes: a 200 MB cell must not become a 200 MB message. */
    static final int QUOTED = Printable.QUOTED;

    /**
     * The bytes as text for a message: printable ASCII and printable UTF-8 characters ("Köln") as
     * they are, every other byte as a \xNN escape (bytes that are not UTF-8, control characters,
     * and the invisible ones: spaces other than ' ', format and bidirectional controls, so that a
     * message shows what the cell holds); at most {@link #QUOTED} bytes of them, then how many
     * there are in all.
     */
    static String text(byte[] bytes, int from, int to) {
        return Printable.text(bytes, from, to);
    }

    /** The bytes as {@link #text} shows them, however many there are. */
    static String escaped(byte[] bytes, int from, int to) {
        return Printable.escaped(bytes, from, to);
    }
}
