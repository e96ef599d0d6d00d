package io.logjms.provider.ack;

import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the acknowledgements of an AUTO_ACKNOWLEDGE or DUPS_OK_ACKNOWLEDGE session so they travel
 * as few one-way ACK frames: {@link #add} says when enough are pending to send them at once; a timer
 * and every close, recover and stop sends the rest. Thread-safe.
 */
public final class AckBatcher {
    private final int flushThreshold;
    private final Map<Integer, List<RecordRef>> pending = new LinkedHashMap<>();
    private int count;

    /** @param flushThreshold how many pending records make {@link #add} ask for a flush */
    public AckBatcher(int flushThreshold) {
        if (flushThreshold < 1) {
            throw new IllegalArgumentException("flush threshold must be at least 1, was " + flushThreshold);
        }
        this.flushThreshold = flushThreshold;
    }

    /** Adds an acknowledgement; returns true when the pending ones should be sent now. */
    public synchronized boolean add(int subscriptionId, RecordRef record) {
        pending.computeIfAbsent(subscriptionId, id -> new ArrayList<>()).add(record);
        count++;
        return count >= flushThreshold;
    }

    public synchronized boolean isEmpty() {
        return count == 0;
    }

    /** Drops the subscription's pending acknowledgements of these partitions (null: all of them). */
    public synchronized void remove(int subscriptionId, java.util.Set<Integer> partitions) {
        List<RecordRef> refs = pending.get(subscriptionId);
        if (refs == null) {
            return;
        }
        int before = refs.size();
        refs.removeIf(r -> partitions == null || partitions.contains(r.partition()));
        count -= before - refs.size();
        if (refs.isEmpty()) {
            pending.remove(subscriptionId);
        }
    }

    /** The pending acknowledgements, one request per subscription, and forgets them. */
    public synchronized List<AckRequest> drain() {
        List<AckRequest> acks = new ArrayList<>(pending.size());
        pending.forEach((id, refs) -> acks.add(new AckRequest(id, refs)));
        pending.clear();
        count = 0;
        return acks;
    }
}
