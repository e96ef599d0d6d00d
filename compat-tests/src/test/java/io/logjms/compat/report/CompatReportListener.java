package io.logjms.compat.report;

import io.logjms.compat.Providers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
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
public final class CompatReportListener implements TestExecutionListener {

    public static final String REPORT_FILE_PROPERTY = "compat.report.file";
    private static final String JORAM_PACKAGE = "org.objectweb.jtests.jms.";

    private final List<ScenarioResult> results = new ArrayList<>();
    private final Set<String> providerNames = Set.copyOf(Providers.names());
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (identifier.isTest()) {
            record(identifier, Outcome.SKIPPED, reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (!identifier.isTest()) {
            return;
        }
        String detail = result.getThrowable().map(Throwable::getMessage).map(String::valueOf).orElse("");
        switch (result.getStatus()) {
            case SUCCESSFUL -> record(identifier, Outcome.PASSED, "");
            case ABORTED -> record(identifier, Outcome.SKIPPED, detail);
            case FAILED -> record(identifier, Outcome.FAILED, detail);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (results.isEmpty()) {
            return;
        }
        CompatReport report = new CompatReport(results);
        Path file = Path.of(System.getProperty(REPORT_FILE_PROPERTY, "target/compat-report.md"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, report.markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the compatibility report to " + file, e);
        }
        System.out.println("\nJMS compatibility (passed / failed / skipped per provider), report: " + file + "\n"
                + report.summary());
    }

    private void record(TestIdentifier identifier, Outcome outcome, String detail) {
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
