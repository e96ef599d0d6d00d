package io.logjms.benchmarks.sidebyside;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** The results as CSV (RFC 4180 quoting): every measurement, the summary rows, and the ratios. */
public final class CsvReport {
    private CsvReport() {
    }

    /** One line per run, system and metric. */
    public static String measurements(Summary summary) {
        Map<String, Metric> metrics = summary.metrics().stream().collect(Collectors.toMap(Metric::id, m -> m));
        StringBuilder out = new StringBuilder();
        line(out, List.of("run", "system", "metric", "workload", "label", "unit", "value", "note"));
        for (Measurement m : summary.measurements()) {
            Metric metric = metrics.get(m.metricId());
            line(out, List.of(Integer.toString(m.run()), m.system().id(), m.metricId(),
                    metric == null ? "" : metric.workload().name(), metric == null ? "" : metric.label(),
                    metric == null ? "" : metric.unit(), number(m.value()), m.note()));
        }
        return out.toString();
    }

    /** One line per metric and system: median, min, max over the runs. */
    public static String summary(Summary summary) {
        StringBuilder out = new StringBuilder();
        line(out, List.of("metric", "workload", "label", "unit", "higher_is_better", "system",
                "durable_against_power_loss", "runs", "measured_runs", "median", "min", "max", "notes"));
        for (SummaryRow row : summary.rows()) {
            Metric metric = row.metric();
            line(out, List.of(metric.id(), metric.workload().name(), metric.label(), metric.unit(),
                    Boolean.toString(metric.higherIsBetter()), row.system().id(),
                    Boolean.toString(row.system().durableAgainstPowerLoss()), Integer.toString(row.runs()),
                    Integer.toString(row.statistics().map(Statistics::count).orElse(0)),
                    row.statistics().map(s -> Figures.plain(s.median())).orElse(""),
                    row.statistics().map(s -> Figures.plain(s.min())).orElse(""),
                    row.statistics().map(s -> Figures.plain(s.max())).orElse(""),
                    String.join("; ", row.notes())));
        }
        return out.toString();
    }

    /** One line per metric and reference where both medians exist: logjms median / reference median. */
    public static String ratios(Summary summary) {
        StringBuilder out = new StringBuilder();
        line(out, List.of("metric", "label", "unit", "reference", "ratio", "favours_logjms"));
        for (Metric metric : summary.metrics()) {
            for (SystemKind reference : summary.comparedReferences()) {
                OptionalDouble ratio = summary.ratio(metric, reference);
                if (ratio.isPresent()) {
                    line(out, List.of(metric.id(), metric.label(), metric.unit(), reference.id(),
                            Figures.plain(ratio.getAsDouble()),
                            Boolean.toString(Summary.favoursLogjms(metric, ratio.getAsDouble()))));
                }
            }
        }
        return out.toString();
    }

    private static String number(OptionalDouble value) {
        return value.isPresent() ? Figures.plain(value.getAsDouble()) : "";
    }

    private static void line(StringBuilder out, List<String> fields) {
        out.append(fields.stream().map(CsvReport::field).collect(Collectors.joining(","))).append("\r\n");
    }

    /** Quotes a field when it holds a comma, a quote or a line break; doubles embedded quotes. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
