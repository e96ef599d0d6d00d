package io.logjms.broker.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.logjms.broker.config.BrokerConfig;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationExistsException;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationMetadata;
import io.logjms.broker.metadata.UnknownDestinationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster through an embedded Hazelcast member: membership and failure detection, the live copy of the
 * metadata (four maps: destinations and assignments with split-brain protection, broker addresses and replica
 * status without), and the controller's duties when this broker is the oldest member. Every change of the
 * metadata is a compare-and-set ({@code putIfAbsent}, {@code replace(key, old, new)}) of a versioned entry, so
 * two controllers cannot both win a change. Each broker applies what it sees to its own destinations and keeps
 * its own copy on disk ({@link ClusterMetadata}); Hazelcast is never the only copy.
 *
 * <p>Threads: the member starts on a thread of its own (the broker serves meanwhile); events, the controller's
 * work and saving run on one coordination thread; destination changes run on the caller's thread.
 */
public final class HazelcastCluster implements ClusterView {
    private static final Logger log = LoggerFactory.getLogger(HazelcastCluster.class);
    /** How often the coordination thread retries what could not be done (registration, contribution, control). */
    private static final long TICK_MS = 1000;
    /** How long a destination change waits for its partitions' replicas to be placed. */
    private static final long PLACEMENT_WAIT_MS = 10_000;

    private final BrokerConfig config;
    private final int nodeId;
    private final Supplier<BrokerAddress> address;
    private final ClusterMetadata metadata;
    private final HazelcastRegistry registry;
    private final CompletableFuture<Void> joined = new CompletableFuture<>();
    private final Map<Integer, BrokerAddress> brokers = new ConcurrentHashMap<>();
    private final Map<TopicPartition, ReplicaStatus> statuses = new ConcurrentHashMap<>();
    private final EpochClaims claims = new EpochClaims();
    private final ScheduledExecutorService coordination;
    private volatile HazelcastInstance hazelcast;
    private volatile boolean closed;
    private boolean registered;
    private boolean contributed;

    public HazelcastCluster(BrokerConfig config, Supplier<BrokerAddress> address) {
        if (!config.isClustered()) {
            throw new IllegalArgumentException("cluster.members is empty: a standalone broker has no cluster member");
        }
        this.config = config;
        this.nodeId = config.nodeId();
        this.address = address;
        this.metadata = new ClusterMetadata(config.dataDir());
        this.registry = new HazelcastRegistry(this, metadata);
        this.coordination = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "logjms-cluster-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(DestinationApplier applier) {
        metadata.applier(applier);
        Thread starter = new Thread(() -> join(applier), "logjms-cluster-join-" + nodeId);
        starter.setDaemon(true);
        starter.start();
    }

    private void join(DestinationApplier applier) {
        HazelcastInstance hz;
        try {
            // Hazelcast logs a few lines before it reads its configuration: send those through slf4j too
            if (System.getProperty("hazelcast.logging.type") == null) {
                System.setProperty("hazelcast.logging.type", "slf4j");
            }
            hz = Hazelcast.newHazelcastInstance(HazelcastConfigs.of(config));
        } catch (RuntimeException e) {
            fail(new ClusterException(ClusterException.Reason.NOT_JOINED, "node " + nodeId + " could not start its "
                    + "cluster member on " + config.host() + ":" + config.clusterPort() + ": " + e.getMessage(), e));
            return;
        }
        Optional<String> duplicate = duplicateNodeId(hz);
        if (duplicate.isPresent()) {
            hz.getLifecycleService().terminate();
            fail(new ClusterException(ClusterException.Reason.REFUSED, duplicate.get()));
            return;
        }
        if (!adopt(hz)) {
            hz.shutdown();
            return;
        }
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                coordinate(HazelcastCluster.this::tick);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                coordinate(HazelcastCluster.this::tick);
            }
        });
        hz.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                // the merge replaced this member's copies of the maps without entry events: read them again, and
                // register and contribute again (what this side wrote while apart may have been merged away)
                coordinate(() -> {
                    log.info("node {} merged back into cluster '{}'", nodeId, config.clusterName());
                    registered = false;
                    contributed = false;
                    loadAll();
                    tick();
                });
            }
        });
        listen(destinationsMap(), bytes -> {
            if (metadata.take(ClusterCodec.destination(bytes))) {
                metadata.save();
                tickIfController();
            }
        });
        listen(assignmentsMap(), bytes -> {
            if (metadata.take(ClusterCodec.assignment(bytes))) {
                metadata.save();
            }
        });
        listen(brokersMap(), bytes -> {
            BrokerAddress b = ClusterCodec.broker(bytes);
            brokers.put(b.nodeId(), b);
        });
        listen(statusMap(), bytes -> {
            ReplicaStatus s = ClusterCodec.status(bytes);
            statuses.put(s.partition(), s);
        });
        registry.listen();
        coordinate(() -> {
            loadAll();
            joined.complete(null);
            log.info("node {} joined cluster '{}' ({} member(s), controller node {})", nodeId, config.clusterName(),
                    hz.getCluster().getMembers().size(), controller().orElse(-1));
        });
        // a task that throws would end a fixed-delay schedule: every tick runs wrapped
        coordination.scheduleWithFixedDelay(() -> safely(this::tick), 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void fail(ClusterException e) {
        log.error("{}", e.getMessage());
        joined.completeExceptionally(e);
    }

    /** The refusal message if an older member already has this broker's node id. */
    private Optional<String> duplicateNodeId(HazelcastInstance hz) {
        Member self = hz.getCluster().getLocalMember();
        for (Member m : hz.getCluster().getMembers()) {
            if (m.equals(self)) {
                return Optional.empty();
            }
            if (Integer.toString(nodeId).equals(m.getAttribute(HazelcastConfigs.NODE_ID_ATTRIBUTE))) {
                return Optional.of("node.id " + nodeId + " is already used in cluster '" + config.clusterName()
                        + "' by the member at " + hostPort(m) + "; this broker (member " + hostPort(self)
                        + ") does not join: give every broker its own node.id");
            }
        }
        return Optional.empty();
    }

    private static String hostPort(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    private void listen(IMap<String, byte[]> map, Consumer<byte[]> onValue) {
        map.addEntryListener((EntryAddedListener<String, byte[]>) e -> coordinate(() -> onValue.accept(e.getValue())),
                true);
        map.addEntryListener((EntryUpdatedListener<String, byte[]>) e -> coordinate(() -> onValue.accept(e.getValue())),
                true);
    }

    private void coordinate(Runnable task) {
        if (closed) {
            return;
        }
        try {
            coordination.execute(() -> safely(task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("coordination stopped", e);
        }
    }

    /** Runs a coordination task; a failure is logged and retried by the next tick, never thrown. */
    private void safely(Runnable task) {
        try {
            task.run();
        } catch (HazelcastInstanceNotActiveException e) {
            log.debug("cluster member stopped", e);
        } catch (RuntimeException e) {
            log.warn("cluster coordination failed: {}", e.toString(), e);
        }
    }

    /** Reads every map and takes what is newer than what this broker holds; returns how many entries were newer. */
    private int loadAll() {
        brokersMap().values().forEach(b -> {
            BrokerAddress a = ClusterCodec.broker(b);
            brokers.put(a.nodeId(), a);
        });
        int newer = 0;
        for (byte[] b : destinationsMap().values()) {
            newer += metadata.take(ClusterCodec.destination(b)) ? 1 : 0;
        }
        for (byte[] b : assignmentsMap().values()) {
            newer += metadata.take(ClusterCodec.assignment(b)) ? 1 : 0;
        }
        statusMap().values().forEach(b -> {
            ReplicaStatus s = ClusterCodec.status(b);
            statuses.put(s.partition(), s);
        });
        claims.load(claimsMap());
        registry.loadAll();
        metadata.save();
        return newer;
    }

    /** Registration, contribution and the controller's duties; retried every tick until they succeed. */
    private void tick() {
        HazelcastInstance hz = hazelcast;
        if (hz == null || closed || !hz.getLifecycleService().isRunning()) {
            return;
        }
        if (!registered) {
            BrokerAddress self = address.get();
            brokersMap().set(Integer.toString(nodeId), ClusterCodec.broker(self));
            brokers.put(nodeId, self);
            registered = true;
        }
        try {
            if (!contributed) {
                contribute();
                contributed = true;
            }
            // entry events are not guaranteed: a change made on a member that has not yet learnt of this member's
            // listener (while a cluster forms) or during a failover is never delivered here, so every tick reads
            // the maps again and takes what is newer, as from an event
            int missed = loadAll();
            if (missed > 0) {
                log.info("node {} read {} metadata change(s) from the maps that no event had brought (yet)", nodeId,
                        missed);
            }
            if (isController()) {
                new ControllerDuties(destinationsMap(), assignmentsMap(), metadata, this::status,
                        claims::get).run(liveNodes(), majority());
                registry.purgeClientIds(liveNodes());
            }
            metadata.save();
        } catch (SplitBrainProtectionException e) {
            log.debug("no majority of the configured brokers: metadata waits ({})", e.getMessage());
        }
    }

    private void tickIfController() {
        if (isController()) {
            tick();
        }
    }

    /** Offers what this broker knows from disk ({@link DiskContributions}), subscriptions and client ids included. */
    private void contribute() {
        DiskContributions.contribute(metadata, destinationsMap(), assignmentsMap(), config.replicationFactorDefault(),
                liveNodes().size());
        registry.contribute();
    }

    int majority() {
        return HazelcastConfigs.majority(config.clusterMembers().size());
    }

    boolean isController() {
        HazelcastInstance hz = hazelcast;
        return hz != null && hz.getLifecycleService().isRunning()
                && hz.getCluster().getMembers().iterator().next().localMember();
    }

    /** Node id → member id (the incarnation) of every live member, the older one first for a taken id. */
    SortedMap<Integer, String> liveNodes() {
        SortedMap<Integer, String> live = new TreeMap<>();
        HazelcastInstance hz = hazelcast;
        if (hz == null || !hz.getLifecycleService().isRunning()) {
            return live;
        }
        for (Member m : hz.getCluster().getMembers()) {
            String id = m.getAttribute(HazelcastConfigs.NODE_ID_ATTRIBUTE);
            if (id != null) {
                live.putIfAbsent(Integer.parseInt(id), m.getUuid().toString());
            }
        }
        return live;
    }

    IMap<String, byte[]> destinationsMap() {
        return hazelcast().getMap(HazelcastConfigs.DESTINATIONS);
    }

    IMap<String, byte[]> assignmentsMap() {
        return hazelcast().getMap(HazelcastConfigs.ASSIGNMENTS);
    }

    private IMap<String, byte[]> brokersMap() {
        return hazelcast().getMap(HazelcastConfigs.BROKERS);
    }

    private IMap<String, byte[]> statusMap() {
        return hazelcast().getMap(HazelcastConfigs.STATUS);
    }

    private IMap<String, byte[]> claimsMap() {
        return hazelcast().getMap(HazelcastConfigs.CLAIMS);
    }

    void requireJoined() {
        if (!joined.isDone() || joined.isCompletedExceptionally()) {
            String why = joined.isCompletedExceptionally() ? joined.handle((v, e) -> e.getMessage()).join()
                    : "it is still joining";
            throw new ClusterException(ClusterException.Reason.NOT_JOINED, "node " + nodeId + " is not a member of"
                    + " cluster '" + config.clusterName() + "': " + why);
        }
    }

    /** The id of this broker's member in its current incarnation (a restarted broker is a new member). */
    String localIncarnation() {
        return hazelcast().getCluster().getLocalMember().getUuid().toString();
    }

    HazelcastInstance hazelcast() {
        HazelcastInstance hz = hazelcast;
        if (hz == null) {
            throw new ClusterException(ClusterException.Reason.NOT_JOINED, "node " + nodeId
                    + " has not joined cluster '" + config.clusterName() + "' yet");
        }
        return hz;
    }

    @Override
    public boolean isClustered() {
        return true;
    }

    @Override
    public int localNodeId() {
        return nodeId;
    }

    @Override
    public String clusterName() {
        return config.clusterName();
    }

    @Override
    public List<ClusterMember> members() {
        SortedMap<Integer, BrokerAddress> known = new TreeMap<>(brokers);
        known.put(nodeId, address.get());
        SortedMap<Integer, String> live = liveNodes();
        List<ClusterMember> members = new ArrayList<>();
        known.forEach((id, a) -> members.add(new ClusterMember(id, a, id == nodeId ? !closed : live.containsKey(id))));
        return members;
    }

    @Override
    public OptionalInt controller() {
        HazelcastInstance hz = hazelcast;
        if (hz == null || !hz.getLifecycleService().isRunning()) {
            return OptionalInt.empty();
        }
        String id = hz.getCluster().getMembers().iterator().next().getAttribute(HazelcastConfigs.NODE_ID_ATTRIBUTE);
        return id == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(id));
    }

    @Override
    public Optional<BrokerAddress> address(int node) {
        return node == nodeId ? Optional.of(address.get()) : Optional.ofNullable(brokers.get(node));
    }

    @Override
    public Optional<PartitionAssignment> assignment(TopicPartition partition) {
        return metadata.assignment(partition).map(AssignmentEntry::assignment);
    }

    @Override
    public void addAssignmentListener(Consumer<PartitionAssignment> listener) {
        metadata.addListener(listener);
    }

    @Override
    public void publishStatus(ReplicaStatus status) {
        statuses.put(status.partition(), status);
        HazelcastInstance hz = hazelcast;
        if (hz != null && joined.isDone()) {
            try {
                statusMap().setAsync(ClusterCodec.key(status.partition()), ClusterCodec.status(status));
            } catch (RuntimeException e) {
                log.debug("status of {} not published: {}", status.partition(), e.toString());
            }
        }
    }

    @Override
    public void claimEpoch(EpochClaim claim) {
        // a claim made before the join waits for it: the replica reports again only when the assignment changes, and
        // only the claim would change it (after a whole-cluster restart, a controller that restored an older state
        // gave an epoch again, the replicas that knew it claimed before their join, and the partition stayed
        // without a leader)
        joined.thenRun(() -> coordinate(() -> {
            if (hazelcast != null) {
                claims.add(claimsMap(), claim);
            }
        }));
    }

    @Override
    public Optional<ReplicaStatus> status(TopicPartition partition) {
        return Optional.ofNullable(statuses.get(partition));
    }

    @Override
    public Optional<SubscriptionRegistry> subscriptionRegistry() {
        return Optional.of(registry);
    }

    @Override
    public Optional<ClientIdRegistry> clientIdRegistry() {
        return Optional.of(registry);
    }

    @Override
    public CompletableFuture<Void> joined() {
        return joined;
    }

    @Override
    public void createDestination(DestinationMetadata destination, int replicationFactor) {
        DestinationKey key = destination.key();
        DestinationEntry written = write(key, current -> {
            if (current != null && !current.deleted()) {
                applyHere(current); // this broker may not have seen it yet: an auto-create then finds it open
                throw new DestinationExistsException(key);
            }
            int rf = ControllerDecisions.replicationFactor(replicationFactor, config.replicationFactorDefault(),
                    liveNodes().size());
            return current == null ? new DestinationEntry(key, 1, destination, rf) : current.next(destination, rf);
        });
        applyHere(written);
        try {
            if (!metadata.awaitAssignments(destination, PLACEMENT_WAIT_MS)) {
                log.warn("{} is created but its replicas are not placed yet (the controller places them when it can)",
                        key);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void updateDestination(DestinationMetadata destination) {
        DestinationKey key = destination.key();
        applyHere(write(key, current -> {
            requireExists(key, current);
            return current.next(destination, current.replicationFactor());
        }));
    }

    @Override
    public void deleteDestination(DestinationKey key) {
        applyHere(write(key, current -> {
            requireExists(key, current);
            return current.next(null, current.replicationFactor());
        }));
    }

    @Override
    public int replicationFactor(DestinationKey key) {
        return metadata.destination(key).filter(d -> !d.deleted()).map(DestinationEntry::replicationFactor).orElse(1);
    }

    private static void requireExists(DestinationKey key, DestinationEntry current) {
        if (current == null || current.deleted()) {
            throw new UnknownDestinationException(key);
        }
    }

    private void applyHere(DestinationEntry entry) {
        metadata.take(entry);
        metadata.save();
    }

    /** Compare-and-set of a destination entry: {@code change} gets the current entry (or null) and gives the next. */
    private DestinationEntry write(DestinationKey key, java.util.function.UnaryOperator<DestinationEntry> change) {
        requireJoined();
        IMap<String, byte[]> map = destinationsMap();
        String name = key.logName();
        try {
            if (liveNodes().size() < majority()) {
                throw new SplitBrainProtectionException("only " + liveNodes().size() + " live member(s)");
            }
            while (true) {
                byte[] currentBytes = map.get(name);
                DestinationEntry current = currentBytes == null ? null : ClusterCodec.destination(currentBytes);
                DestinationEntry next = change.apply(current);
                byte[] nextBytes = ClusterCodec.destination(next);
                boolean won = currentBytes == null ? map.putIfAbsent(name, nextBytes) == null
                        : map.replace(name, currentBytes, nextBytes);
                if (won) {
                    return next;
                }
            }
        } catch (SplitBrainProtectionException e) {
            throw new ClusterException(ClusterException.Reason.NO_MAJORITY, "cluster '" + config.clusterName()
                    + "' cannot change " + key + ": fewer than a majority ("
                    + majority() + " of "
                    + config.clusterMembers().size() + ") of the configured brokers are members", e);
        } catch (HazelcastInstanceNotActiveException e) {
            throw new ClusterException(ClusterException.Reason.NOT_JOINED, "node " + nodeId
                    + " is leaving cluster '" + config.clusterName() + "'", e);
        }
    }

    private synchronized boolean adopt(HazelcastInstance hz) {
        if (closed) {
            return false;
        }
        hazelcast = hz;
        return true;
    }

    /** Stops the member abruptly, as a crash would (tests: the others see it leave without a goodbye). */
    synchronized void terminate() {
        closed = true;
        coordination.shutdownNow();
        registry.close();
        HazelcastInstance hz = hazelcast;
        if (hz != null) {
            hz.getLifecycleService().terminate();
        }
        joined.completeExceptionally(new ClusterException(ClusterException.Reason.NOT_JOINED, "terminated"));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        coordination.shutdown();
        try {
            coordination.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.close();
        HazelcastInstance hz = hazelcast;
        if (hz != null) {
            hz.shutdown();
        }
        joined.completeExceptionally(new ClusterException(ClusterException.Reason.NOT_JOINED, "closed"));
    }
}
