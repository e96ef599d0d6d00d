package io.logjms.compat;

import java.util.Objects;

/**
 * A JMS provider the suite knows how to start: its name and a way to start a fresh instance of it.
 *
 * @param name the provider's {@link JmsProviderUnderTest#name()}
 * @param starter starts a new instance; called at most once per test engine run
 * @param inQueueVsLog whether the queue-vs-log comparison ({@code io.logjms.compat.queuevslog}) runs against it
 *     too; the Jakarta Messaging scenarios and the JORAM suite always do
 */
public record ProviderKind(String name, Starter starter, boolean inQueueVsLog) {

    /** Starts a provider instance. */
    @FunctionalInterface
    public interface Starter {
        JmsProviderUnderTest start() throws Exception;
    }

    public ProviderKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(starter, "starter");
    }

    /** A provider every suite runs against. */
    public ProviderKind(String name, Starter starter) {
        this(name, starter, true);
    }

    /** Starts a new instance, wrapping a failure in an exception that names the provider. */
    public JmsProviderUnderTest start() {
        try {
            return starter.start();
        } catch (Exception e) {
            throw new ProviderStartException(name, e);
        }
    }
}
