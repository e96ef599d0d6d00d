package io.logjms.compat.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Renders collected {@link ScenarioResult}s as Markdown: per suite a table of chapters with the number of
 * distinct scenarios and, per provider, passed / failed / skipped; then every skipped and failed scenario with
 * its reason. A scenario counts once however many providers it ran against.
 */
final class CompatReport {

    private final List<ScenarioResult> results;

    CompatReport(List<ScenarioResult> results) {
        this.results = List.copyOf(results);
    }

    String markdown() {
        StringBuilder out = new StringBuilder("# JMS compatibility report\n\n");
        out.append("Cells show passed / failed / skipped per provider. A skipped scenario is a documented "
                + "spec deviation of that provider or a capability it lacks; the reasons are listed below.\n");
        for (String suite : suites()) {
            out.append("\n## ").append(suite).append("\n\n").append(table(suite));
        }
        appendDetails(out, Outcome.SKIPPED, "Skipped scenarios");
        appendDetails(out, Outcome.FAILED, "Failed scenarios");
        return out.toString();
    }

    /** The per-chapter tables as plain text, for the console. */
    String summary() {
        StringBuilder out = new StringBuilder();
        for (String suite : suites()) {
            out.append(suite).append('\n').append(table(suite));
        }
        return out.toString();
    }

    private Set<String> suites() {
        return results.stream().map(ScenarioResult::suite).collect(Collectors.toCollection(TreeSet::new))
                .descendingSet();
    }

    private String table(String suite) {
        List<ScenarioResult> inSuite = results.stream().filter(r -> r.suite().equals(suite)).toList();
        // a provider some suite does not run against (logjms-tls in the queue-vs-log one) has no column there
        Set<String> providers = inSuite.stream().map(ScenarioResult::provider)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, List<ScenarioResult>> byChapter = new TreeMap<>();
        inSuite.forEach(r -> byChapter.computeIfAbsent(r.chapter(), k -> new ArrayList<>()).add(r));
        StringBuilder out = new StringBuilder("| chapter | scenarios |");
        providers.forEach(provider -> out.append(' ').append(provider).append(" |"));
        out.append("\n|---|---:|");
        providers.forEach(provider -> out.append("---:|"));
        out.append('\n');
        byChapter.forEach((chapter, rows) -> out.append(row(chapter, rows, providers)));
        out.append(row("**total**", inSuite, providers));
        return out.toString();
    }

    private static String row(String label, List<ScenarioResult> rows, Set<String> providers) {
        long scenarios = rows.stream().map(r -> r.chapter() + "#" + r.scenario()).distinct().count();
        StringBuilder out = new StringBuilder("| ").append(label).append(" | ").append(scenarios).append(" |");
        for (String provider : providers) {
            Predicate<ScenarioResult> of = r -> r.provider().equals(provider);
            out.append(' ').append(count(rows, of, Outcome.PASSED))
                    .append(" / ").append(count(rows, of, Outcome.FAILED))
                    .append(" / ").append(count(rows, of, Outcome.SKIPPED)).append(" |");
        }
        return out.append('\n').toString();
    }

    private static long count(List<ScenarioResult> rows, Predicate<ScenarioResult> filter, Outcome outcome) {
        return rows.stream().filter(filter).filter(r -> r.outcome() == outcome).count();
    }

    private void appendDetails(StringBuilder out, Outcome outcome, String title) {
        List<ScenarioResult> matching = results.stream().filter(r -> r.outcome() == outcome).toList();
        if (matching.isEmpty()) {
            return;
        }
        out.append("\n## ").append(title).append("\n\n");
        for (ScenarioResult r : matching) {
            out.append("- ").append(r.provider()).append(": `").append(r.chapter()).append('.').append(r.scenario())
                    .append("` — ").append(r.detail().replace('\n', ' ')).append('\n');
        }
    }
}
