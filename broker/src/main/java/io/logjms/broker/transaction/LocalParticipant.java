package io.logjms.broker.transaction;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationException;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.log.OutOfOrderSequenceException;
import io.logjms.broker.log.ProducerFencedException;
import io.logjms.broker.partition.NotLeaderException;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.subscription.Subscription;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.broker.threads.BlockingCalls;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.record.RecordBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker as a participant of a cross-broker transaction: it checks its share before the decision, holding the
 * records the transaction acknowledges (so they are not delivered again while a decision may exist, on this broker or
 * on the next leader of their partition), and applies it after, idempotently; or gives the held records back when the
 * transaction is given up. A batch already in the log (the same producer id, epoch and sequence) is not appended
 * again: the producer state answers with its offsets, or, for a batch older than the few it keeps, the sequence
 * shows it is there. Acknowledgements are idempotent by nature. Thread-safe.
 */
public final class LocalParticipant {
    private static final Logger log = LoggerFactory.getLogger(LocalParticipant.class);
    private static final ProduceResponse APPLIED_LONG_AGO = new ProduceResponse(-1, -1, -1);

    private final DestinationManager destinations;
    private final PartitionAppender appender;
    private final SubscriptionManager subscriptions;

    public LocalParticipant(DestinationManager destinations, PartitionAppender appender,
                            SubscriptionManager subscriptions) {
        this.destinations = destinations;
        this.appender = appender;
        this.subscriptions = subscriptions;
    }

    /**
     * Checks, writing no batch, that this broker leads every partition of {@code part} and that every batch continues
     * its producer's sequence there; then holds the records it acknowledges for transaction {@code id} (each must be
     * in flight with a consumer, or held for {@code id} by an earlier check), returning once the holds are committed.
     * Blocks on the subscriptions: not on a network thread.
     *
     * @throws TransactionException {@code TRANSACTION_ABORTED} when a record was given back meanwhile (it may have
     *         been delivered again): the transaction cannot consume it
     */
    public void check(TransactionId id, TxnPart part) {
        log.debug("checking transaction {}: {} batch(es), acknowledging {}", id, part.produces().size(), part.acks());
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
        for (TxnPart.Ack a : part.acks()) {
            Subscription sub = open(a.subscriptionId()).orElseThrow(() -> new TransactionException(
                    ErrorCode.TRANSACTION_ABORTED, "transaction " + id + " acknowledges records of subscription "
                    + a.subscriptionId() + ", which has no consumer on this broker any more: they were given back"));
            List<RecordRef> missing = SubscriptionManager.join(sub.holdForTransaction(id, a.records()));
            if (!missing.isEmpty()) {
                throw new TransactionException(ErrorCode.TRANSACTION_ABORTED, "transaction " + id + " cannot"
                        + " acknowledge " + missing.size() + " record(s) of subscription " + a.subscriptionId()
                        + " (first: partition " + missing.get(0).partition() + " offset " + missing.get(0).offset()
                        + "): no consumer holds them any more (its connection ended, or the partition's leader"
                        + " changed) and they may have been delivered again; the transaction is rolled back");
            }
        }
    }

    /** Gives back the records held for transaction {@code id}, which is given up; blocks: not on a network thread. */
    public void release(TransactionId id, TxnPart part) {
        log.debug("giving back what transaction {} held: {}", id, part.acks());
        for (TxnPart.Ack a : part.acks()) {
            open(a.subscriptionId()).ifPresent(sub -> SubscriptionManager.join(
                    sub.releaseForTransaction(id, a.records())));
        }
    }

    private Optional<Subscription> open(String subscriptionId) {
        return subscriptions.subscriptions().stream().filter(s -> s.id().equals(subscriptionId)).findFirst();
    }

    /**
     * Applies {@code part}; completes once every batch is committed here, with their offsets in order. Blocks on
     * the subscriptions for the acknowledgements: not on a network thread.
     */
    public CompletableFuture<List<ProduceResponse>> apply(TxnPart part) {
        assert BlockingCalls.allowed("applying a transaction's share");
        log.debug("applying a transaction: {} batch(es), acknowledging {}", part.produces().size(), part.acks());
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
            // not the recovery path: a new leader may not serve the partition yet, and its acknowledgement would be
            // dropped while the transaction counted as applied (its input then came again, its result twice)
            SubscriptionManager.join(subscriptions.ackForTransaction(a.subscriptionId(), a.records()));
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
