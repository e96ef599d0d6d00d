package io.logjms.broker.transaction;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.TransactionId;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The brokers that lead the partitions a cross-broker transaction writes, as its coordinator reaches them. */
public interface Participants {
    int NO_LEADER = -1;

    /** The node leading the partition now, as the cluster says, or {@link #NO_LEADER}. */
    int leaderOf(DestinationId destination, int partition);

    /**
     * Has {@code node} check its share (no batch written; fails if it cannot take it: not the leader, a producer
     * sequence that does not follow, an acknowledged record no consumer holds any more) and hold the records the
     * share acknowledges for the transaction.
     */
    CompletableFuture<Void> check(int node, TransactionId id, TxnPart part);

    /**
     * Has {@code node} give back the records it holds for transaction {@code id}, which was refused and will never
     * be decided (the acknowledgements of {@code part} name them).
     */
    CompletableFuture<Void> release(int node, TransactionId id, TxnPart part);

    /**
     * Has {@code node} apply its share, idempotently; completes once every batch is committed there, with each
     * batch's offsets in the order of {@code part} (-1 offsets for a batch applied long before, whose offsets the
     * producer state no longer holds).
     */
    CompletableFuture<List<ProduceResponse>> apply(int node, TransactionId id, TxnPart part);
}
