package io.logjms.compat.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects the queue-vs-log scenarios (package {@value #SUITE_PACKAGE}) and, when the run ends, writes
 * {@code queue-vs-log.md} (path from {@value #REPORT_FILE_PROPERTY}, default {@code target/queue-vs-log.md}).
 *
 * <p>A scenario publishes what the provider did as a JUnit report entry under {@value #OBSERVATION_KEY}
 * ({@code TestReporter.publishEntry}); this listener pairs it with the outcome of the same invocation. The row
 * is the invocation's parent (the test method, named by its {@code @DisplayName}), the column its provider.
 * Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class QueueVsLogReportListener extends OutcomeRecordingListener {

    public static final String OBSERVATION_KEY = "queue-vs-log.observation";
    public static final String REPORT_FILE_PROPERTY = "queuevslog.report.file";
    static final String SUITE_PACKAGE = "io.logjms.compat.queuevslog";

    private final Map<String, List<String>> observations = new HashMap<>();
    private final List<QueueVsLogResult> results = new ArrayList<>();

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        entry.getKeyValuePairs().entrySet().stream()
                .filter(e -> e.getKey().equals(OBSERVATION_KEY))
                .forEach(e -> observations.computeIfAbsent(identifier.getUniqueId(), k -> new ArrayList<>())
                        .add(e.getValue()));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (results.isEmpty()) {
            return;
        }
        QueueVsLogReport report = new QueueVsLogReport(results);
        Path file = Path.of(System.getProperty(REPORT_FILE_PROPERTY, "target/queue-vs-log.md"));
        write(file, report.markdown(), "queue-vs-log report");
        System.out.println("\nQueue vs log, report: " + file + "\n" + report.summary());
    }

    static boolean inSuite(String className) {
        return className.startsWith(SUITE_PACKAGE + ".");
    }

    @Override
    protected void record(TestIdentifier identifier, Outcome outcome, String detail) {
        Optional<MethodSource> method = identifier.getSource().filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast);
        if (method.isEmpty() || !inSuite(method.get().getClassName())) {
            return;
        }
        String scenario = plan.getParent(identifier).map(TestIdentifier::getDisplayName)
                .orElse(method.get().getMethodName());
        String observation = String.join("; ", observations.getOrDefault(identifier.getUniqueId(), List.of()));
        results.add(new QueueVsLogResult(scenario, providerOf(identifier), outcome, observation, detail));
    }

    private String providerOf(TestIdentifier identifier) {
        String name = identifier.getDisplayName();
        return providerNames.contains(name) ? name : "unknown";
    }
}
