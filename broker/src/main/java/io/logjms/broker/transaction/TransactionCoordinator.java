package io.logjms.broker.transaction;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.log.AppendResult;
import io.logjms.broker.log.OutOfOrderSequenceException;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.subscription.Subscription;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchLayout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits transacted sessions atomically across partitions and subscriptions: validate everything (batch
 * checksums and each producer's sequence on its partition), force a PREPARE entry holding it all to the
 * transaction log, apply (append the batches, marked transactional, acknowledge consumed records), sync,
 * then mark COMPLETE. A crash after PREPARE is finished at start-up by {@link #recover()}, which appends a
 * prepared batch only if its partition's producer state shows that its sequence is not in the log yet; a
 * crash before PREPARE leaves no trace. Commits run one at a time.
 *
 * <p>Batches keep the producing session's producer id, epoch and sequence. A batch committed without a
 * producer id (raw tools) gets the coordinator's own producer id, given out anew at each start, and the next
 * sequence of that id on its partition, so recovery can tell every prepared batch apart.
 */
public final class TransactionCoordinator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionCoordinator.class);

    private final TransactionLog txnLog;
    private final DestinationManager destinations;
    private final PartitionAppender appender;
    private final SubscriptionManager subscriptions;
    private final boolean syncEveryChange;
    private final long ownProducerId;
    private final AtomicLong nextId = new AtomicLong(System.currentTimeMillis() << 16);

    /** One batch of a commit, already copied out of the request. */
    public record Produce(Destination destination, int partition, ByteBuffer batch) {
    }

    /**
     * @param ownProducerId a producer id never used before, for batches committed without one
     */
    public TransactionCoordinator(Path dir, DestinationManager destinations, PartitionAppender appender,
                                  SubscriptionManager subscriptions, boolean syncEveryChange, long ownProducerId) {
        this.ownProducerId = ownProducerId;
        this.txnLog = new TransactionLog(dir.resolve("transactions.log"));
        this.destinations = destinations;
        this.appender = appender;
        this.subscriptions = subscriptions;
        this.syncEveryChange = syncEveryChange;
    }

    /** Opens the transaction log and finishes transactions a crash interrupted. */
    public synchronized void recover() {
        Map<Long, byte[]> pending = txnLog.open();
        for (Map.Entry<Long, byte[]> e : pending.entrySet()) {
            long txnId = e.getKey();
            PreparedTransaction txn = PreparedTransaction.decode(e.getValue());
            int appended = 0;
            for (PreparedTransaction.Produce p : txn.produces()) {
                Optional<Destination> d = destinations.find(p.destination());
                if (d.isEmpty()) {
                    continue;
                }
                Partition partition = d.get().partition(p.partition());
                RecordBatch batch = RecordBatch.of(p.batch());
                if (!partition.log().containsProducerBatch(batch.producerId(), batch.producerEpoch(),
                        batch.lastSequence())) {
                    partition.append(p.batch());
                    if (partition.commitWaitsForFsync()) {
                        partition.flush();
                    }
                    appended++;
                }
            }
            for (PreparedTransaction.Ack a : txn.acks()) {
                subscriptions.recoverAcks(a.subscriptionId(), a.records());
            }
            txnLog.complete(txnId);
            log.warn("finished transaction {} interrupted by a crash: {} of {} batch(es) appended now, {} ack group(s) applied",
                    txnId, appended, txn.produces().size(), txn.acks().size());
        }
        txnLog.force();
    }

    /** Commits; returns where each batch went, in order. The batches must already be validated by the caller. */
    public synchronized List<ProduceResponse> commit(List<Produce> produces, Map<Subscription, List<RecordRef>> acks) {
        long txnId = nextId.incrementAndGet();
        List<PreparedTransaction.Produce> prepared = new ArrayList<>();
        Map<ProducerOnPartition, Integer> nextSequences = new HashMap<>();
        for (Produce p : produces) {
            RecordBatch batch = RecordBatch.of(p.batch());
            batch.validate();
            PartitionLog pl = p.destination().partition(p.partition()).log();
            if (!batch.hasProducerId()) {
                stampOwnProducer(p.batch(), pl, nextSequences);
            }
            markTransactional(p.batch());
            checkSequence(batch, pl, nextSequences);
            prepared.add(new PreparedTransaction.Produce(p.destination().id(), p.partition(), p.batch()));
        }
        List<PreparedTransaction.Ack> ackEntries = new ArrayList<>();
        acks.forEach((sub, refs) -> {
            if (sub.durable()) {
                ackEntries.add(new PreparedTransaction.Ack(sub.id(), refs));
            }
        });
        txnLog.prepare(txnId, new PreparedTransaction(prepared, ackEntries).encode(), syncEveryChange);

        List<ProduceResponse> results = new ArrayList<>();
        Set<Partition> touched = new HashSet<>();
        Map<Destination, Boolean> wake = new LinkedHashMap<>();
        for (Produce p : produces) {
            AppendResult r = appender.appendNow(p.destination(), p.partition(), p.batch().duplicate());
            results.add(new ProduceResponse(r.baseOffset(), r.lastOffset(), r.logAppendTimeMs()));
            touched.add(p.destination().partition(p.partition()));
            wake.put(p.destination(), true);
        }
        subscriptions.ackAll(acks, syncEveryChange);
        for (Partition partition : touched) {
            if (partition.commitWaitsForFsync()) {
                partition.flush();
            }
        }
        txnLog.complete(txnId);
        txnLog.resetIfLarge();
        wake.keySet().forEach(Destination::appended);
        return results;
    }

    /** A producer id on one partition, for the sequences a commit's batches take there. */
    private record ProducerOnPartition(PartitionLog log, long producerId) {
    }

    /**
     * Checks that a batch continues its producer's sequence on its partition: the first batch of a producer
     * against the partition's producer state, later ones of the same commit against the one before, since
     * nothing of the commit is appended before the PREPARE entry is written.
     */
    private static void checkSequence(RecordBatch batch, PartitionLog pl, Map<ProducerOnPartition, Integer> next) {
        ProducerOnPartition key = new ProducerOnPartition(pl, batch.producerId());
        Integer expected = next.get(key);
        if (expected == null) {
            pl.checkProducerSequence(batch.buffer().duplicate().position(batch.start()));
        } else if (batch.baseSequence() != expected) {
            throw new OutOfOrderSequenceException(pl.topicPartition(), "expected sequence " + expected + ", got "
                    + batch.baseSequence() + " for producer " + batch.producerId() + " (epoch "
                    + batch.producerEpoch() + ") on partition " + pl.topicPartition() + " within one commit");
        }
        next.put(key, RecordBatch.incrementSequence(batch.lastSequence(), 1));
    }

    /** Gives a batch without a producer id the coordinator's id and the next sequence of it on the partition. */
    private void stampOwnProducer(ByteBuffer buf, PartitionLog pl, Map<ProducerOnPartition, Integer> next) {
        int sequence = next.getOrDefault(new ProducerOnPartition(pl, ownProducerId),
                pl.nextSequence(ownProducerId, (short) 0));
        int start = buf.position();
        buf.putLong(start + RecordBatchLayout.PRODUCER_ID_OFFSET, ownProducerId);
        buf.putShort(start + RecordBatchLayout.PRODUCER_EPOCH_OFFSET, (short) 0);
        buf.putInt(start + RecordBatchLayout.BASE_SEQUENCE_OFFSET, sequence);
        new RecordBatch(buf, start).updateCrc();
    }

    /** Sets the transactional attribute (and fixes the CRC) unless the producer already did. */
    private static void markTransactional(ByteBuffer buf) {
        int start = buf.position();
        short attrs = buf.getShort(start + RecordBatchLayout.ATTRIBUTES_OFFSET);
        if ((attrs & RecordBatchLayout.ATTR_TRANSACTIONAL) == 0) {
            buf.putShort(start + RecordBatchLayout.ATTRIBUTES_OFFSET,
                    (short) (attrs | RecordBatchLayout.ATTR_TRANSACTIONAL));
            new RecordBatch(buf, start).updateCrc();
        }
    }

    @Override
    public void close() {
        txnLog.close();
    }
}
