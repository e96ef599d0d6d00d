package io.logjms.broker.transaction;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationException;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.log.OutOfOrderSequenceException;
import io.logjms.broker.log.ProducerFencedException;
import io.logjms.broker.partition.NotLeaderException;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.broker.threads.BlockingCalls;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.record.RecordBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * This broker as a participant of a cross-broker transaction: it checks its share before the decision and applies
 * it after, idempotently. A batch already in the log (the same producer id, epoch and sequence) is not appended
 * again: the producer state answers with its offsets, or, for a batch older than the few it keeps, the sequence
 * shows it is there. Acknowledgements are idempotent by nature. Thread-safe.
 */
public final class LocalParticipant {
    private static final ProduceResponse APPLIED_LONG_AGO = new ProduceResponse(-1, -1, -1);

    private final DestinationManager destinations;
    private final PartitionAppender appender;
    private final SubscriptionManager subscriptions;
    private final boolean syncAcks;

    public LocalParticipant(DestinationManager destinations, PartitionAppender appender,
                            SubscriptionManager subscriptions, boolean syncAcks) {
        this.destinations = destinations;
        this.appender = appender;
        this.subscriptions = subscriptions;
        this.syncAcks = syncAcks;
    }

    /**
     * Checks, writing nothing, that this broker leads every partition of {@code part} and that every batch continues
     * its producer's sequence there.
     */
    public void check(TxnPart part) {
        Map<TransactionCoordinator.ProducerOnPartition, Integer> next = new HashMap<>();
        for (TxnPart.Produce p : part.produces()) {
            Partition partition = leading(p.destination(), p.partition());
            TransactionCoordinator.checkSequence(RecordBatch.of(p.batch().duplicate()), partition.log(), next);
        }
        for (TxnPart.Ack a : part.acks()) {
            for (RecordRef r : a.records()) {
                leading(a.destination(), r.partition());
            }
        }
    }

    /**
     * Applies {@code part}; completes once every batch is committed here, with their offsets in order. Blocks on
     * the subscriptions for the acknowledgements: not on a network thread.
     */
    public CompletableFuture<List<ProduceResponse>> apply(TxnPart part) {
        assert BlockingCalls.allowed("applying a transaction's share");
        List<CompletableFuture<ProduceResponse>> appended = new ArrayList<>();
        for (TxnPart.Produce p : part.produces()) {
            Destination d = destination(p.destination());
            Partition partition = leading(p.destination(), p.partition());
            RecordBatch batch = RecordBatch.of(p.batch().duplicate());
            appended.add(appender.append(d, p.partition(), p.copyOfBatch())
                    .thenApply(r -> new ProduceResponse(r.baseOffset(), r.lastOffset(), r.logAppendTimeMs()))
                    .exceptionallyCompose(e -> {
                        Throwable t = e.getCause() != null && e instanceof java.util.concurrent.CompletionException
                                ? e.getCause() : e;
                        if ((t instanceof OutOfOrderSequenceException || t instanceof ProducerFencedException)
                                && partition.log().containsProducerBatch(
                                batch.producerId(), batch.producerEpoch(), batch.lastSequence())) {
                            return partition.awaitCommitted(partition.logEndOffset() - 1)
                                    .thenApply(v -> APPLIED_LONG_AGO);
                        }
                        return CompletableFuture.failedFuture(t);
                    }));
        }
        for (TxnPart.Ack a : part.acks()) {
            for (RecordRef r : a.records()) {
                leading(a.destination(), r.partition());
            }
            subscriptions.applyTransactionAcks(a.subscriptionId(), a.records(), syncAcks);
        }
        return CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new))
                .thenApply(v -> appended.stream().map(CompletableFuture::join).toList());
    }

    private Destination destination(io.logjms.protocol.DestinationId id) {
        return destinations.find(id).orElseThrow(() -> new DestinationException(
                DestinationException.Reason.UNKNOWN_DESTINATION, id + " does not exist on this broker"));
    }

    private Partition leading(io.logjms.protocol.DestinationId id, int partition) {
        Partition p = destination(id).partition(partition);
        if (p.role() != Partition.Role.LEADER || p.isCandidate()) {
            throw new NotLeaderException(p.topicPartition(), "this broker does not lead " + p.topicPartition()
                    + " (now)");
        }
        return p;
    }
}
