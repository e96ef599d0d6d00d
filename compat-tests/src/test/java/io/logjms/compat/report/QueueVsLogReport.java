package io.logjms.compat.report;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders {@link QueueVsLogResult}s as a Markdown table: one row per scenario, one column per provider, each
 * cell what the provider did followed by the outcome.
 */
final class QueueVsLogReport {

    private static final Map<String, String> HEADINGS = Map.of("artemis", "Artemis", "logjms", "logjms",
            "logjms-tls", "logjms over TLS");
    private static final int MAX_DETAIL = 300;
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)(.*)$", Pattern.DOTALL);

    private final List<QueueVsLogResult> results;
    private final Set<String> providers;

    QueueVsLogReport(List<QueueVsLogResult> results) {
        this.results = List.copyOf(results);
        this.providers = results.stream().map(QueueVsLogResult::provider)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    String markdown() {
        StringBuilder out = new StringBuilder("# Queue vs log: ActiveMQ Artemis and logjms side by side\n\n");
        out.append("Each scenario ran against every provider; a cell says what that provider did and how the "
                + "scenario's assertions on it ended.\n\n");
        out.append("| scenario |");
        providers.forEach(p -> out.append(' ').append(HEADINGS.getOrDefault(p, p)).append(" |"));
        out.append("\n|---|");
        providers.forEach(p -> out.append("---|"));
        out.append('\n');
        rows().forEach((scenario, byProvider) -> {
            out.append("| ").append(cell(scenario)).append(" |");
            for (String provider : providers) {
                QueueVsLogResult result = byProvider.get(provider);
                out.append(' ').append(result == null ? "not run" : cell(describe(result))).append(" |");
            }
            out.append('\n');
        });
        return out.toString();
    }

    /** One line per scenario and provider, for the console. */
    String summary() {
        StringBuilder out = new StringBuilder();
        rows().forEach((scenario, byProvider) -> byProvider.forEach((provider, result) ->
                out.append(String.format("%-8s %-7s %s%n", provider, result.outcome(), scenario))));
        return out.toString();
    }

    private Map<String, Map<String, QueueVsLogResult>> rows() {
        Map<String, Map<String, QueueVsLogResult>> rows = new TreeMap<>(BY_NUMBER_THEN_TEXT);
        results.forEach(r -> rows.computeIfAbsent(r.scenario(), k -> new LinkedHashMap<>()).put(r.provider(), r));
        return rows;
    }

    private static String describe(QueueVsLogResult result) {
        if (result.outcome() == Outcome.SKIPPED && result.observation().isEmpty()) {
            return "skipped: " + shortened(result.detail().replaceFirst("^Assumption failed: ", ""));
        }
        String observation = result.observation().isEmpty() ? "(no observation recorded)" : result.observation();
        return switch (result.outcome()) {
            case PASSED -> observation + " — passed";
            case SKIPPED -> observation + " — skipped: " + shortened(result.detail());
            case FAILED -> observation + " — **FAILED**: " + shortened(result.detail());
        };
    }

    /** A failure message fits a table cell: one line, at most {@value #MAX_DETAIL} characters. */
    private static String shortened(String detail) {
        String line = detail.replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "…";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** Scenario names start with their number; 10 sorts after 9. */
    private static final Comparator<String> BY_NUMBER_THEN_TEXT = (a, b) -> {
        Matcher ma = LEADING_NUMBER.matcher(a);
        Matcher mb = LEADING_NUMBER.matcher(b);
        if (ma.matches() && mb.matches()) {
            int byNumber = Long.compare(Long.parseLong(ma.group(1)), Long.parseLong(mb.group(1)));
            return byNumber != 0 ? byNumber : ma.group(2).compareTo(mb.group(2));
        }
        return a.compareTo(b);
    };
}
