package io.logjms.benchmarks.sidebyside;

import java.time.Duration;

/** Receives messages from one subscription (or browses one queue). Used by one thread. */
public interface Subscriber extends AutoCloseable {
    /**
     * Waits until messages published from now on will reach this subscriber (Kafka: the group has
     * its partition assigned). JMS subscriptions are ready once created.
     */
    default void awaitReady(Duration timeout) throws Exception {
    }

    /** Receives the next message; false when none came within {@code timeout}. */
    boolean receive(Duration timeout) throws Exception;

    /** The first 8 bytes of the last received message's body, big-endian (W3 puts its send time there). */
    long stampOfLast() throws Exception;

    /** What qualifies figures measured through this subscriber (how it was made), or empty. */
    default String note() {
        return "";
    }

    /** True when the source is finite and exhausted (a queue browser at its end); false for subscriptions. */
    default boolean ended() {
        return false;
    }

    @Override
    void close() throws ClientException;
}
