package io.logjms.broker.net.handlers;

import io.logjms.broker.threads.BlockingCalls;
import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.metrics.BrokerMetrics;
import io.logjms.broker.subscription.DeadLetterSink;
import io.logjms.broker.subscription.StoredRecord;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.protocol.record.RecordBatchBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves records that were delivered {@code delivery.max.attempts} times to the dead-letter queue
 * (config {@code dead.letter.queue}, default {@code DLQ}), with two provider properties:
 * {@code JMS_LogJMS_OriginalDestination} and {@code JMS_LogJMS_DeliveryCount}.
 */
public final class DeadLetterQueue implements DeadLetterSink {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueue.class);
    public static final String ORIGINAL_DESTINATION = "JMS_LogJMS_OriginalDestination";
    public static final String DELIVERY_COUNT = "JMS_LogJMS_DeliveryCount";

    private final DestinationManager destinations;
    private final PartitionAppender appender;
    private final DestinationId queue;
    private final BrokerMetrics metrics;

    public DeadLetterQueue(DestinationManager destinations, PartitionAppender appender, String queueName,
                           BrokerMetrics metrics) {
        this.metrics = metrics;
        this.destinations = destinations;
        this.appender = appender;
        this.queue = DestinationId.queue(queueName);
    }

    @Override
    public void deadLetter(StoredRecord record, DestinationId from, int deliveryCount) {
        assert BlockingCalls.allowed("moving a record to the dead-letter queue");
        if (from.equals(queue)) {
            log.warn("dropping record {} of the dead-letter queue {} after {} deliveries", record.offset(), queue, deliveryCount);
            return;
        }
        MessageHeaders headers = record.headers() != null ? record.headers().copy() : new MessageHeaders();
        headers.setProperty(ORIGINAL_DESTINATION, from.toString());
        headers.setProperty(DELIVERY_COUNT, deliveryCount);
        byte[] batch = toArray(new RecordBatchBuilder().append(record.timestamp(), record.key(),
                MessageHeadersCodec.encode(headers), record.value()).build());
        Destination dlq = destinations.getOrCreate(queue, true);
        appender.appendDurably(dlq, 0, java.nio.ByteBuffer.wrap(batch));
        dlq.appended();
        metrics.deadLettered();
        log.info("moved record {} of {} to {} after {} deliveries", record.offset(), from, queue, deliveryCount);
    }

    private static byte[] toArray(java.nio.ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
