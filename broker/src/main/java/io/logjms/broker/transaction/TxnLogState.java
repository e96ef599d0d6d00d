package io.logjms.broker.transaction;

import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.TransactionId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one partition of the transaction log says about its transactions, built by replaying its committed entries
 * in order (from the last checkpoint's start on) and kept up to date by the coordinator as it appends: the
 * transactions decided and not complete (a new leader finishes them) with the offset of their decision, the outcome
 * of the completed ones (a retried commit is answered from it) and the aborted ones (a commit of one is refused).
 * Not thread-safe: the {@link CrossBrokerCoordinator} guards it.
 */
final class TxnLogState {
    /** How many completed transactions are remembered for retried commits, the oldest forgotten first. */
    static final int COMPLETED_KEPT = 100_000;

    private final Map<TransactionId, TxnPart> decided = new LinkedHashMap<>();
    private final Map<TransactionId, Long> decidedAt = new HashMap<>();
    private final Map<TransactionId, List<ProduceResponse>> completed = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TransactionId, List<ProduceResponse>> eldest) {
            return size() > COMPLETED_KEPT;
        }
    };

    private final Map<TransactionId, Boolean> aborted = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TransactionId, Boolean> eldest) {
            return size() > COMPLETED_KEPT;
        }
    };
    /** The offset after the last entry replayed. */
    private long end;

    /** Takes in the entry committed at {@code offset}. */
    void replay(TxnLogEntry entry, long offset) {
        end = Math.max(end, offset + 1);
        if (entry instanceof TxnLogEntry.Abort a) {
            if (!decided.containsKey(a.id()) && !completed.containsKey(a.id())) {
                aborted.put(a.id(), Boolean.TRUE);
            }
        } else if (entry instanceof TxnLogEntry.Prepare p) {
            if (!completed.containsKey(p.id()) && !decided.containsKey(p.id())) {
                decided.put(p.id(), p.part());
                decidedAt.put(p.id(), offset);
            }
        } else if (entry instanceof TxnLogEntry.Complete c) {
            decided.remove(c.id());
            decidedAt.remove(c.id());
            completed.put(c.id(), c.results());
        }
    }

    /** The results of a completed transaction, if it is remembered. */
    Optional<List<ProduceResponse>> completed(TransactionId id) {
        return Optional.ofNullable(completed.get(id));
    }

    /** Whether the transaction was aborted (never decided; remembered for as many as the completed ones). */
    boolean aborted(TransactionId id) {
        return aborted.containsKey(id);
    }

    /** The content of a transaction decided and not complete. */
    Optional<TxnPart> decided(TransactionId id) {
        return Optional.ofNullable(decided.get(id));
    }

    /** Every transaction decided and not complete, in log order. */
    Map<TransactionId, TxnPart> unfinished() {
        return new LinkedHashMap<>(decided);
    }

    /** The offset of the oldest decision not complete, or {@link Long#MAX_VALUE} when every one is. */
    long oldestUnfinishedOffset() {
        return decidedAt.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    /** The offset after the last entry replayed (0 before any). */
    long end() {
        return end;
    }
}
