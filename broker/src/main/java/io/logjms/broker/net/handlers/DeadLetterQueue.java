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
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.transaction.Participants;
import io.logjms.broker.transaction.TxnPart;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.record.RecordBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(30);
    private volatile Forwarding forwarding;

    public DeadLetterQueue(DestinationManager destinations, PartitionAppender appender, String queueName,
                           BrokerMetrics metrics) {
        this.metrics = metrics;
        this.destinations = destinations;
        this.appender = appender;
        this.queue = DestinationId.queue(queueName);
    }

    /**
     * In a cluster: dead-lettered records go to the leader of the dead-letter queue's partition, through the
     * transactions' idempotent apply when another broker leads it, as batches of {@code producerId} (given out to this
     * broker for this run); the call returns once the copy is committed there, so the source record is
     * acknowledged only then.
     */
    public void forwardThrough(Participants participants, int localNode, long producerId) {
        this.forwarding = new Forwarding(participants, localNode, producerId);
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
        byte[] encodedHeaders = MessageHeadersCodec.encode(headers);
        Destination dlq = destinations.getOrCreate(queue, true);
        Forwarding f = forwarding;
        if (f != null) {
            f.send(dlq, record, encodedHeaders);
        } else {
            byte[] batch = toArray(new RecordBatchBuilder().append(record.timestamp(), record.key(), encodedHeaders,
                    record.value()).build());
            appender.appendDurably(dlq, 0, java.nio.ByteBuffer.wrap(batch));
        }
        dlq.appended();
        metrics.deadLettered();
        log.info("moved record {} of {} to {} after {} deliveries", record.offset(), from, queue, deliveryCount);
    }

    private static byte[] toArray(java.nio.ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    /**
     * Sends dead-lettered records, one batch at a time and in order, to the leader of the queue's partition 0,
     * waiting until each is committed by a majority there. A batch sent again after a lost answer has the same
     * producer id, epoch and sequence, so the leader keeps it once. After giving up on a batch the producer epoch is
     * bumped, so that the next batch (with other content) is never taken for a copy of one that did arrive.
     */
    private final class Forwarding {
        private final Participants participants;
        private final int localNode;
        private final long producerId;
        private short epoch;
        private int sequence;

        Forwarding(Participants participants, int localNode, long producerId) {
            this.participants = participants;
            this.localNode = localNode;
            this.producerId = producerId;
        }

        synchronized void send(Destination dlq, StoredRecord record, byte[] headers) {
            java.nio.ByteBuffer batch = new RecordBatchBuilder().producer(producerId, epoch, sequence)
                    .append(record.timestamp(), record.key(), headers, record.value()).build();
            TxnPart.Produce produce = new TxnPart.Produce(queue, 0, batch);
            long deadline = System.nanoTime() + FORWARD_TIMEOUT.toNanos();
            long pauseMs = 50;
            RuntimeException last = null;
            while (System.nanoTime() < deadline) {
                int node = participants.leaderOf(queue, 0);
                try {
                    if (node == Participants.NO_LEADER) {
                        throw new IllegalStateException("the dead-letter queue " + queue + " has no leader now");
                    }
                    if (node == localNode) {
                        appender.append(dlq, 0, produce.copyOfBatch()).get(FORWARD_TIMEOUT.toMillis(),
                                TimeUnit.MILLISECONDS);
                    } else {
                        participants.apply(node, new TransactionId(producerId, ((long) epoch << 32) | sequence),
                                new TxnPart(List.of(produce), List.of()))
                                .get(FORWARD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    sequence = RecordBatch.incrementSequence(sequence, 1);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    last = new IllegalStateException("interrupted", e);
                    break;
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    last = new IllegalStateException("could not move a record to the dead-letter queue " + queue
                            + " at broker node " + node + ": " + ErrorMapping.messageFor(e), e);
                    log.debug("{}; trying again in {} ms", last.getMessage(), pauseMs);
                }
                try {
                    Thread.sleep(pauseMs); // a back-off between attempts, on the subscription's thread, which waits anyway
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                pauseMs = Math.min(1000, pauseMs * 2);
            }
            epoch++;
            sequence = 0;
            throw last != null ? last : new IllegalStateException("could not move a record to " + queue);
        }
    }
}
