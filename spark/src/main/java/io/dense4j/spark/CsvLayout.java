package io.dense4j.spark;

import io.dense4j.data.csv.CsvFormat;
import java.io.Serializable;
import java.util.List;

/** A {@link CsvFormat} in a form Spark can ship to executors. */
record CsvLayout(boolean header, char delimiter, String labelName, int labelIndex, List<String> features,
                 List<String> dropped, String weightName, List<String> categorical, char decimal, char thousands,
                 List<String> missingMarks, java.util.LinkedHashMap<String, List<String>> columnMissingMarks, String encoding,
                 List<String> dates)
        implements Serializable {

    static CsvLayout of(CsvFormat format) {
        return new CsvLayout(format.header(), format.delimiter(), format.labelName(), format.labelIndex(),
                format.features(), format.dropped(), format.weightName(), new java.util.ArrayList<>(format.categorical()),
                format.decimal(), format.thousands(), new java.util.ArrayList<>(format.missingMarks()), columnMarks(format),
                format.encoding(), new java.util.ArrayList<>(format.dates()));
    }

    private static java.util.LinkedHashMap<String, List<String>> columnMarks(CsvFormat format) {
        java.util.LinkedHashMap<String, List<String>> marks = new java.util.LinkedHashMap<>();
        format.columnMissingMarks().forEach((name, own) -> marks.put(name, new java.util.ArrayList<>(own)));
        return marks;
    }

    CsvFormat format() {
        return new CsvFormat(header, delimiter, labelName, labelIndex, true, features, dropped, weightName, categorical, decimal, thousands,
                missingMarks, columnMissingMarks, encoding, dates);
    }
}
