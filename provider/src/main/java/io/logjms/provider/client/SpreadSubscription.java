package io.logjms.provider.client;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscriptionKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntUnaryOperator;

/**
 * A subscription of a cluster client (any kind: non-durable, durable, shared, queue), attached where its
 * destination's partitions are led: one attachment ("part") per broker leading some of them, restricted to those
 * partitions, all under the consumer's subscription id. A partition whose leader moved is <em>detached</em> until
 * {@link PartitionMover} attaches it at the new leader. This class is the state; it splits what the consumer sends
 * (acknowledgements, releases) by the part that serves each partition (dropping what names a detached partition:
 * those records come again from the new leader) and shares out the consumer's credit: each part starts with the
 * consumer's whole window, and credit the consumer grants back goes to the parts in proportion to the records each
 * delivered since (so a part that delivers nothing does not pile up credit, and the consumer holds at most its window
 * per broker). Thread-safe: every method is synchronized, and parts are immutable values.
 */
final class SpreadSubscription {

    /**
     * One broker's attachment: its node key ({@link ClusterMetadata#UNKNOWN} for the bootstrap connection), its
     * connection and the partitions it serves. {@code whole}: subscribed without a partition list (the broker led
     * every partition then), so changing it needs a {@code SUBSCRIPTION_PARTITIONS}.
     */
    record Part(int node, BrokerConnection connection, List<Integer> partitions, boolean whole) {
        Part {
            partitions = List.copyOf(new TreeSet<>(partitions));
        }

        boolean covers(int partition) {
            return partitions.contains(partition);
        }
    }

    private final SubscribeRequest request;
    private final int partitionCount;
    private final TreeMap<Integer, Part> parts = new TreeMap<>();
    /** Records each part delivered and no credit went back for yet, by node key. */
    private final Map<Integer, Integer> owed = new HashMap<>();
    private final TreeSet<Integer> detached = new TreeSet<>();
    /** Partitions being attached, by node key: their broker may deliver them before it answers. */
    private final Map<Integer, TreeSet<Integer>> attaching = new HashMap<>();
    /** Where detached partitions of a non-durable subscriber continue, as the consumer said when they moved. */
    private final Map<Integer, Long> resumeAt = new TreeMap<>();
    private final Map<Integer, Long> initialPositions = new TreeMap<>();
    /** Completes once every partition was attached the first time (the answer to SUBSCRIBE). */
    private final CompletableFuture<io.logjms.protocol.api.SubscribeResponse> established = new CompletableFuture<>();
    private int window;
    private boolean withdrawn;
    private boolean freshWindow;
    private long detachedSince = -1;
    private int attempt;
    private Throwable lastFailure;
    private boolean closed;
    private boolean running;
    private boolean runAgain;
    private boolean retryScheduled;

    /** A subscription none of whose partitions is attached yet. */
    SpreadSubscription(SubscribeRequest request, int partitionCount) {
        this.request = request;
        this.partitionCount = partitionCount;
        this.window = request.initialCredit();
        this.withdrawn = request.initialCredit() == 0;
        this.freshWindow = withdrawn;
        if (request.partitions().isEmpty()) {
            for (int p = 0; p < partitionCount; p++) {
                detached.add(p);
            }
        } else {
            detached.addAll(request.partitions());
        }
    }

    int id() {
        return request.subscriptionId();
    }

    SubscribeRequest request() {
        return request;
    }

    DestinationId destination() {
        return request.destination();
    }

    int partitionCount() {
        return partitionCount;
    }

    /** Whether it resumes at explicit offsets after a move (its cursor lives only as long as the consumer). */
    boolean resumesAtOffsets() {
        return request.kind() == SubscriptionKind.NON_DURABLE;
    }

    CompletableFuture<io.logjms.protocol.api.SubscribeResponse> established() {
        return established;
    }

    synchronized boolean isEstablished() {
        return established.isDone() && !established.isCompletedExceptionally();
    }

    // ---- parts ----

    synchronized List<Part> parts() {
        return List.copyOf(parts.values());
    }

    synchronized Part partAt(int node) {
        return parts.get(node);
    }

    /** The part serving {@code partition}, or null while it is detached. */
    synchronized Part partOf(int partition) {
        for (Part p : parts.values()) {
            if (p.covers(partition)) {
                return p;
            }
        }
        return null;
    }

    synchronized List<Integer> detached() {
        return List.copyOf(detached);
    }

    /**
     * Detaches partitions from the part at {@code node} (those it serves); returns the part as it is now (null once
     * it serves nothing) and fills {@code moved} with the partitions that were detached.
     */
    synchronized Part detach(int node, Collection<Integer> partitions, long nowMillis, List<Integer> moved) {
        Part part = parts.get(node);
        if (part == null) {
            return null;
        }
        List<Integer> keep = new ArrayList<>();
        for (int p : part.partitions()) {
            if (partitions.contains(p)) {
                moved.add(p);
            } else {
                keep.add(p);
            }
        }
        if (moved.isEmpty()) {
            return part;
        }
        detached.addAll(moved);
        if (detachedSince < 0) {
            detachedSince = nowMillis;
            attempt = 0;
        }
        if (keep.isEmpty()) {
            parts.remove(node);
            owed.remove(node);
            return null;
        }
        Part smaller = new Part(node, part.connection(), keep, false);
        parts.put(node, smaller);
        return smaller;
    }

    /** Partitions are being attached at {@code node}: deliveries of them from there are accepted from now on. */
    synchronized void attaching(int node, Collection<Integer> partitions) {
        attaching.computeIfAbsent(node, n -> new TreeSet<>()).addAll(partitions);
    }

    /** Attaching them at {@code node} failed. */
    synchronized void notAttached(int node, Collection<Integer> partitions) {
        TreeSet<Integer> pending = attaching.get(node);
        if (pending != null) {
            pending.removeAll(partitions);
            if (pending.isEmpty()) {
                attaching.remove(node);
            }
        }
    }

    /** Whether a delivery of {@code partition} from the broker at {@code node} is for this consumer now. */
    synchronized boolean accepts(int node, int partition) {
        Part part = parts.get(node);
        if (part != null && part.covers(partition)) {
            return true;
        }
        TreeSet<Integer> pending = attaching.get(node);
        return pending != null && pending.contains(partition);
    }

    /** The consumer said where detached partitions continue (a non-durable subscriber). */
    synchronized void resumeAt(Map<Integer, Long> positions) {
        if (positions != null) {
            positions.forEach((p, o) -> {
                if (detached.contains(p)) {
                    resumeAt.put(p, o);
                }
            });
        }
    }

    synchronized Map<Integer, Long> resumePositions(Collection<Integer> partitions) {
        Map<Integer, Long> at = new TreeMap<>();
        for (int p : partitions) {
            Long o = resumeAt.get(p);
            if (o != null) {
                at.put(p, o);
            }
        }
        return at;
    }

    /**
     * Partitions now attached at {@code node} with these positions. Returns true when that attached the last
     * detached partition.
     */
    synchronized boolean attached(int node, BrokerConnection connection, Collection<Integer> partitions, boolean whole,
                                  Map<Integer, Long> positions) {
        Part old = parts.get(node);
        List<Integer> all = new ArrayList<>(partitions);
        if (old != null) {
            all.addAll(old.partitions());
        }
        parts.put(node, new Part(node, connection, all, whole && old == null));
        notAttached(node, partitions);
        detached.removeAll(partitions);
        partitions.forEach(resumeAt::remove);
        if (!established.isDone()) {
            initialPositions.putAll(positions);
        }
        if (detached.isEmpty()) {
            detachedSince = -1;
            attempt = 0;
            lastFailure = null;
            return true;
        }
        return false;
    }

    /** Completes the answer to SUBSCRIBE, once: true if this call did. */
    boolean establish() {
        Map<Integer, Long> positions;
        synchronized (this) {
            positions = new TreeMap<>(initialPositions);
        }
        return established.complete(new io.logjms.protocol.api.SubscribeResponse(positions));
    }

    /**
     * Attached partitions whose leader is now another broker (by node key, from {@code leaderKey}; partitions whose
     * leader is unknown or none stay where they are), grouped by the node serving them now.
     */
    synchronized Map<Integer, List<Integer>> misplaced(IntUnaryOperator leaderKey) {
        Map<Integer, List<Integer>> byNode = new TreeMap<>();
        for (Part part : parts.values()) {
            for (int p : part.partitions()) {
                int leader = leaderKey.applyAsInt(p);
                if (leader != ClusterMetadata.NO_LEADER && leader != part.node()) {
                    byNode.computeIfAbsent(part.node(), n -> new ArrayList<>()).add(p);
                }
            }
        }
        return byNode;
    }

    // ---- runs of the mover ----

    /** Claims a run of the mover: true when none runs now (the caller starts one); otherwise one more follows. */
    synchronized boolean claimRun() {
        if (running) {
            runAgain = true;
            return false;
        }
        running = true;
        return true;
    }

    /** Ends a run: true when another was asked for meanwhile (the caller runs again). */
    synchronized boolean endRun() {
        if (runAgain) {
            runAgain = false;
            return true;
        }
        running = false;
        return false;
    }

    /** Claims the one pending retry: false when one is scheduled already. */
    synchronized boolean claimRetry() {
        if (retryScheduled) {
            return false;
        }
        retryScheduled = true;
        return true;
    }

    synchronized void retryDone() {
        retryScheduled = false;
    }

    // ---- retries ----

    /** Partitions not attached yet (a new subscription's) wait from now on, if the clock does not run already. */
    synchronized void waitingFrom(long nowMillis) {
        if (!detached.isEmpty() && detachedSince < 0) {
            detachedSince = nowMillis;
            attempt = 0;
        }
    }

    /** How long the oldest detached partition has been waiting, or -1 when none is. */
    synchronized long detachedForMillis(long nowMillis) {
        return detachedSince < 0 ? -1 : nowMillis - detachedSince;
    }

    synchronized int nextAttempt() {
        return attempt++;
    }

    synchronized void failed(Throwable failure) {
        lastFailure = failure;
    }

    synchronized Throwable lastFailure() {
        return lastFailure;
    }

    /** Marks it closed; false if it already was. */
    synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    // ---- credit ----

    /** The credit a part attached now starts with: the whole window, or none while the consumer's is withdrawn. */
    synchronized int creditForNewPart() {
        return withdrawn ? 0 : window;
    }

    synchronized int window() {
        return window;
    }

    synchronized boolean creditWithdrawn() {
        return withdrawn;
    }

    /** A part's credit was withdrawn and granted anew (a whole window): it is owed nothing. */
    synchronized void windowRegranted(int node) {
        owed.remove(node);
    }

    /** Records a delivery by the part at {@code node}: what it is owed. */
    synchronized void delivered(int node, int records) {
        owed.merge(node, records, Integer::sum);
    }

    /** The credit withdrawn from every part: the next grant opens a whole window on each. */
    synchronized void withdrawn() {
        withdrawn = true;
        freshWindow = true;
        owed.clear();
    }

    /**
     * How much of a grant of {@code credit} goes to each part: all of it to each part after a withdrawal,
     * otherwise what each is owed (what is left over is shared evenly).
     */
    synchronized Map<Part, Integer> share(int credit) {
        window = Math.max(window, credit);
        withdrawn = false;
        Map<Part, Integer> grants = new LinkedHashMap<>();
        List<Part> all = new ArrayList<>(parts.values());
        if (freshWindow) {
            freshWindow = false;
            owed.clear();
            all.forEach(p -> grants.put(p, credit));
            return grants;
        }
        int left = credit;
        for (Part p : all) {
            int give = Math.min(owed.getOrDefault(p.node(), 0), left);
            grants.put(p, give);
            owed.merge(p.node(), -give, Integer::sum);
            left -= give;
        }
        for (int i = 0; i < all.size() && left > 0; i++) {
            int give = (left + all.size() - 1 - i) / (all.size() - i);
            grants.merge(all.get(i), give, Integer::sum);
            left -= give;
        }
        return grants;
    }

    // ---- splitting ----

    /** An acknowledgement split by the part that serves each record's partition; detached partitions dropped. */
    synchronized Map<Part, AckRequest> split(AckRequest ack) {
        Map<Part, AckRequest> byPart = new LinkedHashMap<>();
        splitRefs(ack.records()).forEach((part, refs) -> byPart.put(part, new AckRequest(id(), refs)));
        return byPart;
    }

    synchronized Map<Part, ReleaseRequest> split(ReleaseRequest release) {
        Map<Part, ReleaseRequest> byPart = new LinkedHashMap<>();
        splitRefs(release.records()).forEach((part, refs) -> byPart.put(part,
                new ReleaseRequest(id(), release.delivered(), refs)));
        return byPart;
    }

    private Map<Part, List<RecordRef>> splitRefs(List<RecordRef> refs) {
        Map<Part, List<RecordRef>> byPart = new LinkedHashMap<>();
        for (RecordRef r : refs) {
            Part part = partOf(r.partition());
            if (part != null) {
                byPart.computeIfAbsent(part, p -> new ArrayList<>()).add(r);
            }
        }
        return byPart;
    }
}
