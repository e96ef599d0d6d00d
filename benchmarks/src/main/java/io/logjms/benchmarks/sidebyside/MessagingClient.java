package io.logjms.benchmarks.sidebyside;

/**
 * The primitives the workloads are built from, for one running broker. JMS providers implement it
 * with the {@code jakarta.jms} API only ({@link JmsClient}); Kafka with kafka-clients ({@link KafkaClient}).
 * A "subscription" is a JMS durable subscription or a Kafka consumer group.
 */
public interface MessagingClient extends AutoCloseable {
    /** Makes a topic ready for use (Kafka: one partition, replication factor 1). */
    void createTopic(String topic) throws Exception;

    /** Creates a durable subscription, so messages published from now on are kept for it. */
    void createSubscription(String topic, String subscription) throws Exception;

    /** Deletes a durable subscription and whatever it still holds. */
    void removeSubscription(String topic, String subscription) throws Exception;

    /** A publisher; {@code asyncCapable} asks for the set-up that acknowledges asynchronously. */
    Publisher openPublisher(String topic, boolean asyncCapable) throws Exception;

    /** A consumer on a durable subscription (created if missing, reading from the start for Kafka). */
    Subscriber openSubscriber(String topic, String subscription, AckMode ackMode) throws Exception;

    /**
     * A new subscription that starts at the beginning of the topic's retained history.
     *
     * @throws UnsupportedWorkloadException when the system has no way to do that
     */
    Subscriber openFromEarliest(String topic, String subscription) throws Exception;

    /** Whether {@link #openQueuePublisher} and {@link #openQueueBrowser} are available (JMS queues). */
    boolean hasQueues();

    Publisher openQueuePublisher(String queue) throws Exception;

    Subscriber openQueueBrowser(String queue) throws Exception;

    @Override
    void close() throws ClientException;

    /** How received messages are acknowledged: JMS session modes; Kafka commits offsets automatically in both. */
    enum AckMode {
        AUTO,
        DUPS_OK
    }
}
