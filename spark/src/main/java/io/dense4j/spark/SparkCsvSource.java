package io.dense4j.spark;

import io.dense4j.data.csv.CsvFormat;
import java.util.List;
import java.util.Objects;

/**
 * CSV files to train on with Spark: a path or glob on any filesystem Hadoop reads (file:, hdfs:,
 * s3a:, …), the explicit schema every file must have (its column names in order; no pass infers
 * anything), and the same reading rules as the single-machine {@code CsvSource}: the layout, bad
 * rows skipped or not, missing values filled with the training rows' means or not.
 *
 * @param path          files to read: a path, a glob, or several separated by commas
 * @param columns       every column's name in file order; with a header row each file's must match (an
 *                      empty list takes the first file's header as the schema)
 * @param minPartitions split the files into at least this many pieces (one Spark partition each)
 * @param positive      the label that is class 1, or null for the labels' own order (as one machine's
 *                      {@code CsvSource.withPositiveClass})
 */
public record SparkCsvSource(String path, List<String> columns, CsvFormat format, boolean skipBadRows,
                             boolean fillMissing, int minPartitions, String positive) {

    public SparkCsvSource {
        Objects.requireNonNull(path, "path");
        columns = List.copyOf(columns);
        Objects.requireNonNull(format, "format");
        if (columns.isEmpty() && !format.header()) {
            throw new IllegalArgumentException("files without a header row need the schema's column names");
        }
        if (columns.size() == 1) {
            throw new IllegalArgumentException("a CSV to train on has at least a feature and a label column, the schema names "
                    + columns);
        }
        if (!format.labeled()) {
            throw new IllegalArgumentException("training needs a label column; the format has none");
        }
        if (minPartitions < 1) {
            throw new IllegalArgumentException("minPartitions must be at least 1, got " + minPartitions);
        }
    }

    /** As the canonical constructor, the labels in their own order (no positive class named). */
    public SparkCsvSource(String path, List<String> columns, CsvFormat format, boolean skipBadRows, boolean fillMissing,
                          int minPartitions) {
        this(path, columns, format, skipBadRows, fillMissing, minPartitions, null);
    }

    /** Files with a header row that names {@code columns}, commas, the label last, strict, one piece per filesystem block. */
    public static SparkCsvSource of(String path, List<String> columns) {
        return new SparkCsvSource(path, columns, CsvFormat.defaults(), false, false, 1, null);
    }

    /** The label column's header name, or null without a header (or before the columns are known). */
    public String labelName() {
        int at = format.labelColumnIn(columns);
        return format.header() && at >= 0 ? columns.get(at) : null;
    }

    public SparkCsvSource withFormat(CsvFormat newFormat) {
        return new SparkCsvSource(path, columns, newFormat, skipBadRows, fillMissing, minPartitions, positive);
    }

    public SparkCsvSource skippingBadRows() {
        return new SparkCsvSource(path, columns, format, true, fillMissing, minPartitions, positive);
    }

    public SparkCsvSource fillingMissing() {
        return new SparkCsvSource(path, columns, format, skipBadRows, true, minPartitions, positive);
    }

    public SparkCsvSource withMinPartitions(int partitions) {
        return new SparkCsvSource(path, columns, format, skipBadRows, fillMissing, partitions, positive);
    }

    /** The same files, with {@code label} as class 1 whichever the labels' own order made class 1. */
    public SparkCsvSource withPositive(String label) {
        return new SparkCsvSource(path, columns, format, skipBadRows, fillMissing, minPartitions, label);
    }
}
