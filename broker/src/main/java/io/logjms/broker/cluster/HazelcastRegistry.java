package io.logjms.broker.cluster;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored-subscription registry and the client-id registry of a {@link HazelcastCluster}: two split-brain
 * protected maps of byte values ({@link ClusterCodec}) changed by compare-and-set. Subscription entries seen are
 * kept and saved by {@link ClusterMetadata} and told to the listeners on a thread of this class's own, so that a
 * listener (which waits for the subscription manager) never holds up the coordination thread.
 */
final class HazelcastRegistry implements SubscriptionRegistry, ClientIdRegistry, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HazelcastRegistry.class);

    private final HazelcastCluster cluster;
    private final ClusterMetadata metadata;
    private final List<Consumer<SubscriptionEntry>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier;
    /** The live members the last purge of client ids was made for (only the coordination thread uses it). */
    private Map<Integer, String> purgedFor = Map.of();

    HazelcastRegistry(HazelcastCluster cluster, ClusterMetadata metadata) {
        this.cluster = cluster;
        this.metadata = metadata;
        this.notifier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "logjms-registry-" + cluster.localNodeId());
            t.setDaemon(true);
            return t;
        });
    }

    /** Follows the subscription map from now on (called once the member has joined). */
    void listen() {
        IMap<String, byte[]> map = subscriptionsMap();
        map.addEntryListener((EntryAddedListener<String, byte[]>) e -> received(e.getValue()), true);
        map.addEntryListener((EntryUpdatedListener<String, byte[]>) e -> received(e.getValue()), true);
    }

    /** Takes every entry the cluster holds (after joining and after a merge, which replaces maps without events). */
    void loadAll() {
        subscriptionsMap().values().forEach(this::received);
    }

    /** Offers every entry this broker knows (from disk or seen before); for each id the highest version wins. */
    void contribute() {
        IMap<String, byte[]> map = subscriptionsMap();
        for (SubscriptionEntry e : metadata.subscriptions()) {
            DiskContributions.offer(map, e.id(), ClusterCodec.subscription(e), e.version(),
                    b -> ClusterCodec.subscription(b).version());
        }
    }

    private void received(byte[] bytes) {
        try {
            notifier.execute(() -> {
                SubscriptionEntry entry = ClusterCodec.subscription(bytes);
                if (metadata.take(entry)) {
                    metadata.save();
                    for (Consumer<SubscriptionEntry> l : listeners) {
                        try {
                            l.accept(entry);
                        } catch (RuntimeException e) {
                            log.error("a subscription registry listener failed on {}", entry, e);
                        }
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("registry stopped", e);
        }
    }

    @Override
    public List<SubscriptionEntry> subscriptions() {
        return metadata.subscriptions();
    }

    @Override
    public Optional<SubscriptionEntry> subscription(String id) {
        return metadata.subscription(id);
    }

    @Override
    public void addListener(Consumer<SubscriptionEntry> listener) {
        listeners.add(listener);
    }

    @Override
    public SubscriptionEntry write(String id, UnaryOperator<SubscriptionEntry> change) {
        return changing("change subscription " + id, () -> {
            IMap<String, byte[]> map = subscriptionsMap();
            while (true) {
                byte[] currentBytes = map.get(id);
                SubscriptionEntry inMap = currentBytes == null ? null : ClusterCodec.subscription(currentBytes);
                // a version this broker knew from disk that the cluster has not been offered yet still counts
                SubscriptionEntry known = metadata.subscription(id).orElse(null);
                SubscriptionEntry current = known != null && (inMap == null || known.version() > inMap.version())
                        ? known : inMap;
                SubscriptionEntry next = change.apply(current);
                if (java.util.Objects.equals(next, current)) {
                    if (current != null) {
                        metadata.take(current);
                    }
                    return current;
                }
                long expected = current == null ? 1 : current.version() + 1;
                if (!next.id().equals(id) || next.version() != expected) {
                    throw new IllegalArgumentException("the next entry of " + id + " must be version " + expected
                            + ": " + next);
                }
                byte[] nextBytes = ClusterCodec.subscription(next);
                boolean won = currentBytes == null ? map.putIfAbsent(id, nextBytes) == null
                        : map.replace(id, currentBytes, nextBytes);
                if (won) {
                    metadata.take(next);
                    metadata.save();
                    return next;
                }
            }
        });
    }

    @Override
    public Optional<String> claim(String clientId, String owner) {
        return changing("claim client id '" + clientId + "'", () -> {
            IMap<String, byte[]> map = clientIdsMap();
            ClientIdHolder.Node me = self();
            while (true) {
                byte[] currentBytes = map.get(clientId);
                if (currentBytes == null) {
                    ClientIdHolder fresh = new ClientIdHolder(clientId, owner, List.of(me));
                    if (map.putIfAbsent(clientId, ClusterCodec.clientId(fresh)) == null) {
                        return Optional.<String>empty();
                    }
                    continue;
                }
                ClientIdHolder holder = ClusterCodec.clientId(currentBytes);
                ClientIdHolder live = holder.live(cluster.liveNodes());
                if (!holder.owner().equals(owner) && live.held()) {
                    return Optional.of("client id '" + clientId + "' is in use by another connection (on node"
                            + (live.nodes().size() > 1 ? "s " : " ")
                            + String.join(", ", live.nodes().stream().map(n -> Integer.toString(n.nodeId())).toList())
                            + ")");
                }
                ClientIdHolder next = (live.held() ? live : new ClientIdHolder(clientId, owner, List.of())).with(me);
                if (next.equals(holder) || map.replace(clientId, currentBytes, ClusterCodec.clientId(next))) {
                    return Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public void release(String clientId, String owner) {
        changing("release client id '" + clientId + "'", () -> {
            IMap<String, byte[]> map = clientIdsMap();
            ClientIdHolder.Node me = self();
            while (true) {
                byte[] currentBytes = map.get(clientId);
                if (currentBytes == null) {
                    return null;
                }
                ClientIdHolder holder = ClusterCodec.clientId(currentBytes);
                if (!holder.owner().equals(owner)) {
                    return null;
                }
                ClientIdHolder next = holder.without(me).live(cluster.liveNodes());
                boolean done = next.held() ? map.replace(clientId, currentBytes, ClusterCodec.clientId(next))
                        : map.remove(clientId, currentBytes);
                if (done) {
                    return null;
                }
            }
        });
    }

    /**
     * Drops the claims of brokers that are no longer live members in the incarnation they claimed with (they died,
     * or were removed and came back as a new member), so that their clients can reconnect elsewhere with the same
     * client id. Run by the controller on its ticks; scans the map only when the live members changed since the
     * last purge that completed (a claim made meanwhile checks the holder's brokers itself).
     */
    void purgeClientIds(SortedMap<Integer, String> live) {
        if (live.equals(purgedFor)) {
            return;
        }
        IMap<String, byte[]> map = clientIdsMap();
        for (Map.Entry<String, byte[]> e : map.entrySet()) {
            ClientIdHolder holder = ClusterCodec.clientId(e.getValue());
            ClientIdHolder alive = holder.live(live);
            if (alive == holder) {
                continue;
            }
            boolean done = alive.held() ? map.replace(e.getKey(), e.getValue(), ClusterCodec.clientId(alive))
                    : map.remove(e.getKey(), e.getValue());
            if (done && !alive.held()) {
                log.info("client id '{}' released: its holder's broker(s) left the cluster", e.getKey());
            }
        }
        purgedFor = new java.util.TreeMap<>(live);
    }

    private ClientIdHolder.Node self() {
        return new ClientIdHolder.Node(cluster.localNodeId(), cluster.localIncarnation());
    }

    /** Runs a change of a protected map, translating Hazelcast's refusals into {@link ClusterException}s. */
    private <T> T changing(String what, Supplier<T> work) {
        cluster.requireJoined();
        try {
            if (cluster.liveNodes().size() < cluster.majority()) {
                throw new SplitBrainProtectionException("only " + cluster.liveNodes().size() + " live member(s)");
            }
            return work.get();
        } catch (SplitBrainProtectionException e) {
            throw new ClusterException(ClusterException.Reason.NO_MAJORITY, "cluster '" + cluster.clusterName()
                    + "' cannot " + what + ": fewer than a majority (" + cluster.majority()
                    + ") of the configured brokers are members", e);
        } catch (HazelcastInstanceNotActiveException e) {
            throw new ClusterException(ClusterException.Reason.NOT_JOINED, "node " + cluster.localNodeId()
                    + " is leaving cluster '" + cluster.clusterName() + "'", e);
        }
    }

    private IMap<String, byte[]> subscriptionsMap() {
        return cluster.hazelcast().getMap(HazelcastConfigs.SUBSCRIPTIONS);
    }

    private IMap<String, byte[]> clientIdsMap() {
        return cluster.hazelcast().getMap(HazelcastConfigs.CLIENT_IDS);
    }

    @Override
    public void close() {
        notifier.shutdown();
        try {
            notifier.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
