package io.logjms.broker.subscription;

import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.TransactionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The records of a subscription that cross-broker transactions acknowledge, as their partitions' leader handles
 * them (see {@code docs/CLUSTER.md}, "Transactions in a cluster"). Before a transaction is decided, its coordinator
 * has each record taken from the consumer that received it and held for the transaction ({@link #hold}): in flight
 * for a holder no consumer has, so neither the consumer's end nor its connection's loss gives it back, and, with a
 * {@link ReplicatedCursorStore}, recorded in the partition's log (a {@code HOLD} entry, committed before the
 * coordinator is answered), so that a new leader holds it too. The hold ends when the decided transaction is applied
 * ({@link #ack}: the records are done) or when the transaction is given up ({@link #release}: the records go back for
 * delivery, counted as delivered). Not thread-safe: the subscription's executor calls it.
 */
final class TransactionHolds {
    private final Dispatchers dispatchers;
    private final CursorStore store;
    /** When this broker first saw each transaction holding records here (the hold timeout counts from then). */
    private final Map<TransactionId, Long> since = new HashMap<>();

    TransactionHolds(Dispatchers dispatchers, CursorStore store) {
        this.dispatchers = dispatchers;
        this.store = store;
    }

    /**
     * The in-flight owner that stands for transaction {@code id} in a cursor: far below the consumers' ids (positive)
     * and the XA branches' holders (small negative numbers), derived from the id so a new leader finds the same.
     */
    static long holderOf(TransactionId id) {
        return Long.MIN_VALUE + ((id.high() * 31 + id.low()) & 0x3FFF_FFFF_FFFF_FFFFL);
    }

    /**
     * Holds {@code records} for transaction {@code id}, all or none: each must be in flight with a consumer or held
     * for {@code id} already. Completes with the records that were not (then nothing was held), or with none once
     * the holds are committed.
     *
     * @throws io.logjms.broker.partition.NotLeaderException if a partition is not served here
     */
    CompletableFuture<List<RecordRef>> hold(TransactionId id, List<RecordRef> records, long now) {
        List<RecordRef> missing = new ArrayList<>();
        for (RecordRef r : records) {
            if (!served(r).canHoldFor(r.offset(), id)) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            return CompletableFuture.completedFuture(missing);
        }
        Offsets taken = new Offsets();
        for (RecordRef r : records) {
            if (served(r).holdFor(r.offset(), id)) {
                taken.add(r);
            }
        }
        since.putIfAbsent(id, now);
        if (store instanceof ReplicatedCursorStore replicated) {
            taken.forEach((partition, offsets, n) -> replicated.hold(partition, id, offsets, n, true));
        }
        return committed().thenApply(v -> List.of());
    }

    /**
     * Applies a decided transaction's acknowledgements: every record is done, held or not (the transaction consumed
     * it). Completes once that is committed.
     *
     * @throws io.logjms.broker.partition.NotLeaderException if a partition is not served here
     */
    CompletableFuture<Void> ack(List<RecordRef> records) {
        for (RecordRef r : records) {
            served(r);
        }
        Offsets done = new Offsets();
        for (RecordRef r : records) {
            if (served(r).doneFor(r.offset())) {
                done.add(r);
            }
        }
        if (store != null) {
            done.forEach(store::ack);
        }
        return committed();
    }

    /**
     * Gives back, for delivery, the records held for transaction {@code id} (it was not decided and never will be),
     * counted as delivered. Records of partitions not served here are left to their leader.
     */
    CompletableFuture<Void> release(TransactionId id, List<RecordRef> records) {
        Offsets released = new Offsets();
        for (RecordRef r : records) {
            PartitionDispatcher d = dispatchers.served(r.partition());
            int count = d == null ? -1 : d.releaseFor(r.offset(), id);
            if (count >= 0) {
                released.add(r);
                if (store != null) {
                    store.count(r.partition(), r.offset(), count);
                }
            }
        }
        if (store instanceof ReplicatedCursorStore replicated) {
            released.forEach((partition, offsets, n) -> replicated.hold(partition, id, offsets, n, false));
        }
        return committed();
    }

    /** The records held here for transactions that this broker has seen holding them for {@code timeoutMs} or more. */
    Map<TransactionId, List<RecordRef>> heldLongerThan(long now, long timeoutMs) {
        Map<TransactionId, List<RecordRef>> held = new LinkedHashMap<>();
        for (PartitionDispatcher d : dispatchers.active()) {
            d.transactionHolds().forEach((offset, id) -> held.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(new RecordRef(d.partition(), offset)));
        }
        Set<TransactionId> holding = new HashSet<>(held.keySet());
        since.keySet().retainAll(holding);
        holding.forEach(id -> since.putIfAbsent(id, now)); // held since a takeover: counted from now
        held.keySet().removeIf(id -> now - since.get(id) < timeoutMs);
        return held;
    }

    private PartitionDispatcher served(RecordRef r) {
        PartitionDispatcher d = dispatchers.served(r.partition());
        if (d == null) {
            if (dispatchers.any(r.partition()) == null) {
                throw new SubscriptionException(SubscriptionException.Reason.UNKNOWN_PARTITION, "the subscription"
                        + " has no partition " + r.partition());
            }
            throw dispatchers.notLeader(r.partition(), "this broker does not serve partition " + r.partition()
                    + " of the subscription (it does not lead it, or has not rebuilt its cursor yet)");
        }
        return d;
    }

    /** Waits until the changes made so far are committed (a replicated cursor) or durable. */
    private CompletableFuture<Void> committed() {
        if (store instanceof ReplicatedCursorStore replicated) {
            return replicated.commitLater();
        }
        if (store != null) {
            store.sync();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Offsets grouped by partition. */
    private static final class Offsets {
        private final Map<Integer, long[]> offsets = new LinkedHashMap<>();
        private final Map<Integer, Integer> counts = new HashMap<>();

        void add(RecordRef r) {
            int n = counts.merge(r.partition(), 1, Integer::sum);
            long[] arr = offsets.computeIfAbsent(r.partition(), k -> new long[8]);
            if (n > arr.length) {
                arr = java.util.Arrays.copyOf(arr, arr.length * 2);
                offsets.put(r.partition(), arr);
            }
            arr[n - 1] = r.offset();
        }

        void forEach(PartitionOffsets action) {
            offsets.forEach((p, arr) -> action.accept(p, arr, counts.get(p)));
        }
    }

    @FunctionalInterface
    private interface PartitionOffsets {
        void accept(int partition, long[] offsets, int count);
    }
}
