package io.logjms.broker.transaction;

import io.logjms.broker.destination.Destination;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.log.AppendResult;
import io.logjms.broker.partition.Partition;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** The transaction log as the partitions of {@link TransactionTopic} on this broker. */
public final class TxnLogPartitions implements CoordinatorLog {
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
    public CompletableFuture<Long> append(int partition, TxnLogEntry entry) {
        Optional<Destination> t = topic();
        if (t.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the transaction log does not exist"));
        }
        return appender.append(t.get(), partition, TxnLogEntry.toBatch(entry, clock.millis()))
                .thenApply(AppendResult::baseOffset);
    }

    @Override
    public Optional<TxnLogEntry.Checkpoint> lastCheckpoint(int partition) {
        Partition p = partition(partition);
        return TxnLogReader.lastCheckpoint(p.log(), p.highWatermark());
    }

    @Override
    public long readCommitted(int partition, long from, EntryVisitor visitor) {
        Partition p = partition(partition);
        return TxnLogReader.read(p.log(), from, p.highWatermark(), visitor);
    }

    private Partition partition(int partition) {
        return topic().orElseThrow(() -> new IllegalStateException("the transaction log does not exist"))
                .partition(partition);
    }
}
