package io.logjms.broker.transaction;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.log.AppendResult;
import io.logjms.broker.log.OutOfOrderSequenceException;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.partition.NotLeaderException;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.subscription.Subscription;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.XaBranchId;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchLayout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>XA branches are prepared ({@link #prepareBranch}) into the same log and stay there until
 * {@link #commitBranch} or {@link #rollbackBranch}; {@link #recover()} hands the undecided ones back at
 * start-up. The coordinator never decides a prepared branch on its own.
 *
 * <p>Batches keep the producing session's producer id, epoch and sequence. A batch committed without a
 * producer id (raw tools) gets the coordinator's own producer id, given out anew at each start, and the next
 * sequence of that id on its partition, so recovery can tell every prepared batch apart.
 */
public final class TransactionCoordinator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionCoordinator.class);

    private static final Duration REPLICATION_WAIT = Duration.ofSeconds(10);

    private final TransactionLog txnLog;
    private final DestinationManager destinations;
    private final PartitionAppender appender;
    private final SubscriptionManager subscriptions;
    private final boolean syncEveryChange;
    private final long ownProducerId;
    private final AtomicLong nextId = new AtomicLong(System.currentTimeMillis() << 16);
    /** The log ids of the XA branches prepared and not decided: the log is never started over while any is. */
    private final Set<Long> preparedBranches = new HashSet<>();

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

    /** An XA branch found prepared in the transaction log at start-up, waiting for its transaction manager. */
    public record RecoveredBranch(long branchId, XaBranchId xid, List<Produce> produces,
                                  List<PreparedTransaction.Ack> acks) {
    }

    /**
     * Opens the transaction log and finishes transactions a crash interrupted; returns the XA branches
     * that are prepared and undecided, which stay so until their transaction manager decides.
     */
    public synchronized List<RecoveredBranch> recover() {
        TransactionLog.Pending pending = txnLog.open();
        nextId.accumulateAndGet(pending.highestId(), Math::max);
        for (Map.Entry<Long, byte[]> e : pending.commits().entrySet()) {
            finishInterrupted(e.getKey(), PreparedTransaction.decode(e.getValue()));
        }
        txnLog.force();
        List<RecoveredBranch> branches = new ArrayList<>();
        pending.xaBranches().forEach((branchId, payload) -> {
            PreparedBranch branch = PreparedBranch.decode(payload);
            List<Produce> produces = new ArrayList<>();
            for (PreparedTransaction.Produce p : branch.work().produces()) {
                Optional<Destination> d = destinations.find(p.destination());
                if (d.isEmpty()) {
                    log.warn("prepared XA branch {}: destination {} no longer exists; its batch is dropped",
                            branch.xid(), p.destination());
                } else {
                    produces.add(new Produce(d.get(), p.partition(), p.batch()));
                }
            }
            preparedBranches.add(branchId);
            branches.add(new RecoveredBranch(branchId, branch.xid(), produces, branch.work().acks()));
        });
        if (!branches.isEmpty()) {
            log.info("{} prepared XA branch(es) wait for their transaction manager's decision", branches.size());
        }
        return branches;
    }

    private void finishInterrupted(long txnId, PreparedTransaction txn) {
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

    /** Commits; returns where each batch went, in order. The batches must already be validated by the caller. */
    public synchronized List<ProduceResponse> commit(List<Produce> produces, Map<Subscription, List<RecordRef>> acks) {
        long txnId = nextId.incrementAndGet();
        PreparedTransaction entry = stampAndCheck(produces, acks, List.of());
        txnLog.prepare(txnId, entry.encode(), syncEveryChange);
        return apply(txnId, produces, acks, List.of());
    }

    /**
     * Prepares an XA branch: checks its batches and forces an XA_PREPARE entry holding its Xid, batches and
     * acknowledgements (of stored subscriptions) to the log. Returns the branch's id in the log. The batches
     * carry no producer id: they get the coordinator's at commit, in commit order.
     */
    public synchronized long prepareBranch(XaBranchId xid, List<Produce> produces,
                                           Map<Subscription, List<RecordRef>> acks) {
        List<PreparedTransaction.Produce> prepared = new ArrayList<>();
        for (Produce p : produces) {
            RecordBatch batch = RecordBatch.of(p.batch());
            batch.validate();
            if (batch.hasProducerId()) {
                throw new IllegalArgumentException("a batch of an XA branch must carry no producer id");
            }
            prepared.add(new PreparedTransaction.Produce(p.destination().id(), p.partition(), p.batch()));
        }
        long branchId = nextId.incrementAndGet();
        txnLog.prepareBranch(branchId, new PreparedBranch(xid,
                new PreparedTransaction(prepared, storedAcks(acks))).encode());
        preparedBranches.add(branchId);
        return branchId;
    }

    /**
     * Commits a prepared branch: its batches and acknowledgements become visible at once, as a local
     * commit's do. {@code liveAcks} are the acknowledgements of a branch prepared since the broker started,
     * {@code recoveredAcks} those of a branch read back from the log (by subscription id).
     */
    public synchronized List<ProduceResponse> commitBranch(long branchId, List<Produce> produces,
                                                           Map<Subscription, List<RecordRef>> liveAcks,
                                                           List<PreparedTransaction.Ack> recoveredAcks) {
        long txnId = nextId.incrementAndGet();
        PreparedTransaction entry = stampAndCheck(produces, liveAcks, recoveredAcks);
        txnLog.commitBranch(txnId, branchId, entry.encode());
        preparedBranches.remove(branchId);
        return apply(txnId, produces, liveAcks, recoveredAcks);
    }

    /** Rolls back a prepared branch: nothing of it is applied, and it is no longer prepared. */
    public synchronized void rollbackBranch(long branchId) {
        txnLog.rollbackBranch(branchId);
        preparedBranches.remove(branchId);
    }

    /**
     * Stamps batches without a producer id, marks every batch transactional and checks its sequence;
     * returns the PREPARE entry (batches as they will be appended, acknowledgements of stored subscriptions).
     */
    private PreparedTransaction stampAndCheck(List<Produce> produces, Map<Subscription, List<RecordRef>> acks,
                                              List<PreparedTransaction.Ack> recoveredAcks) {
        List<PreparedTransaction.Produce> prepared = new ArrayList<>();
        Map<ProducerOnPartition, Integer> nextSequences = new HashMap<>();
        for (Produce p : produces) {
            RecordBatch batch = RecordBatch.of(p.batch());
            batch.validate();
            Partition partition = p.destination().partition(p.partition());
            if (partition.role() != Partition.Role.LEADER || partition.isCandidate()) {
                // refused before the PREPARE entry: a prepared transaction this broker could not apply would stay
                throw new NotLeaderException(partition.topicPartition(), "this broker does not lead "
                        + partition.topicPartition() + "; nothing of the commit was applied");
            }
            PartitionLog pl = partition.log();
            if (!batch.hasProducerId()) {
                stampOwnProducer(p.batch(), pl, nextSequences);
            }
            markTransactional(p.batch());
            checkSequence(batch, pl, nextSequences);
            prepared.add(new PreparedTransaction.Produce(p.destination().id(), p.partition(), p.batch()));
        }
        List<PreparedTransaction.Ack> ackEntries = new ArrayList<>(storedAcks(acks));
        ackEntries.addAll(recoveredAcks);
        return new PreparedTransaction(prepared, ackEntries);
    }

    private static List<PreparedTransaction.Ack> storedAcks(Map<Subscription, List<RecordRef>> acks) {
        List<PreparedTransaction.Ack> entries = new ArrayList<>();
        acks.forEach((sub, refs) -> {
            if (sub.durable()) {
                entries.add(new PreparedTransaction.Ack(sub.id(), refs));
            }
        });
        return entries;
    }

    /** Applies a transaction whose PREPARE entry is written, then marks it COMPLETE. */
    private List<ProduceResponse> apply(long txnId, List<Produce> produces, Map<Subscription, List<RecordRef>> acks,
                                        List<PreparedTransaction.Ack> recoveredAcks) {
        List<ProduceResponse> results = new ArrayList<>();
        Set<Partition> touched = new HashSet<>();
        Map<Partition, Long> replicatedEnds = new HashMap<>();
        Map<Destination, Boolean> wake = new LinkedHashMap<>();
        for (Produce p : produces) {
            AppendResult r = appender.appendNow(p.destination(), p.partition(), p.batch().duplicate());
            results.add(new ProduceResponse(r.baseOffset(), r.lastOffset(), r.logAppendTimeMs()));
            Partition partition = p.destination().partition(p.partition());
            touched.add(partition);
            if (partition.isReplicated()) {
                replicatedEnds.merge(partition, r.lastOffset(), Math::max);
            }
            wake.put(p.destination(), true);
        }
        subscriptions.ackAll(acks, syncEveryChange);
        for (PreparedTransaction.Ack a : recoveredAcks) {
            subscriptions.recoverAcks(a.subscriptionId(), a.records());
        }
        for (Partition partition : touched) {
            if (partition.commitWaitsForFsync()) {
                partition.flush();
            }
        }
        awaitReplicated(replicatedEnds);
        txnLog.complete(txnId);
        if (preparedBranches.isEmpty()) {
            txnLog.resetIfLarge();
        }
        wake.keySet().forEach(Destination::appended);
        return results;
    }

    /**
     * In a cluster, a commit whose partitions this broker alone leads is answered once a majority of each
     * partition's replicas hold its batches, as a send is, so that a failover does not lose a commit already
     * answered. Past {@link #REPLICATION_WAIT} it is answered anyway, with a warning, as before replication: failing
     * it would make the client roll back and reuse its producer sequences for batches that are in the log.
     */
    private static void awaitReplicated(Map<Partition, Long> ends) {
        ends.forEach((partition, lastOffset) -> {
            try {
                partition.awaitCommitted(lastOffset).get(REPLICATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException | ExecutionException e) {
                log.warn("a commit is answered before a majority of the replicas of {} hold it ({}): {}",
                        partition.topicPartition(), e instanceof TimeoutException ? "waited "
                                + REPLICATION_WAIT.toMillis() + " ms" : e.getCause().toString(),
                        partition.commitShortfall(lastOffset));
            }
        });
    }

    /** A producer id on one partition, for the sequences a commit's batches take there. */
    record ProducerOnPartition(PartitionLog log, long producerId) {
    }

    /**
     * Checks that a batch continues its producer's sequence on its partition: the first batch of a producer
     * against the partition's producer state, later ones of the same commit against the one before, since
     * nothing of the commit is appended before the PREPARE entry is written.
     */
    static void checkSequence(RecordBatch batch, PartitionLog pl, Map<ProducerOnPartition, Integer> next) {
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
