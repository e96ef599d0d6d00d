package io.logjms.broker.transaction;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** The replicated transaction log as the {@link CrossBrokerCoordinator} uses it. */
public interface CoordinatorLog {

    /** The number of partitions, or 0 while the log does not exist yet. */
    int partitions();

    /**
     * The leader epoch under which this broker leads {@code partition} and has finished taking it over (everything
     * the previous leaders committed is committed here, so it can be read); empty otherwise.
     */
    OptionalInt readyEpoch(int partition);

    /** Appends an entry as the leader; completes once it is committed (a majority of the replicas hold it). */
    CompletableFuture<Void> append(int partition, TxnLogEntry entry);

    /** Every committed entry of {@code partition}, in order; may read files (not on a network thread). */
    List<TxnLogEntry> readCommitted(int partition);
}
