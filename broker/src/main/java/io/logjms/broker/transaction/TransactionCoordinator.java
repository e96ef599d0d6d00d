package io.logjms.broker.transaction;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.log.AppendResult;
import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.subscription.Subscription;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchLayout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Commits transacted sessions atomically across partitions and subscriptions: validate everything,
 * force a PREPARE entry holding it all to the transaction log, apply (append batches marked with the
 * transaction id, acknowledge consumed records), sync, then mark COMPLETE. A crash after PREPARE is
 * finished at start-up by {@link #recover()}; a crash before it leaves no trace. Commits run one at a time.
 */
public final class TransactionCoordinator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionCoordinator.class);

    private final TransactionLog txnLog;
    private final DestinationManager destinations;
    private final PartitionAppender appender;
    private final SubscriptionManager subscriptions;
    private final boolean syncEveryChange;
    private final AtomicLong nextId = new AtomicLong(System.currentTimeMillis() << 16);

    /** One batch of a commit, already copied out of the request. */
    public record Produce(Destination destination, int partition, ByteBuffer batch) {
    }

    public TransactionCoordinator(Path dir, DestinationManager destinations, PartitionAppender appender,
                                  SubscriptionManager subscriptions, boolean syncEveryChange) {
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
                PartitionLog pl = d.get().partition(p.partition());
                if (!containsBatch(pl, p.searchFrom(), txnId)) {
                    pl.append(p.batch());
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
        for (Produce p : produces) {
            RecordBatch batch = RecordBatch.of(p.batch());
            batch.validate();
            stampTransaction(p.batch(), txnId);
            PartitionLog pl = p.destination().partition(p.partition());
            prepared.add(new PreparedTransaction.Produce(p.destination().id(), p.partition(), pl.logEndOffset(), p.batch()));
        }
        List<PreparedTransaction.Ack> ackEntries = new ArrayList<>();
        acks.forEach((sub, refs) -> {
            if (sub.durable()) {
                ackEntries.add(new PreparedTransaction.Ack(sub.id(), refs));
            }
        });
        txnLog.prepare(txnId, new PreparedTransaction(prepared, ackEntries).encode(), syncEveryChange);

        List<ProduceResponse> results = new ArrayList<>();
        Set<PartitionLog> touched = new HashSet<>();
        Map<Destination, Boolean> wake = new LinkedHashMap<>();
        for (Produce p : produces) {
            AppendResult r = appender.appendNow(p.destination(), p.partition(), p.batch().duplicate());
            results.add(new ProduceResponse(r.baseOffset(), r.lastOffset(), r.logAppendTimeMs()));
            touched.add(p.destination().partition(p.partition()));
            wake.put(p.destination(), true);
        }
        subscriptions.ackAll(acks, syncEveryChange);
        for (PartitionLog pl : touched) {
            if (pl.config().fsyncPolicy() == FsyncPolicy.EVERY_BATCH) {
                pl.flush();
            }
        }
        txnLog.complete(txnId);
        txnLog.resetIfLarge();
        wake.keySet().forEach(Destination::appended);
        return results;
    }

    /** Marks the batch with the transaction id (producer id field and transactional attribute) and fixes the CRC. */
    private static void stampTransaction(ByteBuffer buf, long txnId) {
        int start = buf.position();
        buf.putLong(start + RecordBatchLayout.PRODUCER_ID_OFFSET, txnId);
        short attrs = buf.getShort(start + RecordBatchLayout.ATTRIBUTES_OFFSET);
        buf.putShort(start + RecordBatchLayout.ATTRIBUTES_OFFSET, (short) (attrs | RecordBatchLayout.ATTR_TRANSACTIONAL));
        new RecordBatch(buf, start).updateCrc();
    }

    private static boolean containsBatch(PartitionLog pl, long from, long txnId) {
        long offset = Math.max(from, pl.logStartOffset());
        while (offset < pl.logEndOffset()) {
            List<ByteBuffer> batches = pl.readBatches(offset, 1024 * 1024);
            if (batches.isEmpty()) {
                return false;
            }
            for (ByteBuffer b : batches) {
                RecordBatch batch = RecordBatch.of(b);
                if (batch.isTransactional() && batch.producerId() == txnId) {
                    return true;
                }
                offset = Math.max(offset, batch.nextOffset());
            }
        }
        return false;
    }

    @Override
    public void close() {
        txnLog.close();
    }
}
