package io.logjms.provider;

import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import java.time.Instant;
import java.util.Map;

/**
 * A {@link MessageConsumer} that can move through its destination's log. Every consumer logjms returns
 * implements it, so an application casts when it wants the log:
 *
 * <pre>{@code
 * LogMessageConsumer consumer = (LogMessageConsumer) session.createDurableConsumer(topic, "audit");
 * consumer.seekToTime(Instant.parse("2026-12-01T00:00:00Z"));   // replay since the first of December
 * }</pre>
 *
 * <p>A seek moves the cursor of the consumer's subscription in the broker: for a durable subscription
 * that is the committed cursor, so the replay survives disconnects and broker restarts. Messages the
 * client had prefetched but not yet handed to the application are discarded, and the next message
 * received is the first one at the new position. Messages the application received and had not yet
 * acknowledged are forgotten by the subscription (acknowledging them later has no effect). A queue or
 * shared subscription can be moved only while this consumer is its only consumer, since the cursor
 * is shared; otherwise the seek fails with a {@link JMSException} that says so.
 *
 * <p>Like the rest of a session, not for concurrent use.
 */
public interface LogMessageConsumer extends MessageConsumer {

    /** Moves every partition to the oldest record the log still holds. */
    void seekToBeginning() throws JMSException;

    /** Moves every partition to the log end: only records written from now on are delivered. */
    void seekToEnd() throws JMSException;

    /**
     * Moves every partition to its first record whose timestamp is at or after {@code time} (the log
     * end where there is none).
     */
    void seekToTime(Instant time) throws JMSException;

    /**
     * Moves one partition to {@code offset}, clamped to the offsets the log holds; the other partitions
     * stay where they are.
     *
     * @throws jakarta.jms.JMSException when the destination has no such partition
     */
    void seek(int partition, long offset) throws JMSException;

    /**
     * The next offset the consumer delivers to the application, by partition: the offset of the first
     * message it holds for that partition, or the subscription's position where it holds none.
     */
    Map<Integer, Long> positions() throws JMSException;
}
