package io.logjms.benchmarks.sidebyside;

import java.util.List;
import java.util.Optional;

/**
 * What the runs of one system produced for one metric.
 *
 * @param metric the metric
 * @param system the system
 * @param statistics median, min and max over the runs that produced a value; empty when none did
 * @param runs how many runs were attempted
 * @param notes the distinct notes of those runs, in first-seen order
 */
public record SummaryRow(Metric metric, SystemKind system, Optional<Statistics> statistics, int runs,
        List<String> notes) {
    public SummaryRow {
        notes = List.copyOf(notes);
    }
}
