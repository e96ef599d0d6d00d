package io.logjms.provider.client;

import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A non-durable subscriber whose partitions are led by different brokers: one subscription on each of those
 * brokers, restricted to the partitions it leads, all under the consumer's subscription id. This class splits
 * what the consumer sends (acknowledgements, releases, seeks) by partition, and shares out its credit: each part
 * starts with the consumer's whole window, and credit the consumer grants back goes to the parts in proportion
 * to the records each delivered since (so a part that delivers nothing does not pile up credit, and the consumer
 * holds at most its window per broker). Thread-safe.
 */
final class SpreadSubscription {

    /** One broker's part: its connection, its node key and the partitions it serves. */
    record Part(int node, BrokerConnection connection, List<Integer> partitions) {
        Part {
            partitions = List.copyOf(partitions);
        }
    }

    private final int subscriptionId;
    private final int window;
    private final List<Part> parts;
    /** Records each part delivered and no credit went back for yet, by index into {@link #parts}. */
    private final int[] owed;
    /** The next offset after the last record delivered, by partition, to resume a part after a reconnect. */
    private final Map<Integer, Long> delivered = new HashMap<>();
    private boolean freshWindow;
    private Map<Integer, Long> resumedAt;

    /** @param window the consumer's credit window (its initial credit), which each part starts with */
    SpreadSubscription(int subscriptionId, int window, List<Part> parts) {
        this.subscriptionId = subscriptionId;
        this.window = window;
        this.parts = List.copyOf(parts);
        this.owed = new int[parts.size()];
    }

    int id() {
        return subscriptionId;
    }

    List<Part> parts() {
        return parts;
    }

    int window() {
        return window;
    }

    /** Where the consumer stood when its parts were last moved back there (all partitions), or null. */
    synchronized Map<Integer, Long> resumedAt() {
        return resumedAt;
    }

    synchronized void resumedAt(Map<Integer, Long> positions) {
        resumedAt = Map.copyOf(positions);
    }

    /** The parts were moved back to where the consumer stands and each got its whole window again. */
    synchronized void restarted() {
        java.util.Arrays.fill(owed, 0);
        freshWindow = false;
    }

    /** The part serving {@code partition}; the first part for a partition none serves. */
    Part partOf(int partition) {
        for (Part p : parts) {
            if (p.partitions().contains(partition)) {
                return p;
            }
        }
        return parts.get(0);
    }

    /** Records a delivery: what the part is owed, and where the partition continues. */
    synchronized void delivered(int partition, int records, long nextOffset) {
        owed[parts.indexOf(partOf(partition))] += records;
        delivered.merge(partition, nextOffset, Math::max);
    }

    /** Where the partitions of {@code part} continue after its connection was replaced; null when unknown. */
    synchronized Map<Integer, Long> resumePositions(List<Integer> partitions) {
        Map<Integer, Long> at = new LinkedHashMap<>();
        for (int p : partitions) {
            Long next = delivered.get(p);
            if (next != null) {
                at.put(p, next);
            }
        }
        return at.isEmpty() ? null : at;
    }

    /** The credit withdrawn from every part: the next grant opens a whole window on each. */
    synchronized void withdrawn() {
        freshWindow = true;
        java.util.Arrays.fill(owed, 0);
    }

    /**
     * How much of a grant of {@code credit} goes to each part: all of it to each part after a withdrawal,
     * otherwise what each is owed (what is left over is shared evenly).
     */
    synchronized int[] share(int credit) {
        int[] grants = new int[parts.size()];
        if (freshWindow) {
            freshWindow = false;
            java.util.Arrays.fill(grants, credit);
            return grants;
        }
        int left = credit;
        for (int i = 0; i < grants.length && left > 0; i++) {
            int give = Math.min(owed[i], left);
            grants[i] = give;
            owed[i] -= give;
            left -= give;
        }
        for (int i = 0; i < grants.length && left > 0; i++) {
            int give = (left + grants.length - 1 - i) / (grants.length - i);
            grants[i] += give;
            left -= give;
        }
        return grants;
    }

    /** An acknowledgement split by the part that serves each record's partition. */
    Map<Part, AckRequest> split(AckRequest ack) {
        Map<Part, AckRequest> byPart = new LinkedHashMap<>();
        splitRefs(ack.records()).forEach((part, refs) -> byPart.put(part, new AckRequest(subscriptionId, refs)));
        return byPart;
    }

    Map<Part, ReleaseRequest> split(ReleaseRequest release) {
        Map<Part, ReleaseRequest> byPart = new LinkedHashMap<>();
        splitRefs(release.records()).forEach((part, refs) -> byPart.put(part,
                new ReleaseRequest(subscriptionId, release.delivered(), refs)));
        return byPart;
    }

    private Map<Part, List<RecordRef>> splitRefs(List<RecordRef> refs) {
        Map<Part, List<RecordRef>> byPart = new LinkedHashMap<>();
        for (RecordRef r : refs) {
            byPart.computeIfAbsent(partOf(r.partition()), p -> new ArrayList<>()).add(r);
        }
        return byPart;
    }
}
