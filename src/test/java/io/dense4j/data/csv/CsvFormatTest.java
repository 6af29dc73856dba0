package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    @Test
    void aFormatRecordedBeforeTheDecimalSeparatorWasReadsWithAPoint() throws Exception {
        ObjectMapper json = new ObjectMapper(); // as the cache's metadata is written and read
        CsvFormat format = CsvFormat.defaults().withDelimiter(';').withCategorical(List.of("city"));
        ObjectNode recorded = json.valueToTree(format);
        assertEquals(".", recorded.get("decimal").asText());
        recorded.remove("decimal");
        assertEquals(format, json.treeToValue(recorded, CsvFormat.class), "a cache made before keeps being reused");
        CsvFormat comma = format.withDecimal(',');
        assertEquals(comma, json.readValue(json.writeValueAsString(comma), CsvFormat.class));
    }

    @Test
    void theDecimalSeparatorIsAPointOrACommaAndNotTheDelimiter() {
        assertEquals(',', CsvFormat.defaults().withDelimiter('\t').withDecimal(',').decimal());
        assertEquals("the decimal separator is '.' or ',', got ';'",
                assertThrows(IllegalArgumentException.class, () -> CsvFormat.defaults().withDecimal(';')).getMessage());
        assertEquals("the decimal separator '.' cannot also be the delimiter: give another delimiter, such as ';'",
                assertThrows(IllegalArgumentException.class, () -> CsvFormat.defaults().withDelimiter('.')).getMessage());
        assertEquals(',', CsvFormat.defaults().withDelimiter(';').withDecimal(',').withLabel("y").withoutColumns(List.of("id"))
                .withWeightColumn("w").withCategorical(List.of("c")).withoutLabel().decimal(), "kept through every with…");
    }
}
