package io.logjms.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The providers started during one test engine run, kept in the engine's root store so that JUnit stops them
 * (through {@link #close()}) when the run is over. Starting a broker per test would make the suite many times
 * slower; scenarios stay independent by using unique destination names.
 */
// close() may throw InterruptedException (stopping a broker waits); callers are not try-with-resources blocks.
@SuppressWarnings("try")
public final class RunningProviders implements AutoCloseable {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningProviders.class);

    private final Map<String, JmsProviderUnderTest> started = new LinkedHashMap<>();

    /** The instance belonging to the engine run that {@code context} is part of. */
    static RunningProviders of(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningProviders.class, key -> new RunningProviders(), RunningProviders.class);
    }

    /** The running instance of {@code kind}, started on first use. */
    public synchronized JmsProviderUnderTest get(ProviderKind kind) {
        return started.computeIfAbsent(kind.name(), name -> kind.start());
    }

    /** Stops every started provider; failures are collected and rethrown together. */
    @Override
    public synchronized void close() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (JmsProviderUnderTest provider : started.values()) {
            try {
                provider.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        started.clear();
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
