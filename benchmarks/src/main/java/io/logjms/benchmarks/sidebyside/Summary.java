package io.logjms.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The runs reduced to one row per metric and system, and the ratios of logjms to each reference.
 * Immutable.
 */
public final class Summary {
    private final List<Metric> metrics;
    private final List<SystemKind> systems;
    private final List<Measurement> measurements;
    private final List<SummaryRow> rows;

    private Summary(List<Metric> metrics, List<SystemKind> systems, List<Measurement> measurements,
            List<SummaryRow> rows) {
        this.metrics = List.copyOf(metrics);
        this.systems = List.copyOf(systems);
        this.measurements = List.copyOf(measurements);
        this.rows = List.copyOf(rows);
    }

    /** Summarises {@code measurements} for every metric and system given, in their order. */
    public static Summary of(List<Metric> metrics, List<SystemKind> systems, List<Measurement> measurements) {
        List<SummaryRow> rows = new ArrayList<>();
        for (Metric metric : metrics) {
            for (SystemKind system : systems) {
                rows.add(row(metric, system, measurements));
            }
        }
        return new Summary(metrics, systems, measurements, rows);
    }

    private static SummaryRow row(Metric metric, SystemKind system, List<Measurement> measurements) {
        List<Double> values = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        int runs = 0;
        for (Measurement m : measurements) {
            if (m.system() == system && m.metricId().equals(metric.id())) {
                runs++;
                m.value().ifPresent(values::add);
                if (!m.note().isEmpty()) {
                    notes.add(m.note());
                }
            }
        }
        Optional<Statistics> stats = values.isEmpty() ? Optional.empty() : Optional.of(Statistics.of(values));
        return new SummaryRow(metric, system, stats, runs, new ArrayList<>(notes));
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public List<SystemKind> systems() {
        return systems;
    }

    public List<Measurement> measurements() {
        return measurements;
    }

    public List<SummaryRow> rows() {
        return rows;
    }

    /** The row of one metric and system. */
    public SummaryRow row(Metric metric, SystemKind system) {
        for (SummaryRow row : rows) {
            if (row.metric().equals(metric) && row.system() == system) {
                return row;
            }
        }
        throw new IllegalArgumentException("no row for " + metric.id() + " on " + system.id());
    }

    /** The median of one metric and system, empty when it was not measured or is not in this summary. */
    public OptionalDouble median(Metric metric, SystemKind system) {
        if (!systems.contains(system) || !metrics.contains(metric)) {
            return OptionalDouble.empty();
        }
        return row(metric, system).statistics().map(s -> OptionalDouble.of(s.median())).orElse(OptionalDouble.empty());
    }

    /** The references among this summary's systems that logjms can be compared with. */
    public List<SystemKind> comparedReferences() {
        return SystemKind.references().stream().filter(systems::contains).toList();
    }

    /**
     * logjms's median divided by the reference's median for one metric; empty when either is missing
     * or the reference's median is zero.
     */
    public OptionalDouble ratio(Metric metric, SystemKind reference) {
        OptionalDouble ours = median(metric, SystemKind.LOGJMS);
        OptionalDouble theirs = median(metric, reference);
        if (ours.isEmpty() || theirs.isEmpty() || theirs.getAsDouble() == 0.0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(ours.getAsDouble() / theirs.getAsDouble());
    }

    /** Whether a ratio favours logjms, given the metric's direction. */
    public static boolean favoursLogjms(Metric metric, double ratio) {
        return metric.higherIsBetter() ? ratio > 1.0 : ratio < 1.0;
    }
}
