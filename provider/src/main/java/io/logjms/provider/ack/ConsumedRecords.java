package io.logjms.provider.ack;

import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a session gave to the application and has not yet acknowledged (client acknowledge) or
 * committed (transacted), per subscription in delivery order. Acknowledge, commit, recover and
 * rollback each take the whole set. Thread-safe.
 */
public final class ConsumedRecords {
    private final Map<Integer, List<RecordRef>> bySubscription = new LinkedHashMap<>();

    public synchronized void add(int subscriptionId, RecordRef record) {
        bySubscription.computeIfAbsent(subscriptionId, id -> new ArrayList<>()).add(record);
    }

    public synchronized boolean isEmpty() {
        return bySubscription.isEmpty();
    }

    /** Whether records of this subscription await acknowledgement. */
    public synchronized boolean contains(int subscriptionId) {
        return bySubscription.containsKey(subscriptionId);
    }

    /**
     * Forgets the subscription's records of these partitions (null: all of them); returns whether there were any.
     */
    public synchronized boolean remove(int subscriptionId, java.util.Set<Integer> partitions) {
        List<RecordRef> refs = bySubscription.get(subscriptionId);
        if (refs == null) {
            return false;
        }
        boolean removed = refs.removeIf(r -> partitions == null || partitions.contains(r.partition()));
        if (refs.isEmpty()) {
            bySubscription.remove(subscriptionId);
        }
        return removed;
    }

    /** The records as acknowledgements, one per subscription, and forgets them. */
    public synchronized List<AckRequest> drainAsAcks() {
        List<AckRequest> acks = new ArrayList<>(bySubscription.size());
        bySubscription.forEach((id, refs) -> acks.add(new AckRequest(id, List.copyOf(refs))));
        bySubscription.clear();
        return acks;
    }

    /** The records as releases with the given {@code delivered} flag, one per subscription, and forgets them. */
    public synchronized List<ReleaseRequest> drainAsReleases(boolean delivered) {
        List<ReleaseRequest> releases = new ArrayList<>(bySubscription.size());
        bySubscription.forEach((id, refs) -> releases.add(new ReleaseRequest(id, delivered, List.copyOf(refs))));
        bySubscription.clear();
        return releases;
    }
}
