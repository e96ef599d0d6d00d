package io.logjms.compat.report;

import io.logjms.compat.Providers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** The part the report listeners share: each test's end as an {@link Outcome}, and writing a report file. */
abstract class OutcomeRecordingListener implements TestExecutionListener {
    protected final Set<String> providerNames = Set.copyOf(Providers.names());
    protected TestPlan plan;

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

    /** Notes the outcome of one test (a skipped one's detail is the reason, a failed one's the message). */
    protected abstract void record(TestIdentifier identifier, Outcome outcome, String detail);

    /** Writes a report, creating its directory; {@code what} names it in the error. */
    protected static void write(Path file, String markdown, String what) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + what + " to " + file, e);
        }
    }
}
