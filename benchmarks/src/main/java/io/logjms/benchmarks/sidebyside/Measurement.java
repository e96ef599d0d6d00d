package io.logjms.benchmarks.sidebyside;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The value one run produced for one metric on one system, or why there is none.
 *
 * @param system the system measured
 * @param metricId {@link Metric#id()}
 * @param run run number, from 1
 * @param value the figure, empty when the workload failed or is impossible on that system
 * @param note empty, or what qualifies the figure (e.g. "queue browser") or why it is missing
 */
public record Measurement(SystemKind system, String metricId, int run, OptionalDouble value, String note) {
    public Measurement {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(metricId, "metricId");
        Objects.requireNonNull(value, "value");
        note = note == null ? "" : note;
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw new IllegalArgumentException("measurement " + metricId + " is not finite: " + value.getAsDouble());
        }
    }

    public static Measurement of(SystemKind system, Metric metric, int run, double value) {
        return new Measurement(system, metric.id(), run, OptionalDouble.of(value), "");
    }

    public static Measurement of(SystemKind system, Metric metric, int run, double value, String note) {
        return new Measurement(system, metric.id(), run, OptionalDouble.of(value), note);
    }

    public static Measurement missing(SystemKind system, Metric metric, int run, String why) {
        return new Measurement(system, metric.id(), run, OptionalDouble.empty(), why);
    }
}
