package io.logjms.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The summary as a Markdown table: one row per metric, median and min–max per system, then the
 * ratios logjms/reference; notes (why a figure is missing or what it measured instead) as numbered
 * footnotes. The same text goes to the console and to {@code summary.md}.
 */
public final class TableReport {
    private TableReport() {
    }

    public static String render(Summary summary) {
        Map<String, Integer> notes = new LinkedHashMap<>();
        List<String> header = new ArrayList<>(List.of("metric", "unit", "better"));
        for (SystemKind system : summary.systems()) {
            header.add(columnTitle(system));
        }
        boolean ratios = summary.systems().contains(SystemKind.LOGJMS);
        List<SystemKind> references = ratios ? summary.comparedReferences() : List.of();
        for (SystemKind reference : references) {
            header.add("logjms/" + reference.label());
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header);
        appendRow(out, header.stream().map(h -> "---").toList());
        for (Metric metric : summary.metrics()) {
            List<String> cells = new ArrayList<>(List.of(metric.label(), metric.unit(),
                    metric.higherIsBetter() ? "higher" : "lower"));
            for (SystemKind system : summary.systems()) {
                cells.add(cell(summary.row(metric, system), notes));
            }
            for (SystemKind reference : references) {
                OptionalDouble ratio = summary.ratio(metric, reference);
                cells.add(ratio.isPresent() ? Figures.ratio(ratio.getAsDouble()) : "–");
            }
            appendRow(out, cells);
        }
        out.append('\n').append(durabilityLegend(summary.systems())).append('\n');
        if (!ratios) {
            out.append("No ratios: logjms was not among the systems measured.\n");
        }
        for (Map.Entry<String, Integer> note : notes.entrySet()) {
            out.append('[').append(note.getValue()).append("] ").append(note.getKey()).append('\n');
        }
        return out.toString();
    }

    private static String columnTitle(SystemKind system) {
        return system.durableAgainstPowerLoss() ? system.label() : system.label() + " (not durable*)";
    }

    private static String cell(SummaryRow row, Map<String, Integer> notes) {
        StringBuilder cell = new StringBuilder();
        if (row.runs() == 0) {
            return "–";
        }
        if (row.statistics().isPresent()) {
            Statistics s = row.statistics().get();
            cell.append(Figures.value(row.metric(), s.median()));
            if (s.count() > 1) {
                cell.append(" (").append(Figures.value(row.metric(), s.min())).append('–')
                        .append(Figures.value(row.metric(), s.max())).append(')');
            }
            if (s.count() < row.runs()) {
                cell.append(" ").append(s.count()).append('/').append(row.runs()).append(" runs");
            }
        } else {
            cell.append("n/a");
        }
        for (String note : row.notes()) {
            String key = row.system().label() + ", " + row.metric().workload() + ": " + note;
            int number = notes.computeIfAbsent(key, k -> notes.size() + 1);
            cell.append(" [").append(number).append(']');
        }
        return cell.toString();
    }

    /** States which systems acknowledge a message only once it is on disk. */
    static String durabilityLegend(List<SystemKind> systems) {
        StringBuilder legend = new StringBuilder("Durable against power loss (fsync before the acknowledgement): ");
        List<String> parts = new ArrayList<>();
        for (SystemKind system : systems) {
            parts.add(system.label() + " " + (system.durableAgainstPowerLoss() ? "yes" : "NO*"));
        }
        legend.append(String.join(", ", parts)).append('.');
        if (systems.stream().anyMatch(s -> !s.durableAgainstPowerLoss())) {
            legend.append("\n* acknowledged once in the page cache: a power loss can lose acknowledged messages.");
        }
        return legend.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
