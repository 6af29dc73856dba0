package io.dense4j.data.csv;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a cache's metadata is one a first pass writes: its checksum only says it is what was
 * written, and a cache edited with its checksums made to match must be built again, not read
 * (a categorical column that is not a column, a second label list, counts that cannot be).
 */
final class CacheMetadataCheck {
    private CacheMetadataCheck() {
    }

    /** What makes {@code metadata} one no first pass writes, in words after "the cache's metadata"; null for nothing. */
    static String problem(CsvCache.Metadata metadata) {
        List<String> names = metadata.featureNames();
        if (names == null || metadata.labelNames() == null || metadata.categorical() == null || metadata.missingByFeature() == null
                || metadata.firstSkippedLines() == null || metadata.format() == null || metadata.csv() == null) {
            return "lacks a field";
        }
        if (metadata.width() < 1 || names.size() != metadata.width() || metadata.missingByFeature().size() != metadata.width()) {
            return "gives " + metadata.width() + " columns, " + names.size() + " names and " + metadata.missingByFeature().size()
                    + " missing counts";
        }
        if (names.contains(null) || new HashSet<>(names).size() != names.size()) {
            return "names a column twice";
        }
        if (metadata.labelNames().size() > 2 || metadata.labelNames().contains(null)) {
            return "lists " + metadata.labelNames().size() + " labels";
        }
        if (metadata.rows() < 0 || metadata.skippedRows() < 0 || metadata.missingValues() < 0
                || metadata.missingByFeature().stream().anyMatch(count -> count == null || count < 0)) {
            return "holds a count below 0";
        }
        Set<String> categorical = new HashSet<>();
        for (CsvCache.CategoricalColumn column : metadata.categorical()) {
            if (column == null || !names.contains(column.name()) || !categorical.add(column.name())) {
                return "lists a categorical column that is not one of its columns, or twice";
            }
            List<String> values = column.values();
            List<Long> counts = column.counts();
            if (values == null || counts == null || values.size() != counts.size() || values.contains(null)
                    || new HashSet<>(values).size() != values.size() || counts.stream().anyMatch(count -> count == null || count < 0)
                    || column.missingRows() < 0 || column.overflowRows() < 0) {
                return "lists the values of \"" + column.name() + "\" otherwise than a first pass does";
            }
        }
        return null;
    }
}
