package io.logjms.broker.transaction;

import io.logjms.broker.subscription.Subscription;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.XaBranchId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One XA branch the broker knows: its state, the associations still open on it (by connection; a
 * suspended association counts as open), its deadline, and the work the ended associations brought
 * (batches, and acknowledgements whose records the branch holds under its {@link #holder} id).
 * Not thread-safe: {@link XaBranches} guards it.
 */
final class XaBranch {

    enum State { ACTIVE, ROLLBACK_ONLY, PREPARED }

    final XaBranchId xid;
    /** The owner id under which the branch holds consumed records in their subscriptions (negative). */
    final long holder;
    final long deadlineMs;
    State state = State.ACTIVE;
    final Map<Object, Integer> associations = new HashMap<>();
    final List<TransactionCoordinator.Produce> produces = new ArrayList<>();
    final Map<Subscription, List<RecordRef>> acks = new LinkedHashMap<>();
    /** Acknowledgements of a branch read back from the log after a restart (by subscription id). */
    final List<PreparedTransaction.Ack> recoveredAcks = new ArrayList<>();
    /** The branch's id in the transaction log once prepared. */
    long logId = -1;
    String rollbackReason;

    XaBranch(XaBranchId xid, long holder, long deadlineMs) {
        this.xid = xid;
        this.holder = holder;
        this.deadlineMs = deadlineMs;
    }

    boolean hasWork() {
        return !produces.isEmpty() || !acks.isEmpty() || !recoveredAcks.isEmpty();
    }

    void open(Object owner) {
        associations.merge(owner, 1, Integer::sum);
    }

    /** Closes one association of {@code owner}; false when it had none open. */
    boolean close(Object owner) {
        Integer n = associations.get(owner);
        if (n == null) {
            return false;
        }
        if (n == 1) {
            associations.remove(owner);
        } else {
            associations.put(owner, n - 1);
        }
        return true;
    }

    void markRollbackOnly(String reason) {
        if (state == State.ACTIVE) {
            state = State.ROLLBACK_ONLY;
            rollbackReason = reason;
        }
    }
}
