package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabelParserTest {

    private static int provisionalClass(LabelParser labels, String cell) {
        byte[] bytes = TestLines.bytes(cell);
        return labels.provisionalClass(bytes, 0, bytes.length, 2);
    }

    private static String rejects(LabelParser labels, String cell) {
        return assertThrows(DataFileException.class, () -> provisionalClass(labels, cell)).getMessage();
    }

    @Test
    void numbersNamesInFirstSeenOrder() {
        LabelParser labels = new LabelParser(false, null, TestLines.problemsOnLine(1));
        assertEquals(0, provisionalClass(labels, "yes"));
        assertEquals(1, provisionalClass(labels, "no"));
        assertEquals(0, provisionalClass(labels, "yes"));
        assertArrayEquals(new String[] {"yes", "no"}, labels.mapping().names());
    }

    @Test
    void takesANameThatDoesNotFitBackOut() {
        LabelParser labels = new LabelParser(false, null, TestLines.problemsOnLine(4));
        assertEquals(0, provisionalClass(labels, "0"));
        assertEquals("t.csv, line 4, column 2: the labels mix \"0\" and \"yes\": use two numbers, true/false, or two names",
                rejects(labels, "yes"));
        assertArrayEquals(new String[] {"0"}, labels.mapping().names());
        assertEquals(1, provisionalClass(labels, "1"));
    }

    @Test
    void rejectsAThirdNameNamingTheTwoSoFar() {
        LabelParser labels = new LabelParser(false, null, TestLines.problemsOnLine(4));
        provisionalClass(labels, "cat");
        provisionalClass(labels, "dog");
        assertEquals("t.csv, line 4, column 2: label \"bird\" is a third class; the labels so far are \"cat\" and \"dog\"",
                rejects(labels, "bird"));
        assertEquals("t.csv, line 4, column 2: label \"Dog\" is a third class; the labels so far are \"cat\" and \"dog\" (it "
                + "differs from \"dog\" only in case: labels are compared exactly)", rejects(labels, "Dog"));
        assertEquals("the positive class \"DOG\" is none of the labels \"cat\" and \"dog\" (it differs from \"dog\" only in case: "
                + "labels are compared exactly)", assertThrows(IllegalArgumentException.class,
                () -> LabelMapping.withPositive(java.util.List.of("cat", "dog"), "DOG")).getMessage());
    }

    @Test
    void withAModelsClassesANameThatIsNoneOfThemIsRefusedAtItsRowAndTakenBackOut() {
        LabelParser labels = new LabelParser(false, java.util.List.of("no", "yes"), TestLines.problemsOnLine(4));
        assertEquals(0, provisionalClass(labels, "yes"));
        // a capital letter is another name: refused where it is, not after the pass with no line
        // a row to skip no more than a file to score: the whole class might be spelled so
        assertEquals("t.csv, line 4, column 2: label \"No\" is none of the model's classes, \"no\" and \"yes\" (it differs from "
                + "\"no\" only in case: labels are compared exactly)",
                assertThrows(LabelParser.NotTheModels.class, () -> provisionalClass(labels, "No")).problem().getMessage());
        assertArrayEquals(new String[] {"yes"}, labels.mapping().names());
        assertEquals(1, provisionalClass(labels, "no"));
        // as a third class too, and by value: "1.0" is the class of "1"
        assertTrue(assertThrows(LabelParser.NotTheModels.class, () -> provisionalClass(labels, "maybe")).getMessage()
                .endsWith("label \"maybe\" is none of the model's classes, \"no\" and \"yes\""));
        LabelParser numbers = new LabelParser(false, java.util.List.of("0", "1"), TestLines.problemsOnLine(2));
        assertEquals(0, provisionalClass(numbers, "1.0"));
    }

    /** A missing label is a row that --skip-bad-rows skips, when scoring as when training: not a class the model lacks. */
    @Test
    void withAModelsClassesAMissingLabelIsARowToSkip() {
        LabelParser labels = new LabelParser(false, java.util.List.of("no", "yes"), TestLines.problemsOnLine(4));
        assertEquals(0, provisionalClass(labels, "yes")); // provisional: in the order first met
        for (String missing : new String[] {"NA", "n/a", "NaN", "-nan"}) {
            DataFileException problem = assertThrows(DataFileException.class, () -> provisionalClass(labels, missing));
            assertEquals("t.csv, line 4, column 2: the label \"" + missing + "\" is a missing value", problem.getMessage());
        }
        assertArrayEquals(new String[] {"yes"}, labels.mapping().names());
        assertEquals(1, provisionalClass(labels, "no"));
    }

    @Test
    void rejectsAnEmptyLabel() {
        assertEquals("t.csv, line 4, column 2: empty label cell (a missing value)",
                rejects(new LabelParser(true, null, TestLines.problemsOnLine(4)), ""));
    }

    @Test
    void collectingTakesAnyNamesUpToTheMaximumUnjudged() {
        LabelParser labels = new LabelParser(true, null, TestLines.problemsOnLine(4));
        assertEquals(0, provisionalClass(labels, "0"));
        assertEquals(1, provisionalClass(labels, "2"));
        for (int i = 2; i < CsvReader.COLLECTED_LABELS_MAX; i++) {
            assertEquals(i, provisionalClass(labels, "name " + i));
        }
        assertEquals("t.csv, line 4, column 2: label \"one more\" makes more than 100 distinct labels; a binary classifier has two",
                rejects(labels, "one more"));
        assertEquals(CsvReader.COLLECTED_LABELS_MAX, labels.mapping().names().length);
    }
}
