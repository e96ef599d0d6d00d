package io.logjms.provider;

import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.provider.send.OutgoingRecord;
import jakarta.jms.JMSException;
import java.util.List;

/**
 * What a session's transaction collects and how it ends. The session hands every record it sends and
 * every record it gives to the application to its context first; a context that takes them holds them
 * until {@link #commit} or {@link #rollback}, one that does not leaves them to the send path and the
 * acknowledgement mode. {@link NoTransactionContext} takes nothing (the acknowledge modes),
 * {@link LocalTransactionContext} is a transacted session's local transaction; an XA branch is a third
 * implementation, enlisted and ended through its {@code XAResource} instead of commit and rollback.
 *
 * <p>Implementations are thread-safe: the session's thread collects and ends the transaction, the I/O
 * thread reports a reconnect, and {@code close()} may come from any thread.
 */
interface TransactionContext {

    /** Whether sends and consumed records belong to a transaction (a send is then checked as part of one). */
    boolean isTransacted();

    /** Takes a record to send at commit; false when there is no transaction and the record goes now. */
    boolean collectSend(OutgoingRecord record);

    /**
     * Takes a record given to the application, to acknowledge at commit; false when there is no
     * transaction and the acknowledgement mode applies.
     */
    boolean collectConsumed(int subscriptionId, RecordRef record);

    /** Whether records of the subscription wait for the transaction to end. */
    boolean holdsConsumed(int subscriptionId);

    /**
     * Commits: the collected sends become visible and the consumed records acknowledged, atomically.
     * A transaction that cannot commit is rolled back (its consumed records given back through
     * {@code consumers}) and the commit fails with a {@link jakarta.jms.TransactionRolledBackException};
     * one whose outcome is unknown (the connection was lost with the commit in flight) fails with the
     * connection's error.
     */
    void commit(Consumers consumers) throws JMSException;

    /** Rolls back: the collected sends are dropped and the consumed records given back for redelivery. */
    void rollback(Consumers consumers) throws JMSException;

    /**
     * The connection was re-established: what the session received before went back to the broker with
     * the lost connection, so an open transaction that had received records can no longer commit.
     */
    void onReconnected();

    /**
     * Partitions of a subscription moved to another broker (cluster; null: all of them): the records received of
     * them go back to the subscription there, so a transaction that holds some can no longer commit, as after a
     * reconnect.
     */
    void onPartitionsMoved(int subscriptionId, java.util.Set<Integer> partitions);

    /** The session closes: the collected sends are dropped; returns the consumed records to give back. */
    List<ReleaseRequest> close();

    /** How the end of a transaction reaches the session's consumers. */
    interface Consumers {

        /** Gives the consumed records back for redelivery, with everything the consumers hold ahead. */
        void giveBack(List<ReleaseRequest> consumed) throws JMSException;

        /** The transaction ended: closed consumers that waited for it can end their subscriptions. */
        void transactionEnded() throws JMSException;
    }
}
