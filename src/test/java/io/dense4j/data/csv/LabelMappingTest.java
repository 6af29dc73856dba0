package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelMappingTest {

    private static String[] classes(String... firstSeen) {
        return LabelMapping.restore(List.of(firstSeen)).classes();
    }

    @Test
    void thePositiveClassTurnsTheClassesRoundOnlyWhenItWasClassZero() {
        List<String> sorted = List.of("fraud", "ok");
        assertEquals(List.of("ok", "fraud"), LabelMapping.withPositive(sorted, "fraud"));
        assertEquals(sorted, LabelMapping.withPositive(sorted, "ok"));
        // matched as a label is: by value
        assertEquals(List.of("1", "0"), LabelMapping.withPositive(List.of("0", "1"), "0.0"));
        assertEquals("the positive class \"Fraud\" is none of the labels \"fraud\" and \"ok\" (it differs from \"fraud\" only in "
                + "case: labels are compared exactly)", org.junit.jupiter.api.Assertions
                .assertThrows(IllegalArgumentException.class, () -> LabelMapping.withPositive(sorted, "Fraud")).getMessage());
        assertEquals(true, LabelMapping.orderedByName(sorted));
        assertEquals(false, LabelMapping.orderedByName(List.of("0", "1")));
        assertEquals(false, LabelMapping.orderedByName(List.of("false", "true")));
    }

    @Test
    void labelsWithAMeaningTakeTheirClassByValueOthersBySortedName() {
        assertArrayEquals(new String[] {"-1", "+1"}, classes("+1", "-1"), "+1 sorts before -1, but -1 is class 0");
        assertArrayEquals(new String[] {"-1", "1"}, classes("1", "-1"));
        assertArrayEquals(new String[] {"0.0", "1.0"}, classes("1.0", "0.0"));
        assertArrayEquals(new String[] {"False", "TRUE"}, classes("TRUE", "False"));
        assertArrayEquals(new String[] {"no", "yes"}, classes("yes", "no"));
        assertEquals("0 = \"no\", 1 = \"yes\\xE2\\x80\\x8B\"", LabelMapping.restore(List.of("yes\u200b", "no")).toString(),
                "a zero-width space shown, so that \"yes\" and this label do not look alike");
        assertNull(LabelMapping.restore(List.of("+1", "-1")).problem());
        assertEquals("the labels \"0\" and \"-1\" both mean class 0", LabelMapping.restore(List.of("0", "-1")).problem());
    }

    @Test
    void twoOtherNumbersAreClassesInNumericOrder() {
        assertArrayEquals(new String[] {"1", "2"}, classes("2", "1"), "German credit's 1 = good, 2 = bad: bad is class 1");
        assertArrayEquals(new String[] {"2", "4"}, classes("4", "2"), "Wisconsin's 2 = benign, 4 = malignant");
        assertArrayEquals(new String[] {"9", "10"}, classes("10", "9"), "by value, not by spelling");
        assertArrayEquals(new String[] {"-1", "2"}, classes("2", "-1"));
        assertArrayEquals(new String[] {"0", "7"}, classes("7", "0"));
        assertNull(LabelMapping.restore(List.of("2", "1")).problem());
        assertNull(LabelMapping.restore(List.of("0", "TRUE")).problem(), "two labels that each mean a class");
        assertEquals("the labels mix \"2\" and \"yes\": use two numbers, true/false, or two names",
                LabelMapping.restore(List.of("2", "yes")).problem());
        assertEquals("the labels mix \"true\" and \"2\": use two numbers, true/false, or two names",
                LabelMapping.restore(List.of("true", "2")).problem());
        assertNull(LabelMapping.restore(List.of("-2")).problem(), "one number alone may be either class until the other comes");
        assertArrayEquals(new String[] {"2,0", "10,0"}, classes("10,0", "2,0"), "written with a decimal comma, by value too");
        assertArrayEquals(new String[] {"0,0", "1,0"}, classes("1,0", "0,0"));
        assertEquals(1, LabelMapping.classOf(List.of("0,0", "1,0"), "1"), "a model trained on 0,0 and 1,0 takes 1");
    }

    @Test
    void aModelsClassTakesALabelOfTheSameMeaningUnderAnotherSpelling() {
        // a model trained when a quoted label kept its blanks ("yes ") still takes the label read without them
        assertEquals(1, LabelMapping.classOf(List.of("no  ", "yes "), "yes"));
        assertEquals(0, LabelMapping.classOf(List.of("\tno", "yes"), "no"));
        assertEquals(-1, LabelMapping.classOf(List.of("no", "yes"), "yes "), "blanks are left out of a cell, not added to a class");
        assertEquals(-1, LabelMapping.classOf(List.of("no  ", "yes "), "ye"));
        assertEquals(1, LabelMapping.classOf(List.of("0.0", "1.0"), "1"));
        assertEquals(0, LabelMapping.classOf(List.of("0.0", "1.0"), "0"));
        assertEquals(0, LabelMapping.classOf(List.of("false", "true"), "FALSE"));
        assertEquals(0, LabelMapping.classOf(List.of("0", "1"), "-1"));
        assertEquals(1, LabelMapping.classOf(List.of("no", "yes"), "yes"));
        assertEquals(-1, LabelMapping.classOf(List.of("no", "yes"), "Yes"), "names without a meaning of their own match exactly");
        assertEquals(-1, LabelMapping.classOf(List.of("no", "yes"), "1"));
        assertEquals(1, LabelMapping.classOf(List.of("false", "true"), "1"));
        assertEquals(1, LabelMapping.classOf(List.of("1", "2"), "2.0"));
        assertEquals(0, LabelMapping.classOf(List.of("1", "2"), "1.0"));
        assertEquals(-1, LabelMapping.classOf(List.of("1", "2"), "true"), "1 is not class 1 beside 2");
        assertEquals(-1, LabelMapping.classOf(List.of("1", "2"), "0"));
        assertEquals(1, LabelMapping.classOf(java.util.Arrays.asList(null, "1"), "1.0"), "a class not seen is null");
    }

    @Test
    void aClassSpelledAnotherWayIsTheSameClassButZeroAndMinusOneAreNot() {
        LabelMapping mapping = new LabelMapping();
        for (String name : List.of("0", "1", "0.0", "1.0", "+1", "-0")) {
            byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(name.contains("1") ? 1 : 0, mapping.provisionalClass(bytes, 0, bytes.length), name);
        }
        assertArrayEquals(new String[] {"0", "1"}, mapping.classes());
        assertNull(mapping.problem());
        assertArrayEquals(new String[] {"false", "true"}, classes("true", "false", "TRUE", "False"));
        // -1 and 0 both mean class 0, but as two values they may be three classes with 1: refused, as before
        assertEquals("the labels \"0\" and \"-1\" both mean class 0", LabelMapping.restore(List.of("0", "-1")).problem());
        assertEquals(-1, LabelMapping.indexOfSameValue(List.of("0", "1"), "-1"));
        assertEquals(1, LabelMapping.indexOfSameValue(List.of("0", "1"), "1e0"));
    }

    @Test
    void spellingsPastTheMostKeptAreNamesOfTheirOwn() {
        LabelMapping mapping = new LabelMapping();
        List<String> zeros = List.of("0", "0.0", "0.00", "0.000", "0.0000", "0.00000", "0.000000", "0.0000000", "0.00000000", "1",
                "0.000000000");
        int[] classes = new int[zeros.size()];
        for (int i = 0; i < zeros.size(); i++) {
            byte[] bytes = zeros.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            classes[i] = mapping.provisionalClass(bytes, 0, bytes.length);
        }
        // 8 other spellings of 0 are kept; a ninth counts as a name of its own: after 0 and 1, a third class
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, -1}, classes);
        assertNull(mapping.problem());
    }
}
