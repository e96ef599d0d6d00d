package io.logjms.compat;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnectionFactory;
import java.util.Optional;
import java.util.Set;

/**
 * A running JMS provider that the compatibility scenarios are executed against.
 *
 * <p>An implementation owns whatever the provider needs to serve clients (an embedded broker, a data directory)
 * from the moment it is created until {@link #close()}. Scenarios only talk to it through the standard
 * Jakarta Messaging API obtained from {@link #connectionFactory()}; the remaining methods describe the few broker
 * settings a scenario must know about (dead-letter and expiry destinations) and the places where the provider
 * knowingly departs from Jakarta Messaging 3.1.
 *
 * <p>Thread-safety: the factories are used from one test thread at a time; {@link #close()} is called once.
 */
// close() may throw InterruptedException (stopping a broker waits); callers are not try-with-resources blocks.
@SuppressWarnings("try")
public interface JmsProviderUnderTest extends AutoCloseable {

    /** Short, stable name used in test display names and in the report, e.g. {@code artemis}. */
    String name();

    /** A factory creating connections to this provider; it may be called many times. */
    ConnectionFactory connectionFactory();

    /** A factory for the legacy point-to-point API. */
    QueueConnectionFactory queueConnectionFactory();

    /** A factory for the legacy publish/subscribe API. */
    TopicConnectionFactory topicConnectionFactory();

    /**
     * Where messages go after {@link DeadLetterPolicy#maxDeliveryAttempts()} unsuccessful deliveries, if this
     * provider moves them to a dead-letter queue at all.
     */
    Optional<DeadLetterPolicy> deadLetterPolicy();

    /** The queue that expired messages are moved to, if the provider keeps them. */
    Optional<String> expiryQueueName();

    /** The documented places where this provider departs from the specification. */
    Set<SpecDeviation> deviations();

    /** Whether this provider departs from the specification in the given way. */
    default boolean deviatesFrom(SpecDeviation deviation) {
        return deviations().contains(deviation);
    }

    /** Stops the provider and releases its resources (ports, files). */
    @Override
    void close() throws Exception;
}
