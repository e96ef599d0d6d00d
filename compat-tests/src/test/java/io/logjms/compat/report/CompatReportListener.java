package io.logjms.compat.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects the outcome of every compatibility scenario and, when the test run ends, writes
 * {@code compat-report.md} (path from the system property {@value #REPORT_FILE_PROPERTY}, default
 * {@code target/compat-report.md}) and prints the per-chapter counts.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}. The
 * provider of a result is the nearest enclosing test node named after a registered provider: a
 * {@code @ProviderTest} invocation, or the per-provider JORAM suite.
 */
public final class CompatReportListener extends OutcomeRecordingListener {

    public static final String REPORT_FILE_PROPERTY = "compat.report.file";
    private static final String JORAM_PACKAGE = "org.objectweb.jtests.jms.";

    private final List<ScenarioResult> results = new ArrayList<>();

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (results.isEmpty()) {
            return;
        }
        CompatReport report = new CompatReport(results);
        Path file = Path.of(System.getProperty(REPORT_FILE_PROPERTY, "target/compat-report.md"));
        write(file, report.markdown(), "compatibility report");
        System.out.println("\nJMS compatibility (passed / failed / skipped per provider), report: " + file + "\n"
                + report.summary());
    }

    @Override
    protected void record(TestIdentifier identifier, Outcome outcome, String detail) {
        Optional<MethodSource> method = identifier.getSource().filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast);
        if (method.isEmpty()) {
            return;
        }
        String className = method.get().getClassName();
        boolean joram = className.startsWith(JORAM_PACKAGE);
        String chapter = className.substring(className.lastIndexOf('.') + 1);
        String suite = joram ? "JORAM conformance tests"
                : QueueVsLogReportListener.inSuite(className) ? "JMS queue vs log comparison (details in queue-vs-log.md)"
                : "Jakarta Messaging scenarios";
        results.add(new ScenarioResult(suite, chapter, method.get().getMethodName(), providerOf(identifier), outcome, detail));
    }

    private String providerOf(TestIdentifier identifier) {
        Optional<TestIdentifier> node = Optional.of(identifier);
        while (node.isPresent()) {
            if (providerNames.contains(node.get().getDisplayName())) {
                return node.get().getDisplayName();
            }
            node = plan.getParent(node.get());
        }
        return "unknown";
    }
}
