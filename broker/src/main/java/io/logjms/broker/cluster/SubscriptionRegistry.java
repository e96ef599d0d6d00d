package io.logjms.broker.cluster;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The cluster-wide registry of stored subscriptions' definitions (durable and shared durable), as a
 * {@link ClusterView} of a clustered broker offers it. Every broker holds every entry: the live copy is in the
 * coordination (split-brain protected, so a minority cannot change it), each broker keeps its own copy in
 * {@code meta/cluster.state} and contributes it when the cluster forms again (the highest version of each id wins).
 */
public interface SubscriptionRegistry {

    /** Every entry this broker knows, tombstones included, ordered by id; never waits for the cluster. */
    List<SubscriptionEntry> subscriptions();

    /** The entry of an id this broker knows (possibly a tombstone); never waits for the cluster. */
    Optional<SubscriptionEntry> subscription(String id);

    /**
     * Changes an id's entry in the whole cluster by compare-and-set: {@code change} gets the current entry (null
     * if the id was never stored) and gives the next one ({@link SubscriptionEntry#first},
     * {@link SubscriptionEntry#next}, {@link SubscriptionEntry#tombstone}), or the current one itself to change
     * nothing. It is called again with the newer entry when another broker changed it meanwhile. The written entry
     * is taken here and saved before this returns. Waits for the cluster: not on a network thread.
     *
     * @return the entry now stored
     * @throws ClusterException when the cluster cannot change it (no majority, not joined)
     */
    SubscriptionEntry write(String id, UnaryOperator<SubscriptionEntry> change);

    /**
     * Tells {@code listener} of every entry that this broker learns from the cluster (another broker's change, or
     * what a broker contributed after a restart), newer than the one it knew, in version order per id, on one
     * thread of the registry's own (never a network or coordination thread). Changes written here through
     * {@link #write} are not told.
     */
    void addListener(Consumer<SubscriptionEntry> listener);
}
