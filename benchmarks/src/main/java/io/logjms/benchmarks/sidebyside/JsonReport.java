package io.logjms.benchmarks.sidebyside;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The whole result — settings, systems, metrics, measurements, summary, ratios — as one JSON document. */
public final class JsonReport {
    private JsonReport() {
    }

    public static String render(BenchSettings settings, Summary summary, Instant started, Map<String, String> machine) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("started", started.toString());
        root.put("machine", machine);
        root.put("settings", settings.toMap());
        root.put("systems", summary.systems().stream().map(JsonReport::system).toList());
        root.put("metrics", summary.metrics().stream().map(JsonReport::metric).toList());
        root.put("measurements", summary.measurements().stream().map(JsonReport::measurement).toList());
        root.put("summary", summary.rows().stream().map(JsonReport::row).toList());
        root.put("ratios", ratios(summary));
        return Json.write(root);
    }

    private static Map<String, Object> system(SystemKind system) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", system.id());
        map.put("label", system.label());
        map.put("durableAgainstPowerLoss", system.durableAgainstPowerLoss());
        return map;
    }

    private static Map<String, Object> metric(Metric metric) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", metric.id());
        map.put("workload", metric.workload().name());
        map.put("label", metric.label());
        map.put("unit", metric.unit());
        map.put("higherIsBetter", metric.higherIsBetter());
        return map;
    }

    private static Map<String, Object> measurement(Measurement m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("run", m.run());
        map.put("system", m.system().id());
        map.put("metric", m.metricId());
        map.put("value", m.value().isPresent() ? (Object) m.value().getAsDouble() : null);
        map.put("note", m.note());
        return map;
    }

    private static Map<String, Object> row(SummaryRow row) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("metric", row.metric().id());
        map.put("system", row.system().id());
        map.put("runs", row.runs());
        map.put("measuredRuns", row.statistics().map(Statistics::count).orElse(0));
        map.put("median", row.statistics().map(s -> (Object) s.median()).orElse(null));
        map.put("min", row.statistics().map(s -> (Object) s.min()).orElse(null));
        map.put("max", row.statistics().map(s -> (Object) s.max()).orElse(null));
        map.put("notes", row.notes());
        return map;
    }

    private static List<Object> ratios(Summary summary) {
        List<Object> ratios = new ArrayList<>();
        for (Metric metric : summary.metrics()) {
            for (SystemKind reference : summary.comparedReferences()) {
                OptionalDouble ratio = summary.ratio(metric, reference);
                if (ratio.isPresent()) {
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("metric", metric.id());
                    map.put("reference", reference.id());
                    map.put("ratio", ratio.getAsDouble());
                    map.put("favoursLogjms", Summary.favoursLogjms(metric, ratio.getAsDouble()));
                    ratios.add(map);
                }
            }
        }
        return ratios;
    }
}
