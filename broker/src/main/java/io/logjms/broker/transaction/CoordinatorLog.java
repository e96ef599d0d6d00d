package io.logjms.broker.transaction;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** The replicated transaction log as the {@link CrossBrokerCoordinator} uses it. */
public interface CoordinatorLog {

    /** Receives committed entries in log order. */
    @FunctionalInterface
    interface EntryVisitor {
        void entry(TxnLogEntry entry, long offset);
    }

    /** The number of partitions, or 0 while the log does not exist yet. */
    int partitions();

    /**
     * The leader epoch under which this broker leads {@code partition} and has finished taking it over (everything
     * the previous leaders committed is committed here, so it can be read); empty otherwise.
     */
    OptionalInt readyEpoch(int partition);

    /**
     * Appends an entry as the leader; completes with its offset once it is committed (a majority of the replicas
     * hold it).
     */
    CompletableFuture<Long> append(int partition, TxnLogEntry entry);

    /** The last committed checkpoint of {@code partition}, if it has one; may read files (not on a network thread). */
    Optional<TxnLogEntry.Checkpoint> lastCheckpoint(int partition);

    /**
     * Hands every committed entry of {@code partition} from offset {@code from} on (or from the log's start, when
     * {@code from} is before it) to {@code visitor}, in order; returns how many; may read files.
     */
    long readCommitted(int partition, long from, EntryVisitor visitor);
}
