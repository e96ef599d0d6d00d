package io.logjms.provider;

import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.provider.send.OutgoingRecord;
import jakarta.jms.IllegalStateException;
import java.util.List;

/**
 * The context of a session without a transaction (AUTO, CLIENT and DUPS_OK acknowledge): it collects
 * nothing, so sends go at once and consumed records follow the acknowledgement mode; commit and
 * rollback are refused. Stateless, so thread-safe.
 */
final class NoTransactionContext implements TransactionContext {

    /** The refusal of a transaction call ({@code action}: "commit", "roll back") on a session without one. */
    static IllegalStateException notTransacted(String action) {
        return new IllegalStateException("cannot " + action + ": the session is not transacted");
    }

    @Override
    public boolean isTransacted() {
        return false;
    }

    @Override
    public boolean collectSend(OutgoingRecord record) {
        return false;
    }

    @Override
    public boolean collectConsumed(int subscriptionId, RecordRef record) {
        return false;
    }

    @Override
    public boolean holdsConsumed(int subscriptionId) {
        return false;
    }

    @Override
    public void commit(Consumers consumers) throws IllegalStateException {
        throw notTransacted("commit");
    }

    @Override
    public void rollback(Consumers consumers) throws IllegalStateException {
        throw notTransacted("roll back");
    }

    @Override
    public void onReconnected() {
        // nothing collected, nothing lost
    }

    @Override
    public void onPartitionsMoved(int subscriptionId, java.util.Set<Integer> partitions) {
        // nothing collected, nothing lost
    }

    @Override
    public List<ReleaseRequest> close() {
        return List.of();
    }
}
