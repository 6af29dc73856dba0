package io.dense4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Text from a file as messages show it: seen as it is, or escaped by its UTF-8 bytes. */
class PrintableTest {
    @Test
    void whatCanBeSeenStaysAndTheRestIsEscaped() {
        assertEquals("Köln, 5 € ≥ 3…", Printable.whole("Köln, 5 € ≥ 3…"));
        assertEquals("q\\x0Ar\\x09s", Printable.whole("q\nr\ts"));
        assertEquals("yes\\xE2\\x80\\x8B", Printable.whole("yes\u200B"), "a zero-width space after yes");
        assertEquals("1\\xE2\\x80\\xAF500", Printable.whole("1\u202F500"), "a narrow no-break space");
        assertEquals("a\\xFFb", Printable.escaped(new byte[] {'a', (byte) 0xFF, 'b'}, 0, 3), "no UTF-8");
        assertEquals("q\\x0Ar", Printable.whole(Printable.whole("q\nr")), "escaped text is left as it is");
    }

    /** The count after a cut cell is grouped as everywhere in dense4j, not as the default locale would, whose space is escaped. */
    @Test
    void aLongCellIsCutAndCountedWhateverTheLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRANCE); // groups with U+202F, which a message escapes
            byte[] cell = "x".repeat(1_500).getBytes(StandardCharsets.UTF_8);
            assertEquals("x".repeat(Printable.QUOTED) + "… (1,500 bytes)", Printable.text(cell, 0, cell.length));
        } finally {
            Locale.setDefault(before);
        }
    }

    /** A cell's error names its column by the header's name, cut as a cell is: a header of a megabyte gives a line, not a page. */
    @Test
    void aLongColumnNameIsCutInACellsError() {
        String name = "n".repeat(1_000_000);
        DataFileException bad = new DataFileException(java.nio.file.Path.of("rows.csv"), 3, 2, name, "expected a number, got \"x\"");
        assertEquals("rows.csv, line 3, column 2 (\"" + "n".repeat(Printable.QUOTED) + "… (1,000,000 bytes)\"): expected a number, got \"x\"",
                bad.getMessage());
    }
}
