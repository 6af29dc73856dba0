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
    void labelsWithAMeaningTakeTheirClassByValueOthersBySortedName() {
        assertArrayEquals(new String[] {"-1", "+1"}, classes("+1", "-1"), "+1 sorts before -1, but -1 is class 0");
        assertArrayEquals(new String[] {"-1", "1"}, classes("1", "-1"));
        assertArrayEquals(new String[] {"0.0", "1.0"}, classes("1.0", "0.0"));
        assertArrayEquals(new String[] {"False", "TRUE"}, classes("TRUE", "False"));
        assertArrayEquals(new String[] {"no", "yes"}, classes("yes", "no"));
        assertNull(LabelMapping.restore(List.of("+1", "-1")).problem());
        assertEquals("the labels \"0\" and \"-1\" both mean class 0", LabelMapping.restore(List.of("0", "-1")).problem());
        assertEquals("the label \"-2\" is a number other than 0 or 1 (or -1 for class 0)",
                LabelMapping.restore(List.of("-2")).problem());
    }

    @Test
    void aModelsClassTakesALabelOfTheSameMeaningUnderAnotherSpelling() {
        assertEquals(1, LabelMapping.classOf(List.of("0.0", "1.0"), "1"));
        assertEquals(0, LabelMapping.classOf(List.of("0.0", "1.0"), "0"));
        assertEquals(0, LabelMapping.classOf(List.of("false", "true"), "FALSE"));
        assertEquals(0, LabelMapping.classOf(List.of("0", "1"), "-1"));
        assertEquals(1, LabelMapping.classOf(List.of("no", "yes"), "yes"));
        assertEquals(-1, LabelMapping.classOf(List.of("no", "yes"), "Yes"), "names without a meaning of their own match exactly");
        assertEquals(-1, LabelMapping.classOf(List.of("no", "yes"), "1"));
    }
}
