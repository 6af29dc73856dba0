package io.dense4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RemedyTest {
    @Test
    void theCommandLineReadsTheFlagAloneAndJavaReadsBoth() {
        String message = "t.csv, line 2: empty cell (" + Remedy.of("--fill-missing", "CsvSource.Options.fillingMissing()")
                + " trains a model that fills them); or " + Remedy.of("--label", "CsvFormat.withLabel or withLabelIndex") + " [sic]";
        assertEquals("t.csv, line 2: empty cell (--fill-missing [Java: CsvSource.Options.fillingMissing()] trains a model that fills "
                + "them); or --label [Java: CsvFormat.withLabel or withLabelIndex] [sic]", message);
        assertEquals("t.csv, line 2: empty cell (--fill-missing trains a model that fills them); or --label [sic]",
                Remedy.onTheCommandLine(message), "brackets Remedy did not write stay");
        String cell = "t.csv, line 3: expected a number, got \"n/a [Java: see notes]\" (" + Remedy.of("--categorical",
                "CsvSource.Options.withCategorical") + ")";
        assertEquals("t.csv, line 3: expected a number, got \"n/a [Java: see notes]\" (--categorical)", Remedy.onTheCommandLine(cell),
                "a cell's own text of the same shape stays");
        assertNull(Remedy.onTheCommandLine(null));
    }

    /** A column's name in a flag's value, as a shell gives it back: the names of real tables hold blanks and quotes. */
    @Test
    void aValueIsOneWordForTheShell() {
        assertEquals("zip_code", Remedy.word("zip_code"));
        assertEquals("sepal.length", Remedy.word("sepal.length"));
        assertEquals("'home ownership'", Remedy.word("home ownership"));
        assertEquals("'owner'\\''s age'", Remedy.word("owner's age"));
        assertEquals("'$income'", Remedy.word("$income"));
        assertEquals("'größe'", Remedy.word("größe"));
        assertEquals("''", Remedy.word(""));
    }
}
