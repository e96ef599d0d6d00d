package io.logjms.broker.cluster;

import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this broker knows of the cluster metadata, without Hazelcast: the entries seen in the cluster in this run
 * (what it applies and answers from), and the highest version of every entry it ever knew (what it persists in
 * {@link ClusterStateFile} and contributes when the cluster forms). An entry is taken only if its version is
 * higher than the one held, so changes reach the applier and the assignment listeners once each, in version
 * order per key, whichever path (event, initial load, the writer itself) brings them first. Thread-safe: changes
 * are taken one at a time, reads do not wait for them. Stored-subscription entries are kept beside them without
 * this object's lock ({@link #take(SubscriptionEntry)}), and {@link #save()} takes only a lock of its own: the
 * subscription side writes while it holds its own lock, and a destination's deletion reaches it under this one.
 */
final class ClusterMetadata {
    private static final Logger log = LoggerFactory.getLogger(ClusterMetadata.class);

    private final ClusterStateFile file;
    // written under this object's lock; copied by save() without it
    private final Map<DestinationKey, DestinationEntry> knownDestinations = new ConcurrentSkipListMap<>();
    private final Map<TopicPartition, AssignmentEntry> knownAssignments =
            new ConcurrentSkipListMap<>(ClusterStateFile::compare);
    private final ConcurrentMap<String, SubscriptionEntry> knownSubscriptions = new ConcurrentSkipListMap<>();
    private final Object saving = new Object();
    private final AtomicBoolean dirty = new AtomicBoolean();
    // written under this object's lock, read without it (network threads ask for assignments)
    private final Map<DestinationKey, DestinationEntry> destinations = new ConcurrentHashMap<>();
    private final Map<TopicPartition, AssignmentEntry> assignments = new ConcurrentHashMap<>();
    private final List<Consumer<PartitionAssignment>> listeners = new CopyOnWriteArrayList<>();
    private DestinationApplier applier;

    ClusterMetadata(Path dataDir) {
        this.file = new ClusterStateFile(dataDir);
        ClusterStateFile.State state = file.load();
        this.knownDestinations.putAll(state.destinations());
        this.knownAssignments.putAll(state.assignments());
        this.knownSubscriptions.putAll(state.subscriptions());
    }

    synchronized void applier(DestinationApplier applier) {
        this.applier = applier;
    }

    synchronized DestinationApplier applierOrNull() {
        return applier;
    }

    synchronized Optional<DestinationEntry> knownDestination(DestinationKey key) {
        return Optional.ofNullable(knownDestinations.get(key));
    }

    void addListener(Consumer<PartitionAssignment> listener) {
        listeners.add(listener);
    }

    /** Takes a destination entry seen in the cluster; applies it here if it is newer than the one held. */
    synchronized boolean take(DestinationEntry entry) {
        DestinationEntry held = destinations.get(entry.key());
        if (held != null && held.version() >= entry.version()) {
            return false;
        }
        if (applier != null) {
            try {
                if (entry.deleted()) {
                    applier.deleted(entry.key());
                } else {
                    applier.stored(entry.metadata());
                }
            } catch (RuntimeException e) {
                log.error("could not apply version {} of {} here", entry.version(), entry.key(), e);
                return false;
            }
        }
        destinations.put(entry.key(), entry);
        remember(entry);
        notifyAll();
        return true;
    }

    /** Takes an assignment seen in the cluster; tells the listeners if it is newer than the one held. */
    synchronized boolean take(AssignmentEntry entry) {
        AssignmentEntry held = assignments.get(entry.partition());
        if (held != null && held.version() >= entry.version()) {
            return false;
        }
        assignments.put(entry.partition(), entry);
        remember(entry);
        if (!entry.deleted()) {
            for (Consumer<PartitionAssignment> l : listeners) {
                try {
                    l.accept(entry.assignment());
                } catch (RuntimeException e) {
                    log.error("an assignment listener failed on {}", entry.assignment(), e);
                }
            }
        }
        notifyAll();
        return true;
    }

    private void remember(DestinationEntry entry) {
        DestinationEntry known = knownDestinations.get(entry.key());
        if (known == null || known.version() < entry.version()) {
            knownDestinations.put(entry.key(), entry);
            dirty.set(true);
        }
    }

    private void remember(AssignmentEntry entry) {
        AssignmentEntry known = knownAssignments.get(entry.partition());
        if (known == null || known.version() < entry.version()) {
            knownAssignments.put(entry.partition(), entry);
            dirty.set(true);
        }
    }

    /**
     * Takes a stored-subscription entry (seen in the cluster, loaded, or written here) if its version is higher
     * than the one known; does not wait for this object's lock.
     *
     * @return whether it was newer
     */
    boolean take(SubscriptionEntry entry) {
        boolean[] newer = new boolean[1];
        knownSubscriptions.compute(entry.id(), (id, known) -> {
            newer[0] = known == null || known.version() < entry.version();
            return newer[0] ? entry : known;
        });
        if (newer[0]) {
            dirty.set(true);
        }
        return newer[0];
    }

    Optional<SubscriptionEntry> subscription(String id) {
        return Optional.ofNullable(knownSubscriptions.get(id));
    }

    /** Every stored-subscription entry known, tombstones included, ordered by id. */
    List<SubscriptionEntry> subscriptions() {
        return new ArrayList<>(knownSubscriptions.values());
    }

    /**
     * Writes what is known to disk if anything changed since the last save. Copies without this object's lock
     * (under a lock of its own), so it may be called while the caller holds locks that a destination change
     * applied under this object's lock waits for.
     */
    void save() {
        synchronized (saving) {
            if (dirty.getAndSet(false)) {
                try {
                    file.save(new ArrayList<>(knownDestinations.values()),
                            new ArrayList<>(knownAssignments.values()), new ArrayList<>(knownSubscriptions.values()));
                } catch (RuntimeException e) {
                    dirty.set(true);
                    throw e;
                }
            }
        }
    }

    synchronized List<DestinationEntry> knownDestinations() {
        return new ArrayList<>(knownDestinations.values());
    }

    synchronized List<AssignmentEntry> knownAssignments() {
        return new ArrayList<>(knownAssignments.values());
    }

    Optional<DestinationEntry> destination(DestinationKey key) {
        return Optional.ofNullable(destinations.get(key));
    }

    Optional<AssignmentEntry> assignment(TopicPartition tp) {
        return Optional.ofNullable(assignments.get(tp));
    }

    /** The destinations seen, ordered by key. */
    List<DestinationEntry> destinations() {
        return new ArrayList<>(new TreeMap<>(destinations).values());
    }

    /** The assignments seen, ordered by partition. */
    List<AssignmentEntry> assignments() {
        Map<TopicPartition, AssignmentEntry> sorted = new TreeMap<>(ClusterStateFile::compare);
        sorted.putAll(assignments);
        return new ArrayList<>(sorted.values());
    }

    /**
     * Waits until every partition of {@code destination} has an assignment here, at most {@code timeoutMs}.
     *
     * @return whether they all have one
     */
    synchronized boolean awaitAssignments(DestinationMetadata destination, long timeoutMs)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!assigned(destination)) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private boolean assigned(DestinationMetadata destination) {
        for (int p = 0; p < destination.partitions(); p++) {
            AssignmentEntry a = assignments.get(new TopicPartition(destination.key().logName(), p));
            if (a == null || a.deleted()) {
                return false;
            }
        }
        return true;
    }
}
