package io.logjms.broker.transaction;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.partition.Partition;
import io.logjms.protocol.record.RecordBatch;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** The transaction log as the partitions of {@link TransactionTopic} on this broker. */
public final class TxnLogPartitions implements CoordinatorLog {
    private static final int READ_BYTES = 1 << 20;

    private final DestinationManager destinations;
    private final PartitionAppender appender;
    private final Clock clock;

    public TxnLogPartitions(DestinationManager destinations, PartitionAppender appender, Clock clock) {
        this.destinations = destinations;
        this.appender = appender;
        this.clock = clock;
    }

    private Optional<Destination> topic() {
        return destinations.find(TransactionTopic.ID);
    }

    @Override
    public int partitions() {
        return topic().map(Destination::partitionCount).orElse(0);
    }

    @Override
    public OptionalInt readyEpoch(int partition) {
        Optional<Destination> t = topic();
        if (t.isEmpty() || partition >= t.get().partitionCount()) {
            return OptionalInt.empty();
        }
        Partition p = t.get().partition(partition);
        int epoch = p.leaderEpoch();
        // led, taken over, and the epoch-start marker committed: everything earlier leaders committed is readable
        if (p.role() != Partition.Role.LEADER || p.isCandidate() || p.highWatermark() <= p.epochStartOffset()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(epoch);
    }

    @Override
    public CompletableFuture<Void> append(int partition, TxnLogEntry entry) {
        Optional<Destination> t = topic();
        if (t.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the transaction log does not exist"));
        }
        return appender.append(t.get(), partition, TxnLogEntry.toBatch(entry, clock.millis())).thenApply(r -> null);
    }

    @Override
    public List<TxnLogEntry> readCommitted(int partition) {
        Partition p = topic().orElseThrow(() -> new IllegalStateException("the transaction log does not exist"))
                .partition(partition);
        List<TxnLogEntry> entries = new ArrayList<>();
        long offset = p.logStartOffset();
        while (offset < p.highWatermark()) {
            List<ByteBuffer> batches = p.readBatches(offset, READ_BYTES);
            if (batches.isEmpty()) {
                break;
            }
            for (ByteBuffer b : batches) {
                RecordBatch batch = RecordBatch.of(b);
                if (!batch.isControl()) {
                    entries.addAll(TxnLogEntry.fromBatch(b));
                }
                offset = batch.lastOffset() + 1;
            }
        }
        return entries;
    }
}
